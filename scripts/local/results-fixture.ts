/**
 * A local stand-in for the federation's results service (Torneopal "Taso" REST), for `npm start` and tests:
 * a real HTTP server answering `GET /taso/rest/getMatch|getMatches` in the recorded envelope shape, with the
 * demo round of ./results-fixture-data.ts. A wrong `api_key` gets the plain-text `Invalid db` the real service
 * gives. `PUT /fixture/matches/{id}` (JSON: raw fields to change) lets a walkthrough change the official record.
 * Run alone: `tsx scripts/local/results-fixture.ts` (RESULTS_PORT, default 8020).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { fixtureMatches, type RawMatch } from './results-fixture-data.js';

export const FIXTURE_API_KEY = 'local-fixture-key';

export interface ResultsFixture {
  /** the base URL to set as RESULTS_API_URL */
  url: string;
  port: number;
  server: Server;
  /** the matches it serves, by id (tests and the walkthrough change them) */
  matches: Map<string, RawMatch>;
  /** how many calls each method got */
  calls: Record<string, number>;
  stop(): Promise<void>;
}

const helsinkiStamp = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Europe/Helsinki' }).replace(' ', 'T');

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let raw = '';
  for await (const chunk of req) {
    raw += String(chunk);
    if (raw.length > 1_000_000) throw new Error('too large');
  }
  return JSON.parse(raw) as unknown;
}

export async function startResultsFixture(
  opts: { port?: number; host?: string; apiKey?: string; now?: Date; matches?: RawMatch[] } = {},
): Promise<ResultsFixture> {
  const apiKey = opts.apiKey ?? FIXTURE_API_KEY;
  const matches = new Map((opts.matches ?? fixtureMatches(opts.now ?? new Date())).map((m) => [String(m.match_id), m]));
  const calls: Record<string, number> = {};

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fixture');
      const put = /^\/fixture\/matches\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'PUT' && put) {
        const m = matches.get(decodeURIComponent(put[1]!));
        if (!m) return send(res, 404, { error: 'no such match' });
        const patch = await readJson(req).catch(() => undefined);
        if (!patch || typeof patch !== 'object') return send(res, 400, { error: 'send a JSON object of raw fields, e.g. {"fs_A":"5"}' });
        Object.assign(m, patch, { last_modified: helsinkiStamp(new Date()).replace('T', ' ') });
        return send(res, 200, m);
      }
      if (req.method === 'GET' && url.pathname === '/fixture/matches') return send(res, 200, { matches: [...matches.values()] });
      const method = /^\/taso\/rest\/(\w+)$/.exec(url.pathname)?.[1];
      if (req.method !== 'GET' || !method) return send(res, 404, 'Not found');
      calls[method] = (calls[method] ?? 0) + 1;
      if (url.searchParams.get('api_key') !== apiKey) return send(res, 200, 'Invalid db');
      const parameters = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'api_key'));
      const call = (status: string, extra: Record<string, unknown> = {}) => ({
        method,
        status,
        apilevel: '1',
        timestamp: helsinkiStamp(new Date()),
        parameters,
        ...extra,
      });
      if (method === 'getMatch') {
        const m = matches.get(url.searchParams.get('match_id') ?? '');
        return send(res, 200, m ? { call: call('ok'), match: m } : { call: call('error', { message: 'Match not found' }) });
      }
      if (method === 'getMatches') {
        const p = (k: string) => url.searchParams.get(k);
        const list = [...matches.values()].filter(
          (m) =>
            (!p('competition_id') || m.competition_id === p('competition_id')) &&
            (!p('category_id') || m.category_id === p('category_id')) &&
            (!p('start_date') || String(m.date) >= p('start_date')!) &&
            (!p('end_date') || String(m.date) <= p('end_date')!) &&
            (!p('date') || m.date === p('date')),
        );
        return send(res, 200, { call: call('ok'), matches: list });
      }
      return send(res, 200, { call: call('error', { message: `Unknown method ${method}` }) });
    })().catch(() => send(res, 500, 'fixture error'));
  });
  await new Promise<void>((res, rej) => server.once('error', rej).listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => res()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/taso/rest/`,
    port,
    server,
    matches,
    calls,
    stop: () =>
      new Promise<void>((res) => {
        server.closeAllConnections();
        server.close(() => res());
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const f = await startResultsFixture({ port: Number(process.env.RESULTS_PORT ?? 8020) });
  console.log(`results-service fixture on ${f.url} (api_key ${FIXTURE_API_KEY}); ${f.matches.size} demo matches`);
}

/**
 * Handler CPU per request with I/O stubbed (a DynamoDB document client that answers from memory and a
 * mailer that accepts everything), next to a bare handler doing the same JSON parse and answer.
 * Also: peak memory of one process handling 10,000 requests (sets the Lambda memory size).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { lambdaContext } from '../scripts/local/api-server.js';
import { DynamoStore } from '../scripts/local/dynamo-store.js';
import { systemClock } from '../shared/ports/clock.js';
import { setContactHashKey } from '../shared/domain/contact-key.js';
import { apiEvent } from '../tests/support/events.js';
import { STUB_MATCH } from '../tests/support/stub-items.js';

const MATCH = STUB_MATCH;
const SERIES = { PK: 'SERIES', SK: 's1', id: 's1', name: 'F-liiga', officials: [{ name: 'A', email: 'a@x.fi', language: 'fi' }] };

function queueItems(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    PK: `C#id-${i}`,
    SK: 'META',
    GSI1PK: 'QUEUE',
    GSI1SK: `2026-11-21T10:00:${String(i % 60).padStart(2, '0')}.000Z#id-${i}`,
    kind: 'correction',
    id: `id-${i}`,
    reference: 'TP-2345-6789',
    status: 'queued',
    receivedAt: '2026-11-21T10:00:00.000Z',
    channel: 'web',
    matchId: 'M-1',
    category: 'goal',
    version: 1,
    sla: { targetMode: 'results', firstResponseDueAt: '2026-11-21T10:30:00.000Z', resolutionDueAt: '2026-11-21T13:00:00.000Z' },
  }));
}

/**
 * A document client answering from memory: the I/O stub. `BENCH_QUEUE_CHANGING=1`: every queue read returns a page
 * whose first row is new (its version counts up), so nothing of the last page can be reused (the console's polls
 * mostly get the page they had; this is the other case).
 */
export function stubDocumentClient(): DynamoDBDocumentClient {
  const queue = queueItems(50);
  const changing = process.env.BENCH_QUEUE_CHANGING === '1';
  // esbuild renames clashing classes in a bundle (QueryCommand2): the command's kind without the suffix, worked out
  // once per command class (it is the stub's cost, not the handler's)
  const kinds = new Map<unknown, string>();
  const kindOf = (c: { name: string }) => {
    let kind = kinds.get(c);
    if (kind === undefined) kinds.set(c, (kind = c.name.replace(/\d+$/, '')));
    return kind;
  };
  const send = async (cmd: { constructor: { name: string }; input: Record<string, any> }) => {
    switch (kindOf(cmd.constructor)) {
      case 'GetCommand': {
        const pk = String(cmd.input.Key?.PK);
        if (pk.startsWith('MATCH#')) return { Item: MATCH };
        if (pk === 'SERIES') return { Item: SERIES };
        return {};
      }
      case 'QueryCommand':
        if (cmd.input.IndexName !== 'queue') return { Items: [] };
        if (changing) queue[0] = { ...queue[0]!, version: queue[0]!.version + 1 };
        return { Items: queue.slice(0, cmd.input.Limit ?? 50) };
      case 'UpdateCommand':
        return {
          Attributes: {
            PK: 'OUTBOX#x',
            SK: 'OUTBOX',
            id: 'x',
            to: 'a@x.fi',
            subject: 's',
            text: 't',
            html: 'h',
            attempts: 1,
            status: 'pending',
            reference: 'TP-2345-6789',
            createdAt: new Date().toISOString(),
          },
        };
      default:
        return {};
    }
  };
  return { send } as unknown as DynamoDBDocumentClient;
}

type Handler = (e: APIGatewayProxyEventV2, c: unknown) => Promise<{ statusCode: number }>;

const bare: Handler = async (event) => {
  const body = JSON.parse(event.body ?? '{}') as Record<string, unknown>;
  return { statusCode: 201, body: JSON.stringify({ id: randomUUID(), status: 'queued', matchId: body.matchId }) } as never;
};

const correctionBody = (i: number) => ({
  matchId: 'M-1',
  category: 'final-score',
  description: 'Pöytäkirjaan on merkitty lopputulokseksi 5–4, oikea tulos on 5–3 (maali 58:12 hylättiin).',
  proposed: { homeGoals: 5, awayGoals: 3 },
  reporter: { name: 'Matti Meikäläinen', email: `matti${i}@example.fi`, phone: '+358401234567', team: 'SPV', role: 'joukkueenjohtaja' },
  language: 'fi',
});

/**
 * CPU µs per call: the least of 5 rounds of n/5 calls. On a shared machine other processes make a round slower
 * (caches, the other core's load) but never faster, so the least round is the code's own cost.
 *
 * The event and the Lambda context are the runtime's inputs, not the handler's work: each round's are built before
 * its clock starts (session 5). `BENCH_CPU_INLINE_EVENTS=1` builds them inside the timed loop, as the figures up to
 * session 4 did (~10 µs more a request), to compare with those.
 */
function cpuPerCall<A>(make: () => A, fn: (a: A) => Promise<unknown>, n: number): Promise<number> {
  const inline = process.env.BENCH_CPU_INLINE_EVENTS === '1';
  return (async () => {
    for (let i = 0; i < Math.min(500, n); i++) await fn(make()); // warm up (JIT)
    const per = Math.max(1, Math.floor(n / 5));
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const inputs = inline ? [] : Array.from({ length: per }, make);
      const start = process.cpuUsage();
      if (inline) for (let i = 0; i < per; i++) await fn(make());
      else for (let i = 0; i < per; i++) await fn(inputs[i]!);
      const d = process.cpuUsage(start);
      best = Math.min(best, (d.user + d.system) / per);
    }
    return best;
  })();
}

export interface CpuRow {
  route: string;
  handlerCpuUs: number;
  bareCpuUs: number;
}

export async function benchCpu(n: number, log: (s: string) => void, only?: string): Promise<CpuRow[]> {
  // The contact hash key installed as a Lambda cold start installs it (installContactHashKey: from the hotline secret),
  // here the key off Lambda would be (CONTACT_HMAC_KEY or the local default), so the hashes are the same; without it
  // every hash reads the environment twice to find the key (issue 15, session 5).
  setContactHashKey(process.env.CONTACT_HMAC_KEY ?? 'results-hotline-local-contact-key');
  // each handler built by its composition root from the stubbed deps
  const deps = { store: new DynamoStore(stubDocumentClient(), 'bench'), mailer: { send: async () => 'stub' }, clock: systemClock };
  const publicCorrections = (await import('../functions/public-corrections/handler.js')).makeHandler(deps) as unknown as Handler;
  const staffQueue = (await import('../functions/staff-queue/handler.js')).makeHandler(deps) as unknown as Handler;
  const ctx = () => lambdaContext('bench', 'bench'); // fresh per invocation, as in Lambda
  const staff = { sub: 'anna', email: 'anna@x.fi', 'cognito:groups': '[staff]' };
  let i = 0;
  type Input = { event: APIGatewayProxyEventV2; context: unknown };
  const input = (event: APIGatewayProxyEventV2): Input => ({ event, context: ctx() });
  const cases: { route: string; make: () => Input; run: (a: Input) => Promise<unknown>; bare: (a: Input) => Promise<unknown> }[] = [
    {
      route: 'POST /corrections',
      make: () => input(apiEvent('POST /corrections', { body: correctionBody(i++) })),
      run: async ({ event, context }) => {
        const r = await publicCorrections(event, context);
        if (r.statusCode !== 201) throw new Error(`POST /corrections → ${r.statusCode}`);
      },
      bare: ({ event, context }) => bare(event, context),
    },
    {
      route: 'GET /staff/queue',
      make: () => input(apiEvent('GET /staff/queue', { claims: staff, query: { limit: '50' } })),
      run: async ({ event, context }) => {
        const r = await staffQueue(event, context);
        if (r.statusCode !== 200) throw new Error(`GET /staff/queue → ${r.statusCode}`);
      },
      bare: ({ event, context }) => bare(event, context),
    },
  ];
  const rows: CpuRow[] = [];
  for (const c of cases) {
    if (only && c.route !== only) continue;
    const handlerCpuUs = await cpuPerCall(c.make, c.run, n);
    const bareCpuUs = await cpuPerCall(c.make, c.bare, n);
    rows.push({ route: c.route, handlerCpuUs, bareCpuUs });
    log(`  ${c.route.padEnd(20)} handler ${handlerCpuUs.toFixed(0)} µs CPU/request, bare ${bareCpuUs.toFixed(0)} µs`);
  }
  return rows;
}

/** Run as a child process: 10,000 POST /corrections in one process, then print peak RSS in MB. */
export async function memoryChild(): Promise<void> {
  const deps = { store: new DynamoStore(stubDocumentClient(), 'bench'), mailer: { send: async () => 'stub' }, clock: systemClock };
  const handler = (await import('../functions/public-corrections/handler.js')).makeHandler(deps) as unknown as Handler;
  const ctx = () => lambdaContext('bench', 'bench');
  const baseline = process.resourceUsage().maxRSS / 1024;
  for (let i = 0; i < 10_000; i++) await handler(apiEvent('POST /corrections', { body: correctionBody(i) }), ctx());
  process.stdout.write(JSON.stringify({ peakRssMb: process.resourceUsage().maxRSS / 1024, baselineRssMb: baseline }));
}

/**
 * Matches from the results service (issue 9), against DynamoDB Local and the fixture results service over HTTP:
 * - matches-sync of 2,000 matches (a 14-day window at its busiest): wall time of the run in this process (the
 *   Lambda-equivalent: the same handler code, one process), peak RSS during it, and DynamoDB items written on the
 *   first run and on a second run where nothing changed (target 0);
 * - GET /matches p50 with 1,000 and with 30,000 stored matches, the queried day holding the same 60 matches in
 *   both (target ratio ≤ 1.25): a Query on the day's index partition, so the season's size must not show.
 * BENCH_ONLY=matches runs only this part.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '../shared/adapters/aws-clients.js';
import { ResultsClient } from '../shared/adapters/results-service.js';
import { loadConfig } from '../shared/config.js';
import { addDays } from '../shared/domain/helsinki-time.js';
import type { Match } from '../shared/domain/records.js';
import { fixedClock } from '../shared/ports/clock.js';
import { DynamoStore } from '../scripts/local/dynamo-store.js';
import { matchItem } from '../shared/store/matches.js';
import { syncMatches } from '../shared/usecases/matches-sync.js';
import { composeHandler, lambdaContext } from '../scripts/local/api-server.js';
import { fixtureMatches, type RawMatch } from '../scripts/local/results-fixture-data.js';
import { FIXTURE_API_KEY, startResultsFixture } from '../scripts/local/results-fixture.js';
import { ensureTable, freePort, startDynamoLocal } from '../scripts/local/services.js';
import { apiEvent } from '../tests/support/events.js';

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const NOW = new Date('2026-11-21T10:00:00Z');

export interface MatchesBench {
  sync: {
    matches: number;
    firstRunMs: number;
    firstRunWrites: number;
    secondRunMs: number;
    secondRunWrites: number;
    peakRssMb: number;
    baselineRssMb: number;
  };
  list: { smallStored: number; largeStored: number; dayMatches: number; smallP50Ms: number; largeP50Ms: number; ratio: number };
}

/** 2,000 recorded-shape matches over the 14-day window: the demo round's shapes, renumbered. */
function manyRawMatches(n: number): RawMatch[] {
  const base = fixtureMatches(NOW);
  return Array.from({ length: n }, (_, i) => {
    const m = base[i % base.length]!;
    const events = (m.events as RawMatch[]).map((e) => ({ ...e, event_id: `${i}${String(e.event_id)}` }));
    return { ...m, match_id: String(5_000_000 + i), events };
  });
}

/** Counts DynamoDB write items the store sends (PutItem, and each item of a transaction or batch). */
function countWrites(doc: DynamoDBDocumentClient): { count: number } {
  const counter = { count: 0 };
  doc.middlewareStack.add(
    (next, ctx) => async (args) => {
      const input = args.input as { TransactItems?: unknown[]; RequestItems?: Record<string, unknown[]> };
      const cmd = ctx.commandName ?? '';
      // the document client's commands reach this stack under the low-level names (PutItemCommand, …)
      if (/^(Put|Update|Delete)(Item)?Command$/.test(cmd)) counter.count++;
      else if (/^TransactWrite(Items)?Command$/.test(cmd)) counter.count += input.TransactItems?.length ?? 0;
      else if (/^BatchWrite(Item)?Command$/.test(cmd))
        counter.count += Object.values(input.RequestItems ?? {}).reduce((n, l) => n + l.length, 0);
      return next(args);
    },
    { step: 'initialize', name: 'benchWriteCounter' },
  );
  return counter;
}

async function putMany(doc: DynamoDBDocumentClient, table: string, matches: Match[]) {
  const chunks: Match[][] = [];
  for (let i = 0; i < matches.length; i += 25) chunks.push(matches.slice(i, i + 25));
  for (let i = 0; i < chunks.length; i += 8) {
    await Promise.all(
      chunks.slice(i, i + 8).map(async (chunk) => {
        let items: Record<string, unknown>[] | undefined = chunk.map((m) => ({ PutRequest: { Item: matchItem(m) } }));
        while (items && items.length) {
          const r = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: items as never } }));
          items = r.UnprocessedItems?.[table] as Record<string, unknown>[] | undefined;
        }
      }),
    );
  }
}

export async function benchMatches(opts: { log: (s: string) => void; quick?: boolean }): Promise<MatchesBench> {
  const { log } = opts;
  const dynamo = await startDynamoLocal({ port: await freePort() });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  const cfg = loadConfig();
  const fixture = await startResultsFixture({ matches: manyRawMatches(2000) });
  try {
    // ---- sync of 2,000 matches
    const doc = makeDocumentClient(cfg);
    const writes = countWrites(doc);
    await ensureTable(dynamo.endpoint, 'bench-sync');
    const store = new DynamoStore(doc, 'bench-sync');
    await store.putSeries(
      { id: 'f-liiga-m', name: 'F-liiga, miehet', officials: [], results: { competitionId: 'sb2026', categoryId: '402' } },
      undefined,
    );
    const deps = { store, mailer: { send: async () => 'bench' }, clock: fixedClock(NOW.toISOString()) };
    const results = new ResultsClient({ baseUrl: fixture.url, apiKey: FIXTURE_API_KEY, timeoutMs: 30_000 });
    global.gc?.();
    const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
    let peak = baselineRssMb;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20)), 5);
    writes.count = 0;
    let t = performance.now();
    const first = await syncMatches(deps, results);
    const firstRunMs = performance.now() - t;
    clearInterval(sampler);
    const firstRunWrites = writes.count;
    writes.count = 0;
    t = performance.now();
    const second = await syncMatches(deps, results);
    const secondRunMs = performance.now() - t;
    const secondRunWrites = writes.count;
    // Under heavy load an SDK retry of a write that had landed meets its own condition and counts as unchanged:
    // the store is right either way; what must hold is that the rerun writes nothing.
    if (second.written !== 0 || first.written + first.unchanged !== 2000)
      throw new Error(`sync wrote ${first.written} then ${second.written} matches`);
    if (firstRunWrites === 0) throw new Error("the write counter saw no writes: it does not see the store's commands");
    const sync = { matches: 2000, firstRunMs, firstRunWrites, secondRunMs, secondRunWrites, peakRssMb: peak, baselineRssMb };
    log(
      `  matches-sync of 2,000 matches: first run ${firstRunMs.toFixed(0)} ms, ${firstRunWrites} items ` +
        `written; second run ${secondRunMs.toFixed(0)} ms, ${secondRunWrites} written; peak RSS ` +
        `${peak.toFixed(0)} MB (before: ${baselineRssMb.toFixed(0)} MB)`,
    );

    // ---- GET /matches at 1k vs 30k stored
    const day = '2026-11-21';
    const dayMatches = 60;
    const samples = opts.quick ? 60 : 300;
    const p50For = async (stored: number) => {
      const table = `bench-list-${stored}`;
      await ensureTable(dynamo.endpoint, table);
      const s = new DynamoStore(doc, table);
      await s.putSeries({ id: 's1', name: 'F-liiga, miehet', officials: [] }, undefined);
      const matches: Match[] = Array.from({ length: stored }, (_, i) => {
        const onDay = i < dayMatches;
        const date = onDay ? day : addDays('2026-08-15', i % 250 === 98 ? 99 : i % 250);
        return {
          id: `L-${i}`,
          seriesId: 's1',
          startsAt: `${date}T${String(10 + (i % 10)).padStart(2, '0')}:00:00.000Z`,
          home: `Home ${i}`,
          away: `Away ${i}`,
          status: 'fixture' as const,
        };
      });
      await putMany(doc, table, matches);
      const handler = await composeHandler('public-matches', {
        store: s,
        mailer: { send: async () => 'bench' },
        clock: fixedClock(NOW.toISOString()),
      });
      const times: number[] = [];
      for (let i = 0; i < samples + 20; i++) {
        const started = performance.now();
        const r = (await handler(apiEvent('GET /matches', { query: { date: day } }), lambdaContext('public-matches', `b${i}`))) as {
          statusCode: number;
          body: string;
        };
        if (i >= 20) times.push(performance.now() - started);
        if (r.statusCode !== 200 || (JSON.parse(r.body) as { items: unknown[] }).items.length !== dayMatches)
          throw new Error(`GET /matches answered ${r.statusCode}`);
      }
      return p50(times);
    };
    const largeStored = opts.quick ? 10_000 : 30_000;
    const smallP50Ms = await p50For(1000);
    const largeP50Ms = await p50For(largeStored);
    const list = { smallStored: 1000, largeStored, dayMatches, smallP50Ms, largeP50Ms, ratio: largeP50Ms / smallP50Ms };
    log(
      `  GET /matches p50 (${dayMatches} matches that day): ${smallP50Ms.toFixed(2)} ms with 1,000 ` +
        `stored, ${largeP50Ms.toFixed(2)} ms with ${largeStored.toLocaleString('en')} (ratio ` +
        `${list.ratio.toFixed(2)}, target ≤ 1.25)`,
    );
    return { sync, list };
  } finally {
    await fixture.stop();
    await dynamo.stop();
  }
}

/**
 * sla-watch's first run over many overdue cases, alone (BENCH_ONLY=sla is quicker than the whole scaling part):
 * n overdue open cases (every one open and overdue, first-response and resolution due), one run, per-case ms and
 * where the time went (store calls timed by wrapping them).
 */
import { makeDocumentClient } from '../shared/adapters/aws-clients.js';
import { loadConfig } from '../shared/config.js';
import { DynamoStore } from '../scripts/local/dynamo-store.js';
import { systemClock } from '../shared/ports/clock.js';
import { forgetCalendar } from '../shared/usecases/deps.js';
import { composedHandlers, lambdaContext } from '../scripts/local/api-server.js';
import { ensureTable, freePort, startDynamoLocal, startSesLocal } from '../scripts/local/services.js';
import { bulkCorrections, seedStore, slaWatchEvent } from './service.js';

/**
 * DynamoDB Local's JVM keeps speeding up over its first few thousand transactions: the same sla-watch run over 1,000
 * overdue cases took 9.7, 6.6, 4.3, 3.0, 2.6, 2.7 ms a case in six fresh tables one after the other (session 5, the
 * bare transactions alone). DynamoDB itself has no such warm-up, so the figures are taken once two throwaway runs in a
 * row agree within WARM_UP_AGREE (at most MAX_WARM_UPS of them); every warm-up run's figure is kept in the results.
 */
const WARM_UP_CASES = 1000;
const WARM_UP_AGREE = 0.15;
const MAX_WARM_UPS = 8;

interface RunRow {
  overdue: number;
  ms: number;
  perCaseMs: number;
  breaches: number;
  storeMs: Record<string, [number, number]>;
  warmUpPerCaseMs: number[];
}

export async function benchSlaFirstRun(sizes: number[], log: (s: string) => void): Promise<RunRow[]> {
  const dynamo = await startDynamoLocal({ port: await freePort() });
  const ses = await startSesLocal({ port: await freePort() });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.SES_ENDPOINT = ses.endpoint;
  const doc = makeDocumentClient(loadConfig());

  /** One first run over n overdue cases in a table of its own, with every store call timed. */
  const firstRun = async (n: number, table: string) => {
    await ensureTable(dynamo.endpoint, table);
    await bulkCorrections(doc, table, n, 1);
    await new Promise((r) => setTimeout(r, 2000));
    const store = new DynamoStore(doc, table);
    await seedStore(store);
    forgetCalendar();
    const storeMs: Record<string, [number, number]> = {};
    const timed = new Proxy(store, {
      get(target, prop, recv) {
        const v = Reflect.get(target, prop, recv);
        if (typeof v !== 'function' || typeof prop !== 'string') return v;
        return async (...args: unknown[]) => {
          const t = performance.now();
          try {
            return await v.apply(target, args);
          } finally {
            const e = (storeMs[prop] ??= [0, 0]);
            e[0] += performance.now() - t;
            e[1]++;
          }
        };
      },
    });
    const run = await composedHandlers({ store: timed, mailer: { send: async () => 'bench' }, clock: systemClock })('sla-watch');
    const t0 = performance.now();
    const r = (await run(slaWatchEvent() as never, lambdaContext('bench', 'bench'))) as { breaches?: number };
    return { ms: performance.now() - t0, breaches: r.breaches ?? 0, storeMs };
  };

  const rows: RunRow[] = [];
  const warmUpPerCaseMs: number[] = [];
  const settled = () => {
    const [before, last] = warmUpPerCaseMs.slice(-2);
    return last !== undefined && before !== undefined && Math.abs(last - before) <= WARM_UP_AGREE * before;
  };
  try {
    for (let k = 0; k < MAX_WARM_UPS && !settled(); k++) {
      const { ms } = await firstRun(WARM_UP_CASES, `sla-first-${WARM_UP_CASES}-warm-up-${k}`);
      warmUpPerCaseMs.push(ms / WARM_UP_CASES);
      log(`  (DynamoDB Local warm-up run over ${WARM_UP_CASES} overdue: ${(ms / WARM_UP_CASES).toFixed(2)} ms a case)`);
    }
    for (const n of sizes) {
      const { ms, breaches, storeMs } = await firstRun(n, `sla-first-${n}`);
      rows.push({ overdue: n, ms, perCaseMs: ms / n, breaches, storeMs, warmUpPerCaseMs });
      log(
        `  sla-watch first run, ${n} overdue: ${ms.toFixed(0)} ms (${(ms / n).toFixed(2)} ms a case, ${breaches} breaches, ` +
          `${(ms / (breaches || 1)).toFixed(2)} ms a breach)`,
      );
      for (const [name, [t, c]] of Object.entries(storeMs)) log(`    ${name}: ${c} calls, ${t.toFixed(0)} ms summed`);
    }
  } finally {
    await dynamo.stop?.();
    await ses.stop?.();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = (process.argv[2] ?? '100,1000').split(',').map(Number);
  await benchSlaFirstRun(sizes, console.log);
  process.exit(0);
}

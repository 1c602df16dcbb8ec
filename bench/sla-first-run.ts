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

export async function benchSlaFirstRun(sizes: number[], log: (s: string) => void) {
  const dynamo = await startDynamoLocal({ port: await freePort() });
  const ses = await startSesLocal({ port: await freePort() });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.SES_ENDPOINT = ses.endpoint;
  const doc = makeDocumentClient(loadConfig());
  const rows: { overdue: number; ms: number; perCaseMs: number; breaches: number; storeMs: Record<string, [number, number]> }[] = [];
  let warmedUp = false;
  try {
    // The first figure would otherwise time DynamoDB Local's JVM warming up (its first transactions cost 3-5x more):
    // a throwaway run over 200 overdue cases in a table of its own first.
    for (const n of [200, ...sizes]) {
      const warmUp = rows.length === 0 && !warmedUp;
      warmedUp = true;
      const table = `sla-first-${n}${warmUp ? '-warm-up' : ''}`;
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
      const ms = performance.now() - t0;
      if (warmUp) {
        log(`  (warm-up run over ${n} overdue: ${ms.toFixed(0)} ms)`);
        continue;
      }
      rows.push({ overdue: n, ms, perCaseMs: ms / n, breaches: r.breaches ?? 0, storeMs });
      log(
        `  sla-watch first run, ${n} overdue: ${ms.toFixed(0)} ms (${(ms / n).toFixed(2)} ms a case, ${r.breaches} breaches, ` +
          `${(ms / (r.breaches || 1)).toFixed(2)} ms a breach)`,
      );
      for (const [k, [t, c]] of Object.entries(storeMs)) log(`    ${k}: ${c} calls, ${t.toFixed(0)} ms summed`);
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

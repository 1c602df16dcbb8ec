/**
 * What a bench that runs the service in-process needs: its own DynamoDB Local and local SES on free ports, a table,
 * the whole store on it and the deps the handlers take (SES mailer, system clock). `stop()` ends both services.
 */
import { makeDocumentClient } from '../shared/adapters/aws-clients.js';
import { makeSesClient } from '../shared/adapters/ses-client.js';
import { SesMailer } from '../shared/adapters/ses-mailer.js';
import { loadConfig, type RuntimeConfig } from '../shared/config.js';
import { systemClock } from '../shared/ports/clock.js';
import { DynamoStore } from '../scripts/local/dynamo-store.js';
import { forgetCalendar } from '../shared/usecases/deps.js';
import { forgetLimits } from '../shared/usecases/limits.js';
import { ensureTable, freePort, startDynamoLocal, startSesLocal } from '../scripts/local/services.js';

export interface BenchStack {
  cfg: RuntimeConfig;
  store: DynamoStore;
  deps: { store: DynamoStore; mailer: SesMailer; clock: typeof systemClock };
  stop(): Promise<void>;
}

export async function startBenchStack(tableName: string): Promise<BenchStack> {
  const dynamo = await startDynamoLocal({ port: await freePort() });
  const ses = await startSesLocal({ port: await freePort() });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.SES_ENDPOINT = ses.endpoint;
  const cfg = loadConfig();
  await ensureTable(dynamo.endpoint, tableName);
  const store = new DynamoStore(makeDocumentClient(cfg), tableName);
  // the per-container caches must not carry a previous table's calendar or limits
  forgetCalendar();
  forgetLimits();
  return {
    cfg,
    store,
    deps: { store, mailer: new SesMailer(makeSesClient(cfg), cfg.sesFrom), clock: systemClock },
    stop: async () => {
      await Promise.all([dynamo.stop(), ses.stop()]);
    },
  };
}

/** Real adapters against the test run's DynamoDB Local and local SES; a fresh table per call. */
import { randomUUID } from 'node:crypto';
import { makeDocumentClient } from '../../shared/adapters/aws-clients.js';
import { makeSesClient } from '../../shared/adapters/ses-client.js';
import { SesMailer } from '../../shared/adapters/ses-mailer.js';
import { loadConfig } from '../../shared/config.js';
import type { Match, Series } from '../../shared/domain/records.js';
import { type Clock, systemClock } from '../../shared/ports/clock.js';
import { DynamoStore } from '../../scripts/local/dynamo-store.js';
import { forgetCalendar } from '../../shared/usecases/deps.js';
import { ensureTable } from '../../scripts/local/services.js';
import { useTestDeps, type TestDeps, type WholeStoreDeps } from './functions.js';

/** The deps of one test run (the handlers of ./functions.ts work on the latest one), and the extras a test may set. */
export interface TestEnv extends TestDeps {
  tableName: string;
  sesEndpoint: string;
  /** a settable clock: tests move time on */
  setNow(at: Date | string): void;
}

export async function createTestEnv(opts: { now?: Date | string; install?: boolean } = {}): Promise<TestEnv> {
  const cfg = loadConfig();
  const tableName = `t-${randomUUID().slice(0, 8)}`;
  await ensureTable(cfg.dynamodbEndpoint!, tableName);
  const store = new DynamoStore(makeDocumentClient(cfg), tableName);
  let now: Date | undefined = opts.now ? new Date(opts.now) : undefined;
  const clock: Clock = { now: () => (now ? new Date(now) : systemClock.now()) };
  const env: TestEnv = {
    store,
    mailer: new SesMailer(makeSesClient(cfg), cfg.sesFrom),
    clock,
    tableName,
    sesEndpoint: cfg.sesEndpoint!,
    setNow: (at) => (now = new Date(at)),
  };
  forgetCalendar();
  if (opts.install !== false) useTestDeps(env);
  return env;
}

export const DEMO_SERIES: Series = {
  id: 'f-liiga-m',
  name: 'F-liiga, miehet',
  officials: [
    { name: 'Sarja Vastaava', email: 'sarjavastaava@salibandy.test', language: 'fi' },
    { name: 'Serie Ansvarig', email: 'serieansvarig@salibandy.test', language: 'sv' },
  ],
};
export const OTHER_SERIES: Series = {
  id: 'f-liiga-n',
  name: 'F-liiga, naiset',
  officials: [{ name: 'Other Official', email: 'other.official@salibandy.test', language: 'en' }],
};

export const MATCHES: Match[] = [
  {
    id: 'M-1001',
    seriesId: DEMO_SERIES.id,
    startsAt: '2026-11-21T14:00:00.000Z',
    home: 'SPV',
    away: 'Classic',
    homeGoals: 5,
    awayGoals: 4,
  },
  { id: 'M-1002', seriesId: DEMO_SERIES.id, startsAt: '2026-11-21T16:00:00.000Z', home: 'TPS', away: 'OLS' },
  { id: 'M-2001', seriesId: OTHER_SERIES.id, startsAt: '2026-11-22T12:00:00.000Z', home: 'Koovee', away: 'Steelers' },
];

export async function seedBasics(env: WholeStoreDeps): Promise<void> {
  await env.store.putSeries(DEMO_SERIES, undefined);
  await env.store.putSeries(OTHER_SERIES, undefined);
  await env.store.putMatches(MATCHES);
}

export interface SentEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

export async function sentEmails(sesEndpoint: string, to?: string): Promise<SentEmail[]> {
  const r = await fetch(`${sesEndpoint}/store`);
  const { emails } = (await r.json()) as { emails: SentEmail[] };
  return to ? emails.filter((e) => e.destination.to.includes(to)) : emails;
}

export const uniqueEmail = (prefix = 'reporter') => `${prefix}-${randomUUID().slice(0, 8)}@example.test`;

/**
 * npm start — the whole backend on this machine: AWS's DynamoDB Local (data in DATA_DIR), the local SES,
 * the HTTP API (same handlers and route manifest as AWS), and the jobs on their Helsinki schedules.
 * Ctrl-C stops everything.
 */
import { Cron } from 'croner';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { JOBS } from '../shared/manifest.js';
import { createApiServer, lambdaContext, loadHandler } from './local/api-server.js';
import { applyLocalRuntimeEnv, localSettings } from './local/env.js';
import { loadOrCreateKeys, makeVerifier } from './local/jwt.js';
import { seedIfEmpty } from './local/seed.js';
import { assertPortsFree } from './local/ports.js';
import { startResultsFixture } from './local/results-fixture.js';
import { buildWeb } from './build-web.js';
import { localConsoleSignIn } from './local/console-signin.js';
import { ensureTable, startDynamoLocal, startSesLocal } from './local/services.js';
import { startSmtpServer } from './local/smtp.js';
import { LocalSchedules } from '../shared/adapters/scheduler.js';
import { makeDocumentClient } from '../shared/adapters/aws-clients.js';
import { loadConfig } from '../shared/config.js';
import { DynamoStore } from './local/dynamo-store.js';

const s = localSettings();
applyLocalRuntimeEnv(s);

const stops: (() => Promise<void>)[] = [];
let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  await assertPortsFree([
    { port: s.port, variable: 'PORT', what: 'the HTTP API and pages' },
    { port: s.dynamodbPort, variable: 'DYNAMODB_PORT', what: 'DynamoDB Local' },
    { port: s.sesPort, variable: 'SES_PORT', what: 'the local SES' },
    { port: s.smtpPort, variable: 'SMTP_PORT', what: 'the SMTP server (email in)' },
    ...(s.resultsFixture ? [{ port: s.resultsPort, variable: 'RESULTS_PORT', what: 'the results-service fixture' }] : []),
  ]);
  const dynamo = await startDynamoLocal({ port: s.dynamodbPort, dataDir: join(s.dataDir, 'dynamodb') });
  stops.push(() => dynamo.stop());
  const ses = await startSesLocal({ port: s.sesPort });
  stops.push(() => ses.stop());
  const created = await ensureTable(dynamo.endpoint, s.tableName);
  const results = s.resultsFixture ? await startResultsFixture({ port: s.resultsPort, apiKey: process.env.RESULTS_API_KEY }) : undefined;
  if (results) stops.push(() => results.stop());

  const cfg = loadConfig();
  const seeded = await seedIfEmpty(new DynamoStore(makeDocumentClient(cfg), cfg.tableName));

  const keys = await loadOrCreateKeys(s.dataDir);
  const web = buildWeb();
  const server = createApiServer({
    verify: makeVerifier(keys),
    logRequests: true,
    webRoot: web.outDir,
    consoleSignIn: localConsoleSignIn(keys),
  });
  await new Promise<void>((res, rej) => server.once('error', rej).listen(s.port, '127.0.0.1', () => res()));
  stops.push(() => new Promise((res) => server.close(() => res())));

  // Email in: a real SMTP server hands each message to the email-in handler, as SES → S3 → Lambda does in AWS.
  const emailIn = await loadHandler('email-in');
  const smtp = await startSmtpServer({
    port: s.smtpPort,
    dataDir: s.dataDir,
    deliver: (event) => emailIn(event as never, lambdaContext('email-in', randomUUID())),
    log: (l) => console.log(l),
  });
  stops.push(() => smtp.stop());

  // EventBridge Scheduler's stand-in: the seasonal schedules, switched by season-switch as in AWS.
  // season-switch is composed here with them (its own composition root, with this runner's schedule port).
  const schedules = new LocalSchedules();
  const seasonSwitchRoot = await import('../functions/season-switch/handler.js');
  const seasonSwitch = seasonSwitchRoot.makeHandler({ ...seasonSwitchRoot.buildDeps(), schedules });
  const runJob = async (name: string, fn: (typeof JOBS)[number]['function']) => {
    const time = new Date();
    time.setUTCSeconds(0, 0);
    const event = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.scheduler',
      account: '000000000000',
      time: time.toISOString(),
      region: 'eu-north-1',
      resources: [`arn:aws:scheduler:eu-north-1:000000000000:schedule/local/${name}`],
      detail: { job: name },
    };
    try {
      const handler = fn === 'season-switch' ? seasonSwitch : await loadHandler(fn);
      const result = await handler(event as never, lambdaContext(fn, event.id));
      const text = JSON.stringify(result);
      // quiet runs stay quiet: an outbox with nothing to send, a matches-sync that changed nothing and failed nowhere
      const quiet =
        fn === 'email-outbox'
          ? !/"(sent|retry|undeliverable)":[1-9]/.test(text)
          : fn === 'matches-sync' && /"written":0,/.test(text) && /"failedSeries":0/.test(text);
      if (!quiet) console.log(`[job ${name}] ${text}`);
    } catch (err) {
      console.error(`[job ${name}] failed`, err);
    }
  };

  const crons: Cron[] = [];
  if (s.scheduler) {
    await runJob('season-switch', 'season-switch'); // set the seasonal schedules for today at once
    await runJob('matches-sync-hourly', 'matches-sync'); // the results service's matches at once, not at the next :05
    for (const job of JOBS) {
      crons.push(
        new Cron(job.localCron, { timezone: 'Europe/Helsinki', protect: true }, async () => {
          if (job.seasonal && !schedules.isEnabled(job.name)) return;
          await runJob(job.name, job.function);
        }),
      );
    }
    stops.push(async () => crons.forEach((c) => c.stop()));
  }

  const resultsLine = results
    ? `${results.url}  (fixture: ${results.matches.size} F-liiga matches around today; RESULTS_API_URL points elsewhere)`
    : process.env.RESULTS_API_URL;
  const jobSeason = (j: (typeof JOBS)[number]) =>
    j.seasonal ? (schedules.isEnabled(j.name) ? ' (in season: on)' : ' (off season: off)') : '';
  const jobsLine = s.scheduler
    ? JOBS.map((j) => `${j.name} [${j.localCron}]${jobSeason(j)}`).join(', ') + ' (Europe/Helsinki)'
    : 'off (SCHEDULER=off): run them with npm run invoke';
  console.log(`
results-hotline is running
  web pages        http://localhost:${s.port}/      (report form; status pages at /status/{id}#t=…, linked from the emails)
  console          http://localhost:${s.port}/console/   (local sign-in with the demo users staff, official, admin)
  HTTP API         http://localhost:${s.port}      (try: curl http://localhost:${s.port}/service-status?lang=en)
  API description  http://localhost:${s.port}/openapi.json
  DynamoDB Local   ${dynamo.endpoint}      table ${s.tableName}${created ? ' (created)' : ''}, data in ${join(s.dataDir, 'dynamodb')}
  results service  ${resultsLine}
  local SES        ${ses.endpoint}      sent emails: ${ses.endpoint}/store  (web view: ${ses.endpoint}/)
  email in (SMTP)  smtp://127.0.0.1:${s.smtpPort}   to ${process.env.INBOUND_ADDRESS} (no auth; raw mail in ${join(s.dataDir, 'inbound')})
  jobs             ${jobsLine}
  demo data        ${seeded ? 'seeded (series f-liiga-miehet, f-liiga-naiset, divari-itä; matches M-0001…)' : 'kept from the previous run'}
  tokens           npm run token -- --sub anna --group staff --email anna@salibandy.example
Ctrl-C stops everything.`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  await shutdown(1);
}

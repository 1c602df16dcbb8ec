/**
 * Each function built the way Lambda builds it: its handler module imported on its own (a fresh module
 * graph per function, as each Lambda has its own process) with AWS_LAMBDA_FUNCTION_NAME set, so its
 * `handler = makeHandler(buildDeps())` is composed at init from the environment — its own store preset, its own
 * mailer (only if its buildDeps names the SES mailer), the system clock — and nothing a test built. The other
 * tests build handlers from test deps (tests/support/functions.ts); this one checks the composition roots
 * themselves, so a function whose buildDeps forgot its mailer fails here, as it would in AWS. The functions
 * that send email must reach the local SES, with the configuration set the bounce rule filters on (`ConfigurationSetName`), seen on
 * the wire by a recording proxy in front of the local SES.
 * The EMF metric lines the jobs print are the ones the alarms read (infra/constructs/operations-alarms.ts).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { CUSTOM_METRICS } from '../../infra/constructs/operations-alarms.js';
import { FUNCTIONS } from '../../shared/manifest.js';
import { outboxId } from '../../shared/store/core.js';
import { freePort } from '../../scripts/local/services.js';
import { call, officialClaims, staffClaims } from '../support/events.js';
import { createTestEnv, DEMO_SERIES, seedBasics, sentEmails, uniqueEmail, type TestEnv } from '../support/harness.js';

const CONFIGURATION_SET = 'results-hotline-test-events';
/** the namespace the alarms read (the stage config's `metricsNamespace`, which the stack gives the functions) */
const METRICS_NAMESPACE = 'ResultsHotline';
const NOW = '2026-11-21T10:00:00.000Z'; // Saturday 12:00 in Helsinki: the results service is open

interface SesRequest {
  path: string;
  body: Record<string, any>;
}

/** A proxy in front of the run's local SES that remembers every request body. */
function recordingProxy(target: string): Promise<{ url: string; requests: SesRequest[]; server: Server }> {
  const requests: SesRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      try {
        requests.push({ path: req.url ?? '', body: raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, any>) : {} });
      } catch {
        requests.push({ path: req.url ?? '', body: { raw: raw.toString('utf8') } });
      }
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<
        string,
        string
      >;
      fetch(`${target}${req.url}`, { method: req.method, headers, ...(raw.length ? { body: raw } : {}) })
        .then(async (r) => {
          res.writeHead(
            r.status,
            Object.fromEntries(
              [...r.headers].filter(([k]) => k !== 'content-encoding' && k !== 'content-length' && k !== 'transfer-encoding'),
            ),
          );
          res.end(Buffer.from(await r.arrayBuffer()));
        })
        .catch((err: unknown) => {
          res.writeHead(502);
          res.end(String(err));
        });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server })),
  );
}

let env: TestEnv;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
const savedEnv = { ...process.env };
let emf: Record<string, any>[] = [];

beforeAll(async () => {
  proxy = await recordingProxy(inject('sesEndpoint'));
});
beforeEach(async () => {
  env = await createTestEnv({ now: NOW, install: false }); // a table of its own: each test stands alone
  await seedBasics(env);
});
afterAll(async () => {
  process.env = savedEnv;
  await new Promise((r) => proxy.server.close(r));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

type Handler = (event: unknown, context?: unknown) => Promise<any>;

/** Imports one function's handler as Lambda would: a fresh module graph, its environment, init at import. */
async function lambda(name: keyof typeof FUNCTIONS, sesEndpoint = proxy.url, extraEnv: Record<string, string> = {}): Promise<Handler> {
  process.env = {
    ...savedEnv,
    AWS_LAMBDA_FUNCTION_NAME: `results-hotline-test-${name}`,
    TABLE_NAME: env.tableName,
    SES_ENDPOINT: sesEndpoint,
    SES_FROM: 'tulospalvelu@salibandy.test',
    SES_CONFIGURATION_SET: CONFIGURATION_SET,
    METRICS_NAMESPACE,
    // the stack gives every email sender the hotline secret (status-link tokens); HOTLINE_SECRET stands in for its ARN
    HOTLINE_SECRET: 'composition-test-hotline-secret',
    ...extraEnv,
  };
  vi.resetModules();
  const mod = (await import(/* @vite-ignore */ `../../${FUNCTIONS[name].entry.replace(/\.ts$/, '.js')}`)) as { handler: Handler };
  return mod.handler;
}

/** Captures the EMF lines (JSON with `_aws`) the code prints on stdout. */
function captureEmf() {
  emf = [];
  const log = console.log.bind(console);
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    const line = args.length === 1 && typeof args[0] === 'string' ? args[0] : undefined;
    if (line?.startsWith('{"_aws"')) emf.push(JSON.parse(line) as Record<string, any>);
    else log(...args);
  });
}

/** The SendEmail requests that reached SES for one recipient. */
const sendsTo = (to: string) =>
  proxy.requests.filter((r) => r.path.includes('/outbound-emails') && r.body.Destination?.ToAddresses?.includes(to));

function expectDelivered(to: string, subjectPart: string) {
  const sends = sendsTo(to).filter((r) => String(r.body.Content?.Simple?.Subject?.Data).includes(subjectPart));
  expect(sends, `SendEmail to ${to} about ${subjectPart}`).toHaveLength(1);
  expect(sends[0]!.body).toMatchObject({
    ConfigurationSetName: CONFIGURATION_SET,
    FromEmailAddress: 'tulospalvelu@salibandy.test',
    EmailTags: [{ Name: 'outboxId', Value: expect.any(String) }],
  });
}

/** The HTTP handlers read the system clock: freeze Date (only Date; timers stay real). */
const freezeClock = (at: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
};

describe('every function, composed as in Lambda', () => {
  it('initialises from its environment alone and answers its first event', async () => {
    for (const name of Object.keys(FUNCTIONS) as (keyof typeof FUNCTIONS)[]) {
      await expect(lambda(name), name).resolves.toEqual(expect.any(Function));
    }
    const health = await lambda('health');
    expect((await call(health as never, 'GET /health', {})).status).toBe(200);
  });
});

describe('the functions that send email, composed as in Lambda', () => {
  it('public-corrections: the acknowledgement reaches SES with the configuration set', async () => {
    freezeClock(NOW);
    const handler = await lambda('public-corrections');
    const email = uniqueEmail('composed');
    const r = await call(handler as never, 'POST /corrections', {
      body: { matchId: 'M-1001', category: 'goal', description: 'Maali väärin', reporter: { name: 'Maija', email }, language: 'fi' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expectDelivered(email, r.body.reference);
    expect(await sentEmails(env.sesEndpoint, email)).toHaveLength(1);
    expect(await env.store.getOutbox(outboxId(`${r.body.id}#v1#acknowledgement`))).toMatchObject({ status: 'sent' });
  });

  it('staff-corrections (escalation) and officials (decision): their emails reach SES with the configuration set', async () => {
    freezeClock(NOW);
    const email = uniqueEmail('composed');
    const created = await call((await lambda('public-corrections')) as never, 'POST /corrections', {
      body: {
        matchId: 'M-1002',
        category: 'final-score',
        description: 'Lopputulos väärin',
        proposed: { homeGoals: 2, awayGoals: 1 },
        reporter: { name: 'Maija', email },
        language: 'en',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { id, reference } = created.body as { id: string; reference: string };

    const staff = await lambda('staff-corrections');
    const claims = staffClaims('composed-staff', 'composed-staff@salibandy.test');
    const escalated = await call(staff as never, 'POST /staff/corrections/{id}/escalate', {
      pathParameters: { id },
      claims,
      body: { reason: 'Needs the series officials' },
    });
    expect(escalated.status, JSON.stringify(escalated.body)).toBe(200);
    for (const o of DEMO_SERIES.officials) expectDelivered(o.email, reference);

    const officials = await lambda('officials');
    const official = DEMO_SERIES.officials[0]!;
    const decided = await call(officials as never, 'POST /officials/corrections/{id}/decision', {
      pathParameters: { id },
      claims: officialClaims(official.email),
      body: { decision: 'correct', message: 'Result corrected to 2–1.', correctedResult: { homeGoals: 2, awayGoals: 1 } },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expectDelivered(email, 'The correction has been made');
    expect(sendsTo(email).filter((r) => String(r.body.Content.Simple.Body.Text.Data).includes('Result corrected to 2–1.'))).toHaveLength(1);
    // the staff member who escalated is told too
    expectDelivered('composed-staff@salibandy.test', reference);
  });

  it('email-in: a new report by email is acknowledged through SES with the configuration set', async () => {
    // where SES's S3 action would have stored the message: locally DATA_DIR/inbound/<key>
    const dataDir = mkdtempSync(join(tmpdir(), 'composition-email-in-'));
    mkdirSync(join(dataDir, 'inbound'));
    const email = uniqueEmail('composed-mail');
    const raw = [
      `From: Matti Meikäläinen <${email}>`,
      'To: tulospalvelu@salibandy.test',
      'Subject: Virhe ottelun tuloksessa',
      `Message-ID: <${email.replace('@', '.')}@mail.example.test>`,
      'Date: Sat, 21 Nov 2026 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hei, ottelun M-1001 lopputulos on väärin: oikea tulos on 4–4. Terveisin Matti',
      '',
    ].join('\r\n');
    writeFileSync(join(dataDir, 'inbound', 'composed.eml'), raw);
    const handler = await lambda('email-in', proxy.url, { DATA_DIR: dataDir });
    const r = await handler({
      Records: [{ eventSource: 'aws:s3', eventTime: NOW, s3: { bucket: { name: 'local-inbound' }, object: { key: 'composed.eml' } } }],
    });
    expect(r.results, JSON.stringify(r)).toEqual([expect.objectContaining({ outcome: 'new-contact', reference: expect.any(String) })]);
    expectDelivered(email, r.results[0].reference);
  });

  it('email-outbox: sends a due email with the configuration set and prints the OutboxOldestPendingMinutes metric', async () => {
    freezeClock(NOW);
    // SES unreachable when the correction is made: its acknowledgement waits in the outbox
    const email = uniqueEmail('composed-outbox');
    const created = await call((await lambda('public-corrections', `http://127.0.0.1:${await freePort()}`)) as never, 'POST /corrections', {
      body: { matchId: 'M-1001', category: 'penalty', description: 'Jäähy väärin', reporter: { name: 'Maija', email }, language: 'fi' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ackId = outboxId(`${created.body.id}#v1#acknowledgement`);
    expect(await env.store.getOutbox(ackId)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(sendsTo(email)).toEqual([]);
    vi.useRealTimers();

    const handler = await lambda('email-outbox');
    captureEmf();
    const r = await handler({
      'detail-type': 'Scheduled Event',
      source: 'aws.scheduler',
      time: '2026-11-21T10:05:00Z',
      detail: { job: 'email-outbox' },
    });
    expect(r).toMatchObject({ sent: 1 });
    expectDelivered(email, created.body.reference);
    expect(await env.store.getOutbox(ackId)).toMatchObject({ status: 'sent', attempts: 2 });
    const metric = emf.find((l) => CUSTOM_METRICS.outboxOldestPendingMinutes in l);
    expectEmf(metric, CUSTOM_METRICS.outboxOldestPendingMinutes, 'None');
    expect(metric![CUSTOM_METRICS.outboxOldestPendingMinutes]).toBe(0); // nothing left pending
  });

  it('sla-watch: emails a breach with the configuration set and prints the SlaBreaches metric', async () => {
    freezeClock(NOW);
    const email = uniqueEmail('composed');
    const created = await call((await lambda('public-corrections')) as never, 'POST /corrections', {
      body: { matchId: 'M-2001', category: 'goal', description: 'Maali väärin', reporter: { name: 'Maija', email }, language: 'fi' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    vi.useRealTimers();
    const handler = await lambda('sla-watch');
    captureEmf();
    const r = await handler({
      'detail-type': 'Scheduled Event',
      source: 'aws.scheduler',
      time: '2026-11-21T10:31:00Z',
      detail: { job: 'sla-watch-general' },
    });
    expect(r.notified).toEqual([expect.objectContaining({ id: created.body.id, breach: 'first-response' })]);
    // no duty officers in this table's calendar: the series officials of M-2001
    for (const o of [{ email: 'other.official@salibandy.test' }]) expectDelivered(o.email, created.body.reference);
    const metric = emf.find((l) => CUSTOM_METRICS.slaBreaches in l);
    expectEmf(metric, CUSTOM_METRICS.slaBreaches, 'Count');
    expect(metric![CUSTOM_METRICS.slaBreaches]).toBe(1);
  });
});

/** An EMF line CloudWatch turns into the metric the alarm reads: namespace, no dimensions, the unit. */
function expectEmf(line: Record<string, any> | undefined, name: string, unit: string) {
  expect(line, `an EMF line for ${name}`).toBeDefined();
  const directive = line!._aws.CloudWatchMetrics[0];
  expect(line!._aws.Timestamp).toEqual(expect.any(Number));
  expect(directive).toEqual({ Namespace: METRICS_NAMESPACE, Dimensions: [[]], Metrics: [{ Name: name, Unit: unit }] });
}

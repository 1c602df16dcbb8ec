/**
 * Service-wide figures against DynamoDB Local (and the local SES):
 * - POST /corrections throughput at concurrency 1 and 16, with the limits on (every report counts its client,
 *   its address's acknowledgements and its ack-once item in its transaction): the handler invoked in-process
 *   (as Lambda runs it: no HTTP hop) next to a bare AWS SDK loop in the same process making the same DynamoDB
 *   calls and the same SES send per report; and, as a second row, through the local HTTP server;
 * - GET /staff/queue p50 with 1,000 and with 100,000 stored corrections (99 % resolved), and the same
 *   for sla-watch (100 open among them) and a season report: cost must follow the page, not the table.
 */
import type autocannon from 'autocannon';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import {
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { makeDocumentClient } from '../shared/adapters/aws-clients.js';
import { renderEmail } from '../tests/support/render-email.js';
import { makeSesClient } from '../shared/adapters/ses-client.js';
import { SesMailer } from '../shared/adapters/ses-mailer.js';
import { loadConfig } from '../shared/config.js';
import { caseIndexAttributes } from '../shared/store/core.js';
import { creationPrivacyItems, outboxPointerItem } from '../shared/store/privacy.js';
import type { OutboxEmail } from '../shared/domain/records.js';
import { DynamoStore } from '../scripts/local/dynamo-store.js';
import { contactHash } from '../shared/domain/contact-key.js';
import { forgetLimits } from '../shared/usecases/limits.js';
import type { Correction } from '../shared/domain/correction.js';
import { systemClock } from '../shared/ports/clock.js';
import { forgetCalendar } from '../shared/usecases/deps.js';
import { composedHandlers, createApiServer, lambdaContext } from '../scripts/local/api-server.js';
import { generateKeys, makeVerifier } from '../scripts/local/jwt.js';
import { ensureTable, freePort, startDynamoLocal, startSesLocal } from '../scripts/local/services.js';
import { apiEvent } from '../tests/support/events.js';

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface ThroughputRow {
  concurrency: number;
  /** 'in-process': the handler called in this process (as Lambda runs it); 'http': through the local server */
  via: 'in-process' | 'http';
  serviceRps: number;
  bareSdkRps: number;
  ratio: number;
  serviceP50Ms: number;
  errors: number;
}

/** Limits on, with a per-client maximum the bench's one client (the HTTP row) cannot reach: counted, never refused. */
const BENCH_LIMITS = { perAddressPerDay: 5, perPhonePerDay: 3, perClientPer10Min: 1_000_000 };
const REPORT_BODY = (i: number) => ({
  matchId: 'M-7',
  category: 'goal',
  description: 'Maalintekijä on merkitty väärin: maalin 58:12 teki #17.',
  reporter: { name: 'Matti', email: `inproc${i}-${randomUUID().slice(0, 8)}@example.test` },
  language: 'fi',
});

export interface ScalingRow {
  what: string;
  smallP50Ms: number;
  largeP50Ms: number;
  ratio: number;
}

/** EventBridge Scheduler's event for an sla-watch run at the bench's time (a Monday morning after the seeded reports). */
export const slaWatchEvent = () => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.scheduler',
  time: '2026-11-23T08:00:00Z',
  resources: [],
  detail: {},
});

export async function seedStore(store: DynamoStore) {
  await store.putSeries({ id: 's1', name: 'F-liiga', officials: [{ name: 'A', email: 'a@x.test', language: 'fi' }] }, undefined);
  await store.putMatches(
    Array.from({ length: 50 }, (_, i) => ({
      id: `M-${i}`,
      seriesId: 's1',
      startsAt: '2026-11-21T14:00:00.000Z',
      home: 'SPV',
      away: 'Classic',
    })),
  );
}

/** The acknowledgement the service sends, rendered once: the bare loop writes and sends the same bytes. */
const ACK = renderEmail(
  {
    kind: 'acknowledgement',
    reference: 'TP-2345-6789',
    reporterName: 'Matti',
    match: { id: 'M-7', home: 'SPV', away: 'Classic', startsAt: '2026-11-21T14:00:00.000Z', seriesName: 'F-liiga' },
    category: 'goal',
    expectedResponseBy: new Date('2026-11-21T10:30:00Z'),
    serviceOpenNow: true,
    nextOpenAt: null,
  },
  'fi',
);

/**
 * The same DynamoDB calls and SES send the service makes for one report, with items of the same shape
 * and size (the case record, audit record, reference guard, re-contact index, outbox email, counters),
 * straight through the SDK: the I/O floor our code is measured against.
 */
async function bareReport(doc: DynamoDBDocumentClient, ses: ReturnType<typeof makeSesClient>, table: string, i: number) {
  const id = randomUUID();
  const now = new Date().toISOString();
  const email = `bare${i}-${id.slice(0, 8)}@example.test`;
  const matchId = `M-${i % 50}`;
  await doc.send(new GetCommand({ TableName: table, Key: { PK: `MATCH#${matchId}`, SK: 'META' } }));
  await Promise.all([
    doc.send(new GetCommand({ TableName: table, Key: { PK: 'SERIES', SK: 's1' } })),
    doc.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'open-by-match',
        KeyConditionExpression: 'GSI2PK = :p',
        ExpressionAttributeValues: { ':p': `OPEN#${matchId}#goal` },
        Limit: 1,
      }),
    ),
    doc.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'PK = :p',
        ExpressionAttributeValues: { ':p': `RC#${matchId}#email:${email}` },
        Limit: 50,
      }),
    ),
  ]);
  const c: Correction = {
    kind: 'correction',
    id,
    reference: `TP-${id.slice(0, 4).toUpperCase()}-${id.slice(4, 8).toUpperCase()}`,
    matchId,
    seriesId: 's1',
    match: { id: matchId, home: 'SPV', away: 'Classic', startsAt: '2026-11-21T14:00:00.000Z', seriesName: 'F-liiga' },
    category: 'goal',
    description: 'Maalintekijä on merkitty väärin: maalin 58:12 teki #17.',
    reporter: { name: 'Matti', email },
    language: 'fi',
    channel: 'web',
    status: 'queued',
    version: 1,
    receivedAt: now,
    trackingTokenHash: '0'.repeat(64),
    sla: { targetMode: 'general', firstResponseDueAt: now, resolutionDueAt: now },
  };
  const outboxId = id.replace(/-/g, '');
  await doc.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: { PK: `C#${id}`, SK: 'META', ...c, ...caseIndexAttributes(c) },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        {
          Put: {
            TableName: table,
            Item: {
              PK: `C#${id}`,
              SK: 'H#000001#0',
              at: now,
              actor: 'reporter',
              action: 'create',
              version: 1,
              to: 'queued',
              channel: 'web',
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        {
          Put: {
            TableName: table,
            Item: {
              PK: `OUTBOX#${outboxId}`,
              SK: 'OUTBOX',
              id: outboxId,
              cause: `${id}#v1#acknowledgement`,
              caseId: id,
              reference: c.reference,
              to: email,
              language: 'fi',
              ...ACK,
              status: 'pending',
              attempts: 0,
              createdAt: now,
              nextAttemptAt: now,
              GSI6PK: 'OUTBOX#PENDING',
              GSI6SK: `${now}#${outboxId}`,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        {
          Put: {
            TableName: table,
            Item: { PK: `REF#${c.reference}`, SK: 'REF', caseId: id },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        { Put: { TableName: table, Item: { PK: `RC#${matchId}#email:${email}`, SK: `${now}#${id}`, caseId: id } } },
        // the privacy items every new case has had since issue 11 (the contact index entry, the retention entry) and the
        // list of the emails it wrote, from the product's own builders: the floor writes what the product must write
        ...creationPrivacyItems(c).map((Item) => ({ Put: { TableName: table, Item } })),
        { Put: { TableName: table, Item: outboxPointerItem(c, [{ id: outboxId, caseId: id } as OutboxEmail])! } },
        {
          Update: {
            TableName: table,
            Key: { PK: 'AGG#2026-11-21', SK: 'AGG' },
            UpdateExpression: 'ADD contacts :one, channel_web :one',
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
        // the limits' counters (client slot, the address's acknowledgements today) and the ack-once item
        ...[`client#${contactHash(`10.0.${i % 250}.1`)}#${Math.floor(Date.now() / 600_000)}`, `ack#${contactHash(email)}#2026-11-21`].map(
          (k) => ({
            Update: {
              TableName: table,
              Key: { PK: `LIMIT#${k}`, SK: 'LIMIT' },
              UpdateExpression: 'ADD n :one SET #ttl = :ttl',
              ConditionExpression: 'attribute_not_exists(n) OR n < :max',
              ExpressionAttributeNames: { '#ttl': 'expiresAt' },
              ExpressionAttributeValues: { ':one': 1, ':ttl': 2_000_000_000, ':max': 1_000_000 },
            },
          }),
        ),
        {
          Put: {
            TableName: table,
            Item: { PK: `ACKONCE#${contactHash(`${email}\n${matchId}\ngoal`)}`, SK: 'ACKONCE', caseId: id, expiresAt: 2_000_000_000 },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      ],
    }),
  );
  await doc.send(
    new UpdateCommand({
      TableName: table,
      Key: { PK: `OUTBOX#${outboxId}`, SK: 'OUTBOX' },
      UpdateExpression: 'SET leaseUntil = :l, attempts = attempts + :one',
      ConditionExpression: '#s = :p',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':l': now, ':one': 1, ':p': 'pending' },
      ReturnValues: 'ALL_NEW',
    }),
  );
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: 'a@salibandy.test',
      Destination: { ToAddresses: [email] },
      Content: { Simple: { Subject: { Data: ACK.subject }, Body: { Text: { Data: ACK.text }, Html: { Data: ACK.html } } } },
    }),
  );
  await doc.send(
    new UpdateCommand({
      TableName: table,
      Key: { PK: `OUTBOX#${outboxId}`, SK: 'OUTBOX' },
      UpdateExpression: 'SET #s = :sent REMOVE GSI6PK, GSI6SK',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':sent': 'sent' },
    }),
  );
}

async function bareLoop(
  doc: DynamoDBDocumentClient,
  ses: ReturnType<typeof makeSesClient>,
  table: string,
  concurrency: number,
  seconds: number,
): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let done = 0;
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        await bareReport(doc, ses, table, i++);
        done++;
      }
    }),
  );
  return done / seconds;
}

/** The public-corrections handler invoked in this process, `concurrency` at a time: the bare loop's process model. */
async function inProcessLoop(
  handlerOf: ReturnType<typeof composedHandlers>,
  concurrency: number,
  seconds: number,
): Promise<{ rps: number; p50: number; errors: number }> {
  const handler = await handlerOf('public-corrections');
  const until = Date.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  let i = 0;
  const lat: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const t = performance.now();
        const r = (await handler(
          apiEvent('POST /corrections', { body: REPORT_BODY(i++) }) as never,
          lambdaContext('bench', randomUUID()),
        )) as { statusCode: number };
        lat.push(performance.now() - t);
        if (r.statusCode === 201) done++;
        else errors++;
      }
    }),
  );
  return { rps: done / seconds, p50: lat.length ? p50(lat) : 0, errors };
}

/**
 * The load comes from autocannon in its OWN process (as a real client would), so the generator does not
 * share the server's event loop; `[<id>]` gives every report its own reporter email.
 */
function runAutocannon(url: string, concurrency: number, seconds: number): Promise<autocannon.Result> {
  const body = JSON.stringify({
    matchId: 'M-7',
    category: 'goal',
    description: 'Maalintekijä on merkitty väärin: maalin 58:12 teki #17.',
    reporter: { name: 'Matti', email: 'svc[<id>]@example.test' },
    language: 'fi',
  });
  const bin = resolve(import.meta.dirname, '../node_modules/autocannon/autocannon.js');
  return new Promise((res, rej) => {
    execFile(
      process.execPath,
      [
        bin,
        '-c',
        String(concurrency),
        '-d',
        String(seconds),
        '-m',
        'POST',
        '-H',
        'content-type=application/json',
        '-b',
        body,
        '-I',
        '-j',
        `${url}/corrections`,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
      (err, stdout) => {
        if (err) return rej(err);
        try {
          res(JSON.parse(stdout) as autocannon.Result);
        } catch (e) {
          rej(e as Error);
        }
      },
    );
  });
}

/** Writes n corrections straight into the table (99 % resolved), in the shape the store writes them. */
export async function bulkCorrections(doc: DynamoDBDocumentClient, table: string, n: number, openEvery: number) {
  const start = Date.parse('2026-08-15T06:00:00Z');
  const items = (i: number) => {
    const open = i % openEvery === 0;
    const receivedAt = new Date(start + i * 60_000).toISOString();
    const c: Correction = {
      kind: 'correction',
      id: `c-${String(i).padStart(7, '0')}`,
      reference: `TP-${String(i).padStart(4, '0').slice(-4)}-AAAA`,
      matchId: `M-${i % 50}`,
      seriesId: 's1',
      category: 'goal',
      description: 'bench',
      reporter: { name: 'R', email: `r${i}@x.test` },
      language: 'fi',
      channel: 'web',
      status: open ? 'queued' : 'resolved',
      ...(open ? {} : { outcome: 'corrected', resolvedAt: receivedAt, firstResponseAt: receivedAt }),
      version: 2,
      receivedAt,
      trackingTokenHash: '0'.repeat(64),
      sla: { targetMode: 'results', firstResponseDueAt: receivedAt, resolutionDueAt: receivedAt },
    };
    return { PK: `C#${c.id}`, SK: 'META', ...c, ...caseIndexAttributes(c) };
  };
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < n; i += 25) batches.push(Array.from({ length: Math.min(25, n - i) }, (_, k) => items(i + k)));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        let req: Record<string, unknown>[] | undefined = batches[next++]!;
        while (req && req.length) {
          const r: { UnprocessedItems?: Record<string, { PutRequest?: { Item?: Record<string, unknown> } }[]> } = await doc.send(
            new BatchWriteCommand({ RequestItems: { [table]: req.map((Item) => ({ PutRequest: { Item } })) } }),
          );
          req = (r.UnprocessedItems?.[table] ?? []).map((w) => w.PutRequest!.Item as Record<string, unknown>);
        }
      }
    }),
  );
}

export async function benchService(opts: { seconds: number; large: number; log: (s: string) => void; only?: 'throughput' | 'scaling' }) {
  const { log } = opts;
  const [dynamoPort, sesPort] = [await freePort(), await freePort()];
  const dynamo = await startDynamoLocal({ port: dynamoPort });
  const sesServer = await startSesLocal({ port: sesPort });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.SES_ENDPOINT = sesServer.endpoint;
  const cfg = loadConfig();
  const doc = makeDocumentClient(cfg);
  const ses = makeSesClient(cfg);
  const mailer = new SesMailer(ses, cfg.sesFrom);
  const throughput: ThroughputRow[] = [];
  const scaling: ScalingRow[] = [];
  let firstRun1000: { ms: number; perCaseMs: number; breaches: number } | undefined;
  let server: Server | undefined;
  try {
    // ---- throughput
    for (const concurrency of opts.only === 'scaling' ? [] : [1, 16]) {
      const svcTable = `svc-${concurrency}`;
      const bareTable = `bare-${concurrency}`;
      await ensureTable(dynamo.endpoint, svcTable);
      await ensureTable(dynamo.endpoint, bareTable);
      const store = new DynamoStore(doc, svcTable);
      await seedStore(store);
      await store.putLimits(BENCH_LIMITS, new Date().toISOString(), 'bench');
      await seedStore(new DynamoStore(doc, bareTable));
      forgetCalendar();
      forgetLimits();
      const handlerOf = composedHandlers({ store, mailer, clock: systemClock });
      // the bare loop first (warm-up, then measured), then the handler in-process, then through HTTP
      await bareLoop(doc, ses, bareTable, concurrency, 2);
      const bareRps = await bareLoop(doc, ses, bareTable, concurrency, opts.seconds);
      await inProcessLoop(handlerOf, concurrency, 2);
      const inProc = await inProcessLoop(handlerOf, concurrency, opts.seconds);
      const rowIn: ThroughputRow = {
        concurrency,
        via: 'in-process',
        serviceRps: inProc.rps,
        bareSdkRps: bareRps,
        ratio: inProc.rps / bareRps,
        serviceP50Ms: inProc.p50,
        errors: inProc.errors,
      };
      throughput.push(rowIn);
      log(
        `  POST /corrections c=${String(concurrency).padEnd(2)} in-process ${inProc.rps.toFixed(1)} req/s ` +
          `(p50 ${inProc.p50.toFixed(1)} ms, ${inProc.errors} errors) vs bare SDK loop ${bareRps.toFixed(1)} ` +
          `req/s → ${rowIn.ratio.toFixed(2)}×`,
      );
      server = createApiServer({ verify: makeVerifier(await generateKeys()), handlerOf });
      await new Promise<void>((res) => server!.listen(0, '127.0.0.1', () => res()));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await runAutocannon(url, concurrency, 2); // warm-up
      const svc = await runAutocannon(url, concurrency, opts.seconds);
      await new Promise((res) => server!.close(res));
      server = undefined;
      const serviceRps = svc.requests.total / opts.seconds;
      const row: ThroughputRow = {
        concurrency,
        via: 'http',
        serviceRps,
        bareSdkRps: bareRps,
        ratio: serviceRps / bareRps,
        serviceP50Ms: svc.latency.p50,
        errors: svc.errors + svc.non2xx,
      };
      throughput.push(row);
      log(
        `  POST /corrections c=${String(concurrency).padEnd(2)} via HTTP   ${serviceRps.toFixed(1)} req/s ` +
          `(p50 ${svc.latency.p50} ms, ${row.errors} errors) vs bare SDK loop ${bareRps.toFixed(1)} req/s → ` +
          `${row.ratio.toFixed(2)}×`,
      );
      await fetch(`${sesServer.endpoint}/clear-store`, { method: 'POST' });
    }

    // ---- cost follows the page, not the table
    const sizes = opts.only === 'throughput' ? {} : { small: 1000, large: opts.large };
    const p50s: Record<string, Record<string, number>> = {};
    const seasonReport: Record<string, () => Promise<unknown>> = {};
    // Both tables are loaded before either is measured: DynamoDB Local holds every table in its one JVM heap, and
    // measuring the 1k table before the 100k load (a small heap) and the 100k table after it (a large one) timed the
    // heap, not the table (session 5: the season report read 1.42-1.58x that way; 100 absent keys in one BatchGetItem
    // took the same 15-16 ms in either table once both were loaded).
    for (const [label, n] of Object.entries(sizes)) {
      const table = `scale-${label}`;
      await ensureTable(dynamo.endpoint, table);
      const t0 = Date.now();
      await bulkCorrections(doc, table, n, 100);
      log(`  seeded ${n} corrections (1 % open) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    await new Promise((r) => setTimeout(r, 3000)); // let DynamoDB Local's JVM settle after the bulk writes
    for (const [label, n] of Object.entries(sizes)) {
      const table = `scale-${label}`;
      const store = new DynamoStore(doc, table);
      await seedStore(store);
      forgetCalendar();
      const loadHandler = composedHandlers({ store, mailer: { send: async () => 'bench' }, clock: systemClock });
      const staffQueue = await loadHandler('staff-queue');
      const claims = { sub: 'anna', email: 'anna@x.test', 'cognito:groups': '[staff]' };
      // A fresh context per invocation, as Lambda gives: its deadline is what middy's early timeout reads.
      const ctx = () => lambdaContext('bench', 'bench');
      const times = async (fn: () => Promise<unknown>, k: number) => {
        for (let i = 0; i < 15; i++) await fn();
        const xs: number[] = [];
        for (let i = 0; i < k; i++) {
          const t = performance.now();
          await fn();
          xs.push(performance.now() - t);
        }
        return p50(xs);
      };
      p50s[label] = {};
      // A page both tables fill (1,000 stored → 10 open): the cost must follow the page, not the table.
      p50s[label]['GET /staff/queue (page of 10)'] = await times(
        () => staffQueue(apiEvent('GET /staff/queue', { claims, query: { limit: '10' } }) as never, ctx()),
        100,
      );
      try {
        const slaWatch = await loadHandler('sla-watch');
        if (((await slaWatch({ time: '2026-11-23T08:00:00Z' } as never, ctx())) as { statusCode?: number }).statusCode === 501)
          throw new Error('not implemented yet');
        // Later runs find nothing due: the Query path on the 1 % table, whose overdue cases the probe above marked.
        p50s[label]['sla-watch (steady state)'] = await times(() => slaWatch(slaWatchEvent() as never, ctx()), 20);
      } catch (err) {
        log(`  sla-watch not measured: ${String(err).slice(0, 120)}`);
      }
      try {
        const reports = await loadHandler('staff-reports');
        if (
          (
            (await reports(
              apiEvent('GET /staff/reports/summary', { claims, query: { from: '2026-08-15', to: '2026-08-16' } }) as never,
              ctx(),
            )) as { statusCode?: number }
          ).statusCode === 501
        )
          throw new Error('not implemented yet');
        // timed after both sizes, in alternating rounds (below)
        seasonReport[label] = () =>
          reports(
            apiEvent('GET /staff/reports/summary', { claims, query: { from: '2026-08-15', to: '2027-04-30', period: 'week' } }) as never,
            ctx(),
          );
      } catch (err) {
        log(`  season report not measured: ${String(err).slice(0, 120)}`);
      }
      // Last, as it seeds another table of n rows (DynamoDB Local is busy for a while after bulk writes).
      try {
        // The first run does the work: exactly 100 overdue open cases among n (a table of its own), each marked
        // and its emails queued. One sample per size (a run changes the table), so this figure is noisier.
        const slaTable = `sla-${label}`;
        await ensureTable(dynamo.endpoint, slaTable);
        await bulkCorrections(doc, slaTable, n, n / 100);
        const slaStore = new DynamoStore(doc, slaTable);
        await seedStore(slaStore);
        forgetCalendar();
        const slaWatch = await composedHandlers({ store: slaStore, mailer: { send: async () => 'bench' }, clock: systemClock })(
          'sla-watch',
        );
        const t0 = performance.now();
        const first = (await slaWatch(slaWatchEvent() as never, ctx())) as Record<string, unknown>;
        p50s[label]['sla-watch, first run: 100 overdue'] = performance.now() - t0;
        log(
          `  sla-watch first run @${n}: ${((performance.now() - t0) / 100).toFixed(2)} ms a case; ${JSON.stringify(first).slice(0, 160)}`,
        );
        if (label === 'small') {
          // 1,000 overdue cases (every one of 1,000 open and overdue): ten index pages in one run
          await ensureTable(dynamo.endpoint, 'sla-1000');
          await bulkCorrections(doc, 'sla-1000', 1000, 1);
          const s1000 = new DynamoStore(doc, 'sla-1000');
          await seedStore(s1000);
          forgetCalendar();
          const slaWatch1000 = await composedHandlers({ store: s1000, mailer: { send: async () => 'bench' }, clock: systemClock })(
            'sla-watch',
          );
          const t1 = performance.now();
          const r1000 = (await slaWatch1000(slaWatchEvent() as never, ctx())) as { breaches?: number };
          const ms1000 = performance.now() - t1;
          firstRun1000 = { ms: ms1000, perCaseMs: ms1000 / 1000, breaches: r1000.breaches ?? 0 };
          log(
            `  sla-watch first run, 1000 overdue: ${ms1000.toFixed(0)} ms (${(ms1000 / 1000).toFixed(2)} ms a ` +
              `case, ${r1000.breaches} breaches)`,
          );
        }
      } catch (err) {
        log(`  sla-watch first run not measured: ${String(err).slice(0, 120)}`);
      }
    }
    // The season report in alternating rounds, 1k then 100k, five times: timed one size after the other it read 22-29 ms
    // at 1k and 40-44 ms at 100k (1.42-1.80x, session 5), while the same 259-day read alternated in one process took
    // 38 ms in either table. The order, not the table, made the difference.
    const reportSamples: Record<string, number[]> = {};
    for (let round = 0; round < 5; round++) {
      for (const [label, fn] of Object.entries(seasonReport)) {
        for (let i = 0; i < (round === 0 ? 5 : 0); i++) await fn(); // warm-up
        for (let i = 0; i < 6; i++) {
          const t = performance.now();
          await fn();
          (reportSamples[label] ??= []).push(performance.now() - t);
        }
      }
    }
    for (const [label, xs] of Object.entries(reportSamples)) p50s[label]!['season report (weeks)'] = p50(xs);
    for (const what of Object.keys(p50s.small ?? {})) {
      const s = p50s.small![what]!;
      const l = p50s.large?.[what];
      if (l === undefined) continue;
      scaling.push({ what, smallP50Ms: s, largeP50Ms: l, ratio: l / s });
      log(`  ${what.padEnd(28)} p50 ${s.toFixed(2)} ms @1k vs ${l.toFixed(2)} ms @${opts.large / 1000}k → ${(l / s).toFixed(2)}×`);
    }
  } finally {
    if (server) await new Promise((res) => server!.close(res));
    await sesServer.stop();
    await dynamo.stop();
  }
  return { throughput, scaling, slaFirstRun1000: firstRun1000 };
}

/**
 * Hardening: faults the local services cannot produce, injected with aws-sdk-client-mock on the SDK
 * client instances (the store's DynamoDBDocumentClient, the SES client); every command without a fault
 * goes through to the real DynamoDB Local and local SES (tests/support/hardening-mocks.ts).
 *
 * - SES throttling on the first sends: the outbox backs off 1, 2, 4 minutes, then sends exactly once.
 * - TransactionCanceledException (TransactionConflict / a real ConditionalCheckFailed) on a staff change:
 *   a clean retry, or 409, and never a partial change (no history without its version, no email without its change).
 * - DynamoDB throttling after the SDK's own retries: 503 service_unavailable, nothing stored.
 * - A Lambda timeout mid-request, with an Idempotency-Key: the answer lost after the commit (retry
 *   replays it), and the request dead before the commit (409 while its lock holds, then the retry
 *   takes over) — one correction and one acknowledgement email for the key, whatever happens.
 */
import { ProvisionedThroughputExceededException, ThrottlingException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, TooManyRequestsException, type SESv2Client } from '@aws-sdk/client-sesv2';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { emailOutbox } from '../support/functions.js';
import { makeDocumentClient } from '../../shared/adapters/aws-clients.js';
import { makeSesClient } from '../../shared/adapters/ses-client.js';
import { SesMailer } from '../../shared/adapters/ses-mailer.js';
import { loadConfig } from '../../shared/config.js';
import { reporterKey } from '../../shared/store/contact-keys.js';
import { outboxId } from '../../shared/store/core.js';
import { DynamoStore } from '../../scripts/local/dynamo-store.js';
import { claim } from '../../shared/usecases/corrections-staff.js';
import { handlers, reportBody, staff, staffView, type Response } from '../support/api.js';
import { call } from '../support/events.js';
import { createTestEnv, seedBasics, sentEmails, type TestEnv } from '../support/harness.js';
import { mockPassThrough, never, until, type PassThroughMock } from '../support/hardening-mocks.js';
import { idempotencyPk, partition, snapshot } from '../support/table-snapshot.js';

const T0 = '2026-11-21T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const TODAY = '2026-11-21';

const mocks: PassThroughMock<any>[] = [];
afterEach(() => {
  for (const m of mocks.splice(0)) m.mock.restore();
});
function mockDoc(env: TestEnv) {
  const m = mockPassThrough(env.store.doc);
  mocks.push(m);
  return m;
}
function mockSes(client: SESv2Client) {
  const m = mockPassThrough(client);
  mocks.push(m);
  return m;
}

async function freshEnv(): Promise<TestEnv> {
  const env = await createTestEnv({ now: T0 });
  await seedBasics(env);
  return env;
}

const postCorrection = (body: unknown, headers: Record<string, string> = {}) =>
  call(handlers.publicCorrections, 'POST /corrections', { body, headers });

async function reported() {
  const body = reportBody({ matchId: 'M-1001', category: 'final-score', proposed: { homeGoals: 5, awayGoals: 3 } });
  const r = await postCorrection(body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { id: r.body.id as string, reference: r.body.reference as string, email: body.reporter.email as string, body };
}

/** Everything a correction (and its email) leaves in the table, by Query. */
const stateOf = (env: TestEnv, extra: { caseIds?: string[]; partitions?: string[] } = {}) =>
  snapshot(env, { caseIds: extra.caseIds ?? [], partitions: [`AGG#${TODAY}`, ...(extra.partitions ?? [])] });

const conflict = (...codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

function expect503(r: Response) {
  expect(r.status, JSON.stringify(r.body)).toBe(503);
  expect(r.body.error.code).toBe('service_unavailable');
  expect(r.body.error.message).toMatch(/busy.*try again/i); // what to do: try again in a moment
}

// ---------------------------------------------------------------- SES

describe('SES throttling', () => {
  it('TooManyRequests on the first sends: backoff 1, 2, 4 minutes, then exactly one email for the cause', async () => {
    const env = await freshEnv();
    const ses = makeSesClient(loadConfig()); // the real local SES behind the mock
    const { mock, passedThrough } = mockSes(ses);
    const throttled = () => new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 429 } });
    mock.on(SendEmailCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).rejectsOnce(throttled());
    env.mailer = new SesMailer(ses, loadConfig().sesFrom);

    const c = await reported(); // the immediate send is throttled: still 201
    const ackId = outboxId(`${c.id}#v1#acknowledgement`);
    const drain = (time: string) => emailOutbox({ 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time, detail: {} });

    const attempts: { attempts: number; nextAttemptAt: string }[] = [];
    const record = async () => {
      const e = await env.store.getOutbox(ackId);
      expect(e?.status).toBe('pending');
      expect(e?.lastError).toContain('TooManyRequestsException');
      attempts.push({ attempts: e!.attempts, nextAttemptAt: e!.nextAttemptAt });
    };
    await record();
    expect(await drain(at(0.5))).toMatchObject({ sent: 0, retry: 0 }); // not due yet
    expect(await drain(at(1))).toMatchObject({ sent: 0, retry: 1 });
    await record();
    expect(await drain(at(2))).toMatchObject({ sent: 0, retry: 0 }); // backing off
    expect(await drain(at(3))).toMatchObject({ sent: 0, retry: 1 });
    await record();
    expect(await drain(at(6))).toMatchObject({ sent: 0 });
    expect(await drain(at(7))).toMatchObject({ sent: 1, retry: 0, undeliverable: 0 });
    expect(await drain(at(30))).toMatchObject({ sent: 0, retry: 0 });

    expect(attempts).toEqual([
      { attempts: 1, nextAttemptAt: at(1) },
      { attempts: 2, nextAttemptAt: at(3) },
      { attempts: 3, nextAttemptAt: at(7) },
    ]);
    const gaps = attempts.map((a, i) => (Date.parse(a.nextAttemptAt) - Date.parse(i === 0 ? T0 : attempts[i - 1]!.nextAttemptAt)) / 60_000);
    expect(gaps).toEqual([1, 2, 4]);
    expect(await env.store.getOutbox(ackId)).toMatchObject({ status: 'sent', attempts: 4 });
    expect(passedThrough(SendEmailCommand)).toBe(1);
    const mails = await sentEmails(env.sesEndpoint, c.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(c.reference);
  });
});

// ---------------------------------------------------------------- DynamoDB transaction conflicts

describe('TransactionCanceledException on a staff change', () => {
  it('TransactionConflict on a claim without expectedVersion: a clean retry, one change', async () => {
    const env = await freshEnv();
    const c = await reported();
    const { mock, passedThrough } = mockDoc(env);
    mock.on(TransactWriteCommand).rejectsOnce(conflict('None', 'TransactionConflict'));

    const r = await staff('claim', c.id, undefined, 's1');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'in-progress', version: 2, assignee: { sub: 's1' } });
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(2);
    expect(passedThrough(TransactWriteCommand)).toBe(1);
    const v = (await staffView(c.id)).body;
    expect(v.history.map((h: { action: string; version: number }) => [h.action, h.version])).toEqual([
      ['create', 1],
      ['claim', 2],
    ]);
  });

  it('TransactionConflict with expectedVersion: re-read; the version still matches, so the retry succeeds — once', async () => {
    const env = await freshEnv();
    const c = await reported();
    const { mock } = mockDoc(env);
    mock.on(TransactWriteCommand).rejectsOnce(conflict('None', 'None', 'TransactionConflict'));
    const r = await staff('claim', c.id, { expectedVersion: 1 }, 's1');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'in-progress', version: 2 });
    expect(r.body.history).toHaveLength(2);
  });

  it('a real concurrent claim between read and write: 409 (already_claimed / version_mismatch), the loser changes nothing', async () => {
    for (const expectedVersion of [undefined, 1]) {
      const env = await freshEnv();
      const c = await reported();
      // another staff member, through another client (another Lambda), claims in between
      const other = { ...env, store: new DynamoStore(makeDocumentClient(loadConfig()), env.tableName) };
      const { mock, real } = mockDoc(env);
      mock.on(TransactWriteCommand).callsFakeOnce(async (input: ConstructorParameters<typeof TransactWriteCommand>[0]) => {
        await claim(other, c.id, { sub: 's2', email: 's2@salibandy.test', name: 'Staff s2' });
        return real(new TransactWriteCommand(input)); // the real write now fails its version condition
      });
      const before = await stateOf(env, { caseIds: [c.id] });
      const r = await staff('claim', c.id, expectedVersion === undefined ? undefined : { expectedVersion }, 's1');
      expect(r.status, JSON.stringify(r.body)).toBe(409);
      expect(r.body.error.code).toBe(expectedVersion === undefined ? 'already_claimed' : 'version_mismatch');
      const v = (await staffView(c.id)).body;
      expect(v).toMatchObject({ status: 'in-progress', version: 2, assignee: { sub: 's2' } });
      expect(v.history.map((h: { actor: string }) => h.actor)).toEqual(['reporter', 's2@salibandy.test']);
      // exactly the winner's change: its record and history entry, nothing of the loser
      const after = await stateOf(env, { caseIds: [c.id] });
      expect(after[`C#${c.id}`]!.length).toBe(before[`C#${c.id}`]!.length + 1);
    }
  });

  it('a resolve whose transaction is cancelled: no history, no message, no outbox record, no email; the retry emails once', async () => {
    const env = await freshEnv();
    const c = await reported();
    expect((await staff('claim', c.id, undefined, 's1')).status).toBe(200);
    const { mock } = mockDoc(env);
    mock.on(TransactWriteCommand).rejectsOnce(conflict('ConditionalCheckFailed', 'None', 'None'));
    const resolutionId = outboxId(`${c.id}#v3#resolution#reporter`);
    const before = await stateOf(env, { caseIds: [c.id], partitions: [`OUTBOX#${resolutionId}`] });

    const refused = await staff(
      'resolve',
      c.id,
      { outcome: 'corrected', message: 'Korjattu 5–3.', correctedResult: { homeGoals: 5, awayGoals: 3 }, expectedVersion: 2 },
      's1',
    );
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.error.code).toBe('version_mismatch');
    expect(await stateOf(env, { caseIds: [c.id], partitions: [`OUTBOX#${resolutionId}`] })).toEqual(before);
    expect(await sentEmails(env.sesEndpoint, c.email)).toHaveLength(1); // the acknowledgement only

    const ok = await staff(
      'resolve',
      c.id,
      { outcome: 'corrected', message: 'Korjattu 5–3.', correctedResult: { homeGoals: 5, awayGoals: 3 } },
      's1',
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: 'resolved', version: 3 });
    expect(ok.body.history).toHaveLength(3);
    expect(await env.store.getOutbox(resolutionId)).toMatchObject({ status: 'sent' });
    const mails = await sentEmails(env.sesEndpoint, c.email);
    expect(mails).toHaveLength(2);
    expect(mails.filter((m) => m.body.text?.includes('Korjattu 5–3.'))).toHaveLength(1);
  });
});

// ---------------------------------------------------------------- DynamoDB throttling

describe('DynamoDB throttling after the SDK retries', () => {
  const throttles = [
    [
      'ProvisionedThroughputExceededException on the transaction',
      (m: PassThroughMock<any>['mock']) =>
        m.on(TransactWriteCommand).rejects(
          new ProvisionedThroughputExceededException({
            message: 'The level of configured provisioned throughput for the table was exceeded.',
            $metadata: { httpStatusCode: 400 },
          }),
        ),
    ],
    [
      'ThrottlingException on the transaction',
      (m: PassThroughMock<any>['mock']) =>
        m
          .on(TransactWriteCommand)
          .rejects(
            new ThrottlingException({ message: 'Rate of requests exceeds the allowed throughput.', $metadata: { httpStatusCode: 400 } }),
          ),
    ],
    [
      'a transaction cancelled for ThrottlingError',
      (m: PassThroughMock<any>['mock']) => m.on(TransactWriteCommand).rejects(conflict('ThrottlingError', 'None', 'None')),
    ],
    [
      'ThrottlingException on every read and write',
      (m: PassThroughMock<any>['mock']) =>
        m
          .onAnyCommand()
          .rejects(
            new ThrottlingException({ message: 'Rate of requests exceeds the allowed throughput.', $metadata: { httpStatusCode: 400 } }),
          ),
    ],
    [
      'ProvisionedThroughputExceededException on the queries',
      (m: PassThroughMock<any>['mock']) =>
        m
          .on(QueryCommand)
          .rejects(new ProvisionedThroughputExceededException({ message: 'Throughput exceeded.', $metadata: { httpStatusCode: 400 } })),
    ],
  ] as const;

  for (const [name, inject] of throttles) {
    it(`POST /corrections, ${name}: 503 service_unavailable, nothing stored (with and without Idempotency-Key)`, async () => {
      const env = await freshEnv();
      for (const key of [undefined, `throttle-${Math.random().toString(36).slice(2, 12)}`]) {
        const body = reportBody({ matchId: 'M-1001', category: 'goal' });
        const scope = {
          partitions: [
            reporterKey('M-1001', `email:${body.reporter.email}`),
            `MATCH#M-1001`,
            ...(key ? [idempotencyPk('POST /corrections', key)] : []),
          ],
        };
        const before = await stateOf(env, scope);
        const { mock } = mockDoc(env);
        inject(mock);
        const r = await postCorrection(body, key ? { 'idempotency-key': key } : {});
        mock.restore();
        mocks.pop();
        expect503(r);
        expect(await stateOf(env, scope)).toEqual(before);
        if (key) expect(await partition(env, idempotencyPk('POST /corrections', key))).toEqual([]);
        // once DynamoDB has capacity again, the same request goes through
        const again = await postCorrection(body, key ? { 'idempotency-key': key } : {});
        expect(again.status, JSON.stringify(again.body)).toBe(201);
        expect(await partition(env, reporterKey('M-1001', `email:${body.reporter.email}`))).toHaveLength(1);
      }
    });
  }
});

describe('DynamoDB throttling on a staff change', () => {
  it('a throttled claim answers 503 and changes nothing; the retry claims', async () => {
    const env = await freshEnv();
    const c = await reported();
    const before = await stateOf(env, { caseIds: [c.id] });
    const { mock } = mockDoc(env);
    mock
      .on(TransactWriteCommand)
      .rejectsOnce(new ProvisionedThroughputExceededException({ message: 'Throughput exceeded.', $metadata: { httpStatusCode: 400 } }));
    expect503(await staff('claim', c.id, { expectedVersion: 1 }, 's1'));
    expect(await stateOf(env, { caseIds: [c.id] })).toEqual(before);
    const r = await staff('claim', c.id, { expectedVersion: 1 }, 's1');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'in-progress', version: 2 });
  });
});

// ---------------------------------------------------------------- Lambda timeouts

describe('a Lambda timeout mid-request, retried with the same Idempotency-Key', () => {
  const ack = async (env: TestEnv, email: string) => (await sentEmails(env.sesEndpoint, email)).filter((m) => /TP-/.test(m.subject));

  it(
    'committed, answer lost (the function died sending the acknowledgement): the retry gets the first ' +
      'answer; one correction, one email',
    async () => {
      const env = await freshEnv();
      const ses = makeSesClient(loadConfig());
      const { mock: sesMock, passedThrough } = mockSes(ses);
      sesMock.on(SendEmailCommand).callsFakeOnce(() => never()); // the function times out inside SES's call
      env.mailer = new SesMailer(ses, loadConfig().sesFrom);
      const { mock: docMock } = mockDoc(env);

      const key = 'lost-answer-0001';
      const body = reportBody({ matchId: 'M-1001', category: 'final-score', proposed: { homeGoals: 1, awayGoals: 0 } });
      void postCorrection(body, { 'idempotency-key': key }); // its answer is never seen
      await until(() => sesMock.commandCalls(SendEmailCommand).length === 1);
      expect(docMock.commandCalls(TransactWriteCommand)).toHaveLength(1); // committed

      const retry = await postCorrection(body, { 'idempotency-key': key });
      expect(retry.status, JSON.stringify(retry.body)).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(docMock.commandCalls(TransactWriteCommand)).toHaveLength(1); // nothing new written
      const rc = await partition(env, reporterKey('M-1001', `email:${body.reporter.email}`));
      expect(rc).toHaveLength(1);
      expect(retry.body.id).toBe(rc[0]!.caseId);
      expect(retry.body).toMatchObject({ status: 'queued', reference: expect.stringMatching(/^TP-/), trackingToken: expect.any(String) });
      // the tracking token of the replay is the real one
      const view = await call(handlers.publicCorrections, 'GET /corrections/{id}', {
        pathParameters: { id: retry.body.id },
        headers: { 'x-tracking-token': retry.body.trackingToken },
      });
      expect(view.status).toBe(200);

      // The acknowledgement stays leased by the dead invocation. When the lease runs out nobody knows whether SES
      // took it (the call died inside SES's request), so it is held as `sending` for SES's own Send/Delivery
      // event (never twice); no event within 15 minutes means SES never took it, and it is sent then (never lost).
      const ackId = outboxId(`${retry.body.id}#v1#acknowledgement`);
      expect(await env.store.getOutbox(ackId)).toMatchObject({ status: 'pending', attempts: 1 });
      const drain = (time: string) => emailOutbox({ 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time, detail: {} });
      expect(await drain(at(0.5))).toMatchObject({ sent: 0 });
      expect(await drain(at(2))).toMatchObject({ sent: 0 });
      expect(await env.store.getOutbox(ackId)).toMatchObject({ status: 'sending' });
      expect(await drain(at(5))).toMatchObject({ sent: 0, retry: 0 });
      expect(passedThrough(SendEmailCommand)).toBe(0);
      expect(await drain(at(20))).toMatchObject({ sent: 1 });
      expect(await drain(at(40))).toMatchObject({ sent: 0, retry: 0 });
      expect(passedThrough(SendEmailCommand)).toBe(1);
      expect(await ack(env, body.reporter.email)).toHaveLength(1);
    },
  );

  it(
    'died before committing: 409 "still in progress" while the lock holds, then the retry takes over; ' + 'one correction, one email',
    async () => {
      const env = await freshEnv();
      const { mock } = mockDoc(env);
      mock.on(TransactWriteCommand).callsFakeOnce(() => never()); // the function times out in the transaction
      const key = 'died-before-commit-1';
      const body = reportBody({ matchId: 'M-1002', category: 'goal' });
      const idem = idempotencyPk('POST /corrections', key);
      const rcKey = reporterKey('M-1002', `email:${body.reporter.email}`);

      void postCorrection(body, { 'idempotency-key': key });
      await until(() => mock.commandCalls(TransactWriteCommand).length === 1);
      expect(mock.commandCalls(PutCommand).length).toBeGreaterThanOrEqual(1); // beginIdempotent ran
      const inflight = await partition(env, idem);
      expect(inflight).toHaveLength(1);
      expect(inflight[0]).toMatchObject({ status: 'in-progress', lockUntil: new Date(Date.parse(T0) + 30_000).toISOString() });

      for (const t of [0, 0.25, 0.49]) {
        env.setNow(at(t));
        const r = await postCorrection(body, { 'idempotency-key': key });
        expect(r.status, JSON.stringify(r.body)).toBe(409);
        expect(r.body.error.code).toBe('conflict');
        expect(r.body.error.message).toMatch(/still being processed/);
      }
      // another body under the same key is refused even while in flight
      const other = await postCorrection({ ...body, description: 'Something else' }, { 'idempotency-key': key });
      expect(other.status).toBe(422);
      expect(other.body.error.code).toBe('idempotency_key_reused');
      expect(await partition(env, rcKey)).toEqual([]);
      expect(await partition(env, idem)).toEqual(inflight); // the refusals left the record alone

      env.setNow(at(0.6)); // the lock (30 s) ran out: the request is dead
      const taken = await postCorrection(body, { 'idempotency-key': key });
      expect(taken.status, JSON.stringify(taken.body)).toBe(201);
      expect(taken.headers['idempotent-replayed']).toBeUndefined();
      const replay = await postCorrection(body, { 'idempotency-key': key });
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(taken.body);

      const rc = await partition(env, rcKey);
      expect(rc).toHaveLength(1);
      expect(rc[0]!.caseId).toBe(taken.body.id);
      expect(await ack(env, body.reporter.email)).toHaveLength(1);
      expect((await partition(env, idem))[0]).toMatchObject({ status: 'completed' });
    },
  );

  it('a dead request whose write arrives after the takeover cannot create a second correction', async () => {
    const env = await freshEnv();
    const { mock, real } = mockDoc(env);
    let resume!: () => void;
    const resumed = new Promise<void>((r) => (resume = r));
    mock.on(TransactWriteCommand).callsFakeOnce(async (input: ConstructorParameters<typeof TransactWriteCommand>[0]) => {
      await resumed; // stalled past its lock…
      return real(new TransactWriteCommand(input)); // …then its write reaches DynamoDB after all
    });
    const key = 'zombie-request-0001';
    const body = reportBody({ matchId: 'M-1002', category: 'penalty' });
    const zombie = postCorrection(body, { 'idempotency-key': key });
    await until(() => mock.commandCalls(TransactWriteCommand).length === 1);

    env.setNow(at(1));
    const taken = await postCorrection(body, { 'idempotency-key': key });
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
    resume();
    const late = await zombie;
    // the late write fails its idempotency condition; whatever it answers, it stored nothing
    expect(late.status, JSON.stringify(late.body)).toBe(409);
    expect(late.body.error.code).toBe('conflict');
    const rc = await partition(env, reporterKey('M-1002', `email:${body.reporter.email}`));
    expect(rc.map((i) => i.caseId)).toEqual([taken.body.id]);
    expect(await ack(env, body.reporter.email)).toHaveLength(1);
    const replay = await postCorrection(body, { 'idempotency-key': key });
    expect(replay.body).toEqual(taken.body);
    // the idempotency record still belongs to the request that completed
    expect(
      (
        await env.store.doc.send(
          new GetCommand({ TableName: env.tableName, Key: { PK: idempotencyPk('POST /corrections', key), SK: 'IDEM' } }),
        )
      ).Item,
    ).toMatchObject({ status: 'completed' });
  });
});

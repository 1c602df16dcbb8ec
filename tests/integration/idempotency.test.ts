/** Idempotency-Key on POST /corrections (and POST /staff/corrections), against DynamoDB Local and the local SES. */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { reporterKey } from '../../shared/store/contact-keys.js';
import { outboxId } from '../../shared/store/core.js';
import { canonicalJson } from '../../shared/usecases/idempotency.js';
import { expectError, handlers, report, reportBody, reporterView, type Response } from '../support/api.js';
import { call, staffClaims } from '../support/events.js';
import { createTestEnv, seedBasics, sentEmails, type TestEnv } from '../support/harness.js';
import { idempotencyPk, indexPartition, partition, queueLength, snapshot } from '../support/table-snapshot.js';

const NOW = '2026-11-21T10:00:00.000Z';
const SCOPE = 'POST /corrections';
let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv({ now: NOW });
  await seedBasics(env);
});
beforeEach(() => env.setNow(NOW));

const newKey = () => `key-${randomUUID()}`;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const created = (r: Response) => {
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; reference: string; trackingToken: string; receivedAt: string };
};
const idem = async (key: string, scope = SCOPE) => (await partition(env, idempotencyPk(scope, key)))[0];

describe('Idempotency-Key', () => {
  it('a retry with the same key and body returns the first response (same id, reference and token) and creates nothing', async () => {
    const key = newKey();
    const body = reportBody();
    const before = await queueLength(env);
    const first = await report(body, { 'Idempotency-Key': key });
    const c = created(first);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    env.setNow('2026-11-21T10:20:00Z');
    const second = await report(body, { 'Idempotency-Key': key });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    // the same body with its keys in another order is the same request
    const reordered = {
      reporter: { email: body.reporter.email, name: body.reporter.name },
      language: body.language,
      description: body.description,
      category: body.category,
      matchId: body.matchId,
    };
    const third = await report(reordered, { 'Idempotency-Key': key });
    expect(third.body).toEqual(first.body);

    expect(await queueLength(env)).toBe(before + 1);
    expect(await sentEmails(env.sesEndpoint, body.reporter.email)).toHaveLength(1);
    // the replayed token works
    expect((await reporterView(c.id, second.body.trackingToken)).status).toBe(200);
  });

  it('the same key with another body → 422 idempotency_key_reused, and nothing is created', async () => {
    const key = newKey();
    const body = reportBody();
    created(await report(body, { 'Idempotency-Key': key }));
    const other = reportBody({ description: 'Toinen asia' });
    const snap = await snapshot(env, { partitions: [idempotencyPk(SCOPE, key), reporterKey('M-1001', `email:${other.reporter.email}`)] });
    const r = await report(other, { 'Idempotency-Key': key });
    expectError(r, 422, 'idempotency_key_reused');
    expect(
      await snapshot(env, { partitions: [idempotencyPk(SCOPE, key), reporterKey('M-1001', `email:${other.reporter.email}`)] }),
    ).toEqual(snap);
    expect(await sentEmails(env.sesEndpoint, other.reporter.email)).toHaveLength(0);
    // a key that differs only in case is another key
    created(await report(other, { 'Idempotency-Key': key.toUpperCase() }));
  });

  it('refuses malformed keys with 400', async () => {
    for (const key of ['short', 'x'.repeat(129), 'has space 123', 'ä-not-ascii-key', 'semi;colon;key']) {
      expectError(await report(reportBody(), { 'Idempotency-Key': key }), 400, 'validation_failed');
    }
  });

  it('10 concurrent posts with one key create exactly one correction; the others get its answer or 409 "still in progress"', async () => {
    const key = newKey();
    const body = reportBody({ matchId: 'M-1002', category: 'lineup' });
    const before = await queueLength(env);
    const results = await Promise.all(Array.from({ length: 10 }, () => report(body, { 'Idempotency-Key': key })));
    const wins = results.filter((r) => r.status === 201);
    expect(wins.length, JSON.stringify(results.map((r) => [r.status, r.body?.error?.code]))).toBeGreaterThanOrEqual(1);
    const ids = new Set(wins.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    for (const w of wins) expect(w.body).toEqual(wins[0]!.body);
    for (const r of results.filter((x) => x.status !== 201)) {
      expectError(r, 409, 'conflict');
      expect(r.body.error.message).toMatch(/still being processed/);
    }
    expect(await queueLength(env)).toBe(before + 1);
    expect(await sentEmails(env.sesEndpoint, body.reporter.email)).toHaveLength(1);
    // afterwards, every retry gets the one answer
    const again = await report(body, { 'Idempotency-Key': key });
    expect(again.body).toEqual(wins[0]!.body);
    expect((await idem(key))!.status).toBe('completed');
  });

  it("a duplicate arriving while the first is in flight gets 409 and leaves the first one's record intact", async () => {
    const key = newKey();
    const body = reportBody({ matchId: 'M-2001', category: 'penalty' });
    const hashedKey = sha256(`${SCOPE}\n${key}`);
    const bodyHash = sha256(canonicalJson(body));
    // the "first request": it holds the key and has not finished yet
    expect(await env.store.beginIdempotent(hashedKey, bodyHash, 'first-owner', env.clock.now())).toBeNull();
    const record = await idem(key);
    expect(record).toMatchObject({ status: 'in-progress', owner: 'first-owner', bodyHash });
    const before = await queueLength(env);

    const dup = await report(body, { 'Idempotency-Key': key });
    expectError(dup, 409, 'conflict');
    expect(await idem(key)).toEqual(record);
    // another body with that key while in flight: 422, record still the first one's
    expectError(await report(reportBody({ matchId: 'M-2001' }), { 'Idempotency-Key': key }), 422, 'idempotency_key_reused');
    expect(await idem(key)).toEqual(record);
    // a refused request with that key (unknown match) does not give the first one's key back either
    const bad = { ...body, matchId: 'M-404' };
    expectError(await report(bad, { 'Idempotency-Key': key }), 422);
    expect(await idem(key)).toEqual(record);
    expect(await queueLength(env)).toBe(before);
    expect(await sentEmails(env.sesEndpoint, body.reporter.email)).toHaveLength(0);

    // the first request never finishes; once its lock has run out a retry takes over and succeeds
    env.setNow(new Date(Date.parse(NOW) + 31_000));
    const retry = created(await report(body, { 'Idempotency-Key': key }));
    const done = await idem(key);
    expect(done).toMatchObject({ status: 'completed', bodyHash });
    expect(done!.owner).not.toBe('first-owner');
    // the dead first request giving the key back now changes nothing
    await env.store.abandonIdempotent(hashedKey, 'first-owner');
    expect(await idem(key)).toEqual(done);
    expect((await report(body, { 'Idempotency-Key': key })).body.id).toBe(retry.id);
    expect(await queueLength(env)).toBe(before + 1);
  });

  it('the tracking token is stored nowhere in clear (case partition, reference, re-contact, outbox, idempotency, indexes)', async () => {
    const key = newKey();
    const body = reportBody({ reporter: { name: 'Token Test', phone: '+358401010101' } });
    const c = created(await report(body, { 'Idempotency-Key': key }));
    const replay = await report(body, { 'Idempotency-Key': key });
    expect(replay.body.trackingToken).toBe(c.trackingToken);

    const partitions = [
      `C#${c.id}`,
      `REF#${c.reference}`,
      reporterKey('M-1001', `email:${body.reporter.email}`),
      reporterKey('M-1001', 'phone:+358401010101'),
      `OUTBOX#${outboxId(`${c.id}#v1#acknowledgement`)}`,
      idempotencyPk(SCOPE, key),
      `AGG#${NOW.slice(0, 10)}`,
    ];
    const stored: unknown[] = [];
    for (const pk of partitions) {
      const items = await partition(env, pk);
      expect(items.length, pk).toBeGreaterThan(0);
      stored.push(...items);
    }
    for (const [ix, pk] of [
      ['queue', 'QUEUE'],
      ['openByMatch', 'OPEN#M-1001#goal'],
      ['firstResponseDue', 'DUE#FR'],
      ['resolutionDue', 'DUE#RES'],
      ['outboxPending', 'OUTBOX#PENDING'],
    ] as const) {
      stored.push(...(await indexPartition(env, ix, pk)));
    }
    const text = JSON.stringify(stored);
    expect(text).toContain(c.id);
    expect(text).not.toContain(c.trackingToken);
    // nor under a simple encoding
    expect(text).not.toContain(Buffer.from(c.trackingToken).toString('base64'));
    expect(text).not.toContain(Buffer.from(c.trackingToken).toString('hex'));
    // the idempotency record holds the answer without the token, and not the raw key either
    const rec = (await idem(key))!;
    expect(rec.response).toMatchObject({ status: 201, body: { id: c.id, reference: c.reference } });
    expect((rec.response as { body: Record<string, unknown> }).body.trackingToken).toBeUndefined();
    expect(JSON.stringify(rec)).not.toContain(key);
    // the acknowledgement email itself carries no token either
    const mail = await sentEmails(env.sesEndpoint, body.reporter.email);
    expect(mail).toHaveLength(1);
    expect(JSON.stringify(mail)).not.toContain(c.trackingToken);
  });

  it('without a key, the same body twice is two corrections (the second a duplicate of the first)', async () => {
    const body = reportBody({ matchId: 'M-2001', category: 'other' });
    const a = created(await report(body));
    const b = created(await report(body));
    expect(b.id).not.toBe(a.id);
    expect(b.reference).not.toBe(a.reference);
    expect(b.trackingToken).not.toBe(a.trackingToken);
    expect((b as { duplicateOf?: string }).duplicateOf).toBe(a.id);
  });

  it('keys are scoped: the public route and each staff member have their own', async () => {
    const key = newKey();
    const pub = created(await report(reportBody(), { 'Idempotency-Key': key }));
    const staffBody = { ...reportBody({ category: 'penalty' }), channel: 'phone' };
    const postStaff = (sub: string) =>
      call(handlers.staffCorrections, 'POST /staff/corrections', {
        body: staffBody,
        headers: { 'Idempotency-Key': key },
        claims: staffClaims(sub),
      });
    const s1 = created(await postStaff('s1'));
    const s1again = await postStaff('s1');
    expect(s1again.body).toEqual(s1 as unknown);
    const s2 = created(await postStaff('s2'));
    expect(new Set([pub.id, s1.id, s2.id]).size).toBe(3);
  });
});

/**
 * "Report and resolve": the correction workflow through the Lambda handlers, against DynamoDB Local
 * and the local SES. Time is Saturday 21 Nov 2026, 12:00 in Helsinki (the results window is open).
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Correction } from '../../shared/domain/correction.js';
import {
  expectError,
  handlers,
  queue,
  reply,
  reported,
  reporterView,
  reportBody,
  report,
  staff,
  staffView,
  type Response,
} from '../support/api.js';
import { adminClaims, call, officialClaims, staffClaims } from '../support/events.js';
import { createTestEnv, DEMO_SERIES, seedBasics, sentEmails, uniqueEmail, type TestEnv } from '../support/harness.js';
import { idempotencyPk, snapshot } from '../support/table-snapshot.js';
import { reporterKey } from '../../shared/store/contact-keys.js';

const T0 = Date.parse('2026-11-21T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

let env: TestEnv;
let minute = 0;
/** every test moves the clock on, so arrival order is well defined */
const tick = () => env.setNow(at(++minute));

beforeAll(async () => {
  env = await createTestEnv({ now: at(0) });
  await seedBasics(env);
});
beforeEach(() => tick());

const ok = (r: Response, status = 200) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};
const details = async (id: string) => (await env.store.getCaseWithDetails(id))!;

async function queueIds(query: Record<string, string> = {}): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const r = ok(await queue({ limit: '100', ...query, ...(cursor ? { cursor } : {}) }));
    ids.push(...r.items.map((i: { id: string }) => i.id));
    cursor = r.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe('the workflow', () => {
  it('claim → request-info → reply → claim → resolve: emails, queue position, history and versions', async () => {
    const a = await reported({
      matchId: 'M-1002',
      category: 'final-score',
      proposed: { homeGoals: 4, awayGoals: 4 },
      description: 'Tulos oli 4–4.',
    });
    tick();
    const b = await reported({ matchId: 'M-1002', category: 'penalty' });
    const acks = await sentEmails(env.sesEndpoint, a.email);
    expect(acks).toHaveLength(1);
    expect(acks[0]!.subject + acks[0]!.body.text).toContain(a.reference);

    tick();
    let v = ok(await staff('claim', a.id, undefined, 'staff-1'));
    expect(v).toMatchObject({ status: 'in-progress', version: 2, assignee: { sub: 'staff-1' } });

    tick();
    const question = 'Kuka teki maalin 4–4? Tarvitsemme pelaajan numeron.';
    v = ok(await staff('request-info', a.id, { message: question }, 'staff-1'));
    expect(v).toMatchObject({ status: 'awaiting-reporter', version: 3 });
    const asked = (await sentEmails(env.sesEndpoint, a.email)).filter((m) => m.body.text?.includes(question));
    expect(asked).toHaveLength(1);
    expect(asked[0]!.subject + asked[0]!.body.text).toContain(a.reference);
    expect((await queueIds({ status: 'awaiting-reporter' })).includes(a.id)).toBe(true);

    const seen = ok(await reporterView(a.id, a.trackingToken));
    expect(seen.status).toBe('awaiting-reporter');
    expect(seen.messages.map((m: { message: string }) => m.message)).toContain(question);

    tick();
    const replied = ok(await reply(a.id, a.trackingToken, { message: 'Numero 17, Virtanen.' }), 201);
    expect(replied).toMatchObject({ id: a.id, status: 'queued' });
    // back in the queue in its old place: still before b, still with its original arrival time
    const open = await queueIds();
    expect(open.indexOf(a.id)).toBeGreaterThanOrEqual(0);
    expect(open.indexOf(a.id)).toBeLessThan(open.indexOf(b.id));
    const item = ok(await queue({ limit: '100' })).items.find((i: { id: string }) => i.id === a.id);
    expect(item).toMatchObject({ kind: 'correction', status: 'queued', receivedAt: a.receivedAt, reference: a.reference });
    expect(ok(await staffView(a.id))).toMatchObject({ version: 4, status: 'queued' });
    expect(ok(await staffView(a.id)).assignee).toBeUndefined();

    tick();
    v = ok(await staff('claim', a.id, undefined, 'staff-2'));
    expect(v).toMatchObject({ status: 'in-progress', version: 5, assignee: { sub: 'staff-2' } });

    tick();
    v = ok(
      await staff(
        'resolve',
        a.id,
        { outcome: 'corrected', message: 'Tulos korjattu 4–4:ksi.', correctedResult: { homeGoals: 4, awayGoals: 4 } },
        'staff-2',
      ),
    );
    expect(v).toMatchObject({ status: 'resolved', outcome: 'corrected', version: 6, correctedResult: { homeGoals: 4, awayGoals: 4 } });
    const mails = await sentEmails(env.sesEndpoint, a.email);
    expect(mails).toHaveLength(3);
    expect(mails.filter((m) => m.body.text?.includes('Tulos korjattu 4–4:ksi.'))).toHaveLength(1);
    expect(mails.every((m) => (m.subject + m.body.text).includes(a.reference))).toBe(true);

    const view = ok(await staffView(a.id));
    expect(view.version).toBe(6);
    expect(view.history.map((h: { action: string }) => h.action)).toEqual(['create', 'claim', 'request-info', 'reply', 'claim', 'resolve']);
    expect(view.history.map((h: { version: number }) => h.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(view.history.map((h: { to: string }) => h.to)).toEqual([
      'queued',
      'in-progress',
      'awaiting-reporter',
      'queued',
      'in-progress',
      'resolved',
    ]);
    expect(view.history.map((h: { actor: string }) => h.actor)).toEqual([
      'reporter',
      'staff-1@salibandy.test',
      'staff-1@salibandy.test',
      'reporter',
      'staff-2@salibandy.test',
      'staff-2@salibandy.test',
    ]);
    for (const h of view.history) expect(Date.parse(h.at)).not.toBeNaN();
    expect(view.history[2].message).toBe(question);
    expect(view.history[5].outcome).toBe('corrected');
    expect(view.firstResponseAt).toBe(view.history[1].at);
    expect(view.messages.map((m: { from: string }) => m.from)).toEqual(['staff', 'reporter', 'staff']);

    expect(await queueIds()).not.toContain(a.id);
    const final = ok(await reporterView(a.id, a.trackingToken));
    expect(final).toMatchObject({
      status: 'resolved',
      outcome: 'corrected',
      correctedResult: { homeGoals: 4, awayGoals: 4 },
      reference: a.reference,
    });
  });

  it('a stale expectedVersion → 409 version_mismatch, and nothing changes', async () => {
    const c = await reported();
    ok(await staff('claim', c.id, { expectedVersion: 1 }));
    const before = await details(c.id);
    tick();
    for (const [action, body] of [
      ['request-info', { message: 'Mikä oli oikea tulos?', expectedVersion: 1 }],
      ['resolve', { outcome: 'no-change', message: 'Ei muutosta', expectedVersion: 1 }],
      ['release', { expectedVersion: 1 }],
      ['escalate', { reason: 'Tarvitaan päätös', expectedVersion: 3 }],
      ['notes', { text: 'sisäinen', expectedVersion: 99 }],
    ] as const) {
      const r = await staff(action, c.id, body);
      expectError(r, 409, 'version_mismatch');
      expect(r.body.error.message).toMatch(/version/);
    }
    expect(await details(c.id)).toEqual(before);
    // the current version works
    expect(ok(await staff('request-info', c.id, { message: 'Mikä oli oikea tulos?', expectedVersion: 2 })).version).toBe(3);
  });

  it('invalid transitions → 409 invalid_transition, and nothing changes (version, history, queue)', async () => {
    const resolved = await reported();
    ok(await staff('resolve', resolved.id, { outcome: 'no-change', message: 'Tulos pitää.' }));
    const escalated = await reported({ matchId: 'M-2001' });
    ok(await staff('escalate', escalated.id, { reason: 'Sarjan päätös tarvitaan' }));
    const queued = await reported({ category: 'lineup' });
    const awaiting = await reported({ category: 'other' });
    ok(await staff('request-info', awaiting.id, { message: 'Mikä pelaaja?' }));

    const attempts: [string, Parameters<typeof staff>[0], unknown][] = [
      [resolved.id, 'resolve', { outcome: 'corrected', message: 'uudestaan' }],
      [resolved.id, 'claim', {}],
      [resolved.id, 'escalate', { reason: 'x' }],
      [resolved.id, 'request-info', { message: 'x' }],
      [resolved.id, 'release', undefined],
      [escalated.id, 'claim', undefined],
      [escalated.id, 'request-info', { message: 'x' }],
      [escalated.id, 'escalate', { reason: 'again' }],
      [queued.id, 'release', undefined],
      [awaiting.id, 'claim', undefined],
      [awaiting.id, 'request-info', { message: 'again' }],
      [awaiting.id, 'escalate', { reason: 'x' }],
    ];
    const ids = [resolved.id, escalated.id, queued.id, awaiting.id];
    const before = await Promise.all(ids.map(details));
    const queueBefore = await queueIds();
    tick();
    for (const [id, action, body] of attempts) {
      const r = await staff(action, id, body);
      expectError(r, 409, 'invalid_transition');
    }
    expect(await Promise.all(ids.map(details))).toEqual(before);
    expect(await queueIds()).toEqual(queueBefore);
  });

  it('says which statuses would allow the action', async () => {
    const c = await reported();
    const r = await staff('release', c.id);
    expectError(r, 409, 'invalid_transition');
    expect(r.body.error.message).toMatch(/queued/);
    expect(r.body.error.message).toMatch(/in-progress/);
  });

  it('a correction someone else holds → 409 already_claimed for claim, release, request-info, resolve, escalate', async () => {
    const c = await reported();
    ok(await staff('claim', c.id, undefined, 'holder'));
    const before = await details(c.id);
    for (const [action, body] of [
      ['claim', undefined],
      ['release', undefined],
      ['request-info', { message: 'x' }],
      ['resolve', { outcome: 'rejected', message: 'x' }],
      ['escalate', { reason: 'x' }],
    ] as const) {
      expectError(await staff(action, c.id, body, 'intruder'), 409, 'already_claimed');
    }
    expect(await details(c.id)).toEqual(before);
    // the holder may, and an admin may release it
    const released = await call(handlers.staffCorrections, 'POST /staff/corrections/{id}/release', {
      pathParameters: { id: c.id },
      claims: adminClaims('boss'),
    });
    expect(ok(released)).toMatchObject({ status: 'queued', version: 3 });
    expect(ok(released).assignee).toBeUndefined();
  });

  it('claiming what one already holds is refused and changes nothing', async () => {
    const c = await reported();
    ok(await staff('claim', c.id, undefined, 'me'));
    expectError(await staff('claim', c.id, undefined, 'me'), 409, 'invalid_transition');
    expect((await details(c.id)).record.version).toBe(2);
  });

  it('a reporter reply to a resolved correction reopens it as queued, in its old queue place, as a re-contact', async () => {
    const c = await reported({ category: 'penalty', matchId: 'M-2001' });
    tick();
    const later = await reported({ category: 'period-score', matchId: 'M-2001' });
    tick();
    ok(await staff('claim', c.id));
    ok(await staff('resolve', c.id, { outcome: 'rejected', message: 'Rangaistus oli oikein merkitty.' }));
    expect(await queueIds()).not.toContain(c.id);

    tick();
    const r = ok(await reply(c.id, c.trackingToken, { message: 'Ei ollut, katsokaa video.' }), 201);
    expect(r).toMatchObject({ id: c.id, status: 'queued' });
    const v = ok(await staffView(c.id));
    expect(v).toMatchObject({ status: 'queued', version: 4, reopenedCount: 1 });
    expect(v.outcome).toBeUndefined();
    expect(v.resolvedAt).toBeUndefined();
    expect(v.assignee).toBeUndefined();
    expect(v.history.at(-1)).toMatchObject({ action: 'reopen', actor: 'reporter', from: 'resolved', to: 'queued', version: 4 });
    const open = await queueIds();
    expect(open.indexOf(c.id)).toBeLessThan(open.indexOf(later.id));
    expect(ok(await reporterView(c.id, c.trackingToken)).status).toBe('queued');
  });

  it('a reply while queued or in progress is recorded without a state change', async () => {
    const c = await reported();
    expect(ok(await reply(c.id, c.trackingToken, { message: 'Lisätieto: video linkki' }), 201).status).toBe('queued');
    ok(await staff('claim', c.id));
    expect(ok(await reply(c.id, c.trackingToken, { message: 'Vielä yksi asia' }), 201).status).toBe('in-progress');
    const v = ok(await staffView(c.id));
    expect(v).toMatchObject({ status: 'in-progress', version: 4, assignee: { sub: 'staff-1' } });
    expect(v.history.map((h: { action: string }) => h.action)).toEqual(['create', 'reply', 'claim', 'reply']);
    expect(v.messages).toHaveLength(2);
  });

  it('escalate emails the series officials; staff may still resolve it', async () => {
    const c = await reported();
    const v = ok(await staff('escalate', c.id, { reason: 'Ottelupöytäkirja ja video ristiriidassa' }));
    expect(v).toMatchObject({ status: 'escalated', version: 2 });
    for (const o of DEMO_SERIES.officials) {
      const mails = (await sentEmails(env.sesEndpoint, o.email)).filter((m) => (m.subject + m.body.text).includes(c.reference));
      expect(mails, o.email).toHaveLength(1);
    }
    expect(ok(await staff('resolve', c.id, { outcome: 'no-change', message: 'Tulos pitää.' })).status).toBe('resolved');
  });

  it('notes are for staff only: the reporter view shows no notes and no internal fields', async () => {
    const c = await reported({ reporter: { name: 'Liisa', phone: '+358401112233' } });
    ok(await staff('claim', c.id));
    const secret = 'SISÄINEN: soita seuran puheenjohtajalle';
    const n = await staff('notes', c.id, { text: secret });
    expect(n.status, JSON.stringify(n.body)).toBe(201);
    expect(n.body.notes).toEqual([{ at: expect.any(String), author: 'staff-1@salibandy.test', text: secret }]);
    expect(n.body.version).toBe(3);
    expect(n.body.history.at(-1)).toMatchObject({ action: 'note', version: 3 });
    expect(n.body.trackingTokenHash).toBeUndefined();

    const pub = ok(await reporterView(c.id, c.trackingToken));
    for (const k of [
      'notes',
      'assignee',
      'trackingTokenHash',
      'trackingToken',
      'history',
      'version',
      'sla',
      'reporter',
      'escalatedBy',
      'resolvedBy',
    ])
      expect(pub, k).not.toHaveProperty(k);
    const text = JSON.stringify(pub);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('staff-1');
    expect(pub).toMatchObject({
      id: c.id,
      reference: c.reference,
      status: 'in-progress',
      matchId: 'M-1001',
      category: 'goal',
      language: 'fi',
      receivedAt: c.receivedAt,
    });
    expect(pub.messages).toEqual([]);
    // the staff view has everything, except the token hash
    const sv = ok(await staffView(c.id));
    expect(sv.notes.map((x: { text: string }) => x.text)).toEqual([secret]);
    expect(sv).not.toHaveProperty('trackingTokenHash');
    expect(sv.reporter).toMatchObject({ name: 'Liisa', phone: '+358401112233' });
  });

  it("the reporter view needs the right token: 401 without, 404 with a wrong one or another case's", async () => {
    const a = await reported();
    const b = await reported();
    expectError(await reporterView(a.id), 401, 'unauthorized');
    expectError(await reporterView(a.id, ''), 401, 'unauthorized');
    expectError(await reporterView(a.id, 'wrong-token'), 404, 'not_found');
    expectError(await reporterView(a.id, b.trackingToken), 404, 'not_found');
    expectError(await reporterView('no-such-id', a.trackingToken), 404, 'not_found');
    expect(ok(await reporterView(a.id, a.trackingToken)).id).toBe(a.id);
  });

  it('staff-logged contacts: phone caller without email, channel recorded, no email sent', async () => {
    const phone = '+358409998877';
    const r = await call(handlers.staffCorrections, 'POST /staff/corrections', {
      body: {
        matchId: 'M-1001',
        category: 'lineup',
        description: 'Soitti: kokoonpanosta puuttuu #9',
        reporter: { name: 'Soittaja', phone },
        channel: 'phone',
      },
      claims: staffClaims(),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const v = ok(await staffView(r.body.id));
    expect(v).toMatchObject({ channel: 'phone', status: 'queued', reporter: { name: 'Soittaja', phone } });
    expect(v.history[0]).toMatchObject({ action: 'create', actor: 'staff1@salibandy.test', channel: 'phone' });
    // neither phone nor email: refused
    const none = await call(handlers.staffCorrections, 'POST /staff/corrections', {
      body: { matchId: 'M-1001', category: 'lineup', description: 'x', reporter: { name: 'Nimetön' }, channel: 'social' },
      claims: staffClaims(),
    });
    expectError(none, 400, 'validation_failed');
  });

  it('404 for a correction that does not exist, on every staff action', async () => {
    for (const action of ['claim', 'release', 'request-info', 'resolve', 'escalate', 'notes'] as const) {
      const body = {
        'request-info': { message: 'x' },
        resolve: { outcome: 'corrected', message: 'x' },
        escalate: { reason: 'x' },
        notes: { text: 'x' },
        claim: undefined,
        release: undefined,
      }[action];
      expectError(await staff(action, 'no-such-correction', body), 404, 'not_found');
    }
    expectError(await staffView('no-such-correction'), 404, 'not_found');
  });
});

describe('the transaction: a change and its audit record land together', () => {
  it('after every change the partition holds one history record per version, the last one matching the state', async () => {
    const c = await reported();
    const steps: [Parameters<typeof staff>[0], unknown][] = [
      ['claim', undefined],
      ['notes', { text: 'soitin' }],
      ['release', undefined],
      ['claim', undefined],
      ['request-info', { message: 'Kumpi?' }],
    ];
    const check = async () => {
      const d = await details(c.id);
      const rec = d.record as Correction;
      expect(d.history.map((h) => h.version).sort((x, y) => x - y)).toEqual(Array.from({ length: rec.version }, (_, i) => i + 1));
      const last = d.history.find((h) => h.version === rec.version)!;
      if (last.to) expect(last.to).toBe(rec.status);
      expect(last.at <= new Date(env.clock.now()).toISOString()).toBe(true);
    };
    await check();
    for (const [action, body] of steps) {
      tick();
      ok(await staff(action, c.id, body), action === 'notes' ? 201 : 200);
      await check();
    }
    tick();
    ok(await reply(c.id, c.trackingToken, { message: 'Jälkimmäinen.' }), 201);
    await check();
    tick();
    ok(await staff('resolve', c.id, { outcome: 'corrected', message: 'Korjattu.' }));
    await check();
    const d = await details(c.id);
    expect(d.record.version).toBe(8);
    expect(d.notes).toHaveLength(1);
    expect(d.messages.map((m) => m.from)).toEqual(['staff', 'reporter', 'staff']);
  });

  it('when the audit record cannot be written, the state change does not land either', async () => {
    const c = await reported();
    // Occupy the slot of the next history record: the transaction's condition on it must fail.
    const blocker = { PK: `C#${c.id}`, SK: 'H#000002#0', blocker: true };
    await env.store.doc.send(new PutCommand({ TableName: env.tableName, Item: blocker }));
    const before = await details(c.id);
    const r = await staff('claim', c.id);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expectError(r, 409);
    const after = await details(c.id);
    expect(after).toEqual(before);
    expect(after.record).toMatchObject({ status: 'queued', version: 1 });
    expect((after.record as Correction).assignee).toBeUndefined();
    expect(await queueIds({ status: 'in-progress' })).not.toContain(c.id);
    // with the slot free again, the claim lands with its record
    await env.store.doc.send(new DeleteCommand({ TableName: env.tableName, Key: { PK: blocker.PK, SK: blocker.SK } }));
    ok(await staff('claim', c.id));
    const d = await details(c.id);
    expect(d.record).toMatchObject({ status: 'in-progress', version: 2 });
    expect(d.history.map((h) => h.action)).toEqual(['create', 'claim']);
  });
});

describe('claim race', () => {
  it('20 parallel claims by 20 staff: exactly one wins, 19 × 409 already_claimed, one claim record', async () => {
    const c = await reported({ category: 'other', matchId: 'M-2001' });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => staff('claim', c.id, undefined, `racer-${i}`)));
    const winners = results.filter((r) => r.status === 200);
    expect(winners, JSON.stringify(results.map((r) => [r.status, r.body?.error?.code]))).toHaveLength(1);
    const losers = results.filter((r) => r.status !== 200);
    expect(losers).toHaveLength(19);
    for (const r of losers) expectError(r, 409, 'already_claimed');
    const d = await details(c.id);
    expect(d.record).toMatchObject({ status: 'in-progress', version: 2 });
    expect(d.history.filter((h) => h.action === 'claim')).toHaveLength(1);
    expect((d.record as Correction).assignee?.sub).toBe(winners[0]!.body.assignee.sub);
  });
});

describe('a refused request stores nothing', () => {
  it('bad requests answer the error shape and leave the table and the mailboxes as they were', async () => {
    const existing = await reported({ reporter: { name: 'Olemassa', phone: '+358405556677' } });
    const email = uniqueEmail('refused');
    const body = reportBody({ reporter: { name: 'Hylätty', email } });
    const key = 'refused-key-0001';
    const scope = {
      caseIds: [existing.id],
      partitions: [
        `REF#${existing.reference}`,
        'AGG#2026-11-21',
        reporterKey('M-1001', `email:${email}`),
        reporterKey('M-404', `email:${email}`),
        reporterKey('M-1001', `email:${existing.email}`),
        idempotencyPk('POST /corrections', key),
        'SERIES',
        'OFFICIAL#hacker@example.test',
        'MATCH#M-1001',
        'MATCH#M-404',
        'CONFIG',
      ],
    };
    const before = await snapshot(env, scope);
    const mailsBefore = (await sentEmails(env.sesEndpoint, existing.email)).length;
    tick();

    const cases: [string, Promise<Response>, number, string][] = [
      [
        'invalid JSON',
        call(handlers.publicCorrections, 'POST /corrections', { rawBody: '{"matchId": "M-1001",' }),
        400,
        'validation_failed',
      ],
      ['not an object', call(handlers.publicCorrections, 'POST /corrections', { rawBody: '[1,2,3]' }), 400, 'validation_failed'],
      ['no body', call(handlers.publicCorrections, 'POST /corrections', {}), 400, 'validation_failed'],
      ['unknown field', report({ ...body, priority: 'high' }), 400, 'validation_failed'],
      ['status field', report({ ...body, status: 'resolved' }), 400, 'validation_failed'],
      ['version field', report({ ...body, version: 7 }), 400, 'validation_failed'],
      ['assignee field', report({ ...body, assignee: { sub: 'me' } }), 400, 'validation_failed'],
      ['final-score without proposed', report({ ...body, category: 'final-score' }), 400, 'validation_failed'],
      ['bad email', report({ ...body, reporter: { name: 'x', email: 'not-an-email' } }), 400, 'validation_failed'],
      ['70 KiB body', report({ ...body, description: 'x'.repeat(70 * 1024) }), 413, 'payload_too_large'],
      ['unknown match', report({ ...body, matchId: 'M-404' }), 422, 'unknown_match'],
      ['unknown match with an Idempotency-Key', report({ ...body, matchId: 'M-404' }, { 'Idempotency-Key': key }), 422, 'unknown_match'],
      ['bad Idempotency-Key', report(body, { 'Idempotency-Key': 'short' }), 400, 'validation_failed'],
      ['reply with a wrong tracking token', reply(existing.id, 'wrong-token', { message: 'hei' }), 404, 'not_found'],
      ["reply with another case's token", reply('no-such-case', existing.trackingToken, { message: 'hei' }), 404, 'not_found'],
      ['reply without a token', reply(existing.id, undefined, { message: 'hei' }), 401, 'unauthorized'],
      [
        'reply with an unknown field',
        reply(existing.id, existing.trackingToken, { message: 'hei', status: 'queued' }),
        400,
        'validation_failed',
      ],
      ['reply too long', reply(existing.id, existing.trackingToken, { message: 'x'.repeat(4001) }), 400, 'validation_failed'],
      [
        'staff route without claims',
        call(handlers.staffCorrections, 'POST /staff/corrections/{id}/claim', { pathParameters: { id: existing.id } }),
        401,
        'unauthorized',
      ],
      [
        'staff route with official claims',
        staff('claim', existing.id, undefined, 'x', officialClaims('sarjavastaava@salibandy.test')),
        403,
        'forbidden',
      ],
      [
        'resolve with a status field',
        staff('resolve', existing.id, { outcome: 'corrected', message: 'x', status: 'resolved' }),
        400,
        'validation_failed',
      ],
      ['resolve with an unknown outcome', staff('resolve', existing.id, { outcome: 'fixed', message: 'x' }), 400, 'validation_failed'],
      [
        'resolve with correctedResult but no-change',
        staff('resolve', existing.id, { outcome: 'no-change', message: 'x', correctedResult: { homeGoals: 1, awayGoals: 1 } }),
        400,
        'validation_failed',
      ],
      [
        'request-info with an assignee field',
        staff('request-info', existing.id, { message: 'x', assignee: 'me' }),
        400,
        'validation_failed',
      ],
      ['claim with a version field', staff('claim', existing.id, { version: 1 }), 400, 'validation_failed'],
      ['invalid transition', staff('release', existing.id), 409, 'invalid_transition'],
      ['stale version', staff('claim', existing.id, { expectedVersion: 5 }), 409, 'version_mismatch'],
      [
        'staff-logged contact with a web channel',
        call(handlers.staffCorrections, 'POST /staff/corrections', { body: { ...body, channel: 'web' }, claims: staffClaims() }),
        400,
        'validation_failed',
      ],
      [
        'staff claims on an admin route',
        call(handlers.admin, 'PUT /admin/series/{seriesId}', {
          pathParameters: { seriesId: 'f-liiga-m' },
          body: { name: 'Hacked', officials: [{ name: 'H', email: 'hacker@example.test', language: 'en' }] },
          claims: staffClaims(),
        }),
        403,
        'forbidden',
      ],
      [
        'staff claims on match import',
        call(handlers.admin, 'POST /admin/matches', {
          body: { matches: [{ id: 'M-1001', seriesId: 'f-liiga-m', startsAt: '2026-11-21T14:00:00Z', home: 'X', away: 'Y' }] },
          claims: staffClaims(),
        }),
        403,
        'forbidden',
      ],
      [
        'official claims on match import',
        call(handlers.admin, 'POST /admin/matches', { body: { matches: [] }, claims: officialClaims('sarjavastaava@salibandy.test') }),
        403,
        'forbidden',
      ],
    ];
    for (const [what, promise, status, code] of cases) {
      const r = await promise;
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(status);
      expectError(r, status, code);
    }
    expect(await snapshot(env, scope)).toEqual(before);
    // (the local SES is shared with other test files running at the same time: look at our addresses only)
    expect((await sentEmails(env.sesEndpoint, existing.email)).length).toBe(mailsBefore);
    expect(await sentEmails(env.sesEndpoint, email)).toHaveLength(0);
    // the refused idempotency key is free again: a valid request with it goes through
    const r = await report(body, { 'Idempotency-Key': key });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  });

  it('the refusals explain themselves: server-owned and unknown fields are named with a fix', async () => {
    const r = await report({ ...reportBody(), status: 'queued', reference: 'TP-AAAA-AAAA', colour: 'red' });
    expectError(r, 400, 'validation_failed');
    expect(r.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'status', message: 'is set by the server and cannot be sent; remove "status" from the request' },
        { path: 'reference', message: 'is set by the server and cannot be sent; remove "reference" from the request' },
        { path: 'colour', message: expect.stringMatching(/not a field of this request; remove "colour"/) },
      ]),
    );
    const m = await report(reportBody({ matchId: 'M-404' }));
    expectError(m, 422, 'unknown_match');
    expect(m.body.error.message).toContain('M-404');
    expect(m.body.error.details).toEqual([{ path: 'matchId', message: 'is not a known match' }]);
  });
});

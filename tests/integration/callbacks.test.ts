/** Callbacks through the real handlers against DynamoDB Local: intake, one open callback per phone, claim race, completion. */
import { beforeEach, describe, expect, it } from 'vitest';
import { publicCallbacks } from '../support/functions.js';
import { publicCorrections } from '../support/functions.js';
import { staffCallbacks } from '../support/functions.js';
import { staffCorrections } from '../support/functions.js';
import { staffQueue } from '../support/functions.js';
import { serviceStatus } from '../../shared/domain/calendar.js';
import { DEFAULT_CALENDAR } from '../../shared/domain/calendar-config.js';
import { REFERENCE_PATTERN } from '../../shared/domain/identifiers.js';
import { forgetLimits } from '../../shared/usecases/limits.js';
import { call, officialClaims, staffClaims } from '../support/events.js';
import { createTestEnv, seedBasics, uniqueEmail, type TestEnv } from '../support/harness.js';

const h = <T>(x: T) => x as never;
let env: TestEnv;
let phoneSeq = 0;
const newPhone = () => `+35840${String(1_000_000 + ++phoneSeq * 7919).slice(-7)}`;

const requestCallback = (body: Record<string, unknown>, headers?: Record<string, string>) =>
  call(h(publicCallbacks), 'POST /callbacks', { body, ...(headers ? { headers } : {}) });
const cbBody = (phone: string, extra: Record<string, unknown> = {}) => ({
  name: 'Maija Meikäläinen',
  phone,
  language: 'fi',
  topic: 'Kotijoukkueen maalintekijä väärin',
  ...extra,
});
const claimCb = (id: string, sub = 'staff-1', body?: unknown) =>
  call(h(staffCallbacks), 'POST /staff/callbacks/{id}/claim', {
    pathParameters: { id },
    claims: staffClaims(sub, `${sub}@salibandy.test`),
    ...(body ? { body } : {}),
  });
const completeCb = (id: string, body: unknown, sub = 'staff-1') =>
  call(h(staffCallbacks), 'POST /staff/callbacks/{id}/complete', {
    pathParameters: { id },
    claims: staffClaims(sub, `${sub}@salibandy.test`),
    body,
  });
const queue = (query: Record<string, string> = {}) =>
  call(h(staffQueue), 'GET /staff/queue', { query: { limit: '100', ...query }, claims: staffClaims() });

beforeEach(async () => {
  env = await createTestEnv({ now: '2026-11-21T10:00:00Z' }); // Saturday 12:00 local: results window
  await seedBasics(env);
});

describe('POST /callbacks', () => {
  it('queues a callback with the calendar’s first-response promise', async () => {
    const phone = newPhone();
    const r = await requestCallback(cbBody(phone, { matchId: 'M-1001' }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const expected = serviceStatus(DEFAULT_CALENDAR, new Date('2026-11-21T10:00:00Z')).expectedResponseBy.toISOString();
    expect(r.body).toMatchObject({ status: 'queued', expectedCallbackBy: expected });
    expect(expected).toBe('2026-11-21T10:30:00.000Z');
    expect(r.body.reference).toMatch(REFERENCE_PATTERN);
    expect(r.body.reference.startsWith('CB-')).toBe(true);
    const stored = await env.store.getCase(r.body.id);
    expect(stored).toMatchObject({
      kind: 'callback',
      channel: 'callback',
      phone,
      matchId: 'M-1001',
      seriesId: 'f-liiga-m',
      version: 1,
      sla: { firstResponseDueAt: expected },
    });
    expect(await env.store.caseIdByReference(r.body.reference)).toBe(r.body.id);
    // In the first-response-due index (sla-watch sees it) until someone answers.
    expect(await env.store.listDue('firstResponseDue', '2026-11-21T10:30:00.000Z')).toContain(r.body.id);
    expect((await claimCb(r.body.id)).status).toBe(200);
    expect(await env.store.listDue('firstResponseDue', '2099-01-01T00:00:00.000Z')).not.toContain(r.body.id);
  });

  it('closed hours: the promise is the next window’s first response', async () => {
    env.setNow('2026-11-23T20:00:00Z'); // Monday 22:00 local, closed; Tuesday general window 09:00–16:00 (240 min)
    const r = await requestCallback(cbBody(newPhone()));
    expect(r.status).toBe(201);
    expect(r.body.expectedCallbackBy).toBe('2026-11-24T11:00:00.000Z'); // 13:00 local
  });

  it('refuses unknown matches, bad phones and server-owned fields, storing nothing', async () => {
    const phone = newPhone();
    const r = await requestCallback(cbBody(phone, { matchId: 'NOPE-1' }));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('unknown_match');
    const bad = await requestCallback(cbBody('0401234567'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('phone');
    const owned = await requestCallback({ ...cbBody(phone), status: 'completed' });
    expect(owned.status).toBe(400);
    expect(owned.body.error.details[0]).toMatchObject({ path: 'status' });
    expect(await env.store.findOpenCallback(phone)).toBeUndefined();
    expect((await queue()).body.items).toHaveLength(0);
    expect(await env.store.getAggregates('2026-11-21', '2026-11-21')).toHaveLength(0);
  });

  it('a second request from the same phone answers the open callback (200), not a second queue entry', async () => {
    const phone = newPhone();
    const first = await requestCallback(cbBody(phone));
    env.setNow('2026-11-21T10:05:00Z');
    const again = await requestCallback(cbBody(phone, { topic: 'Soitin jo, odotan yhä', name: 'Maija M.' }));
    expect(again.status).toBe(200);
    // Anyone can type a number: the answer tells nothing of the first request (issue 11), the topic is kept.
    expect(again.body).toEqual({ status: 'queued', addedToOpenRequest: true, message: expect.any(String) });
    expect(await env.store.getCase(first.body.id)).toMatchObject({ moreTopics: [{ topic: 'Soitin jo, odotan yhä' }] });
    expect((await queue({ kind: 'callback' })).body.items.map((i: { id: string }) => i.id)).toEqual([first.body.id]);
    const [agg] = await env.store.getAggregates('2026-11-21', '2026-11-21');
    expect(agg!.values.contacts).toBe(1);
    // Still the same while it is being worked on (status in-progress).
    await claimCb(first.body.id);
    const third = await requestCallback(cbBody(phone));
    expect(third.status).toBe(200);
    expect(third.body).toMatchObject({ addedToOpenRequest: true });
    expect(third.body.id).toBeUndefined();
    expect((await env.store.getCase(first.body.id)) as { moreTopics?: unknown[] }).toMatchObject({
      status: 'in-progress',
      moreTopics: [{}, {}],
    });
  });

  it('10 concurrent requests from one phone create exactly one callback', async () => {
    const phone = newPhone();
    // (the per-phone daily limit, 3 by default, is raised here: this is about the one open callback)
    await env.store.putLimits({ perAddressPerDay: 5, perPhonePerDay: 50, perClientPer10Min: 30 }, '2026-11-21T09:00:00Z', 'test');
    forgetLimits();
    const rs = await Promise.all(Array.from({ length: 10 }, (_, i) => requestCallback(cbBody(phone, { topic: `yritys ${i}` }))));
    const statuses = rs.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    // No topic is lost: the nine later ones are on the open callback.
    const created = rs.find((r) => r.status === 201)!.body;
    const stored = (await env.store.getCase(created.id)) as { topic: string; moreTopics?: { topic: string }[] };
    expect([stored.topic, ...(stored.moreTopics ?? []).map((t) => t.topic)].sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `yritys ${i}`).sort(),
    );
    const items = (await queue({ kind: 'callback' })).body.items;
    expect(items).toHaveLength(1);
    const [agg] = await env.store.getAggregates('2026-11-21', '2026-11-21');
    expect(agg!.values).toMatchObject({ contacts: 1, channel_callback: 1 });
  });

  it('Idempotency-Key: a retry answers the first response; another body with the key is 422', async () => {
    const phone = newPhone();
    const key = 'cb-key-0001';
    const a = await requestCallback(cbBody(phone), { 'Idempotency-Key': key });
    const b = await requestCallback(cbBody(phone), { 'Idempotency-Key': key });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.body).toEqual(a.body);
    const c = await requestCallback(cbBody(phone, { topic: 'other' }), { 'Idempotency-Key': key });
    expect(c.status).toBe(422);
    expect(c.body.error.code).toBe('idempotency_key_reused');
  });

  it('joins the one staff queue in arrival order with corrections', async () => {
    const order: string[] = [];
    const correction = async (at: string) => {
      env.setNow(at);
      const r = await call(h(publicCorrections), 'POST /corrections', {
        body: { matchId: 'M-1002', category: 'goal', description: 'Maalintekijä väärin', reporter: { name: 'R', email: uniqueEmail() } },
      });
      expect(r.status).toBe(201);
      order.push(r.body.id);
    };
    const callback = async (at: string) => {
      env.setNow(at);
      const r = await requestCallback(cbBody(newPhone()));
      expect(r.status).toBe(201);
      order.push(r.body.id);
    };
    await callback('2026-11-21T10:00:00Z');
    await correction('2026-11-21T10:01:00Z');
    await callback('2026-11-21T10:02:00Z');
    await correction('2026-11-21T10:03:00Z');
    await callback('2026-11-21T10:04:00Z');
    const all = (await queue()).body.items;
    expect(all.map((i: { id: string }) => i.id)).toEqual(order);
    expect(all.map((i: { kind: string }) => i.kind)).toEqual(['callback', 'correction', 'callback', 'correction', 'callback']);
    expect(all[0]).toMatchObject({
      kind: 'callback',
      status: 'queued',
      channel: 'callback',
      firstResponseDueAt: '2026-11-21T10:30:00.000Z',
      name: 'Maija Meikäläinen',
    });
    const cbs = (await queue({ kind: 'callback' })).body.items.map((i: { id: string }) => i.id);
    expect(cbs).toEqual([order[0], order[2], order[4]]);
    // Completing one takes it out, the order of the rest stays.
    await completeCb(order[2]!, { outcome: 'resolved' });
    expect((await queue()).body.items.map((i: { id: string }) => i.id)).toEqual([order[0], order[1], order[3], order[4]]);
  });
});

describe('staff work callbacks', () => {
  it('of 20 parallel claims exactly one wins; the others get 409 already_claimed', async () => {
    const { body } = await requestCallback(cbBody(newPhone()));
    const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => claimCb(body.id, `staff-${i}`)));
    const winners = rs.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(rs.filter((r) => r.status === 409).every((r) => r.body.error.code === 'already_claimed')).toBe(true);
    expect(rs.filter((r) => r.status === 409)).toHaveLength(19);
    const stored = await env.store.getCaseWithDetails(body.id);
    expect(stored!.record).toMatchObject({ status: 'in-progress', version: 2, assignee: { sub: winners[0]!.body.assignee.sub } });
    expect(stored!.history.map((x) => x.action)).toEqual(['create', 'claim']);
  });

  it('claim → complete: 200 with the callback and its history, out of the queue; the phone may ask again', async () => {
    const phone = newPhone();
    const { body } = await requestCallback(cbBody(phone));
    env.setNow('2026-11-21T10:12:00Z');
    const c = await claimCb(body.id);
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(c.body).toMatchObject({
      id: body.id,
      kind: 'callback',
      status: 'in-progress',
      version: 2,
      firstResponseAt: '2026-11-21T10:12:00.000Z',
      assignee: { sub: 'staff-1' },
    });
    env.setNow('2026-11-21T10:20:00Z');
    const done = await completeCb(body.id, { outcome: 'resolved', note: 'Soitettu, korjattu maalintekijä', expectedVersion: 2 });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      outcome: 'resolved',
      note: 'Soitettu, korjattu maalintekijä',
      completedAt: '2026-11-21T10:20:00.000Z',
      version: 3,
    });
    expect(done.body.history.map((x: { action: string; version: number }) => [x.action, x.version])).toEqual([
      ['create', 1],
      ['claim', 2],
      ['complete', 3],
    ]);
    expect(done.body.history[2]).toMatchObject({
      actor: 'staff-1@salibandy.test',
      from: 'in-progress',
      to: 'completed',
      outcome: 'resolved',
    });
    expect((await queue()).body.items).toHaveLength(0);
    expect(await env.store.findOpenCallback(phone)).toBeUndefined();
    const again = await requestCallback(cbBody(phone));
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(body.id);
  });

  it('complete straight from queued is a first response', async () => {
    const { body } = await requestCallback(cbBody(newPhone()));
    env.setNow('2026-11-21T10:40:00Z');
    const done = await completeCb(body.id, { outcome: 'no-answer' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      outcome: 'no-answer',
      firstResponseAt: '2026-11-21T10:40:00.000Z',
      assignee: { sub: 'staff-1' },
    });
  });

  it('refuses every other transition with 409 and changes nothing', async () => {
    const { body } = await requestCallback(cbBody(newPhone()));
    expect((await claimCb(body.id, 'staff-1')).status).toBe(200);
    const again = await claimCb(body.id, 'staff-1');
    expect([again.status, again.body.error.code]).toEqual([409, 'invalid_transition']);
    const other = await completeCb(body.id, { outcome: 'resolved' }, 'staff-2');
    expect([other.status, other.body.error.code]).toEqual([409, 'already_claimed']);
    const stale = await completeCb(body.id, { outcome: 'resolved', expectedVersion: 1 });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'version_mismatch']);
    expect((await completeCb(body.id, { outcome: 'wrong-number' })).status).toBe(200);
    const claimDone = await claimCb(body.id, 'staff-3');
    expect([claimDone.status, claimDone.body.error.code]).toEqual([409, 'invalid_transition']);
    const completeDone = await completeCb(body.id, { outcome: 'resolved' });
    expect([completeDone.status, completeDone.body.error.code]).toEqual([409, 'invalid_transition']);
    const stored = await env.store.getCaseWithDetails(body.id);
    expect(stored!.record).toMatchObject({ status: 'completed', outcome: 'wrong-number', version: 3 });
    expect(stored!.history).toHaveLength(3);
  });

  it('validates bodies, 404s unknown ids and corrections, and checks the caller', async () => {
    const { body } = await requestCallback(cbBody(newPhone()));
    const bad = await completeCb(body.id, { outcome: 'done' });
    expect([bad.status, bad.body.error.code, bad.body.error.details[0].path]).toEqual([400, 'validation_failed', 'outcome']);
    const owned = await completeCb(body.id, { outcome: 'resolved', status: 'completed' });
    expect(owned.status).toBe(400);
    expect((await claimCb('no-such-id')).status).toBe(404);
    const corr = await call(h(publicCorrections), 'POST /corrections', {
      body: { matchId: 'M-1001', category: 'goal', description: 'x', reporter: { name: 'R', email: uniqueEmail() } },
    });
    expect((await claimCb(corr.body.id)).status).toBe(404);
    expect((await completeCb(corr.body.id, { outcome: 'resolved' })).status).toBe(404);
    expect((await call(h(staffCallbacks), 'POST /staff/callbacks/{id}/claim', { pathParameters: { id: body.id } })).status).toBe(401);
    expect(
      (
        await call(h(staffCallbacks), 'POST /staff/callbacks/{id}/claim', {
          pathParameters: { id: body.id },
          claims: officialClaims('o@salibandy.test'),
        })
      ).status,
    ).toBe(403);
    expect((await env.store.getCase(body.id))!.version).toBe(1);
  });

  it('re-contact: a callback about a match from a phone whose case on it was resolved within 14 days', async () => {
    const phone = newPhone();
    const corr = await call(h(staffCorrections), 'POST /staff/corrections', {
      body: { matchId: 'M-1001', category: 'goal', description: 'Maalintekijä', reporter: { name: 'Puhelin', phone }, channel: 'phone' },
      claims: staffClaims(),
    });
    expect(corr.status, JSON.stringify(corr.body)).toBe(201);
    env.setNow('2026-11-21T10:10:00Z');
    const resolved = await call(h(staffCorrections), 'POST /staff/corrections/{id}/resolve', {
      pathParameters: { id: corr.body.id },
      claims: staffClaims(),
      body: { outcome: 'corrected', message: 'Korjattu' },
    });
    expect(resolved.status).toBe(200);
    env.setNow('2026-11-23T10:00:00Z');
    const other = await requestCallback(cbBody(phone, { matchId: 'M-1002' }));
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    expect(other.body.recontactOf).toBeUndefined();
    const noAnswer = await completeCb(other.body.id, { outcome: 'no-answer' });
    expect(noAnswer.status, JSON.stringify(noAnswer.body)).toBe(200);
    const cb = await requestCallback(cbBody(phone, { matchId: 'M-1001' }));
    expect(cb.status).toBe(201);
    expect(cb.body.recontactOf).toBe(corr.body.id);
    expect((await env.store.getCase(cb.body.id))!.recontactOf).toBe(corr.body.id);
    // The callback's own reporter-index item lets a later correction by that phone find it.
    const done = await completeCb(cb.body.id, { outcome: 'resolved' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    env.setNow('2026-11-24T10:00:00Z');
    const later = await call(h(staffCorrections), 'POST /staff/corrections', {
      body: { matchId: 'M-1001', category: 'other', description: 'Vielä', reporter: { name: 'Puhelin', phone }, channel: 'phone' },
      claims: staffClaims(),
    });
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    expect(later.body.recontactOf).toBe(cb.body.id);
    // A no-answer callback resolved nothing: not a re-contact target.
    const onOther = await call(h(staffCorrections), 'POST /staff/corrections', {
      body: { matchId: 'M-1002', category: 'other', description: 'x', reporter: { name: 'Puhelin', phone }, channel: 'phone' },
      claims: staffClaims(),
    });
    expect(onOther.status, JSON.stringify(onOther.body)).toBe(201);
    expect(onOther.body.recontactOf).toBeUndefined();
  });
});

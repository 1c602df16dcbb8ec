/** GET /staff/reports/summary through the real handlers: a hand-worked week, local-date boundaries, validation, CSV. */
import { beforeAll, describe, expect, it } from 'vitest';
import { officials } from '../support/functions.js';
import { publicCallbacks } from '../support/functions.js';
import { publicCorrections } from '../support/functions.js';
import { staffCallbacks } from '../support/functions.js';
import { staffCorrections } from '../support/functions.js';
import { staffReports } from '../support/functions.js';
import { adminClaims, call, officialClaims, staffClaims } from '../support/events.js';
import { createTestEnv, OTHER_SERIES, seedBasics, uniqueEmail, type TestEnv } from '../support/harness.js';

const h = <T>(x: T) => x as never;
const staff = staffClaims('staff-r', 'staff-r@salibandy.test');
let env: TestEnv;

/** claims: null = no token */
const report = (query: Record<string, string>, headers?: Record<string, string>, claims: Record<string, string> | null = staff) =>
  call(h(staffReports), 'GET /staff/reports/summary', { query, ...(claims ? { claims } : {}), ...(headers ? { headers } : {}) });

async function webCorrection(at: string, matchId: string, email: string) {
  env.setNow(at);
  const r = await call(h(publicCorrections), 'POST /corrections', {
    body: { matchId, category: 'goal', description: 'Maalintekijä väärin', reporter: { name: 'R', email } },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; trackingToken: string; recontactOf?: string };
}
async function staffCorrection(at: string, channel: 'phone' | 'email' | 'social', matchId: string, reporter: Record<string, string>) {
  env.setNow(at);
  const r = await call(h(staffCorrections), 'POST /staff/corrections', {
    body: { matchId, category: 'penalty', description: 'Rangaistus väärin', reporter: { name: 'R', ...reporter }, channel },
    claims: staff,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; trackingToken: string };
}
async function act(at: string, id: string, action: string, body?: unknown) {
  env.setNow(at);
  const r = await call(h(staffCorrections), `POST /staff/corrections/{id}/${action}`, {
    pathParameters: { id },
    claims: staff,
    ...(body ? { body } : {}),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}
async function reply(at: string, c: { id: string; trackingToken: string }) {
  env.setNow(at);
  const r = await call(h(publicCorrections), 'POST /corrections/{id}/replies', {
    pathParameters: { id: c.id },
    headers: { 'x-tracking-token': c.trackingToken },
    body: { message: 'Vastaus' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}
async function callback(at: string, phone: string, matchId?: string) {
  env.setNow(at);
  const r = await call(h(publicCallbacks), 'POST /callbacks', {
    body: { name: 'C', phone, language: 'fi', topic: 'Soittakaa', ...(matchId ? { matchId } : {}) },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; recontactOf?: string };
}
async function cbAct(at: string, id: string, action: 'claim' | 'complete', body?: unknown) {
  env.setNow(at);
  const r = await call(h(staffCallbacks), `POST /staff/callbacks/{id}/${action}`, {
    pathParameters: { id },
    claims: staff,
    ...(body ? { body } : {}),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

describe('a hand-worked weekend (Sat 21 Nov 2026, results window, first response due in 30 open minutes)', () => {
  beforeAll(async () => {
    env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    const a = 'a-' + uniqueEmail();
    // A: web, claimed after 10 min, corrected → FCR, until Y re-contacts it on Monday
    const A = await webCorrection('2026-11-21T10:00:00Z', 'M-1001', a);
    // B: web, asked for details after 40 min (a breach), answered, resolved → not FCR
    const B = await webCorrection('2026-11-21T10:05:00Z', 'M-1002', uniqueEmail());
    // C: phone, escalated after 10 min, the official rejects → escalated, not FCR
    const C = await staffCorrection('2026-11-21T10:06:00Z', 'phone', 'M-2001', { phone: '+358401110001' });
    // D: email, resolved as duplicate after 14 min → resolved, in neither side of the rate
    const D = await staffCorrection('2026-11-21T10:07:00Z', 'email', 'M-1001', { email: uniqueEmail() });
    // E: social, rejected after 1 min → FCR until the reporter's reply reopens it on Monday
    const E = await staffCorrection('2026-11-21T10:08:00Z', 'social', 'M-1002', { email: uniqueEmail() });
    // F: callback on M-1001, claimed after 10 min, resolved → FCR until Z re-contacts it
    const F = await callback('2026-11-21T10:09:00Z', '+358402220001', 'M-1001');
    // G: callback, completed no-answer after 40 min (a breach) → neither side
    const G = await callback('2026-11-21T10:11:00Z', '+358402220002');
    // H: callback never answered
    await callback('2026-11-21T10:12:00Z', '+358402220003');
    // I: web, claimed after 8 min, corrected → FCR
    const I = await webCorrection('2026-11-21T10:13:00Z', 'M-1002', uniqueEmail());

    await act('2026-11-21T10:09:00Z', E.id, 'resolve', { outcome: 'rejected', message: 'Ei muutosta' });
    await act('2026-11-21T10:10:00Z', A.id, 'claim');
    await act('2026-11-21T10:16:00Z', C.id, 'escalate', { reason: 'Sarjan päätös' });
    await cbAct('2026-11-21T10:19:00Z', F.id, 'claim');
    await act('2026-11-21T10:20:00Z', A.id, 'resolve', { outcome: 'corrected', message: 'Korjattu' });
    await act('2026-11-21T10:21:00Z', D.id, 'resolve', { outcome: 'duplicate', message: 'Sama kuin aiempi' });
    await act('2026-11-21T10:21:00Z', I.id, 'claim');
    await cbAct('2026-11-21T10:25:00Z', F.id, 'complete', { outcome: 'resolved', note: 'Soitettu' });
    await act('2026-11-21T10:30:00Z', I.id, 'resolve', { outcome: 'corrected', message: 'Korjattu' });
    await act('2026-11-21T10:45:00Z', B.id, 'request-info', { message: 'Pöytäkirja?' });
    await cbAct('2026-11-21T10:51:00Z', G.id, 'complete', { outcome: 'no-answer' });
    await reply('2026-11-21T11:00:00Z', B);
    await act('2026-11-21T11:30:00Z', B.id, 'resolve', { outcome: 'no-change', message: 'Ei muutosta' });
    env.setNow('2026-11-21T12:00:00Z');
    const decision = await call(h(officials), 'POST /officials/corrections/{id}/decision', {
      pathParameters: { id: C.id },
      claims: officialClaims(OTHER_SERIES.officials[0]!.email),
      body: { decision: 'reject', message: 'Hylätty' },
    });
    expect(decision.status, JSON.stringify(decision.body)).toBe(200);

    // Monday 23 Nov (week 48), general window: E reopened, Y re-contacts A, Z re-contacts F.
    await reply('2026-11-23T08:00:00Z', E);
    const Y = await webCorrection('2026-11-23T08:05:00Z', 'M-1001', a);
    expect(Y.recontactOf).toBe(A.id);
    const Z = await callback('2026-11-23T08:10:00Z', '+358402220001', 'M-1001');
    expect(Z.recontactOf).toBe(F.id);
    // E worked again: neither its first response nor its resolution counts twice.
    await act('2026-11-23T08:30:00Z', E.id, 'claim');
    await act('2026-11-23T08:40:00Z', E.id, 'resolve', { outcome: 'corrected', message: 'Korjattu nyt' });
  });

  const w47 = {
    period: '2026-W47',
    from: '2026-11-16',
    to: '2026-11-22',
    contacts: 9,
    byChannel: { web: 3, phone: 1, email: 1, social: 1, callback: 3 },
    resolved: 7, // A B C D E I + F (G no-answer, H open)
    firstContactResolved: 1, // only I: A and F re-contacted, E reopened, B asked, C escalated; D duplicate
    fcrRate: 0.1667, // 1 / 6 (D is in neither side)
    recontacts: 0,
    escalated: 1,
    firstResponses: 8, // A10 B40 C10 D14 E1 F10 G40 I8 → 1 8 10 10 10 14 40 40
    medianFirstResponseMinutes: 10,
    firstResponseBreaches: 2, // B, G
  };
  const w48 = {
    period: '2026-W48',
    from: '2026-11-23',
    to: '2026-11-29',
    contacts: 2,
    byChannel: { web: 1, phone: 0, email: 0, social: 0, callback: 1 },
    resolved: 0,
    firstContactResolved: 0,
    fcrRate: null,
    recontacts: 3,
    escalated: 0,
    firstResponses: 0,
    medianFirstResponseMinutes: null,
    firstResponseBreaches: 0,
  };

  it('weeks', async () => {
    const r = await report({ from: '2026-11-16', to: '2026-11-29' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ period: 'week', from: '2026-11-16', to: '2026-11-29', buckets: [w47, w48] });
  });

  it('a month, clipped to the range; a year', async () => {
    const m = await report({ from: '2026-11-10', to: '2026-12-05', period: 'month' });
    expect(m.body.buckets).toEqual([
      {
        ...w47,
        period: '2026-11',
        from: '2026-11-10',
        to: '2026-11-30',
        contacts: 11,
        byChannel: { web: 4, phone: 1, email: 1, social: 1, callback: 4 },
        recontacts: 3,
      },
      {
        ...w48,
        period: '2026-12',
        from: '2026-12-01',
        to: '2026-12-05',
        contacts: 0,
        byChannel: { web: 0, phone: 0, email: 0, social: 0, callback: 0 },
        recontacts: 0,
      },
    ]);
    const y = await report({ from: '2026-01-01', to: '2026-12-31', period: 'year' });
    expect(y.body.buckets).toHaveLength(1);
    expect(y.body.buckets[0]).toMatchObject({
      period: '2026',
      contacts: 11,
      resolved: 7,
      firstContactResolved: 1,
      recontacts: 3,
      medianFirstResponseMinutes: 10,
    });
  });

  it('reads only the per-day aggregates: one BatchGet per 100 days, never a case', async () => {
    const doc = env.store.doc as unknown as { send: (cmd: object) => Promise<unknown> };
    const original = doc.send;
    const sent: string[] = [];
    doc.send = (cmd: object) => {
      sent.push(cmd.constructor.name);
      return original.call(env.store.doc, cmd);
    };
    try {
      const r = await report({ from: '2024-01-01', to: '2026-12-31', period: 'month' }); // 1096 days
      expect(r.status).toBe(200);
      expect(r.body.buckets).toHaveLength(36);
    } finally {
      doc.send = original;
    }
    expect(sent).toEqual(Array(11).fill('BatchGetCommand'));
  });

  it('CSV with a header row', async () => {
    const r = await report({ from: '2026-11-16', to: '2026-11-29' }, { accept: 'text/csv' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.body).toBe(
      'period,from,to,contacts,byChannel.web,byChannel.phone,byChannel.email,byChannel.social,' +
        'byChannel.callback,resolved,firstContactResolved,fcrRate,recontacts,escalated,firstResponses,' +
        'medianFirstResponseMinutes,firstResponseBreaches\r\n' +
        '2026-W47,2026-11-16,2026-11-22,9,3,1,1,1,3,7,1,0.1667,0,1,8,10,2\r\n' +
        '2026-W48,2026-11-23,2026-11-29,2,1,0,0,0,1,0,0,,3,0,0,,0\r\n',
    );
  });

  it('staff and admin only; validation errors name the parameter', async () => {
    expect((await report({ from: '2026-11-16', to: '2026-11-29' }, undefined, null)).status).toBe(401);
    expect((await report({ from: '2026-11-16', to: '2026-11-29' }, undefined, officialClaims('o@salibandy.test'))).status).toBe(403);
    expect((await report({ from: '2026-11-16', to: '2026-11-29' }, undefined, adminClaims())).status).toBe(200);
    const cases: [Record<string, string>, string][] = [
      [{ to: '2026-11-29' }, 'from'],
      [{ from: '2026-11-16' }, 'to'],
      [{ from: '2026-11-30', to: '2026-11-29' }, 'to'],
      [{ from: '2023-01-01', to: '2026-11-29' }, 'to'],
      [{ from: '2026-02-30', to: '2026-03-01' }, 'from'],
      [{ from: '16.11.2026', to: '2026-11-29' }, 'from'],
      [{ from: '2026-11-16', to: '2026-11-29', period: 'day' }, 'period'],
      [{ from: '2026-11-16', to: '2026-11-29', kind: 'x' }, 'kind'],
    ];
    for (const [query, path] of cases) {
      const r = await report(query);
      expect(r.status, JSON.stringify([query, r.body])).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });
});

describe('local-date boundaries: DST switches, the new year and ISO week 53', () => {
  let n = 0;
  const at = (iso: string) => callback(iso, `+35840333${String(++n).padStart(4, '0')}`);
  beforeAll(async () => {
    env = await createTestEnv({ now: '2026-10-01T10:00:00Z' });
    await seedBasics(env);
    for (const iso of [
      '2026-10-25T21:59:59Z', // Sun 25 Oct 23:59:59 EET → 2026-W43
      '2026-10-25T22:00:00Z', // Mon 26 Oct 00:00 EET → 2026-W44
      '2026-10-25T00:30:00Z', // Sun 25 Oct 03:30 EEST (the hour that happens twice) → W43
      '2026-10-25T01:30:00Z', // … and 03:30 EET → W43
      '2026-12-31T21:59:59Z', // Thu 31 Dec 23:59:59 → 2026-W53, 2026-12, 2026
      '2026-12-31T22:00:00Z', // Fri 1 Jan 00:00 → 2026-W53, 2027-01, 2027
      '2027-01-03T21:59:59Z', // Sun 3 Jan 23:59:59 → 2026-W53
      '2027-01-03T22:00:00Z', // Mon 4 Jan 00:00 → 2027-W01
      '2027-03-28T00:59:59Z', // Sun 28 Mar 02:59:59 EET, just before the clocks jump → W12
      '2027-03-28T20:59:59Z', // Sun 28 Mar 23:59:59 EEST → 2027-W12
      '2027-03-28T21:00:00Z', // Mon 29 Mar 00:00 EEST → 2027-W13
    ])
      await at(iso);
  });

  const contacts = async (from: string, to: string, period: string) =>
    (await report({ from, to, period })).body.buckets.map((b: { period: string; contacts: number }) => [b.period, b.contacts]);

  it('autumn DST', async () => {
    expect(await contacts('2026-10-19', '2026-11-01', 'week')).toEqual([
      ['2026-W43', 3],
      ['2026-W44', 1],
    ]);
    expect(await contacts('2026-10-25', '2026-10-25', 'week')).toEqual([['2026-W43', 3]]);
    expect(await contacts('2026-10-26', '2026-10-26', 'week')).toEqual([['2026-W44', 1]]);
  });
  it('new year and week 53', async () => {
    expect(await contacts('2026-12-21', '2027-01-10', 'week')).toEqual([
      ['2026-W52', 0],
      ['2026-W53', 3],
      ['2027-W01', 1],
    ]);
    expect(await contacts('2026-12-01', '2027-01-31', 'month')).toEqual([
      ['2026-12', 1],
      ['2027-01', 3],
    ]);
    expect(await contacts('2026-01-01', '2027-12-31', 'year')).toEqual([
      ['2026', 5],
      ['2027', 6],
    ]);
    expect(await contacts('2027-01-01', '2027-01-03', 'week')).toEqual([['2026-W53', 2]]);
  });
  it('spring DST', async () => {
    expect(await contacts('2027-03-22', '2027-04-04', 'week')).toEqual([
      ['2027-W12', 2],
      ['2027-W13', 1],
    ]);
  });
});

describe('concurrent re-contacts take a case out of first-contact resolution exactly once', () => {
  it('six new cases and a reopening at the same moment', async () => {
    env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    const email = uniqueEmail();
    const phone = '+358404440001';
    const X = await staffCorrection('2026-11-21T10:00:00Z', 'phone', 'M-1001', { email, phone });
    await act('2026-11-21T10:05:00Z', X.id, 'resolve', { outcome: 'corrected', message: 'Korjattu' });
    const week = async () => (await report({ from: '2026-11-16', to: '2026-11-22' })).body.buckets[0];
    expect(await week()).toMatchObject({ contacts: 1, resolved: 1, firstContactResolved: 1, fcrRate: 1 });

    env.setNow('2026-11-21T11:00:00Z');
    const post = (i: number) =>
      call(h(staffCorrections), 'POST /staff/corrections', {
        body: {
          matchId: 'M-1001',
          category: 'goal',
          description: `Again ${i}`,
          reporter: { name: 'R', ...(i % 2 ? { email } : { phone }) },
          channel: 'phone',
        },
        claims: staff,
      });
    const rs = await Promise.all(Array.from({ length: 6 }, (_, i) => post(i)));
    expect(rs.map((r) => [r.status, r.body.recontactOf])).toEqual(Array(6).fill([201, X.id]));
    expect(await week()).toMatchObject({ contacts: 7, recontacts: 6, resolved: 1, firstContactResolved: 0, fcrRate: 0 });

    // A reopening racing three more re-contacts: the case is out of FCR already, nothing goes below zero.
    env.setNow('2026-11-21T12:00:00Z');
    const [replied, ...more] = await Promise.all([
      call(h(publicCorrections), 'POST /corrections/{id}/replies', {
        pathParameters: { id: X.id },
        headers: { 'x-tracking-token': X.trackingToken },
        body: { message: 'Vieläkin väärin' },
      }),
      post(6),
      post(7),
      post(8),
    ]);
    expect(replied!.status).toBe(201);
    const moreRecontacts = more.filter((r) => r.body.recontactOf === X.id).length;
    expect(await week()).toMatchObject({ contacts: 10, recontacts: 7 + moreRecontacts, resolved: 1, firstContactResolved: 0 });
    const [agg] = await env.store.getAggregates('2026-11-21', '2026-11-21');
    expect(agg!.values.firstContactResolved).toBe(0);
  });
});

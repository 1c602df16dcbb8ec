/**
 * Limits on the public doors (contract §11), against DynamoDB Local and local SES through the real handlers.
 * Reproduces issue 11: 100 anonymous reports naming one address gave it 100 acknowledgements.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { admin as adminHandler } from '../support/functions.js';
import { publicCallbacks } from '../support/functions.js';
import { publicCorrections } from '../support/functions.js';
import { forgetLimits } from '../../shared/usecases/limits.js';
import { adminClaims, call, staffClaims } from '../support/events.js';
import { expectError, reportBody, staff } from '../support/api.js';
import { createTestEnv, seedBasics, sentEmails, uniqueEmail, type TestEnv } from '../support/harness.js';

const h = <T>(x: T) => x as never;
let env: TestEnv;

const report = (body: unknown, sourceIp?: string) =>
  call(h(publicCorrections), 'POST /corrections', { body, ...(sourceIp ? { sourceIp } : {}) });
const callback = (body: unknown, sourceIp?: string) =>
  call(h(publicCallbacks), 'POST /callbacks', { body, ...(sourceIp ? { sourceIp } : {}) });
const putLimits = (body: unknown, claims: Record<string, string> = adminClaims()) =>
  call(h(adminHandler), 'PUT /admin/limits', { body, claims });
const getLimits = (claims: Record<string, string> = adminClaims()) => call(h(adminHandler), 'GET /admin/limits', { claims });
const acksTo = async (to: string) => (await sentEmails(env.sesEndpoint, to)).length;

/** Every item of the test's table (a test may Scan its own table; product code never does). */
async function wholeTable(): Promise<unknown[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await env.store.doc.send(new ScanCommand({ TableName: env.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    out.push(...(r.Items ?? []));
    start = r.LastEvaluatedKey;
  } while (start);
  return out.sort((a, b) => (`${a.PK}|${a.SK}` < `${b.PK}|${b.SK}` ? -1 : 1));
}

beforeEach(async () => {
  env = await createTestEnv({ now: '2026-11-21T10:00:00Z' }); // Saturday 12:00 local
  await seedBasics(env);
  forgetLimits();
});

const CATS = ['goal', 'penalty', 'lineup', 'other', 'period-score'] as const;
const MATCH_IDS = ['M-1001', 'M-1002', 'M-2001'];
/** n reports from one address, each on its own match and category (so none is a repeat of another). */
const distinct = (n: number) => Array.from({ length: n }, (_, i) => ({ matchId: MATCH_IDS[i % 3]!, category: CATS[Math.floor(i / 3)]! }));

describe('GET/PUT /admin/limits', () => {
  it('answers the defaults, stores a change, refuses bad input and other groups', async () => {
    expect((await getLimits()).body).toEqual({ perAddressPerDay: 5, perPhonePerDay: 3, perClientPer10Min: 30 });
    const r = await putLimits({ perAddressPerDay: 2, perPhonePerDay: 1, perClientPer10Min: 10 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await getLimits()).body).toEqual({ perAddressPerDay: 2, perPhonePerDay: 1, perClientPer10Min: 10 });
    expectError(await putLimits({ perAddressPerDay: 0, perPhonePerDay: 1, perClientPer10Min: 10 }), 400, 'validation_failed');
    expectError(await putLimits({ perAddressPerDay: 2, perPhonePerDay: 1 }), 400, 'validation_failed');
    expectError(await putLimits({ perAddressPerDay: 2, perPhonePerDay: 1, perClientPer10Min: 10 }, staffClaims()), 403, 'forbidden');
  });
});

describe('acknowledgements to one address', () => {
  it('at most perAddressPerDay a Helsinki day; later reports are stored and queued without one', async () => {
    const victim = uniqueEmail('victim');
    const ids: string[] = [];
    for (const d of distinct(7)) {
      const r = await report(reportBody({ ...d, reporter: { email: victim } }));
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids.push(r.body.id);
    }
    expect(await acksTo(victim)).toBe(5);
    for (const id of ids) expect((await env.store.getCase(id))?.status).toBe('queued');
    // The next Helsinki day (00:30 local = 22:30 UTC) the address gets acknowledgements again.
    env.setNow('2026-11-21T22:30:00Z');
    const next = await report(
      reportBody({ matchId: 'M-1001', category: 'final-score', proposed: { homeGoals: 1, awayGoals: 1 }, reporter: { email: victim } }),
    );
    expect(next.status).toBe(201);
    expect(await acksTo(victim)).toBe(6);
  });

  it('no second acknowledgement for a second open report of the same address, match and category', async () => {
    const email = uniqueEmail();
    const first = await report(reportBody({ reporter: { email } }));
    const second = await report(reportBody({ reporter: { email }, description: 'Sama asia uudestaan' }));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.duplicateOf).toBe(first.body.id);
    expect(await acksTo(email)).toBe(1);
    // Once the first is resolved, a new report on it is a new matter: acknowledged.
    expect(
      (await staff('resolve', first.body.id, { outcome: 'duplicate', message: 'Sama kuin toinen', duplicateOf: second.body.id })).status,
    ).toBe(200);
    expect((await staff('resolve', second.body.id, { outcome: 'no-change', message: 'Tulos on oikein' })).status).toBe(200);
    const third = await report(reportBody({ reporter: { email } }));
    expect(third.status).toBe(201);
    const subjects = (await sentEmails(env.sesEndpoint, email)).map((e) => e.subject);
    expect(subjects.filter((s) => s.includes(third.body.reference))).toHaveLength(1);
  });

  it('concurrent identical reports from one address: exactly one acknowledgement', async () => {
    const email = uniqueEmail();
    const rs = await Promise.all(Array.from({ length: 6 }, () => report(reportBody({ reporter: { email } }))));
    expect(rs.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(await acksTo(email)).toBe(1);
  });

  it('100 anonymous reports naming one victim: 5 acknowledgements, not 100', async () => {
    const victim = uniqueEmail('victim');
    for (let i = 0; i < 100; i += 10) {
      await Promise.all(
        distinct(10).map((d, j) => report(reportBody({ ...d, description: `spam ${i + j}`, reporter: { email: victim } }))),
      );
    }
    expect(await acksTo(victim)).toBeLessThanOrEqual(5);
  });
});

describe('per-client limit on public POSTs', () => {
  it('past perClientPer10Min: 429 rate_limited with Retry-After, storing and sending nothing; another client is served', async () => {
    expect((await putLimits({ perAddressPerDay: 5, perPhonePerDay: 3, perClientPer10Min: 3 })).status).toBe(200);
    const ip = '203.0.113.7';
    for (let i = 0; i < 3; i++) expect((await report(reportBody(), ip)).status).toBe(201);
    const tableBefore = await wholeTable();
    const refusedBody = reportBody();
    const refused = await report(refusedBody, ip);
    expectError(refused, 429, 'rate_limited');
    // 12:00:00 local: the 10-minute slot ends at 12:10 → 600 s
    expect(refused.headers['retry-after']).toBe('600');
    const refusedCb = await callback({ name: 'Maija', phone: '+358401112223', language: 'fi', topic: 'Soittakaa' }, ip);
    expectError(refusedCb, 429, 'rate_limited');
    expect(await wholeTable()).toEqual(tableBefore);
    // (the local SES store is shared by parallel test files: look at this request's address)
    expect(await acksTo(refusedBody.reporter.email)).toBe(0);
    expect((await report(reportBody(), '198.51.100.9')).status).toBe(201);
    // The next slot serves the client again.
    env.setNow('2026-11-21T10:10:00Z');
    expect((await report(reportBody(), ip)).status).toBe(201);
  });

  it('concurrent requests from one client: exactly the limit get through', async () => {
    expect((await putLimits({ perAddressPerDay: 5, perPhonePerDay: 3, perClientPer10Min: 4 })).status).toBe(200);
    const rs = await Promise.all(Array.from({ length: 10 }, () => report(reportBody(), '203.0.113.8')));
    expect(rs.filter((r) => r.status === 201)).toHaveLength(4);
    expect(rs.filter((r) => r.status === 429)).toHaveLength(6);
  });
});

describe('callbacks for one number', () => {
  const body = (phone: string, topic: string, name = 'Maija Meikäläinen') => ({ name, phone, language: 'fi', topic });

  it('a second request answers nothing of the first, and its topic joins the open callback', async () => {
    const phone = '+358401234599';
    const first = await callback(body(phone, 'Kotijoukkueen maalintekijä väärin'));
    expect(first.status).toBe(201);
    env.setNow('2026-11-21T10:05:00Z');
    const second = await callback(body(phone, 'Myös rangaistus puuttuu', 'Joku Muu'));
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    const text = JSON.stringify(second.body);
    expect(text).not.toContain(first.body.reference);
    expect(text).not.toContain(first.body.id);
    expect(text).not.toContain('Maija');
    expect(text).not.toContain(first.body.receivedAt);
    expect(text).not.toContain(first.body.expectedCallbackBy);
    const open = await env.store.getCase(first.body.id);
    expect(open).toMatchObject({
      topic: 'Kotijoukkueen maalintekijä väärin',
      moreTopics: [{ at: '2026-11-21T10:05:00.000Z', topic: 'Myös rangaistus puuttuu' }],
    });
  });

  it('past perPhonePerDay requests for a number: 429 with Retry-After to Helsinki midnight, storing nothing', async () => {
    const phone = '+358401234598';
    for (let i = 0; i < 3; i++) expect((await callback(body(phone, `Pyyntö ${i}`))).status).toBeLessThan(300);
    const before = await wholeTable();
    const r = await callback(body(phone, 'Neljäs'));
    expectError(r, 429, 'rate_limited');
    // 12:00 local → midnight local is 12 h away
    expect(r.headers['retry-after']).toBe(String(12 * 3600));
    expect(await wholeTable()).toEqual(before);
  });
});

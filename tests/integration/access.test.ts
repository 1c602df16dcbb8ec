/** Access fixes of issue 11: officials see only escalated cases, scoped by a verified email; series edits leave no stale grant. */
import { beforeEach, describe, expect, it } from 'vitest';
import { admin as adminHandler } from '../support/functions.js';
import { officials } from '../support/functions.js';
import { adminClaims, call, officialClaims } from '../support/events.js';
import { expectError, reported, staff } from '../support/api.js';
import { createTestEnv, DEMO_SERIES, seedBasics, type TestEnv } from '../support/harness.js';

let env: TestEnv;
const official = DEMO_SERIES.officials[0]!.email;
const view = (id: string, claims: Record<string, string> = officialClaims(official)) =>
  call(officials as never, 'GET /officials/corrections/{id}', { pathParameters: { id }, claims });

beforeEach(async () => {
  env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
  await seedBasics(env);
});

describe('GET /officials/corrections/{id}', () => {
  it('answers only escalated corrections of the caller’s series (a queued one is 404)', async () => {
    const c = await reported();
    expectError(await view(c.id), 404, 'not_found');
    expect((await staff('escalate', c.id, { reason: 'Tarvitaan sarjan päätös' })).status).toBe(200);
    expect((await view(c.id)).status).toBe(200);
  });
});

describe('officials are scoped by a verified email from an ID token', () => {
  it('refuses an unverified email (403) and an access token (401)', async () => {
    const c = await reported();
    expect((await staff('escalate', c.id, { reason: 'Päätös' })).status).toBe(200);
    const list = (claims: Record<string, string>) => call(officials as never, 'GET /officials/escalations', { claims });
    expect((await list(officialClaims(official))).body.items).toHaveLength(1);
    expectError(await list({ ...officialClaims(official), email_verified: 'false' }), 403, 'forbidden');
    const { email_verified: _v, ...noFlag } = officialClaims(official);
    expectError(await list(noFlag), 403, 'forbidden');
    expectError(await list({ ...officialClaims(official), token_use: 'access' }), 401, 'unauthorized');
    expectError(await view(c.id, { ...officialClaims(official), email_verified: 'false' }), 403, 'forbidden');
    const decision = await call(officials as never, 'POST /officials/corrections/{id}/decision', {
      pathParameters: { id: c.id },
      claims: { ...officialClaims(official), email_verified: 'false' },
      body: { decision: 'reject', message: 'Ei' },
    });
    expectError(decision, 403, 'forbidden');
  });
});

describe('PUT /admin/series/{id} under concurrency', () => {
  it('two concurrent edits never leave a grant the series no longer lists (15 races)', async () => {
    const put = (officialsList: string[]) =>
      call(adminHandler as never, 'PUT /admin/series/{seriesId}', {
        pathParameters: { seriesId: 'race' },
        claims: adminClaims(),
        body: { name: 'Race', officials: officialsList.map((email) => ({ name: email, email, language: 'fi' })) },
      });
    const a = ['a1@race.test', 'a2@race.test'];
    const b = ['b1@race.test', 'b2@race.test'];
    const stale: string[] = [];
    for (let round = 0; round < 15; round++) {
      expect((await put(round % 2 ? a : b)).status).toBe(200);
      const rs = await Promise.all([put(a), put(b)]);
      for (const r of rs) expect([200, 409]).toContain(r.status);
      expect(rs.some((r) => r.status === 200)).toBe(true);
      const listed = new Set(((await env.store.getSeries('race'))?.officials ?? []).map((o) => o.email));
      for (const email of [...a, ...b]) {
        const granted = (await env.store.seriesOfOfficial(email)).includes('race');
        if (granted !== listed.has(email)) stale.push(`round ${round}: ${email} granted=${granted} listed=${listed.has(email)}`);
      }
    }
    expect(stale).toEqual([]);
  });
});

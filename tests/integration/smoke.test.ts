import { beforeAll, describe, expect, it } from 'vitest';
import { handler as publicCorrections } from '../../functions/public-corrections/handler.js';
import { handler as staffCorrections } from '../../functions/staff-corrections/handler.js';
import { call, staffClaims } from '../support/events.js';
import { createTestEnv, seedBasics, sentEmails, uniqueEmail, type TestEnv } from '../support/harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
  await seedBasics(env);
});

describe('smoke', () => {
  it('reports and claims', async () => {
    const email = uniqueEmail();
    const r = await call(publicCorrections as never, 'POST /corrections', { body: { matchId: 'M-1001', category: 'final-score', description: 'Väärä lopputulos', proposed: { homeGoals: 5, awayGoals: 3 }, reporter: { name: 'Matti', email } } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const c = await call(staffCorrections as never, 'POST /staff/corrections/{id}/claim', { pathParameters: { id: r.body.id }, claims: staffClaims() });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(c.body.status).toBe('in-progress');
    const mails = await sentEmails(env.sesEndpoint, email);
    expect(mails).toHaveLength(1);
    console.log(r.body, mails[0]!.subject);
  });
});

/**
 * Federation officials: escalation emails in each official's language, the list and view of their own
 * series' escalations, decisions (emails to the reporter and the escalating staff member), and the
 * series boundary: another series' official learns nothing (404 everywhere, nothing in the list).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { officials } from '../support/functions.js';
import { publicCorrections } from '../support/functions.js';
import { staffCorrections } from '../support/functions.js';
import { call, officialClaims, staffClaims } from '../support/events.js';
import { createTestEnv, DEMO_SERIES, OTHER_SERIES, seedBasics, sentEmails, uniqueEmail, type TestEnv } from '../support/harness.js';

let env: TestEnv;
const staffEmail = uniqueEmail('staff');
const staff = { ...staffClaims('staff-esc', staffEmail), locale: 'sv-FI' };
const fiOfficial = DEMO_SERIES.officials[0]!;
const svOfficial = DEMO_SERIES.officials[1]!;
const otherOfficial = OTHER_SERIES.officials[0]!;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
  await seedBasics(env);
});

async function report(matchId: string, reporterEmail = uniqueEmail()) {
  const r = await call(publicCorrections as never, 'POST /corrections', {
    body: {
      matchId,
      category: 'final-score',
      description: 'Pöytäkirjassa 5–3, tulospalvelussa 5–4',
      proposed: { homeGoals: 5, awayGoals: 3 },
      reporter: { name: 'Matti Meikäläinen', email: reporterEmail },
      language: 'fi',
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { id: r.body.id as string, reference: r.body.reference as string, reporterEmail };
}

async function escalate(id: string, reason = 'Tuomariston tulkinta tarvitaan') {
  const r = await call(staffCorrections as never, 'POST /staff/corrections/{id}/escalate', {
    pathParameters: { id },
    claims: staff,
    body: { reason },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

const asOfficial = (email: string, routeKey: string, id?: string, body?: unknown) =>
  call(officials as never, routeKey, {
    claims: officialClaims(email),
    ...(id ? { pathParameters: { id } } : {}),
    ...(body !== undefined ? { body } : {}),
  });

const mailsAbout = async (to: string, reference: string) =>
  (await sentEmails(env.sesEndpoint, to)).filter((m) => m.subject.includes(reference));

describe('escalation and officials', () => {
  let own: Awaited<ReturnType<typeof report>>;
  let foreign: Awaited<ReturnType<typeof report>>;

  beforeAll(async () => {
    own = await report('M-1001');
    foreign = await report('M-2001');
    await escalate(own.id);
    await escalate(foreign.id, 'Needs the series manager');
  });

  it("escalation emails the series' officials, each in their own language", async () => {
    const fi = await mailsAbout(fiOfficial.email, own.reference);
    const sv = await mailsAbout(svOfficial.email, own.reference);
    expect(fi).toHaveLength(1);
    expect(sv).toHaveLength(1);
    expect(fi[0]!.subject).toMatch(/^Päätöspyyntö: .* – tunnus /);
    expect(fi[0]!.body.text).toContain('Tuomariston tulkinta tarvitaan');
    expect(sv[0]!.subject).toMatch(/^Begäran om beslut: .* – ärende /);
    expect(await mailsAbout(otherOfficial.email, own.reference)).toHaveLength(0);
    const en = await mailsAbout(otherOfficial.email, foreign.reference);
    expect(en).toHaveLength(1);
    expect(en[0]!.subject).toMatch(/^Decision needed: /);
  });

  it('lists only the escalations of the caller’s series', async () => {
    const mine = await asOfficial(fiOfficial.email, 'GET /officials/escalations');
    expect(mine.status).toBe(200);
    const ids = mine.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(foreign.id);
    const item = mine.body.items.find((i: { id: string }) => i.id === own.id);
    expect(item).toMatchObject({
      reference: own.reference,
      status: 'escalated',
      seriesId: DEMO_SERIES.id,
      escalatedAt: '2026-11-21T10:00:00.000Z',
    });
    expect(item.reporter).toEqual({ name: 'Matti Meikäläinen' }); // no contact details for officials
    expect(JSON.stringify(mine.body)).not.toContain(own.reporterEmail);

    const theirs = await asOfficial(otherOfficial.email, 'GET /officials/escalations');
    expect(theirs.body.items.map((i: { id: string }) => i.id)).toEqual([foreign.id]);
    const nobody = await asOfficial(uniqueEmail('nobody'), 'GET /officials/escalations');
    expect(nobody.body).toEqual({ items: [] });
  });

  it('an official of another series gets 404 on every route and changes nothing', async () => {
    const before = (await env.store.getCase(own.id))!;
    const view = await asOfficial(otherOfficial.email, 'GET /officials/corrections/{id}', own.id);
    expect(view.status).toBe(404);
    expect(view.body.error.code).toBe('not_found');
    const decision = await asOfficial(otherOfficial.email, 'POST /officials/corrections/{id}/decision', own.id, {
      decision: 'reject',
      message: 'Ei',
    });
    expect(decision.status).toBe(404);
    // indistinguishable from a correction that does not exist
    const missing = await asOfficial(otherOfficial.email, 'GET /officials/corrections/{id}', 'no-such-id');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(view.body.error.message);
    const after = (await env.store.getCase(own.id))!;
    expect(after.version).toBe(before.version);
    expect(after.status).toBe('escalated');
  });

  it('needs the official group', async () => {
    const asStaff = await call(officials as never, 'GET /officials/escalations', { claims: staffClaims() });
    expect(asStaff.status).toBe(403);
    const anonymous = await call(officials as never, 'GET /officials/escalations');
    expect(anonymous.status).toBe(401);
  });

  it('the official sees the case with the escalation reason, and decides it', async () => {
    const view = await asOfficial(fiOfficial.email, 'GET /officials/corrections/{id}', own.id);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      id: own.id,
      reference: own.reference,
      status: 'escalated',
      escalationReason: 'Tuomariston tulkinta tarvitaan',
      proposed: { homeGoals: 5, awayGoals: 3 },
    });

    const bad = await asOfficial(fiOfficial.email, 'POST /officials/corrections/{id}/decision', own.id, {
      decision: 'correct',
      message: 'x',
      status: 'resolved',
    });
    expect(bad.status).toBe(400);

    env.setNow('2026-11-21T11:00:00Z');
    const decided = await asOfficial(fiOfficial.email, 'POST /officials/corrections/{id}/decision', own.id, {
      decision: 'correct',
      message: 'Pöytäkirjan mukaan 5–3. Tulos korjataan.',
      correctedResult: { homeGoals: 5, awayGoals: 3 },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ id: own.id, status: 'resolved', outcome: 'corrected' });

    const stored = await call(staffCorrections as never, 'GET /staff/corrections/{id}', {
      pathParameters: { id: own.id },
      claims: staffClaims(),
    });
    expect(stored.body).toMatchObject({
      status: 'resolved',
      outcome: 'corrected',
      correctedResult: { homeGoals: 5, awayGoals: 3 },
      resolvedAt: '2026-11-21T11:00:00.000Z',
    });
    expect(stored.body.history.at(-1)).toMatchObject({
      action: 'decision',
      decision: 'correct',
      actor: fiOfficial.email,
      from: 'escalated',
      to: 'resolved',
    });

    // the reporter (Finnish) and the staff member who escalated (Swedish locale) are emailed
    const toReporter = await mailsAbout(own.reporterEmail, own.reference);
    expect(toReporter.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Ilmoituksesi on vastaanotettu/),
      expect.stringMatching(/^Korjaus on tehty/),
    ]);
    expect(toReporter[1]!.body.text).toContain('Pöytäkirjan mukaan 5–3.');
    const toStaff = await mailsAbout(staffEmail, own.reference);
    expect(toStaff).toHaveLength(1);
    expect(toStaff[0]!.subject).toMatch(/^Beslut fattat: /);

    // it is no longer waiting: out of the list, a second decision is refused
    const list = await asOfficial(fiOfficial.email, 'GET /officials/escalations');
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(own.id);
    const again = await asOfficial(svOfficial.email, 'POST /officials/corrections/{id}/decision', own.id, {
      decision: 'reject',
      message: 'Ei',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_transition');
  });

  it("a decision on a correction that was never escalated is refused (404: not the officials' business) and changes nothing", async () => {
    const queued = await report('M-1002');
    const before = (await env.store.getCase(queued.id))!;
    const r = await asOfficial(fiOfficial.email, 'POST /officials/corrections/{id}/decision', queued.id, {
      decision: 'no-change',
      message: 'Ei muutosta',
    });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
    const after = (await env.store.getCase(queued.id))!;
    expect(after).toEqual(before);
  });
});

/**
 * sla-watch against DynamoDB Local and the local SES: one email per breach and recipient across repeated
 * and concurrent runs, nothing while closed (the email goes out at the next opening), callbacks, resolution
 * breaches to the series officials, and the SLA clocks across the autumn DST switch and an awaiting-reporter pause.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { publicCorrections } from '../support/functions.js';
import { slaWatch } from '../support/functions.js';
import { staffCorrections } from '../support/functions.js';
import { openMinutesBetween } from '../../shared/domain/calendar.js';
import { DEFAULT_CALENDAR, type CalendarConfig, type Person } from '../../shared/domain/calendar-config.js';
import type { Callback } from '../../shared/domain/records.js';
import { forgetCalendar } from '../../shared/usecases/deps.js';
import type { SlaWatchSummary } from '../../shared/usecases/sla-watch.js';
import { call, staffClaims } from '../support/events.js';
import { mockPassThrough, until } from '../support/hardening-mocks.js';
import { createTestEnv, DEMO_SERIES, seedBasics, sentEmails, uniqueEmail, type TestEnv } from '../support/harness.js';

const scheduled = (time: string) => ({
  version: '0',
  id: `exec-${Math.random().toString(36).slice(2)}`,
  'detail-type': 'Scheduled Event',
  source: 'aws.scheduler',
  account: '123456789012',
  region: 'eu-north-1',
  time,
  resources: ['arn:aws:scheduler:eu-north-1:123456789012:schedule/default/results-hotline-sla-watch-general'],
  detail: { job: 'sla-watch-general', attempt: '1' },
});
const runWatch = (time: string) => slaWatch(scheduled(time)) as Promise<SlaWatchSummary>;

/**
 * `n` sla-watch runs at once that really overlap: each run's first breach transaction is held until every
 * run has reached its own (or one has finished), so all of them have read the case before any commits.
 */
async function racingRuns(env: TestEnv, n: number, time: string): Promise<{ runs: SlaWatchSummary[]; transactions: number }> {
  const { mock, real } = mockPassThrough(env.store.doc);
  let reached = 0;
  let finished = 0;
  mock.on(TransactWriteCommand).callsFake(async (input: ConstructorParameters<typeof TransactWriteCommand>[0]) => {
    reached++;
    await until(() => reached >= n || finished > 0);
    return real(new TransactWriteCommand(input));
  });
  try {
    const runs = await Promise.all(Array.from({ length: n }, () => runWatch(time).finally(() => finished++)));
    return { runs, transactions: reached };
  } finally {
    mock.restore();
  }
}

async function setup(now: string): Promise<{ env: TestEnv; duty: Person[] }> {
  const env = await createTestEnv({ now });
  await seedBasics(env);
  const duty: Person[] = [
    { name: 'Päivystäjä Yksi', email: uniqueEmail('duty-fi'), language: 'fi' },
    { name: 'Jourhavande Två', email: uniqueEmail('duty-sv'), language: 'sv' },
  ];
  const cal: CalendarConfig = { ...DEFAULT_CALENDAR, dutyOfficers: duty };
  await env.store.putCalendar(cal, new Date(now).toISOString(), 'test');
  forgetCalendar();
  return { env, duty };
}

async function report(env: TestEnv, matchId = 'M-1001') {
  const r = await call(publicCorrections as never, 'POST /corrections', {
    body: {
      matchId,
      category: 'goal',
      description: 'Maalintekijä väärin merkitty',
      reporter: { name: 'Matti Meikäläinen', email: uniqueEmail() },
      language: 'fi',
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; reference: string; trackingToken: string; expectedResponseBy: string };
}

async function mailsAbout(env: TestEnv, to: string, reference: string) {
  return (await sentEmails(env.sesEndpoint, to)).filter((m) => m.subject.includes(reference));
}

const staffView = async (id: string) => {
  const r = await call(staffCorrections as never, 'GET /staff/corrections/{id}', { pathParameters: { id }, claims: staffClaims() });
  expect(r.status).toBe(200);
  return r.body;
};

describe('sla-watch: first-response breaches', () => {
  it('emails each duty officer once per breach, in their language, however often it runs', async () => {
    // Saturday 21 Nov 2026 12:00 local: results service, 30 open minutes → due 12:30 local (10:30Z)
    const { env, duty } = await setup('2026-11-21T10:00:00Z');
    const c = await report(env);
    expect(c.expectedResponseBy).toBe('2026-11-21T10:30:00.000Z');

    const early = await runWatch('2026-11-21T10:29:00Z');
    expect(early.breaches).toBe(0);
    for (const p of duty) expect(await mailsAbout(env, p.email, c.reference)).toHaveLength(0);

    const runs = [await runWatch('2026-11-21T10:30:00Z'), await runWatch('2026-11-21T10:35:00Z'), await runWatch('2026-11-21T10:40:00Z')];
    expect(runs.map((r) => r.breaches)).toEqual([1, 0, 0]);
    expect(runs[0]!.notified).toEqual([{ id: c.id, reference: c.reference, breach: 'first-response' }]);

    const fi = await mailsAbout(env, duty[0]!.email, c.reference);
    const sv = await mailsAbout(env, duty[1]!.email, c.reference);
    expect(fi).toHaveLength(1);
    expect(sv).toHaveLength(1);
    expect(fi[0]!.subject).toContain('Ensivastauksen tavoiteaika ylittyi');
    expect(sv[0]!.subject).toContain('Målet för första svar');
    expect(fi[0]!.body.text).toContain('jonossa');

    const view = await staffView(c.id);
    expect(view.sla.firstResponseBreachNotifiedAt).toBe('2026-11-21T10:30:00.000Z');
    expect(view.status).toBe('queued');
    const breach = view.history.filter((h: { action: string }) => h.action === 'sla-breach');
    expect(breach).toEqual([
      expect.objectContaining({
        actor: 'system',
        breach: 'first-response',
        dueAt: '2026-11-21T10:30:00.000Z',
        recipients: duty.map((d) => d.email),
      }),
    ]);

    // the breach marking is a change (version 2): a staff action sent with the version read before it is
    // refused like any concurrent change; without expectedVersion, mutate re-reads and it goes through
    expect(view.version).toBe(2);
    const stale = await call(staffCorrections as never, 'POST /staff/corrections/{id}/claim', {
      pathParameters: { id: c.id },
      claims: staffClaims(),
      body: { expectedVersion: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_mismatch');
    const claimed = await call(staffCorrections as never, 'POST /staff/corrections/{id}/claim', {
      pathParameters: { id: c.id },
      claims: staffClaims(),
    });
    expect(claimed.status).toBe(200);
  });

  it('five concurrent runs send one email per recipient', async () => {
    const { env, duty } = await setup('2026-11-21T11:00:00Z');
    const c = await report(env);
    const { runs, transactions } = await racingRuns(env, 5, '2026-11-21T11:31:00Z');
    expect(transactions).toBe(5); // all five read the fresh breach and tried to mark it
    expect(runs.reduce((n, r) => n + r.breaches, 0)).toBe(1);
    expect(runs.reduce((n, r) => n + r.firstResponse!.conflicts, 0)).toBe(4);
    for (const p of duty) expect(await mailsAbout(env, p.email, c.reference)).toHaveLength(1);
    // and later runs add nothing
    await Promise.all(Array.from({ length: 3 }, () => runWatch('2026-11-21T11:36:00Z')));
    for (const p of duty) expect(await mailsAbout(env, p.email, c.reference)).toHaveLength(1);
  });

  it('does nothing while closed; the breach email goes out at the next opening', async () => {
    // Friday 2 July 2027, outside the season: general service 9–16 local (UTC+3)
    const { env, duty } = await setup('2027-07-02T09:00:00Z');
    const a = await report(env); // 12:00 local + 240 open minutes → due exactly at closing, 16:00 local
    expect(a.expectedResponseBy).toBe('2027-07-02T13:00:00.000Z');
    env.setNow('2027-07-02T12:50:00Z');
    const b = await report(env, 'M-1002'); // 15:50 local: 10 minutes on Friday, 230 on Monday → 12:50 local
    expect(b.expectedResponseBy).toBe('2027-07-05T09:50:00.000Z');

    for (const t of [
      '2027-07-02T13:00:00Z',
      '2027-07-02T13:05:00Z',
      '2027-07-03T08:00:00Z',
      '2027-07-04T12:00:00Z',
      '2027-07-05T05:55:00Z',
    ]) {
      const r = await runWatch(t);
      expect(r, t).toMatchObject({ skipped: 'closed', mode: 'closed', breaches: 0 });
    }
    for (const p of duty) expect(await mailsAbout(env, p.email, a.reference)).toHaveLength(0);
    expect((await staffView(a.id)).sla.firstResponseBreachNotifiedAt).toBeUndefined();

    // Monday 5 July 09:00 local: the general window opens
    const monday = await runWatch('2027-07-05T06:00:00Z');
    expect(monday.mode).toBe('general');
    expect(monday.notified).toEqual([{ id: a.id, reference: a.reference, breach: 'first-response' }]);
    for (const p of duty) expect(await mailsAbout(env, p.email, a.reference)).toHaveLength(1);

    expect((await runWatch('2027-07-05T09:45:00Z')).breaches).toBe(0);
    const late = await runWatch('2027-07-05T09:50:00Z');
    expect(late.notified).toEqual([{ id: b.id, reference: b.reference, breach: 'first-response' }]);
    for (const p of duty) {
      expect(await mailsAbout(env, p.email, b.reference)).toHaveLength(1);
      expect(await mailsAbout(env, p.email, a.reference)).toHaveLength(1);
    }
  });

  it("a callback's first-response breach emails the duty officers too", async () => {
    const { env, duty } = await setup('2026-11-22T08:00:00Z');
    const id = `cb-${Math.random().toString(36).slice(2, 10)}`;
    const reference = `CB${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
    const callback: Callback = {
      kind: 'callback',
      id,
      reference,
      name: 'Liisa Soittaja',
      phone: '+358401234567',
      language: 'fi',
      topic: 'Ottelun M-1001 tulos',
      matchId: 'M-1001',
      seriesId: DEMO_SERIES.id,
      channel: 'callback',
      status: 'queued',
      version: 1,
      receivedAt: '2026-11-22T08:00:00.000Z',
      sla: { targetMode: 'results', firstResponseDueAt: '2026-11-22T08:30:00.000Z' },
    };
    await env.store.commitChange({
      next: callback,
      fromVersion: null,
      history: [{ at: callback.receivedAt, actor: 'reporter', action: 'create', version: 1, to: 'queued' }],
    });

    expect((await runWatch('2026-11-22T08:25:00Z')).breaches).toBe(0);
    const r = await runWatch('2026-11-22T08:30:00Z');
    expect(r.notified).toEqual([{ id, reference, breach: 'first-response' }]);
    await runWatch('2026-11-22T08:35:00Z');
    for (const p of duty) expect(await mailsAbout(env, p.email, reference)).toHaveLength(1);
    const fi = (await mailsAbout(env, duty[0]!.email, reference))[0]!;
    expect(fi.body.text).toContain('Soittopyyntö');
    const stored = await env.store.getCase(id);
    expect(stored?.sla?.firstResponseBreachNotifiedAt).toBe('2026-11-22T08:30:00.000Z');
    expect(stored?.version).toBe(2);
  });
});

describe('sla-watch: resolution breaches', () => {
  it('emails the series officials once; a series without officials falls back to the duty officers', async () => {
    const { env, duty } = await setup('2026-11-21T12:00:00Z');
    await env.store.putSeries({ id: 'no-officials', name: 'Harrastesarja', officials: [] }, undefined);
    await env.store.putMatches([{ id: 'M-9001', seriesId: 'no-officials', startsAt: '2026-11-21T10:00:00.000Z', home: 'A', away: 'B' }]);
    const c = await report(env); // 14:00 local: resolution 180 open minutes → 17:00 local (15:00Z)
    const orphan = await report(env, 'M-9001');
    for (const id of [c.id, orphan.id]) {
      const r = await call(staffCorrections as never, 'POST /staff/corrections/{id}/claim', {
        pathParameters: { id },
        claims: staffClaims(),
      });
      expect(r.status).toBe(200);
      expect(r.body.resolutionDueAt).toBe('2026-11-21T15:00:00.000Z');
    }
    expect((await runWatch('2026-11-21T14:59:00Z')).breaches).toBe(0);
    // two runs at once over the fresh breaches: each breach is marked (and emailed) by exactly one of them
    const { runs } = await racingRuns(env, 2, '2026-11-21T15:00:00Z');
    expect(runs.map((r) => r.resolution!.due)).toEqual([2, 2]);
    expect(runs.reduce((n, r) => n + r.resolution!.notified, 0)).toBe(2);
    expect(runs.reduce((n, r) => n + r.resolution!.conflicts + r.resolution!.stale, 0)).toBe(2);
    expect(runs.flatMap((r) => r.notified!.map((x) => x.id)).sort()).toEqual([c.id, orphan.id].sort());
    expect((await runWatch('2026-11-21T15:05:00Z')).breaches).toBe(0);

    const [fiOfficial, svOfficial] = DEMO_SERIES.officials;
    const fi = await mailsAbout(env, fiOfficial!.email, c.reference);
    const sv = await mailsAbout(env, svOfficial!.email, c.reference);
    expect(fi).toHaveLength(1);
    expect(sv).toHaveLength(1);
    expect(fi[0]!.subject).toContain('Ratkaisun tavoiteaika ylittyi');
    expect(sv[0]!.subject).toContain('Målet för lösningstid har överskridits');
    for (const p of duty) expect(await mailsAbout(env, p.email, c.reference)).toHaveLength(0);
    for (const p of duty) expect(await mailsAbout(env, p.email, orphan.reference)).toHaveLength(1);

    const view = await staffView(c.id);
    expect(view.sla.resolutionBreachNotifiedAt).toBe('2026-11-21T15:00:00.000Z');
    expect(view.history.filter((h: { action: string }) => h.action === 'sla-breach')).toEqual([
      expect.objectContaining({ breach: 'resolution' }),
    ]);
  });
});

describe('SLA clocks: DST and the awaiting-reporter pause', () => {
  it('counts open minutes across the autumn switch and moves the due time by exactly the open time spent waiting', async () => {
    // Saturday 24 Oct 2026 20:50 EEST (17:50Z), results mode, 30 open minutes: 10 that evening and
    // 20 on Sunday 25 Oct from 09:00 EET (UTC+2 after the night's switch) → 09:20 local = 07:20Z.
    const { env, duty } = await setup('2026-10-24T17:50:00Z');
    const c = await report(env);
    expect(c.expectedResponseBy).toBe('2026-10-25T07:20:00.000Z');
    const created = await staffView(c.id);
    expect(created.firstResponseDueAt).toBe('2026-10-25T07:20:00.000Z');
    // resolution 180 open minutes: 10 on Saturday + 170 on Sunday from 09:00 → 11:50 local = 09:50Z
    expect(created.resolutionDueAt).toBe('2026-10-25T09:50:00.000Z');

    const cal = { ...DEFAULT_CALENDAR, dutyOfficers: duty };
    // Sunday 09:05 local: claim (first response); 09:10:30: ask the reporter for details → the clocks stop
    env.setNow('2026-10-25T07:05:00Z');
    expect(
      (await call(staffCorrections as never, 'POST /staff/corrections/{id}/claim', { pathParameters: { id: c.id }, claims: staffClaims() }))
        .status,
    ).toBe(200);
    env.setNow('2026-10-25T07:10:30Z');
    const asked = await call(staffCorrections as never, 'POST /staff/corrections/{id}/request-info', {
      pathParameters: { id: c.id },
      claims: staffClaims(),
      body: { message: 'Kuka teki maalin?' },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.status).toBe('awaiting-reporter');
    expect(asked.body.sla.pausedAt).toBe('2026-10-25T07:10:30.000Z');

    // past the old resolution due time while paused: no breach
    const paused = await runWatch('2026-10-25T12:00:00Z');
    expect(paused.breaches).toBe(0);

    // Monday 26 Oct 10:00 local (08:00Z): the reporter answers. Waited: Sunday 09:10:30–21:00 (709.5 min)
    // + Monday 09:00–10:00 (60) = 769.5 open minutes; 159.5 were left → Monday 12:39:30 local = 10:39:30Z.
    env.setNow('2026-10-26T08:00:00Z');
    const reply = await call(publicCorrections as never, 'POST /corrections/{id}/replies', {
      pathParameters: { id: c.id },
      headers: { 'x-tracking-token': c.trackingToken },
      body: { message: 'Numero 17 teki maalin.' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const resumed = await staffView(c.id);
    expect(resumed.status).toBe('queued');
    expect(resumed.sla.pausedAt).toBeUndefined();
    expect(resumed.resolutionDueAt).toBe('2026-10-26T10:39:30.000Z');
    const waited = openMinutesBetween(cal, new Date('2026-10-25T07:10:30Z'), new Date('2026-10-26T08:00:00Z'));
    expect(waited).toBe(769.5);
    expect(openMinutesBetween(cal, new Date('2026-10-25T09:50:00Z'), new Date(resumed.resolutionDueAt))).toBe(waited);

    // the resolution clock runs again from the new due time
    expect((await runWatch('2026-10-26T10:39:00Z')).breaches).toBe(0);
    const due = await runWatch('2026-10-26T10:40:00Z');
    expect(due.notified).toEqual([{ id: c.id, reference: c.reference, breach: 'resolution' }]);
  });
});

/**
 * The email texts a newcomer found wrong (issue 14), end to end through the handlers, DynamoDB Local and the
 * local SES:
 * - an official's decision: the staff notice names the official from the series when their token has no
 *   name claim, and says the case is resolved and the reporter told (nothing to send); the reporter's
 *   (English) email labels the official's (Finnish) message as the federation series official's;
 * - sla-watch: a breach email shows the wall-clock wait and the open minutes next to the target, each named.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, type CalendarConfig, type Person } from '../../shared/domain/calendar-config.js';
import { forgetCalendar } from '../../shared/usecases/deps.js';
import type { SlaWatchSummary } from '../../shared/usecases/sla-watch.js';
import { call, officialClaims, staffClaims } from '../support/events.js';
import { officials, publicCorrections, slaWatch, staffCorrections } from '../support/functions.js';
import { createTestEnv, DEMO_SERIES, seedBasics, sentEmails, uniqueEmail, type TestEnv } from '../support/harness.js';

async function report(env: TestEnv, o: { matchId?: string; language?: 'fi' | 'sv' | 'en'; category?: string } = {}) {
  const reporterEmail = uniqueEmail('reporter');
  const r = await call(publicCorrections as never, 'POST /corrections', {
    body: {
      matchId: o.matchId ?? 'M-1001',
      category: o.category ?? 'final-score',
      description: 'Pöytäkirjassa 5–3, tulospalvelussa 5–4',
      proposed: { homeGoals: 5, awayGoals: 3 },
      reporter: { name: 'Mary Reporter', email: reporterEmail },
      language: o.language ?? 'fi',
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { id: r.body.id as string, reference: r.body.reference as string, reporterEmail };
}

const mailsAbout = async (env: TestEnv, to: string, reference: string) =>
  (await sentEmails(env.sesEndpoint, to)).filter((m) => m.subject.includes(reference));

describe("an official's decision, in the emails it sends", () => {
  const official = DEMO_SERIES.officials[0]!; // "Sarja Vastaava", listed in the series

  async function escalatedByEnglishStaff(env: TestEnv) {
    const staffEmail = uniqueEmail('staff-en');
    const c = await report(env, { language: 'en' });
    const staff = { ...staffClaims('staff-en', staffEmail), locale: 'en-GB' };
    const r = await call(staffCorrections as never, 'POST /staff/corrections/{id}/escalate', {
      pathParameters: { id: c.id },
      claims: staff,
      body: { reason: 'Needs the series manager' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return { ...c, staffEmail };
  }

  const decide = (claims: Record<string, string>, id: string, body: unknown) =>
    call(officials as never, 'POST /officials/corrections/{id}/decision', { claims, pathParameters: { id }, body });

  it(
    'names the official as the series lists them when the token has no name claim, and tells staff the ' + 'case is already resolved',
    async () => {
      const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
      await seedBasics(env);
      const c = await escalatedByEnglishStaff(env);
      const claims = officialClaims(official.email);
      expect(claims).not.toHaveProperty('name');
      const r = await decide(claims, c.id, {
        decision: 'correct',
        message: 'Pöytäkirjan mukaan 5–3.',
        correctedResult: { homeGoals: 5, awayGoals: 3 },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);

      const [toStaff, ...more] = await mailsAbout(env, c.staffEmail, c.reference);
      expect(more).toHaveLength(0);
      const text = toStaff!.body.text;
      expect(toStaff!.subject).toMatch(/^Decision made: /);
      expect(text).toContain(`${official.name} has made a decision on case ${c.reference}`);
      expect(text).toContain(`Decided by: ${official.name}`);
      expect(text).not.toContain(official.email);
      expect(text).toContain('Corrected result: SPV 5–3 Classic');
      expect(text).toContain('The case is resolved by this decision, and the reporter has already been told the outcome.');
      expect(text).not.toMatch(/send|sending|close the case|correct the details/i);
    },
  );

  it("labels the official's message in the reporter's English email as the federation series official's", async () => {
    const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    const c = await escalatedByEnglishStaff(env);
    const r = await decide({ ...officialClaims(official.email), name: 'Token Name' }, c.id, {
      decision: 'reject',
      message: 'Tulos pysyy, pöytäkirja on oikein.',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);

    const toReporter = await mailsAbout(env, c.reporterEmail, c.reference);
    expect(toReporter.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^We have received your report/),
      expect.stringMatching(/^Your report has been handled/),
    ]);
    const text = toReporter[1]!.body.text;
    expect(text).toContain(
      "Reason given by the Finnish Floorball Federation's series official (as written):\n> Tulos pysyy, pöytäkirja on oikein.",
    );
    expect(text).not.toContain('Message from our staff');
    // a name claim, when there is one, is what the staff notice shows
    const [toStaff] = await mailsAbout(env, c.staffEmail, c.reference);
    expect(toStaff!.body.text).toContain('Decided by: Token Name');
  });

  it('a staff resolution keeps "Message from our staff"', async () => {
    const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    const c = await report(env, { language: 'en' });
    const r = await call(staffCorrections as never, 'POST /staff/corrections/{id}/resolve', {
      pathParameters: { id: c.id },
      claims: staffClaims(),
      body: { outcome: 'no-change', message: 'The record is right.' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const toReporter = await mailsAbout(env, c.reporterEmail, c.reference);
    expect(toReporter[1]!.body.text).toContain('Message from our staff:\n> The record is right.');
    expect(toReporter[1]!.body.text).not.toContain('series official');
  });
});

describe('sla-watch emails: wall-clock waiting and open minutes, each named', () => {
  const runWatch = (time: string) =>
    slaWatch({
      'detail-type': 'Scheduled Event',
      source: 'aws.scheduler',
      time,
      detail: { job: 'sla-watch-results' },
    } as never) as Promise<SlaWatchSummary>;

  // Saturday 21 Nov 2026 07:00 local (05:00Z): closed; the results window opens at 09:00 local (07:00Z), so the
  // 30-open-minute first-response target falls due at 09:30 local (07:30Z). At 07:45Z the report has waited
  // 2 h 45 min on the clock but only 45 open minutes.
  async function setup(): Promise<{ env: TestEnv; duty: Person[] }> {
    const env = await createTestEnv({ now: '2026-11-21T05:00:00Z' });
    await seedBasics(env);
    const duty: Person[] = [
      { name: 'Päivystäjä Yksi', email: uniqueEmail('duty-fi'), language: 'fi' },
      { name: 'Duty Two', email: uniqueEmail('duty-en'), language: 'en' },
    ];
    const cal: CalendarConfig = { ...DEFAULT_CALENDAR, dutyOfficers: duty };
    await env.store.putCalendar(cal, '2026-11-21T05:00:00.000Z', 'test');
    forgetCalendar();
    return { env, duty };
  }

  it('one breach: its email shows both measures', async () => {
    const { env, duty } = await setup();
    const c = await report(env);
    const run = await runWatch('2026-11-21T07:45:00Z');
    expect(run.breaches).toBe(1);
    const [fi] = await mailsAbout(env, duty[0]!.email, c.reference);
    const [en] = await mailsAbout(env, duty[1]!.email, c.reference);
    expect(fi!.body.text).toContain('Odottanut: 2 tuntia 45 minuuttia saapumisesta (45 aukiolominuuttia; tavoite 30 aukiolominuuttia)');
    expect(en!.body.text).toContain('Waiting time: 2 hours 45 minutes since it arrived (45 open minutes; target 30 open minutes)');
  });

  it('a digest shows both measures on every line', async () => {
    const { env, duty } = await setup();
    const a = await report(env, { matchId: 'M-1001' });
    const b = await report(env, { matchId: 'M-1002', category: 'goal' });
    const run = await runWatch('2026-11-21T07:45:00Z');
    expect(run.breaches).toBe(2);
    const mails = (await sentEmails(env.sesEndpoint, duty[1]!.email)).filter((m) =>
      m.subject.includes('cases missed their response targets'),
    );
    expect(mails).toHaveLength(1);
    const lines = (mails[0]!.body.text ?? '').split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toHaveLength(2);
    for (const [line, ref] of [
      [lines.find((l) => l.includes(a.reference)), a],
      [lines.find((l) => l.includes(b.reference)), b],
    ] as const) {
      expect(line, ref.reference).toContain('waited 2 hours 45 minutes since it arrived (45 open minutes; target 30 open minutes)');
    }
  });
});

/**
 * sla-watch sends each recipient at most one email per run (contract §11). Reproduces issue 11: ~160
 * anonymous reports and callbacks made one run send hundreds of emails to federation officials.
 */
import { describe, expect, it } from 'vitest';
import { publicCallbacks } from '../support/functions.js';
import { publicCorrections } from '../support/functions.js';
import { slaWatch } from '../support/functions.js';
import { DEFAULT_CALENDAR, type CalendarConfig, type Person } from '../../shared/domain/calendar-config.js';
import { forgetCalendar } from '../../shared/usecases/deps.js';
import type { SlaWatchSummary } from '../../shared/usecases/sla-watch.js';
import { call } from '../support/events.js';
import { createTestEnv, seedBasics, sentEmails, uniqueEmail } from '../support/harness.js';

const runWatch = (time: string) =>
  slaWatch({
    version: '0',
    id: 'x',
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    time,
    detail: {},
  } as never) as Promise<SlaWatchSummary>;

describe('sla-watch digest', () => {
  it('one email per recipient per run, listing that run’s breaches; duplicates of one match and category once', async () => {
    const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' }); // Saturday 12:00 local, 30-minute first-response target
    await seedBasics(env);
    const duty: Person[] = [
      { name: 'Päivystäjä Yksi', email: uniqueEmail('duty-fi'), language: 'fi' },
      { name: 'Duty Two', email: uniqueEmail('duty-en'), language: 'en' },
    ];
    const cal: CalendarConfig = { ...DEFAULT_CALENDAR, dutyOfficers: duty };
    await env.store.putCalendar(cal, '2026-11-21T10:00:00.000Z', 'test');
    forgetCalendar();
    const post = (matchId: string, category: string) =>
      call(publicCorrections as never, 'POST /corrections', {
        body: { matchId, category, description: 'Väärin', reporter: { name: 'Anon', email: uniqueEmail() }, language: 'fi' },
      });
    // 12 reports of one thing, 3 of other things, 2 callbacks
    const rs = [
      ...Array.from({ length: 12 }, () => post('M-1001', 'goal')),
      post('M-1001', 'penalty'),
      post('M-1002', 'goal'),
      post('M-2001', 'lineup'),
    ];
    const cbs = [1, 2].map((i) =>
      call(publicCallbacks as never, 'POST /callbacks', {
        body: { name: 'Anon', phone: `+35840999000${i}`, language: 'fi', topic: 'Soittakaa' },
      }),
    );
    const created = await Promise.all([...rs, ...cbs]);
    expect(created.map((r) => r.status)).toEqual(Array(17).fill(201));

    const run = await runWatch('2026-11-21T10:31:00Z');
    expect(run.breaches).toBe(17);
    for (const p of duty) {
      const mails = await sentEmails(env.sesEndpoint, p.email);
      expect(mails, p.email).toHaveLength(1);
      const text = mails[0]!.body.text ?? '';
      // 12 reports of M-1001 goal on one line, plus 3 other corrections and 2 callbacks: 6 lines
      for (const r of [created[12]!, created[13]!, created[14]!, created[15]!, created[16]!]) expect(text).toContain(r.body.reference);
      const dupRefs = created
        .slice(0, 12)
        .map((r) => r.body.reference as string)
        .filter((ref) => text.includes(ref));
      expect(dupRefs).toHaveLength(1);
      expect(text).toMatch(p.language === 'fi' ? /11 muuta ilmoitusta/ : /11 more reports/);
    }
  });
});

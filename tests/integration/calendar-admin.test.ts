/** GET/PUT /admin/calendar: refusals keep the old calendar; accepted changes take effect at once. */
import { beforeAll, describe, expect, it } from 'vitest';
import { admin } from '../support/functions.js';
import { serviceStatus } from '../support/functions.js';
import { DEFAULT_CALENDAR, type CalendarConfig } from '../../shared/domain/calendar-config.js';
import { adminClaims, call, officialClaims, staffClaims } from '../support/events.js';
import { createTestEnv, uniqueEmail } from '../support/harness.js';

beforeAll(async () => {
  await createTestEnv({ now: '2026-08-22T09:00:00Z' }); // Saturday 22 Aug 2026, 12:00 local
});

const getCalendar = () => call(admin as never, 'GET /admin/calendar', { claims: adminClaims() });
const putCalendar = (body: unknown) => call(admin as never, 'PUT /admin/calendar', { claims: adminClaims(), body });
const status = (at?: string) => call(serviceStatus as never, 'GET /service-status', at ? { query: { at } } : {});

describe('admin calendar', () => {
  it('starts from the contract defaults', async () => {
    const r = await getCalendar();
    expect(r.status).toBe(200);
    expect(r.body).toEqual(DEFAULT_CALENDAR);
    expect((await status()).body).toMatchObject({ mode: 'results', season: { id: '2026-27', active: true } });
  });

  it('an invalid calendar is refused with 400 and details; the old one stays', async () => {
    const officers = [{ name: 'Päivystäjä', email: uniqueEmail('duty'), language: 'fi' as const }];
    expect((await putCalendar({ ...DEFAULT_CALENDAR, dutyOfficers: officers })).status).toBe(200);

    const invalid = {
      ...DEFAULT_CALENDAR,
      season: { ...DEFAULT_CALENDAR.season, overrides: { '2026-27': { start: '2026-09-31', end: '2027-04-30' } } },
      generalService: { weekdays: [1, 2, 8], opens: '16:00', closes: '09:00' },
      dutyOfficers: [{ name: 'X', email: 'not-an-email', language: 'de' }],
      colour: 'blue',
    };
    const r = await putCalendar(invalid);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.message).toMatch(/old one stays/);
    const paths = r.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'colour',
        'season.overrides.2026-27.start',
        'generalService.weekdays.2',
        'generalService.closes',
        'dutyOfficers.0.email',
        'dutyOfficers.0.language',
      ]),
    );
    for (const d of r.body.error.details) expect(d.message.length).toBeGreaterThan(5);

    const after = await getCalendar();
    expect(after.body).toEqual({ ...DEFAULT_CALENDAR, dutyOfficers: officers });
    expect((await putCalendar('not a calendar')).status).toBe(400);
  });

  it('only admins may read or change it', async () => {
    expect((await call(admin as never, 'GET /admin/calendar', { claims: staffClaims() })).status).toBe(403);
    expect(
      (await call(admin as never, 'PUT /admin/calendar', { claims: officialClaims(uniqueEmail()), body: DEFAULT_CALENDAR })).status,
    ).toBe(403);
    expect((await call(admin as never, 'GET /admin/calendar')).status).toBe(401);
  });

  it('a valid change takes effect for GET /service-status at once', async () => {
    // season 2026-27 starts late (5 Sep); Saturday 22 Aug is then closed, not a results day
    const officers = [
      { name: 'Päivystäjä Uusi', email: uniqueEmail('duty'), language: 'fi' as const },
      { name: 'Jour Ny', email: uniqueEmail('duty'), language: 'sv' as const },
    ];
    const next: CalendarConfig = {
      ...DEFAULT_CALENDAR,
      season: { ...DEFAULT_CALENDAR.season, overrides: { '2026-27': { start: '2026-09-05', end: '2027-04-18' } } },
      resultsService: { ...DEFAULT_CALENDAR.resultsService, closes: '20:00' },
      targets: { ...DEFAULT_CALENDAR.targets, firstResponseMinutes: { results: 20, general: 120 } },
      dutyOfficers: officers,
    };
    const r = await putCalendar(next);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual(next);
    expect((await getCalendar()).body).toEqual(next);

    const aug22 = await status();
    expect(aug22.body).toMatchObject({
      mode: 'closed',
      open: false,
      season: { id: '2026-27', active: false },
      nextOpenAt: '2026-08-24T06:00:00.000Z', // Monday 9:00, general service
      firstResponseTargetMinutes: 120,
    });
    const sep5 = await status('2026-09-05T12:00:00+03:00');
    expect(sep5.body).toMatchObject({
      mode: 'results',
      season: { id: '2026-27', active: true },
      closesAt: '2026-09-05T17:00:00.000Z',
      firstResponseTargetMinutes: 20,
      expectedResponseBy: '2026-09-05T09:20:00.000Z',
    });
    expect(sep5.body.message).toBe('Tulospalvelu palvelee nyt klo 20.00 asti. Vastaamme viestiisi noin 20 minuutissa.');
    const apr24 = await status('2027-04-24T12:00:00+03:00'); // Saturday after the early end
    expect(apr24.body).toMatchObject({ mode: 'closed', season: { id: '2027-28', active: false } });
  });
});

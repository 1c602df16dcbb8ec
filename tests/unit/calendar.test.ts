import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_CALENDAR, type CalendarConfig } from '../../shared/domain/calendar-config.js';
import {
  addOpenMinutes,
  easterSunday,
  finnishPublicHolidays,
  modeAt,
  nextWindow,
  openMinutesBetween,
  seasonAt,
  serviceStatus,
  targetModeAt,
  validateCalendar,
  windowAt,
  windowOnDate,
} from '../../shared/domain/calendar.js';
import { localToInstant } from '../../shared/domain/helsinki-time.js';

const C = DEFAULT_CALENDAR;
/** Helsinki local wall-clock time → instant */
const L = (date: string, time = '00:00') => localToInstant(date, time);
const iso = (d: Date | null | undefined) => d?.toISOString();
const MIN = 60_000;

const withCfg = (patch: (c: CalendarConfig) => void): CalendarConfig => {
  const c = structuredClone(DEFAULT_CALENDAR);
  patch(c);
  return c;
};

const holidayDate = (year: number, name: string) => finnishPublicHolidays(year).find((h) => h.name === name)?.date;

describe('Finnish public holidays', () => {
  it('computes Easter Sunday', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2028)).toBe('2028-04-16');
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2285)).toBe('2285-03-22');
    expect(() => easterSunday(1200)).toThrow(RangeError);
  });

  it('lists the holidays of 2026 in date order', () => {
    expect(finnishPublicHolidays(2026)).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-01-06', name: 'Epiphany' },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-05', name: 'Easter Sunday' },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2026-05-01', name: 'May Day' },
      { date: '2026-05-14', name: 'Ascension Day' },
      { date: '2026-05-24', name: 'Whitsunday' },
      { date: '2026-06-19', name: 'Midsummer Eve' },
      { date: '2026-06-20', name: 'Midsummer Day' },
      { date: '2026-10-31', name: "All Saints' Day" },
      { date: '2026-12-06', name: 'Independence Day' },
      { date: '2026-12-24', name: 'Christmas Eve' },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-26', name: "St Stephen's Day" },
    ]);
  });

  it('finds Midsummer and All Saints’ Day', () => {
    const cases: [number, string, string, string][] = [
      [2024, '2024-06-21', '2024-06-22', '2024-11-02'],
      [2025, '2025-06-20', '2025-06-21', '2025-11-01'],
      [2026, '2026-06-19', '2026-06-20', '2026-10-31'],
      [2027, '2027-06-25', '2027-06-26', '2027-11-06'],
      [2028, '2028-06-23', '2028-06-24', '2028-11-04'],
    ];
    for (const [year, eve, day, allSaints] of cases) {
      expect(holidayDate(year, 'Midsummer Eve')).toBe(eve);
      expect(holidayDate(year, 'Midsummer Day')).toBe(day);
      expect(holidayDate(year, "All Saints' Day")).toBe(allSaints);
    }
    expect(holidayDate(2027, 'Ascension Day')).toBe('2027-05-06');
    expect(holidayDate(2027, 'Whitsunday')).toBe('2027-05-16');
    // 2008: Easter on 23 March puts Ascension Day on May Day; both are listed
    expect(
      finnishPublicHolidays(2008)
        .filter((h) => h.date === '2008-05-01')
        .map((h) => h.name),
    ).toEqual(['May Day', 'Ascension Day']);
  });

  it('keeps every movable holiday on its weekday and in its range (property, 1900–2200)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const list = finnishPublicHolidays(year);
        expect(list).toHaveLength(15);
        const dates = list.map((h) => h.date);
        expect([...dates].sort()).toEqual(dates);
        const weekday = (d: string) => new Date(`${d}T12:00:00Z`).getUTCDay();
        const easter = easterSunday(year);
        expect(weekday(easter)).toBe(0);
        expect(easter >= `${year}-03-22` && easter <= `${year}-04-25`).toBe(true);
        const eve = holidayDate(year, 'Midsummer Eve')!;
        expect(weekday(eve)).toBe(5);
        expect(eve >= `${year}-06-19` && eve <= `${year}-06-25`).toBe(true);
        const saints = holidayDate(year, "All Saints' Day")!;
        expect(weekday(saints)).toBe(6);
        expect(saints >= `${year}-10-31` && saints <= `${year}-11-06`).toBe(true);
      }),
    );
  });
});

describe('seasons', () => {
  it('runs from 15 August to 30 April, by local date', () => {
    expect(seasonAt(C, L('2026-08-14', '23:59'))).toEqual({ id: '2026-27', active: false, start: '2026-08-15', end: '2027-04-30' });
    expect(seasonAt(C, L('2026-08-15'))).toEqual({ id: '2026-27', active: true, start: '2026-08-15', end: '2027-04-30' });
    expect(seasonAt(C, L('2027-01-10', '12:00'))).toMatchObject({ id: '2026-27', active: true });
    expect(seasonAt(C, L('2027-04-30', '23:59'))).toMatchObject({ id: '2026-27', active: true });
    expect(seasonAt(C, L('2027-05-01'))).toEqual({ id: '2027-28', active: false, start: '2027-08-15', end: '2028-04-30' });
    expect(seasonAt(C, L('2099-12-01'))).toMatchObject({ id: '2099-00', active: true });
  });

  it('applies a season override to that season only', () => {
    const cfg = withCfg((c) => {
      c.season.overrides['2026-27'] = { start: '2026-08-20', end: '2027-04-15' };
    });
    expect(seasonAt(cfg, L('2026-08-16', '12:00'))).toEqual({ id: '2026-27', active: false, start: '2026-08-20', end: '2027-04-15' });
    expect(seasonAt(cfg, L('2026-08-20'))).toMatchObject({ id: '2026-27', active: true });
    expect(seasonAt(cfg, L('2027-04-16'))).toEqual({ id: '2027-28', active: false, start: '2027-08-15', end: '2028-04-30' });
    // Saturdays: 2026-08-15 closed (summer now), 2026-08-22 results, 2027-04-17 closed, 2026-04-18 (2025-26) still results
    expect(modeAt(cfg, L('2026-08-15', '10:00'))).toBe('closed');
    expect(modeAt(cfg, L('2026-08-22', '10:00'))).toBe('results');
    expect(modeAt(cfg, L('2027-04-10', '10:00'))).toBe('results');
    expect(modeAt(cfg, L('2027-04-17', '10:00'))).toBe('closed');
    expect(modeAt(cfg, L('2026-04-18', '10:00'))).toBe('results');
    expect(modeAt(C, L('2026-08-15', '10:00'))).toBe('results');
  });
});

describe('modes', () => {
  it('opens the results service on the first Saturday of the season (15 Aug 2026)', () => {
    expect(modeAt(C, L('2026-08-15', '08:59'))).toBe('closed');
    expect(modeAt(C, L('2026-08-15', '09:00'))).toBe('results');
    expect(modeAt(C, L('2026-08-16', '20:59'))).toBe('results');
    expect(modeAt(C, L('2026-08-14', '10:00'))).toBe('general');
    expect(modeAt(C, L('2026-08-08', '10:00'))).toBe('closed'); // summer Saturday
    expect(modeAt(C, L('2026-07-06', '10:00'))).toBe('general'); // summer Monday
  });

  it('ends the season on 30 April; 1 May is a holiday outside the season', () => {
    expect(modeAt(C, L('2028-04-30', '12:00'))).toBe('results'); // Sunday, last day
    expect(modeAt(C, L('2028-05-01', '12:00'))).toBe('closed'); // Monday, May Day
    expect(modeAt(C, L('2027-04-30', '10:00'))).toBe('general'); // Friday, last day
    expect(modeAt(C, L('2027-05-01', '10:00'))).toBe('closed'); // Saturday, May Day, summer
    expect(modeAt(C, L('2027-05-02', '10:00'))).toBe('closed'); // Sunday, summer
  });

  it('opens at 09:00 and closes at 16:00 / 21:00 (start included, end excluded)', () => {
    expect(modeAt(C, L('2026-11-20', '15:59'))).toBe('general');
    expect(modeAt(C, new Date(L('2026-11-20', '16:00').getTime() - 1))).toBe('general');
    expect(modeAt(C, L('2026-11-20', '16:00'))).toBe('closed');
    expect(modeAt(C, L('2026-11-21', '20:59'))).toBe('results');
    expect(modeAt(C, L('2026-11-21', '21:00'))).toBe('closed');
    expect(modeAt(C, L('2026-11-23', '08:59'))).toBe('closed');
    expect(modeAt(C, L('2026-11-23', '09:00'))).toBe('general');
  });

  it('closes 24–26 December and 1 January all day, weekend and season notwithstanding', () => {
    for (const d of ['2026-12-24', '2026-12-25', '2026-12-26', '2027-01-01', '2027-12-24', '2027-12-25', '2027-12-26', '2028-01-01']) {
      for (const time of ['09:00', '12:00', '20:00']) expect(modeAt(C, L(d, time)), `${d} ${time}`).toBe('closed');
      expect(windowOnDate(C, d), d).toBeNull();
    }
    expect(modeAt(C, L('2026-12-23', '12:00'))).toBe('general');
    expect(modeAt(C, L('2026-12-27', '12:00'))).toBe('results');
    expect(modeAt(C, L('2027-01-02', '12:00'))).toBe('results');
  });

  it('runs the results service 09–21 on weekday holidays in season (Epiphany 2027, a Wednesday)', () => {
    const w = windowOnDate(C, '2027-01-06');
    expect(w?.mode).toBe('results');
    expect(iso(w?.start)).toBe('2027-01-06T07:00:00.000Z');
    expect(iso(w?.end)).toBe('2027-01-06T19:00:00.000Z');
    expect(modeAt(C, L('2027-01-06', '08:59'))).toBe('closed');
    expect(modeAt(C, L('2027-01-06', '20:59'))).toBe('results');
    expect(modeAt(C, L('2027-01-06', '21:00'))).toBe('closed');
    expect(windowOnDate(C, '2026-04-03')?.mode).toBe('results'); // Good Friday
    expect(windowOnDate(C, '2026-04-06')?.mode).toBe('results'); // Easter Monday
    expect(windowOnDate(C, '2027-12-06')?.mode).toBe('results'); // Independence Day, Monday
    const noHolidays = withCfg((c) => {
      c.resultsService.onPublicHolidays = false;
    });
    expect(windowOnDate(noHolidays, '2027-01-06')).toBeNull();
  });

  it('has no service on holidays outside the season', () => {
    expect(modeAt(C, L('2027-05-06', '10:00'))).toBe('closed'); // Ascension Day, Thursday
    expect(modeAt(C, L('2026-05-14', '10:00'))).toBe('closed'); // Ascension Day, Thursday
    expect(modeAt(C, L('2026-06-19', '10:00'))).toBe('closed'); // Midsummer Eve, Friday
    expect(modeAt(C, L('2026-06-20', '10:00'))).toBe('closed'); // Midsummer Day
    expect(modeAt(C, L('2027-05-07', '10:00'))).toBe('general');
  });

  it('keeps 09:00–21:00 local on both DST switch days', () => {
    const spring = windowOnDate(C, '2027-03-28'); // Easter Sunday and the spring switch
    expect(spring?.mode).toBe('results');
    expect(iso(spring?.start)).toBe('2027-03-28T06:00:00.000Z');
    expect(iso(spring?.end)).toBe('2027-03-28T18:00:00.000Z');
    const autumn = windowOnDate(C, '2026-10-25');
    expect(iso(autumn?.start)).toBe('2026-10-25T07:00:00.000Z');
    expect(iso(autumn?.end)).toBe('2026-10-25T19:00:00.000Z');
    expect(iso(windowOnDate(C, '2026-03-29')?.start)).toBe('2026-03-29T06:00:00.000Z');
    expect(modeAt(C, new Date('2027-03-28T05:59:00Z'))).toBe('closed');
    expect(modeAt(C, new Date('2027-03-28T06:00:00Z'))).toBe('results');
    expect(modeAt(C, new Date('2027-03-28T17:59:00Z'))).toBe('results');
    expect(modeAt(C, new Date('2027-03-28T18:00:00Z'))).toBe('closed');
    // a 23-hour and a 25-hour day both have 12 open hours
    expect(openMinutesBetween(C, L('2027-03-28'), L('2027-03-29'))).toBe(720);
    expect(openMinutesBetween(C, L('2026-10-25'), L('2026-10-26'))).toBe(720);
  });

  it('lets results win when both services could apply, and honours extra closed dates', () => {
    const cfg = withCfg((c) => {
      c.generalService = { weekdays: [1, 2, 3, 4, 5, 6], opens: '08:00', closes: '18:00' };
      c.extraClosedDates = ['2026-11-18'];
    });
    expect(modeAt(cfg, L('2026-11-21', '08:30'))).toBe('closed'); // in season Saturday: results day
    expect(modeAt(cfg, L('2026-11-21', '20:00'))).toBe('results');
    expect(modeAt(cfg, L('2026-07-04', '08:30'))).toBe('general'); // summer Saturday
    expect(modeAt(cfg, L('2026-07-04', '18:00'))).toBe('closed');
    expect(modeAt(cfg, L('2026-11-18', '10:00'))).toBe('closed');
    expect(modeAt(cfg, L('2026-11-19', '10:00'))).toBe('general');
  });

  it('counts a window that spans the night switch in real minutes', () => {
    const night = withCfg((c) => {
      c.generalService = { weekdays: [7], opens: '01:00', closes: '05:00' };
      c.resultsService = { weekdays: [], onPublicHolidays: false, opens: '09:00', closes: '21:00' };
    });
    // 2026-03-29 (Sunday, spring): 01:00 EET → 05:00 EEST is 3 hours; 2026-10-25 (autumn) is 5 hours
    const spring = windowOnDate(night, '2026-03-29');
    expect(iso(spring?.start)).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(spring?.end)).toBe('2026-03-29T02:00:00.000Z');
    expect(openMinutesBetween(night, L('2026-03-29'), L('2026-03-30'))).toBe(180);
    expect(openMinutesBetween(night, L('2026-10-25'), L('2026-10-26'))).toBe(300);
    expect(iso(addOpenMinutes(night, L('2026-03-29', '01:00'), 180))).toBe(iso(L('2026-03-29', '05:00')));
    expect(iso(addOpenMinutes(night, L('2026-10-25', '01:00'), 300))).toBe(iso(L('2026-10-25', '05:00')));
    // a window wholly inside the spring gap never opens; one starting in it starts at the moved time
    const gap = withCfg((c) => {
      c.generalService = { weekdays: [7], opens: '03:00', closes: '04:00' };
      c.resultsService.weekdays = [];
    });
    expect(windowOnDate(gap, '2026-03-29')).toBeNull();
    expect(windowOnDate(gap, '2026-04-12')).toMatchObject({ mode: 'general', start: L('2026-04-12', '03:00') });
    const moved = withCfg((c) => {
      c.generalService = { weekdays: [7], opens: '03:30', closes: '05:00' };
      c.resultsService.weekdays = [];
    });
    const w = windowOnDate(moved, '2026-03-29'); // 03:30 does not exist: 04:30 EEST
    expect(iso(w?.start)).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(w?.end)).toBe('2026-03-29T02:00:00.000Z');
  });
});

describe('nextWindow and target mode', () => {
  it('finds the next window strictly after an open one, or the next opening', () => {
    const open = nextWindow(C, L('2026-11-21', '09:00'));
    expect(open.mode).toBe('results');
    expect(iso(open.start)).toBe(iso(L('2026-11-22', '09:00')));
    expect(iso(nextWindow(C, L('2026-11-21', '21:00')).start)).toBe(iso(L('2026-11-22', '09:00')));
    expect(iso(nextWindow(C, L('2026-11-21', '08:59')).start)).toBe(iso(L('2026-11-21', '09:00')));
    const xmas = nextWindow(C, L('2026-12-23', '16:00'));
    expect(xmas.mode).toBe('results');
    expect(iso(xmas.start)).toBe(iso(L('2026-12-27', '09:00')));
    expect(iso(xmas.end)).toBe(iso(L('2026-12-27', '21:00')));
    expect(nextWindow(C, L('2027-05-01', '10:00'))).toMatchObject({ mode: 'general', start: L('2027-05-03', '09:00') });
  });

  it('throws when no window opens within the search bound', () => {
    const never = withCfg((c) => {
      c.generalService.weekdays = [];
      c.resultsService.weekdays = [];
      c.resultsService.onPublicHolidays = false;
    });
    expect(() => nextWindow(never, L('2026-11-21'))).toThrow(/No service window opens within 400 days/);
    expect(() => addOpenMinutes(never, L('2026-11-21'), 1)).toThrow(/No service window/);
  });

  it('takes the mode at arrival, or the next window’s when closed', () => {
    expect(targetModeAt(C, L('2026-11-20', '12:00'))).toBe('general');
    expect(targetModeAt(C, L('2026-11-20', '16:00'))).toBe('results'); // Friday evening → Saturday
    expect(targetModeAt(C, L('2026-11-22', '21:30'))).toBe('general'); // Sunday evening → Monday
    expect(targetModeAt(C, L('2026-07-03', '17:00'))).toBe('general'); // summer Friday → Monday
    expect(targetModeAt(C, L('2026-12-23', '17:00'))).toBe('results'); // → Sunday 27 Dec
    expect(targetModeAt(C, L('2026-08-14', '16:30'))).toBe('results'); // → first day of the season
  });
});

describe('addOpenMinutes and openMinutesBetween', () => {
  it('returns from unchanged for 0 minutes, even when closed', () => {
    const from = new Date('2026-11-20T18:12:34.567Z');
    expect(addOpenMinutes(C, from, 0).getTime()).toBe(from.getTime());
    expect(() => addOpenMinutes(C, from, -1)).toThrow(RangeError);
  });

  it('counts inside a window and ends exactly at its end', () => {
    expect(iso(addOpenMinutes(C, L('2026-11-20', '10:00'), 30))).toBe(iso(L('2026-11-20', '10:30')));
    expect(iso(addOpenMinutes(C, L('2026-11-20', '15:00'), 60))).toBe(iso(L('2026-11-20', '16:00')));
    expect(iso(addOpenMinutes(C, L('2026-11-20', '07:00'), 30))).toBe(iso(L('2026-11-20', '09:30')));
  });

  it('carries across a weekend', () => {
    // in season: Friday 60 min, then Saturday's results window
    expect(iso(addOpenMinutes(C, L('2026-11-20', '15:00'), 240))).toBe(iso(L('2026-11-21', '12:00')));
    // in summer the weekend is closed: Friday 60 min, Monday 60 min
    expect(iso(addOpenMinutes(C, L('2026-07-03', '15:00'), 120))).toBe(iso(L('2026-07-06', '10:00')));
    expect(openMinutesBetween(C, L('2026-07-03', '15:00'), L('2026-07-06', '10:00'))).toBe(120);
  });

  it('carries across Christmas and New Year', () => {
    // Wed 23 Dec 15:00: 60 min; 24–26 closed; Sun 27 Dec 720 min; Mon 28 Dec 180 min
    const due = addOpenMinutes(C, L('2026-12-23', '15:00'), 960);
    expect(iso(due)).toBe(iso(L('2026-12-28', '12:00')));
    expect(openMinutesBetween(C, L('2026-12-23', '15:00'), due)).toBe(960);
    // Thu 31 Dec 15:30: 30 min; Fri 1 Jan closed; Sat 2 Jan 09:00 + 30
    expect(iso(addOpenMinutes(C, L('2026-12-31', '15:30'), 60))).toBe(iso(L('2027-01-02', '09:30')));
  });

  it('does not let a DST switch change the count', () => {
    // Sat 27 Mar 2027 20:00 → 60 min Saturday + 60 min on Easter Sunday (spring switch night in between)
    expect(iso(addOpenMinutes(C, L('2027-03-27', '20:00'), 120))).toBe('2027-03-28T07:00:00.000Z');
    // Sat 24 Oct 2026 20:30 → 30 min Saturday + 30 min Sunday (autumn switch night in between)
    expect(iso(addOpenMinutes(C, L('2026-10-24', '20:30'), 60))).toBe('2026-10-25T07:30:00.000Z');
    expect(openMinutesBetween(C, L('2027-03-27', '20:00'), new Date('2027-03-28T07:00:00Z'))).toBe(120);
    // Sat 24 – Sat 31 Oct 2026: three weekend days (All Saints' Day is a Saturday) and five working days
    expect(openMinutesBetween(C, L('2026-10-24'), L('2026-11-01'))).toBe(720 * 3 + 420 * 5);
  });

  it('measures fractional minutes exactly and is 0 for an empty or reversed range', () => {
    expect(openMinutesBetween(C, new Date(L('2026-11-20', '15:59').getTime() + 30_000), L('2026-11-20', '18:00'))).toBe(0.5);
    expect(openMinutesBetween(C, L('2026-11-20', '12:00'), L('2026-11-20', '12:00'))).toBe(0);
    expect(openMinutesBetween(C, L('2026-11-20', '13:00'), L('2026-11-20', '12:00'))).toBe(0);
    const from = new Date(L('2026-11-20', '15:59').getTime() + 30_000);
    expect(iso(addOpenMinutes(C, from, 1))).toBe(iso(new Date(L('2026-11-21', '09:00').getTime() + 30_000)));
  });

  it('counts a whole year of open minutes, and adds 960 from 23 Dec across the holidays', () => {
    // (how fast these are is measured in the bench, not asserted here: a loaded machine is no clock)
    const year = openMinutesBetween(C, L('2026-01-01'), L('2027-01-01'));
    expect(year).toBeGreaterThan(100_000);
    const to = addOpenMinutes(C, L('2026-12-23', '15:00'), 960);
    expect(openMinutesBetween(C, L('2026-12-23', '15:00'), to)).toBe(960);
  });
});

describe('serviceStatus', () => {
  it('describes an open window', () => {
    const s = serviceStatus(C, L('2026-11-20', '15:00'));
    expect(s).toMatchObject({
      mode: 'general',
      open: true,
      targetMode: 'general',
      firstResponseTargetMinutes: 240,
      resolutionTargetMinutes: 960,
    });
    expect(s.season).toEqual({ id: '2026-27', active: true });
    expect(iso(s.opensAt)).toBe(iso(L('2026-11-20', '09:00')));
    expect(iso(s.closesAt)).toBe(iso(L('2026-11-20', '16:00')));
    expect(iso(s.nextOpenAt)).toBe(iso(L('2026-11-21', '09:00')));
    expect(iso(s.expectedResponseBy)).toBe(iso(L('2026-11-21', '12:00')));
  });

  it('describes a closed period with the next window’s targets', () => {
    const s = serviceStatus(C, L('2026-11-20', '17:00'));
    expect(s).toMatchObject({
      mode: 'closed',
      open: false,
      opensAt: null,
      closesAt: null,
      targetMode: 'results',
      firstResponseTargetMinutes: 30,
      resolutionTargetMinutes: 180,
    });
    expect(iso(s.nextOpenAt)).toBe(iso(L('2026-11-21', '09:00')));
    expect(iso(s.expectedResponseBy)).toBe(iso(L('2026-11-21', '09:30')));
    const summer = serviceStatus(C, L('2026-06-20', '12:00'));
    expect(summer).toMatchObject({ mode: 'closed', targetMode: 'general', season: { id: '2026-27', active: false } });
    expect(iso(summer.nextOpenAt)).toBe(iso(L('2026-06-22', '09:00')));
  });
});

describe('validateCalendar', () => {
  const valid = (): Record<string, unknown> => structuredClone(DEFAULT_CALENDAR) as unknown as Record<string, unknown>;
  const details = (input: unknown) => {
    const r = validateCalendar(input);
    if (r.ok) throw new Error('expected the calendar to be refused');
    return r.details;
  };
  const refuses = (mutate: (c: any) => void, path: string, message: RegExp) => {
    const c = valid();
    mutate(c);
    const d = details(c);
    expect(d, JSON.stringify(d)).toContainEqual({ path, message: expect.stringMatching(message) });
  };

  it('accepts the default and a fully filled calendar, returning a fresh copy', () => {
    const r = validateCalendar(DEFAULT_CALENDAR);
    expect(r).toEqual({ ok: true, value: DEFAULT_CALENDAR });
    if (r.ok) expect(r.value).not.toBe(DEFAULT_CALENDAR);
    const full = withCfg((c) => {
      c.season.overrides = { '2026-27': { start: '2026-08-20', end: '2027-04-15' }, '2020-21': { start: '2020-08-15', end: '2020-12-20' } };
      c.extraClosedDates = ['2026-11-18', '2027-02-01'];
      c.dutyOfficers = [
        { name: 'Maija Meikäläinen', email: 'maija.meikalainen@salibandy.fi', language: 'fi' },
        { name: 'Anna Svensson', email: 'anna+duty@example.se', language: 'sv' },
      ];
      c.targets.firstResponseMinutes.general = 100_000;
    });
    expect(validateCalendar(full)).toEqual({ ok: true, value: full });
  });

  it('refuses non-objects, missing and unknown fields anywhere', () => {
    expect(details(null)).toEqual([{ path: '', message: 'must be an object' }]);
    expect(details([])).toEqual([{ path: '', message: 'must be an object' }]);
    refuses((c) => delete c.targets, 'targets', /is required/);
    refuses((c) => delete c.resultsService.onPublicHolidays, 'resultsService.onPublicHolidays', /is required/);
    refuses((c) => (c.colour = 'blue'), 'colour', /unknown field/);
    refuses((c) => (c.generalService.lunch = '12:00'), 'generalService.lunch', /unknown field/);
    refuses(
      (c) => (c.season.overrides['2026-27'] = { start: '2026-08-20', end: '2027-04-15', note: 'x' }),
      'season.overrides.2026-27.note',
      /unknown field/,
    );
    refuses((c) => (c.targets.firstResponseMinutes.urgent = 5), 'targets.firstResponseMinutes.urgent', /unknown field/);
    refuses(
      (c) => (c.dutyOfficers = [{ name: 'A', email: 'a@example.fi', language: 'fi', phone: '+358' }]),
      'dutyOfficers.0.phone',
      /unknown field/,
    );
  });

  it('refuses bad times and windows', () => {
    for (const bad of ['9:00', '24:00', '09:60', '0900', 900]) {
      refuses((c) => (c.generalService.opens = bad), 'generalService.opens', /HH:MM/);
    }
    refuses((c) => (c.resultsService.closes = '09:00'), 'resultsService.closes', /later than opens \(09:00\)/);
    refuses((c) => (c.generalService.closes = '08:00'), 'generalService.closes', /later than opens/);
  });

  it('refuses bad weekdays', () => {
    refuses((c) => (c.generalService.weekdays = [0, 1]), 'generalService.weekdays.0', /1 \(Monday\) to 7 \(Sunday\)/);
    refuses((c) => (c.generalService.weekdays = [8]), 'generalService.weekdays.0', /1 \(Monday\)/);
    refuses((c) => (c.resultsService.weekdays = [6, 1.5]), 'resultsService.weekdays.1', /weekday number/);
    refuses((c) => (c.resultsService.weekdays = ['6']), 'resultsService.weekdays.0', /weekday number/);
    refuses((c) => (c.resultsService.weekdays = [6, 7, 6]), 'resultsService.weekdays.2', /more than once/);
    refuses((c) => (c.resultsService.weekdays = 6), 'resultsService.weekdays', /must be a list/);
  });

  it('refuses bad season dates and overrides', () => {
    for (const bad of ['02-30', '13-01', '8-15', '00-10']) {
      refuses((c) => (c.season.startMonthDay = bad), 'season.startMonthDay', /MM-DD/);
    }
    refuses((c) => (c.season.endMonthDay = '02-29'), 'season.endMonthDay', /29 February/);
    refuses((c) => (c.season.endMonthDay = '09-01'), 'season.endMonthDay', /earlier in the year than startMonthDay/);
    refuses(
      (c) => (c.season.overrides = { '2026-28': { start: '2026-08-20', end: '2027-04-15' } }),
      'season.overrides.2026-28',
      /like "2026-27"/,
    );
    refuses((c) => (c.season.overrides = { '2026': { start: '2026-08-20', end: '2027-04-15' } }), 'season.overrides.2026', /season id/);
    refuses(
      (c) => (c.season.overrides = { '2026-27': { start: '2027-08-20', end: '2027-04-15' } }),
      'season.overrides.2026-27.start',
      /must be in 2026/,
    );
    refuses(
      (c) => (c.season.overrides = { '2026-27': { start: '2026-12-20', end: '2026-09-15' } }),
      'season.overrides.2026-27.end',
      /later than start/,
    );
    refuses(
      (c) => (c.season.overrides = { '2026-27': { start: '2026-08-20', end: '2028-01-15' } }),
      'season.overrides.2026-27.end',
      /2026 or 2027/,
    );
    refuses(
      (c) => (c.season.overrides = { '2026-27': { start: '2026-08-20', end: '2027-08-20' } }),
      'season.overrides.2026-27.end',
      /before the start of season 2027-28 \(2027-08-15\)/,
    );
    refuses(
      (c) => (c.season.overrides = { '2026-27': { start: '2026-04-20', end: '2027-04-15' } }),
      'season.overrides.2026-27.start',
      /after the end of season 2025-26 \(2026-04-30\)/,
    );
    refuses(
      (c) => (c.season.overrides = { '2026-27': { start: '2026-02-31', end: '2027-04-15' } }),
      'season.overrides.2026-27.start',
      /existing date/,
    );
  });

  it('refuses bad targets, closed dates and duty officers', () => {
    for (const bad of [0, -1, 1.5, 100_001, '30', null]) {
      refuses(
        (c) => (c.targets.firstResponseMinutes.results = bad),
        'targets.firstResponseMinutes.results',
        /whole number of open minutes from 1 to 100000/,
      );
    }
    refuses((c) => (c.extraClosedDates = ['2026-02-30']), 'extraClosedDates.0', /existing date/);
    refuses((c) => (c.extraClosedDates = ['2026-11-18', '2026-11-18']), 'extraClosedDates.1', /more than once/);
    const officer = { name: 'Maija', email: 'maija@example.fi', language: 'fi' };
    refuses((c) => (c.dutyOfficers = [{ ...officer, name: '' }]), 'dutyOfficers.0.name', /must not be empty/);
    refuses((c) => (c.dutyOfficers = [{ ...officer, name: 'x'.repeat(201) }]), 'dutyOfficers.0.name', /at most 200/);
    refuses((c) => (c.dutyOfficers = [{ ...officer, email: 'maija' }]), 'dutyOfficers.0.email', /email address/);
    refuses((c) => (c.dutyOfficers = [{ ...officer, email: 'maija@localhost' }]), 'dutyOfficers.0.email', /email address/);
    refuses((c) => (c.dutyOfficers = [{ ...officer, language: 'de' }]), 'dutyOfficers.0.language', /one of: fi, sv, en/);
    refuses((c) => (c.dutyOfficers = [officer, { ...officer, email: 'MAIJA@example.fi' }]), 'dutyOfficers.1.email', /already listed/);
    expect(validateCalendar({ ...DEFAULT_CALENDAR, dutyOfficers: [{ ...officer, name: 'x'.repeat(200) }] }).ok).toBe(true);
  });

  it('refuses a calendar whose windows can never open, or stay shut for over a year', () => {
    refuses(
      (c) => {
        c.generalService.weekdays = [];
        c.resultsService.weekdays = [];
        c.resultsService.onPublicHolidays = false;
      },
      '',
      /no service window could ever open/,
    );
    // only Saturdays in season, and the 2026-27 season squeezed into one week without a Saturday
    refuses(
      (c) => {
        c.generalService.weekdays = [];
        c.resultsService.weekdays = [6];
        c.resultsService.onPublicHolidays = false;
        c.season.overrides = { '2026-27': { start: '2026-08-17', end: '2026-08-21' } };
      },
      '',
      /closed from 2026-04-26 to 2027-08-20/,
    );
    // a calendar open only on weekday holidays in season is odd but can open
    const holidaysOnly = withCfg((c) => {
      c.generalService.weekdays = [];
      c.resultsService.weekdays = [];
    });
    expect(validateCalendar(holidaysOnly).ok).toBe(true);
  });
});

describe('properties (2024–2030)', () => {
  const FROM = Date.UTC(2024, 0, 1);
  const TO = Date.UTC(2030, 11, 31);
  const nightAndSaturday = withCfg((c) => {
    c.generalService = { weekdays: [1, 2, 3, 4, 5, 6, 7], opens: '01:00', closes: '05:00' };
    c.resultsService = { weekdays: [6], onPublicHolidays: false, opens: '00:30', closes: '23:30' };
    c.extraClosedDates = ['2026-10-25', '2027-03-27'];
  });
  const configs = fc.constantFrom<CalendarConfig>(C, nightAndSaturday);
  const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));
  const minuteInstant = fc.integer({ min: FROM / MIN, max: TO / MIN }).map((m) => new Date(m * MIN));
  const minutes = fc.integer({ min: 0, max: 3000 });

  it('addOpenMinutes(a + b) = addOpenMinutes(addOpenMinutes(a), b)', () => {
    fc.assert(
      fc.property(configs, instant, minutes, minutes, (cfg, from, a, b) => {
        const direct = addOpenMinutes(cfg, from, a + b);
        const stepped = addOpenMinutes(cfg, addOpenMinutes(cfg, from, a), b);
        expect(stepped.getTime()).toBe(direct.getTime());
      }),
    );
  });

  it('openMinutesBetween(from, addOpenMinutes(from, n)) = n, and the result is the smallest such instant', () => {
    fc.assert(
      fc.property(configs, instant, minutes, (cfg, from, n) => {
        const due = addOpenMinutes(cfg, from, n);
        expect(due.getTime()).toBeGreaterThanOrEqual(from.getTime());
        expect(openMinutesBetween(cfg, from, due)).toBe(n);
        if (n > 0) {
          // the instant just before the result is open: it never lands inside a closed stretch
          expect(modeAt(cfg, new Date(due.getTime() - 1))).not.toBe('closed');
          expect(openMinutesBetween(cfg, from, new Date(due.getTime() - 1))).toBeLessThan(n);
        }
      }),
    );
  });

  it('with whole-minute starts, the whole minute before the result is open', () => {
    fc.assert(
      fc.property(configs, minuteInstant, fc.integer({ min: 1, max: 3000 }), (cfg, from, n) => {
        const due = addOpenMinutes(cfg, from, n);
        expect(openMinutesBetween(cfg, new Date(due.getTime() - MIN), due)).toBe(1);
      }),
    );
  });

  it('nextWindow(at).start is open, the minute before it closed, and nothing opens in between', () => {
    fc.assert(
      fc.property(configs, instant, (cfg, at) => {
        const w = nextWindow(cfg, at);
        const current = windowAt(cfg, at);
        expect(w.start.getTime()).toBeGreaterThan(current ? at.getTime() : at.getTime() - 1);
        expect(modeAt(cfg, w.start)).toBe(w.mode);
        expect(windowAt(cfg, w.start)).toEqual(w);
        const before = new Date(w.start.getTime() - MIN);
        const prev = windowAt(cfg, before);
        expect(prev === null || prev.end.getTime() === w.start.getTime()).toBe(true);
        // open time between at and the next start is only what is left of the current window
        const left = current ? current.end.getTime() - at.getTime() : 0;
        expect(openMinutesBetween(cfg, at, w.start)).toBe(left / MIN);
        expect(targetModeAt(cfg, at)).toBe(current?.mode ?? w.mode);
      }),
    );
  });

  it('openMinutesBetween is additive and matches a minute-by-minute count', () => {
    fc.assert(
      fc.property(configs, minuteInstant, fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 1500 }), (cfg, a, k, j) => {
        const b = new Date(a.getTime() + k * MIN);
        const c = new Date(b.getTime() + j * MIN);
        expect(openMinutesBetween(cfg, a, c)).toBe(openMinutesBetween(cfg, a, b) + openMinutesBetween(cfg, b, c));
        let count = 0;
        for (let m = 0; m < k; m++) if (modeAt(cfg, new Date(a.getTime() + m * MIN)) !== 'closed') count++;
        expect(openMinutesBetween(cfg, a, b)).toBe(count);
      }),
      { numRuns: 40 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  helsinkiOffsetMinutes,
  helsinkiParts,
  helsinkiToUtcMs,
  isoWeekId,
  isoWeekdayOf,
  localDateOf,
  localToInstant,
  monthId,
  parseLocalDate,
  yearId,
} from '../../shared/domain/helsinki-time.js';

const iso = (d: Date) => d.toISOString();
const FROM_2024 = Date.UTC(2024, 0, 1);
const TO_2030 = Date.UTC(2030, 11, 31, 23, 59, 59);

describe('helsinkiParts', () => {
  it('reads winter (EET, +2) and summer (EEST, +3) wall clock', () => {
    expect(helsinkiParts(new Date('2026-01-15T10:20:30Z'))).toEqual({
      year: 2026,
      month: 1,
      day: 15,
      hour: 12,
      minute: 20,
      second: 30,
      isoWeekday: 4,
    });
    expect(helsinkiParts(Date.parse('2026-07-04T06:00:00Z'))).toEqual({
      year: 2026,
      month: 7,
      day: 4,
      hour: 9,
      minute: 0,
      second: 0,
      isoWeekday: 6,
    });
    expect(helsinkiOffsetMinutes(new Date('2026-01-15T10:00:00Z'))).toBe(120);
    expect(helsinkiOffsetMinutes(new Date('2026-07-15T10:00:00Z'))).toBe(180);
  });

  it('follows the spring switch 2027-03-28 (03:00 EET → 04:00 EEST at 01:00 UTC)', () => {
    expect(helsinkiParts(new Date('2027-03-28T00:59:59Z'))).toMatchObject({ day: 28, hour: 2, minute: 59, second: 59 });
    expect(helsinkiParts(new Date('2027-03-28T01:00:00Z'))).toMatchObject({ day: 28, hour: 4, minute: 0, second: 0 });
    expect(helsinkiOffsetMinutes(new Date('2027-03-28T00:59:59Z'))).toBe(120);
    expect(helsinkiOffsetMinutes(new Date('2027-03-28T01:00:00Z'))).toBe(180);
  });

  it('follows the autumn switch 2026-10-25 (04:00 EEST → 03:00 EET at 01:00 UTC)', () => {
    expect(helsinkiParts(new Date('2026-10-25T00:59:59Z'))).toMatchObject({ day: 25, hour: 3, minute: 59, second: 59 });
    expect(helsinkiParts(new Date('2026-10-25T01:00:00Z'))).toMatchObject({ day: 25, hour: 3, minute: 0, second: 0 });
    expect(helsinkiOffsetMinutes(new Date('2026-10-25T00:59:59Z'))).toBe(180);
    expect(helsinkiOffsetMinutes(new Date('2026-10-25T01:00:00Z'))).toBe(120);
  });

  it('handles instants with milliseconds and before 1970', () => {
    expect(helsinkiParts(Date.parse('2026-03-01T21:59:59.999Z'))).toMatchObject({ day: 1, hour: 23, minute: 59, second: 59 });
    expect(helsinkiParts(Date.parse('1969-12-31T22:00:00Z'))).toMatchObject({ year: 1970, month: 1, day: 1, hour: 0 });
  });

  it('refuses an invalid Date', () => {
    expect(() => helsinkiParts(new Date('nope'))).toThrow(RangeError);
  });
});

describe('localToInstant / helsinkiToUtcMs', () => {
  it('converts winter and summer wall-clock times', () => {
    expect(iso(localToInstant('2026-11-20', '09:00'))).toBe('2026-11-20T07:00:00.000Z');
    expect(iso(localToInstant('2026-08-15', '09:00'))).toBe('2026-08-15T06:00:00.000Z');
    expect(iso(localToInstant('2026-08-15'))).toBe('2026-08-14T21:00:00.000Z');
    expect(iso(localToInstant('2026-08-15', '23:59:30'))).toBe('2026-08-15T20:59:30.000Z');
  });

  it('is right on both switch days', () => {
    // 2027-03-28: Easter Sunday and the spring switch — 09:00–21:00 local is 06:00–18:00 UTC
    expect(iso(localToInstant('2027-03-28', '02:59'))).toBe('2027-03-28T00:59:00.000Z');
    expect(iso(localToInstant('2027-03-28', '04:00'))).toBe('2027-03-28T01:00:00.000Z');
    expect(iso(localToInstant('2027-03-28', '09:00'))).toBe('2027-03-28T06:00:00.000Z');
    expect(iso(localToInstant('2027-03-28', '21:00'))).toBe('2027-03-28T18:00:00.000Z');
    expect(iso(localToInstant('2026-10-25', '02:59'))).toBe('2026-10-24T23:59:00.000Z');
    expect(iso(localToInstant('2026-10-25', '09:00'))).toBe('2026-10-25T07:00:00.000Z');
    expect(iso(localToInstant('2026-10-25', '04:00'))).toBe('2026-10-25T02:00:00.000Z');
  });

  it('moves a time in the spring gap forward by the gap (03:30 → 04:30 EEST)', () => {
    expect(iso(localToInstant('2027-03-28', '03:00'))).toBe('2027-03-28T01:00:00.000Z');
    expect(iso(localToInstant('2027-03-28', '03:30'))).toBe('2027-03-28T01:30:00.000Z');
    expect(helsinkiParts(localToInstant('2027-03-28', '03:30'))).toMatchObject({ hour: 4, minute: 30 });
  });

  it('takes the first of an ambiguous autumn time (EEST)', () => {
    expect(iso(localToInstant('2026-10-25', '03:00'))).toBe('2026-10-25T00:00:00.000Z');
    expect(iso(localToInstant('2026-10-25', '03:30'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(localToInstant('2026-10-25', '03:59:59'))).toBe('2026-10-25T00:59:59.000Z');
  });

  it('refuses invalid dates and times', () => {
    expect(() => localToInstant('2027-02-29', '09:00')).toThrow(RangeError);
    expect(() => localToInstant('2026-13-01')).toThrow(RangeError);
    expect(() => localToInstant('2026-11-20', '24:00')).toThrow(RangeError);
    expect(() => localToInstant('2026-11-20', '9:00')).toThrow(RangeError);
  });

  it('round-trips every existing wall-clock time (property, 2024–2030)', () => {
    fc.assert(
      fc.property(fc.integer({ min: FROM_2024, max: TO_2030 }), (ms) => {
        const t = ms - (ms % 1000);
        const p = helsinkiParts(t);
        const back = helsinkiToUtcMs(p.year, p.month, p.day, p.hour, p.minute, p.second);
        // same wall clock; equal instant except for the repeated autumn hour, where the first is chosen
        expect(helsinkiParts(back)).toEqual(p);
        expect(back === t || (back === t - 3_600_000 && p.hour === 3)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('local dates', () => {
  it('takes the Helsinki date of an instant', () => {
    expect(localDateOf(new Date('2026-12-31T21:59:59Z'))).toBe('2026-12-31');
    expect(localDateOf(new Date('2026-12-31T22:00:00Z'))).toBe('2027-01-01');
    expect(localDateOf(new Date('2026-08-14T21:00:00Z'))).toBe('2026-08-15');
    expect(localDateOf(new Date('2026-08-14T20:59:59Z'))).toBe('2026-08-14');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
  });

  it('parses and checks dates', () => {
    expect(parseLocalDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseLocalDate('2100-02-29')).toBeNull();
    expect(parseLocalDate('2026-4-1')).toBeNull();
    expect(isoWeekdayOf('2026-08-15')).toBe(6);
    expect(isoWeekdayOf('2027-03-28')).toBe(7);
  });
});

describe('ISO week, month and year ids', () => {
  it('computes ISO weeks including week 53 and new-year boundaries', () => {
    expect(isoWeekId('2026-11-16')).toBe('2026-W47');
    expect(isoWeekId('2026-11-22')).toBe('2026-W47');
    expect(isoWeekId('2026-12-31')).toBe('2026-W53');
    expect(isoWeekId('2027-01-01')).toBe('2026-W53');
    expect(isoWeekId('2027-01-03')).toBe('2026-W53');
    expect(isoWeekId('2027-01-04')).toBe('2027-W01');
    expect(isoWeekId('2020-12-31')).toBe('2020-W53');
    expect(isoWeekId('2021-01-03')).toBe('2020-W53');
    expect(isoWeekId('2024-12-30')).toBe('2025-W01');
    expect(isoWeekId('2025-12-29')).toBe('2026-W01');
    expect(isoWeekId('2026-01-01')).toBe('2026-W01');
  });

  it('takes the Helsinki date of an instant first', () => {
    // Sunday 2027-01-03 23:30 local is still 2026-W53; Monday 00:30 local is 2027-W01
    expect(isoWeekId(new Date('2027-01-03T21:30:00Z'))).toBe('2026-W53');
    expect(isoWeekId(new Date('2027-01-03T22:30:00Z'))).toBe('2027-W01');
    expect(monthId(new Date('2026-11-30T21:59:00Z'))).toBe('2026-11');
    expect(monthId(new Date('2026-11-30T22:00:00Z'))).toBe('2026-12');
    expect(monthId('2026-11-05')).toBe('2026-11');
    expect(yearId(new Date('2026-12-31T22:00:00Z'))).toBe('2027');
    expect(yearId('2026-06-01')).toBe('2026');
  });

  it('keeps Monday–Sunday in one week and changes week on Mondays (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 7 }), (n) => {
        const date = addDays('2024-01-01', n);
        const monday = addDays(date, 1 - isoWeekdayOf(date));
        const week = isoWeekId(monday);
        for (let i = 1; i < 7; i++) expect(isoWeekId(addDays(monday, i))).toBe(week);
        expect(isoWeekId(addDays(monday, 7))).not.toBe(week);
        // the week's Thursday lies in the week's year
        expect(week.slice(0, 4)).toBe(addDays(monday, 3).slice(0, 4));
      }),
    );
  });
});

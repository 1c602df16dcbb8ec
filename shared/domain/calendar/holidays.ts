/** Finnish public holidays for any Gregorian year (contract §2), cached per year. Pure; no runtime dependencies. */
import { epochDay, epochDayToDate, isoWeekdayOfEpochDay } from '../helsinki-time.js';

export interface PublicHoliday {
  /** local 'YYYY-MM-DD' */
  date: string;
  /** English name */
  name: string;
}

export interface HolidayYear {
  /** [epoch day, English name] in date order; two can share a day (Ascension Day is May Day in 2008) */
  list: [number, string][];
  days: Set<number>;
  midsummerEve: number;
  midsummerDay: number;
}

const holidayCache = new Map<number, HolidayYear>();

function easterEpochDay(year: number): number {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher)
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return epochDay(year, month, day);
}

/** The first day on or after `from` (epoch day) that is the given ISO weekday. */
function onOrAfter(from: number, isoWeekday: number): number {
  return from + ((isoWeekday - isoWeekdayOfEpochDay(from) + 7) % 7);
}

export function holidayYear(year: number): HolidayYear {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterEpochDay(year);
  const midsummerEve = onOrAfter(epochDay(year, 6, 19), 5);
  const midsummerDay = midsummerEve + 1;
  const list: [number, string][] = [
    [epochDay(year, 1, 1), "New Year's Day"],
    [epochDay(year, 1, 6), 'Epiphany'],
    [easter - 2, 'Good Friday'],
    [easter, 'Easter Sunday'],
    [easter + 1, 'Easter Monday'],
    [epochDay(year, 5, 1), 'May Day'],
    [easter + 39, 'Ascension Day'],
    [easter + 49, 'Whitsunday'],
    [midsummerEve, 'Midsummer Eve'],
    [midsummerDay, 'Midsummer Day'],
    [onOrAfter(epochDay(year, 10, 31), 6), "All Saints' Day"],
    [epochDay(year, 12, 6), 'Independence Day'],
    [epochDay(year, 12, 24), 'Christmas Eve'],
    [epochDay(year, 12, 25), 'Christmas Day'],
    [epochDay(year, 12, 26), "St Stephen's Day"],
  ];
  list.sort((x, y) => x[0] - y[0]);
  const entry: HolidayYear = { list, days: new Set(list.map(([day]) => day)), midsummerEve, midsummerDay };
  if (holidayCache.size > 1000) holidayCache.clear();
  holidayCache.set(year, entry);
  return entry;
}

/** Easter Sunday (Gregorian) as 'YYYY-MM-DD'. */
export function easterSunday(year: number): string {
  assertYear(year);
  return epochDayToDate(easterEpochDay(year));
}

/** Finnish public holidays of a year, in date order, with English names (always 15 entries; two may share a date). */
export function finnishPublicHolidays(year: number): PublicHoliday[] {
  assertYear(year);
  return holidayYear(year).list.map(([day, name]) => ({ date: epochDayToDate(day), name }));
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Year must be a whole number from 1583 to 9999 (Gregorian calendar), got ${String(year)}`);
  }
}

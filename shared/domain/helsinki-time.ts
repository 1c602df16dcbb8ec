/**
 * Europe/Helsinki wall-clock helpers with no runtime dependencies.
 *
 * Offsets come from the platform's tz database through `Intl.DateTimeFormat`, so real DST
 * applies (last Sunday of March 03:00 → 04:00, last Sunday of October 04:00 → 03:00).
 * The formatter is created once and the offsets are cached per UTC hour, which keeps the
 * calendar engine fast enough to run on every request.
 *
 * Vocabulary:
 * - instant: a `Date` or epoch milliseconds
 * - local date: 'YYYY-MM-DD' (Helsinki calendar date)
 * - epoch day: days since 1970-01-01 of a calendar date (no time zone involved), handy for loops
 */

export const HELSINKI_TIME_ZONE = 'Europe/Helsinki';

export interface LocalParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 1 = Monday … 7 = Sunday */
  isoWeekday: number;
}

/** English month names, January first (`EN_MONTHS[parts.month - 1]`); the one list emails and the status message read. */
export const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

let formatter: Intl.DateTimeFormat | undefined;
function helsinkiFormatter(): Intl.DateTimeFormat {
  formatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: HELSINKI_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return formatter;
}

/** Epoch ms of a wall-clock reading taken as if it were UTC (works for years 0–99 too). */
export function utcFromParts(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

function toMs(at: Date | number): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid instant: expected a valid Date or epoch milliseconds');
  return ms;
}

/** Offset cache, keyed by UTC hour. Helsinki has changed offset only on whole UTC hours since 1970. */
const offsetCache = new Map<number, number>();
const OFFSET_CACHE_LIMIT = 100_000;

function computeOffsetMs(ms: number): number {
  let year = 0,
    month = 1,
    day = 1,
    hour = 0,
    minute = 0,
    second = 0;
  for (const p of helsinkiFormatter().formatToParts(new Date(ms))) {
    switch (p.type) {
      case 'year':
        year = Number(p.value);
        break;
      case 'month':
        month = Number(p.value);
        break;
      case 'day':
        day = Number(p.value);
        break;
      case 'hour':
        hour = Number(p.value) % 24;
        break;
      case 'minute':
        minute = Number(p.value);
        break;
      case 'second':
        second = Number(p.value);
        break;
      default:
        break;
    }
  }
  const wholeSecond = ms - (((ms % 1000) + 1000) % 1000);
  return utcFromParts(year, month, day, hour, minute, second) - wholeSecond;
}

/** Helsinki offset from UTC at an instant, in milliseconds (+2 h in winter, +3 h in summer). */
export function helsinkiOffsetMs(at: Date | number): number {
  const ms = toMs(at);
  if (ms < 0) return computeOffsetMs(ms);
  const key = Math.floor(ms / HOUR_MS);
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  const offset = computeOffsetMs(ms);
  if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** Helsinki offset in minutes, e.g. 120 or 180. */
export function helsinkiOffsetMinutes(at: Date | number): number {
  return helsinkiOffsetMs(at) / MINUTE_MS;
}

/** Helsinki wall-clock parts of an instant. */
export function helsinkiParts(at: Date | number): LocalParts {
  const ms = toMs(at);
  const d = new Date(ms + helsinkiOffsetMs(ms));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    isoWeekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
  };
}

/**
 * Epoch ms of a Helsinki wall-clock time.
 * - In the spring gap (e.g. 03:30 on the last Sunday of March) the time does not exist: it is moved
 *   forward by the length of the gap (03:30 → 04:30 EEST), like Temporal's 'compatible' disambiguation.
 * - In the autumn overlap (03:00–03:59 on the last Sunday of October happens twice) the first one (EEST) is taken.
 */
export function helsinkiToUtcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const wall = utcFromParts(year, month, day, hour, minute, second);
  const before = helsinkiOffsetMs(wall - DAY_MS);
  const after = helsinkiOffsetMs(wall + DAY_MS);
  const first = wall - before;
  const firstOk = helsinkiOffsetMs(first) === before;
  if (before === after && firstOk) return first;
  const second_ = wall - after;
  const secondOk = helsinkiOffsetMs(second_) === after;
  if (firstOk && secondOk) return Math.min(first, second_);
  if (firstOk) return first;
  if (secondOk) return second_;
  // Gap: read the wall time with the offset in force before the switch, which lands after it.
  return first;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Parses 'YYYY-MM-DD' and checks the day exists (2027-02-29 does not); null if not a valid date. */
export function parseLocalDate(date: string): DateParts | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function mustParseDate(date: string): DateParts {
  const p = parseLocalDate(date);
  if (!p) throw new RangeError(`Invalid local date "${date}": expected an existing date as YYYY-MM-DD`);
  return p;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Helsinki wall-clock time on a local date → instant. `time` is 'HH:MM' or 'HH:MM:SS' (00:00–23:59:59). */
export function localToInstant(date: string, time = '00:00'): Date {
  const { year, month, day } = mustParseDate(date);
  const t = TIME_RE.exec(time);
  const hour = Number(t?.[1]);
  const minute = Number(t?.[2]);
  const second = t?.[3] === undefined ? 0 : Number(t[3]);
  if (!t || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`Invalid local time "${time}": expected HH:MM or HH:MM:SS`);
  }
  return new Date(helsinkiToUtcMs(year, month, day, hour, minute, second));
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');

export function formatLocalDate(year: number, month: number, day: number): string {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/** Helsinki local date 'YYYY-MM-DD' of an instant. */
export function localDateOf(at: Date | number): string {
  const p = helsinkiParts(at);
  return formatLocalDate(p.year, p.month, p.day);
}

/** Epoch day (days since 1970-01-01) of a calendar date. */
export function epochDay(year: number, month: number, day: number): number {
  return Math.round(utcFromParts(year, month, day) / DAY_MS);
}

/** Epoch day of a 'YYYY-MM-DD' date. */
export function epochDayOf(date: string): number {
  const { year, month, day } = mustParseDate(date);
  return epochDay(year, month, day);
}

/** Calendar date of an epoch day. */
export function fromEpochDay(days: number): DateParts {
  const d = new Date(days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 'YYYY-MM-DD' of an epoch day. */
export function epochDayToDate(days: number): string {
  const { year, month, day } = fromEpochDay(days);
  return formatLocalDate(year, month, day);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of an epoch day. */
export function isoWeekdayOfEpochDay(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a 'YYYY-MM-DD' date. */
export function isoWeekdayOf(date: string): number {
  return isoWeekdayOfEpochDay(epochDayOf(date));
}

/** Adds (or with a negative number subtracts) calendar days to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError('addDays: days must be a whole number');
  return epochDayToDate(epochDayOf(date) + days);
}

function toDateString(date: string | Date | number): string {
  return typeof date === 'string' ? date : localDateOf(date);
}

/** ISO-8601 week id of a local date ('2026-W53'); an instant is first turned into its Helsinki date. */
export function isoWeekId(date: string | Date | number): string {
  const day = epochDayOf(toDateString(date));
  const thursday = day - isoWeekdayOfEpochDay(day) + 4;
  const weekYear = fromEpochDay(thursday).year;
  const week = Math.floor((thursday - epochDay(weekYear, 1, 1)) / 7) + 1;
  return `${pad4(weekYear)}-W${pad2(week)}`;
}

/** Month id of a local date ('2026-11'); an instant is first turned into its Helsinki date. */
export function monthId(date: string | Date | number): string {
  const { year, month } = mustParseDate(toDateString(date));
  return `${pad4(year)}-${pad2(month)}`;
}

/** Year id of a local date ('2026'); an instant is first turned into its Helsinki date. */
export function yearId(date: string | Date | number): string {
  return pad4(mustParseDate(toDateString(date)).year);
}

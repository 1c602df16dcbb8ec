/**
 * The service calendar engine (contract §2): seasons, Finnish public holidays, open windows,
 * modes and response targets counted in open minutes. Pure functions, config first, no runtime
 * dependencies; all local times are Europe/Helsinki (see ./helsinki-time.ts).
 *
 * Every local day has at most one window: results (in season, on the results weekdays and weekday
 * public holidays) wins over general (general weekdays, not on public holidays). A window includes its
 * start minute and excludes its end minute. Days closed all day: 24–26 Dec, 1 Jan, Midsummer Eve and
 * Day, and config.extraClosedDates.
 */
import type { CalendarConfig, Language, Mode, Person } from './calendar-config.js';
import {
  daysInMonth,
  epochDay,
  epochDayToDate,
  fromEpochDay,
  helsinkiParts,
  helsinkiToUtcMs,
  isoWeekdayOfEpochDay,
  parseLocalDate,
} from './helsinki-time.js';

export type OpenMode = Exclude<Mode, 'closed'>;

export interface ServiceWindow {
  mode: OpenMode;
  start: Date;
  end: Date;
}

export interface SeasonInfo {
  /** e.g. '2026-27' */
  id: string;
  active: boolean;
  /** first day, local 'YYYY-MM-DD' (inclusive) */
  start: string;
  /** last day, local 'YYYY-MM-DD' (inclusive) */
  end: string;
}

export interface ServiceStatus {
  mode: Mode;
  open: boolean;
  /** start of the current window, null when closed */
  opensAt: Date | null;
  /** end of the current window, null when closed */
  closesAt: Date | null;
  /** start of the next window after the current one, or the next opening when closed */
  nextOpenAt: Date;
  season: { id: string; active: boolean };
  targetMode: OpenMode;
  firstResponseTargetMinutes: number;
  resolutionTargetMinutes: number;
  /** addOpenMinutes(at, firstResponseTargetMinutes) */
  expectedResponseBy: Date;
}

export interface PublicHoliday {
  /** local 'YYYY-MM-DD' */
  date: string;
  /** English name */
  name: string;
}

export interface ValidationDetail {
  path: string;
  message: string;
}

export type CalendarValidation =
  | { ok: true; value: CalendarConfig }
  | { ok: false; details: ValidationDetail[] };

/** How far nextWindow / addOpenMinutes look for the next window before giving up. */
export const WINDOW_SEARCH_DAYS = 400;
/** validateCalendar refuses calendars that would stay closed longer than this. */
const MAX_CLOSED_RUN_DAYS = 366;

const MINUTE_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// Public holidays

interface HolidayYear {
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

function holidayYear(year: number): HolidayYear {
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

// ---------------------------------------------------------------------------------------------
// Compiled config (built per call; cheap, keeps the functions pure even if a config object is reused)

interface Rule {
  days: boolean[];
  openH: number;
  openM: number;
  closeH: number;
  closeM: number;
}

interface Compiled {
  cfg: CalendarConfig;
  general: Rule;
  results: Rule;
  resultsOnHolidays: boolean;
  closed: Set<number>;
  startMonth: number;
  startDay: number;
  endMonth: number;
  endDay: number;
  /** season start year → epoch days of first and last day */
  overrides: Map<number, { start: number; end: number }>;
}

const HM_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MD_RE = /^(\d{2})-(\d{2})$/;
const SEASON_ID_RE = /^(\d{4})-(\d{2})$/;

function parseHM(value: string, what: string): [number, number] {
  const m = HM_RE.exec(value);
  if (!m) throw new TypeError(`Calendar ${what} "${value}" is not a time HH:MM; validate the calendar with validateCalendar first`);
  return [Number(m[1]), Number(m[2])];
}

function parseMD(value: string, what: string): [number, number] {
  const m = MD_RE.exec(value);
  const month = Number(m?.[1]);
  const day = Number(m?.[2]);
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(2001, month)) {
    throw new TypeError(`Calendar ${what} "${value}" is not a month-day MM-DD; validate the calendar with validateCalendar first`);
  }
  return [month, day];
}

function dateToEpochDayOrThrow(date: string, what: string): number {
  const p = parseLocalDate(date);
  if (!p) throw new TypeError(`Calendar ${what} "${date}" is not a date YYYY-MM-DD; validate the calendar with validateCalendar first`);
  return epochDay(p.year, p.month, p.day);
}

function compileRule(svc: { weekdays: number[]; opens: string; closes: string }, what: string): Rule {
  const days = new Array<boolean>(8).fill(false);
  for (const d of svc.weekdays) if (Number.isInteger(d) && d >= 1 && d <= 7) days[d] = true;
  const [openH, openM] = parseHM(svc.opens, `${what}.opens`);
  const [closeH, closeM] = parseHM(svc.closes, `${what}.closes`);
  return { days, openH, openM, closeH, closeM };
}

function compile(cfg: CalendarConfig): Compiled {
  const [startMonth, startDay] = parseMD(cfg.season.startMonthDay, 'season.startMonthDay');
  const [endMonth, endDay] = parseMD(cfg.season.endMonthDay, 'season.endMonthDay');
  const overrides = new Map<number, { start: number; end: number }>();
  for (const [id, o] of Object.entries(cfg.season.overrides ?? {})) {
    const m = SEASON_ID_RE.exec(id);
    if (!m) continue;
    overrides.set(Number(m[1]), {
      start: dateToEpochDayOrThrow(o.start, `season.overrides.${id}.start`),
      end: dateToEpochDayOrThrow(o.end, `season.overrides.${id}.end`),
    });
  }
  const closed = new Set<number>();
  for (const d of cfg.extraClosedDates ?? []) closed.add(dateToEpochDayOrThrow(d, 'extraClosedDates'));
  return {
    cfg,
    general: compileRule(cfg.generalService, 'generalService'),
    results: compileRule(cfg.resultsService, 'resultsService'),
    resultsOnHolidays: cfg.resultsService.onPublicHolidays,
    closed,
    startMonth,
    startDay,
    endMonth,
    endDay,
    overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Seasons

export function seasonId(startYear: number): string {
  return `${String(startYear).padStart(4, '0')}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

function seasonRange(c: Compiled, startYear: number): { start: number; end: number } {
  return (
    c.overrides.get(startYear) ?? {
      start: epochDay(startYear, c.startMonth, c.startDay),
      end: epochDay(startYear + 1, c.endMonth, c.endDay),
    }
  );
}

/** The season containing the epoch day, or null. A season starting in year Y starts in Y and ends in Y or Y+1. */
function seasonOfDay(c: Compiled, day: number, year: number): number | null {
  for (const sy of [year - 1, year]) {
    const r = seasonRange(c, sy);
    if (r.start <= day && day <= r.end) return sy;
  }
  return null;
}

function seasonInfoAtDay(c: Compiled, day: number): SeasonInfo {
  const year = fromEpochDay(day).year;
  const current = seasonOfDay(c, day, year);
  if (current !== null) return seasonInfo(c, current, true);
  for (const sy of [year - 1, year, year + 1]) {
    if (seasonRange(c, sy).start > day) return seasonInfo(c, sy, false);
  }
  return seasonInfo(c, year + 1, false);
}

function seasonInfo(c: Compiled, startYear: number, active: boolean): SeasonInfo {
  const r = seasonRange(c, startYear);
  return { id: seasonId(startYear), active, start: epochDayToDate(r.start), end: epochDayToDate(r.end) };
}

// ---------------------------------------------------------------------------------------------
// Days and windows (internally epoch ms)

interface MsWindow {
  mode: OpenMode;
  start: number;
  end: number;
}

/** Which service (if any) runs on a local day, without computing instants. */
function dayService(c: Compiled, day: number): OpenMode | null {
  if (c.closed.has(day)) return null;
  const { year, month, day: dom } = fromEpochDay(day);
  if ((month === 12 && dom >= 24 && dom <= 26) || (month === 1 && dom === 1)) return null;
  const hy = holidayYear(year);
  if (day === hy.midsummerEve || day === hy.midsummerDay) return null;
  const weekday = isoWeekdayOfEpochDay(day);
  const holiday = hy.days.has(day);
  if (seasonOfDay(c, day, year) !== null) {
    if (c.results.days[weekday] || (c.resultsOnHolidays && holiday && weekday <= 5)) return 'results';
  }
  if (c.general.days[weekday] && !holiday) return 'general';
  return null;
}

function windowOnDay(c: Compiled, day: number): MsWindow | null {
  const mode = dayService(c, day);
  if (!mode) return null;
  const rule = mode === 'results' ? c.results : c.general;
  const { year, month, day: dom } = fromEpochDay(day);
  const start = helsinkiToUtcMs(year, month, dom, rule.openH, rule.openM);
  const end = helsinkiToUtcMs(year, month, dom, rule.closeH, rule.closeM);
  // A window squeezed to nothing by the spring DST gap (e.g. 03:00–04:00 on the switch day) does not open.
  return end > start ? { mode, start, end } : null;
}

function localEpochDay(ms: number): number {
  const p = helsinkiParts(ms);
  return epochDay(p.year, p.month, p.day);
}

function windowAtMs(c: Compiled, t: number): MsWindow | null {
  const w = windowOnDay(c, localEpochDay(t));
  return w && w.start <= t && t < w.end ? w : null;
}

function nextWindowMs(c: Compiled, t: number): MsWindow {
  const open = windowAtMs(c, t) !== null;
  const first = localEpochDay(t);
  for (let i = 0; i <= WINDOW_SEARCH_DAYS; i++) {
    const w = windowOnDay(c, first + i);
    if (w && (open ? w.start > t : w.start >= t)) return w;
  }
  throw new Error(
    `No service window opens within ${WINDOW_SEARCH_DAYS} days after ${new Date(t).toISOString()}; check the calendar (weekdays, seasons, extra closed dates)`,
  );
}

function addOpenMs(c: Compiled, from: number, ms: number): number {
  if (ms <= 0) return from;
  let remaining = ms;
  let day = localEpochDay(from);
  let daysWithoutWindow = 0;
  for (;;) {
    const w = windowOnDay(c, day);
    if (w && w.end > from) {
      const s = Math.max(w.start, from);
      const available = w.end - s;
      if (remaining <= available) return s + remaining;
      remaining -= available;
      daysWithoutWindow = 0;
    } else if (++daysWithoutWindow > WINDOW_SEARCH_DAYS) {
      throw new Error(
        `No service window opens within ${WINDOW_SEARCH_DAYS} days after ${epochDayToDate(day - WINDOW_SEARCH_DAYS)}; check the calendar (weekdays, seasons, extra closed dates)`,
      );
    }
    day++;
  }
}

function openMsBetween(c: Compiled, a: number, b: number): number {
  if (!(b > a)) return 0;
  let total = 0;
  const last = localEpochDay(b);
  for (let day = localEpochDay(a); day <= last; day++) {
    const w = windowOnDay(c, day);
    if (!w) continue;
    const overlap = Math.min(w.end, b) - Math.max(w.start, a);
    if (overlap > 0) total += overlap;
  }
  return total;
}

function toWindow(w: MsWindow): ServiceWindow {
  return { mode: w.mode, start: new Date(w.start), end: new Date(w.end) };
}

function ms(at: Date, what = 'instant'): number {
  const t = typeof (at as Date | undefined)?.getTime === 'function' ? at.getTime() : NaN;
  if (!Number.isFinite(t)) throw new RangeError(`Invalid ${what}: expected a valid Date`);
  return t;
}

// ---------------------------------------------------------------------------------------------
// Public API

/** The season that contains `at`, or, between seasons, the next one to start (active = false). */
export function seasonAt(cfg: CalendarConfig, at: Date): SeasonInfo {
  return seasonInfoAtDay(compile(cfg), localEpochDay(ms(at)));
}

/** The window open at `at`, or null when closed. */
export function windowAt(cfg: CalendarConfig, at: Date): ServiceWindow | null {
  const w = windowAtMs(compile(cfg), ms(at));
  return w ? toWindow(w) : null;
}

/** The window of a local date 'YYYY-MM-DD' (each day has at most one), or null when closed all day. */
export function windowOnDate(cfg: CalendarConfig, date: string): ServiceWindow | null {
  const p = parseLocalDate(date);
  if (!p) throw new RangeError(`Invalid local date "${date}": expected YYYY-MM-DD`);
  const w = windowOnDay(compile(cfg), epochDay(p.year, p.month, p.day));
  return w ? toWindow(w) : null;
}

export function modeAt(cfg: CalendarConfig, at: Date): Mode {
  return windowAtMs(compile(cfg), ms(at))?.mode ?? 'closed';
}

/**
 * The first window starting strictly after `at` when a window is open at `at`, otherwise the first window
 * starting at or after `at`. Throws if none opens within WINDOW_SEARCH_DAYS days.
 */
export function nextWindow(cfg: CalendarConfig, at: Date): ServiceWindow {
  return toWindow(nextWindowMs(compile(cfg), ms(at)));
}

function targetModeMs(c: Compiled, t: number): OpenMode {
  return windowAtMs(c, t)?.mode ?? nextWindowMs(c, t).mode;
}

/** The mode whose targets apply to a case arriving at `at`: the current mode, or the next window's when closed. */
export function targetModeAt(cfg: CalendarConfig, at: Date): OpenMode {
  return targetModeMs(compile(cfg), ms(at));
}

/**
 * The smallest instant t ≥ from with openMinutesBetween(from, t) === minutes; for minutes > 0 it lies inside
 * an open window or exactly at its end. minutes = 0 returns `from`'s instant. Minutes must be ≥ 0.
 */
export function addOpenMinutes(cfg: CalendarConfig, from: Date, minutes: number): Date {
  const t = ms(from, 'from');
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`addOpenMinutes: minutes must be a finite number ≥ 0, got ${String(minutes)}`);
  }
  return new Date(addOpenMs(compile(cfg), t, Math.round(minutes * MINUTE_MS)));
}

/** Open time (either mode) between a and b, in minutes (exact: ms / 60000, may be fractional); 0 if b ≤ a. */
export function openMinutesBetween(cfg: CalendarConfig, a: Date, b: Date): number {
  return openMsBetween(compile(cfg), ms(a, 'a'), ms(b, 'b')) / MINUTE_MS;
}

export function serviceStatus(cfg: CalendarConfig, at: Date): ServiceStatus {
  const c = compile(cfg);
  const t = ms(at);
  const current = windowAtMs(c, t);
  const next = nextWindowMs(c, t);
  const targetMode: OpenMode = current?.mode ?? next.mode;
  const season = seasonInfoAtDay(c, localEpochDay(t));
  const firstResponseTargetMinutes = cfg.targets.firstResponseMinutes[targetMode];
  return {
    mode: current?.mode ?? 'closed',
    open: current !== null,
    opensAt: current ? new Date(current.start) : null,
    closesAt: current ? new Date(current.end) : null,
    nextOpenAt: new Date(next.start),
    season: { id: season.id, active: season.active },
    targetMode,
    firstResponseTargetMinutes,
    resolutionTargetMinutes: cfg.targets.resolutionMinutes[targetMode],
    expectedResponseBy: new Date(addOpenMs(c, t, firstResponseTargetMinutes * MINUTE_MS)),
  };
}

// ---------------------------------------------------------------------------------------------
// Validation (hand-written: no zod in the calendar engine)

const MIN_YEAR = 2000;
const MAX_YEAR = 2099;
const MAX_TARGET_MINUTES = 100_000;
const MAX_EXTRA_CLOSED_DATES = 1000;
const MAX_DUTY_OFFICERS = 50;
const LANGUAGES: readonly Language[] = ['fi', 'sv', 'en'];
const EMAIL_RE =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

type Obj = Record<string, unknown>;

class Checker {
  readonly details: ValidationDetail[] = [];

  fail(path: string, message: string): undefined {
    this.details.push({ path, message });
    return undefined;
  }

  /** An object with exactly these fields (all required); unknown fields are refused. */
  object(value: unknown, path: string, fields: readonly string[]): Obj | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.fail(path, value === undefined ? 'is required' : 'must be an object');
    }
    const obj = value as Obj;
    for (const key of Object.keys(obj)) {
      if (!fields.includes(key)) {
        this.fail(join(path, key), `unknown field; remove "${key}" (allowed here: ${fields.join(', ')})`);
      }
    }
    return obj;
  }

  /** An object used as a map (any keys). */
  record(value: unknown, path: string): Obj | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.fail(path, value === undefined ? 'is required' : 'must be an object');
    }
    return value as Obj;
  }

  array(value: unknown, path: string, max: number): unknown[] | undefined {
    if (!Array.isArray(value)) return this.fail(path, value === undefined ? 'is required' : 'must be a list');
    if (value.length > max) return this.fail(path, `must have at most ${max} items`);
    return value;
  }

  time(value: unknown, path: string): [number, number] | undefined {
    if (typeof value !== 'string' || !HM_RE.exec(value)) {
      return this.fail(path, value === undefined ? 'is required' : 'must be a time of day as HH:MM from 00:00 to 23:59, e.g. "09:00"');
    }
    return [Number(value.slice(0, 2)), Number(value.slice(3))];
  }

  date(value: unknown, path: string): number | undefined {
    const p = typeof value === 'string' ? parseLocalDate(value) : null;
    if (!p) return this.fail(path, value === undefined ? 'is required' : 'must be an existing date as YYYY-MM-DD, e.g. "2026-12-31"');
    if (p.year < MIN_YEAR || p.year > MAX_YEAR) return this.fail(path, `must be a date in the years ${MIN_YEAR}–${MAX_YEAR}`);
    return epochDay(p.year, p.month, p.day);
  }

  monthDay(value: unknown, path: string): [number, number] | undefined {
    const m = typeof value === 'string' ? MD_RE.exec(value) : null;
    const month = Number(m?.[1]);
    const day = Number(m?.[2]);
    if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) {
      return this.fail(path, value === undefined ? 'is required' : 'must be a month and day as MM-DD, e.g. "08-15"');
    }
    if (month === 2 && day === 29) return this.fail(path, '29 February does not exist every year; use "02-28" or "03-01"');
    return [month, day];
  }

  weekdays(value: unknown, path: string): number[] | undefined {
    const list = this.array(value, path, 7);
    if (!list) return undefined;
    const seen = new Set<number>();
    let ok = true;
    list.forEach((d, i) => {
      if (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > 7) {
        ok = false;
        this.fail(join(path, i), 'must be a weekday number from 1 (Monday) to 7 (Sunday)');
      } else if (seen.has(d)) {
        ok = false;
        this.fail(join(path, i), `weekday ${d} is listed more than once`);
      } else seen.add(d);
    });
    return ok ? (list as number[]).slice() : undefined;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (typeof value !== 'boolean') return this.fail(path, value === undefined ? 'is required' : 'must be true or false');
    return value;
  }

  target(value: unknown, path: string): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_TARGET_MINUTES) {
      return this.fail(
        path,
        value === undefined ? 'is required' : `must be a whole number of open minutes from 1 to ${MAX_TARGET_MINUTES}`,
      );
    }
    return value;
  }
}

const join = (path: string, key: string | number) => (path ? `${path}.${String(key)}` : String(key));
const pad2 = (n: number) => String(n).padStart(2, '0');
const hmString = ([h, m]: [number, number]) => `${pad2(h)}:${pad2(m)}`;
const mdString = ([month, day]: [number, number]) => `${pad2(month)}-${pad2(day)}`;

function checkService(
  ch: Checker,
  value: unknown,
  path: 'generalService' | 'resultsService',
): { weekdays: number[]; opens: string; closes: string; onPublicHolidays?: boolean } | undefined {
  const fields = path === 'resultsService' ? ['weekdays', 'onPublicHolidays', 'opens', 'closes'] : ['weekdays', 'opens', 'closes'];
  const before = ch.details.length;
  const o = ch.object(value, path, fields);
  if (!o) return undefined;
  const weekdays = ch.weekdays(o.weekdays, join(path, 'weekdays'));
  const onPublicHolidays = path === 'resultsService' ? ch.boolean(o.onPublicHolidays, join(path, 'onPublicHolidays')) : false;
  const opens = ch.time(o.opens, join(path, 'opens'));
  const closes = ch.time(o.closes, join(path, 'closes'));
  if (opens && closes && opens[0] * 60 + opens[1] >= closes[0] * 60 + closes[1]) {
    ch.fail(join(path, 'closes'), `must be later than opens (${hmString(opens)}); a window cannot run past midnight`);
  }
  if (ch.details.length > before || !weekdays || !opens || !closes || onPublicHolidays === undefined) return undefined;
  const out = { weekdays, opens: hmString(opens), closes: hmString(closes) };
  return path === 'resultsService' ? { ...out, onPublicHolidays } : out;
}

/**
 * Checks a calendar sent to PUT /admin/calendar (or read from storage). Every field is required and unknown
 * fields are refused. On success `value` is a fresh copy holding only the known fields.
 */
export function validateCalendar(input: unknown): CalendarValidation {
  const ch = new Checker();
  const root = ch.object(input, '', ['season', 'generalService', 'resultsService', 'extraClosedDates', 'targets', 'dutyOfficers']);
  if (!root) return { ok: false, details: ch.details };

  // season
  let startMD: [number, number] | undefined;
  let endMD: [number, number] | undefined;
  const overrides: Record<string, { start: string; end: string }> = {};
  const overrideDays = new Map<number, { start: number; end: number }>();
  let seasonOk = false;
  const season = ch.object(root.season, 'season', ['startMonthDay', 'endMonthDay', 'overrides']);
  if (season) {
    const before = ch.details.length;
    startMD = ch.monthDay(season.startMonthDay, 'season.startMonthDay');
    endMD = ch.monthDay(season.endMonthDay, 'season.endMonthDay');
    if (startMD && endMD && endMD[0] * 100 + endMD[1] >= startMD[0] * 100 + startMD[1]) {
      ch.fail(
        'season.endMonthDay',
        `must come earlier in the year than startMonthDay (${season.startMonthDay as string}): a season ends in the year after it starts, before the next one starts`,
      );
    }
    const ov = ch.record(season.overrides, 'season.overrides');
    if (ov) {
      for (const [id, value] of Object.entries(ov)) {
        const path = join('season.overrides', id);
        const m = SEASON_ID_RE.exec(id);
        const y = Number(m?.[1]);
        if (!m || Number(m[2]) !== (y + 1) % 100) {
          ch.fail(path, `"${id}" is not a season id; use the season's two years like "2026-27"`);
          continue;
        }
        if (y < MIN_YEAR || y >= MAX_YEAR) {
          ch.fail(path, `season must start in the years ${MIN_YEAR}–${MAX_YEAR - 1}`);
          continue;
        }
        const o = ch.object(value, path, ['start', 'end']);
        if (!o) continue;
        const start = ch.date(o.start, join(path, 'start'));
        const end = ch.date(o.end, join(path, 'end'));
        if (start === undefined || end === undefined) continue;
        const startYear = fromEpochDay(start).year;
        const endYear = fromEpochDay(end).year;
        if (startYear !== y) ch.fail(join(path, 'start'), `must be in ${y}, the year season ${id} starts`);
        else if (endYear !== y && endYear !== y + 1) ch.fail(join(path, 'end'), `must be in ${y} or ${y + 1} for season ${id}`);
        else if (start >= end) ch.fail(join(path, 'end'), `must be later than start (${o.start as string})`);
        else {
          overrides[id] = { start: o.start as string, end: o.end as string };
          overrideDays.set(y, { start, end });
        }
      }
    }
    seasonOk = ch.details.length === before && !!startMD && !!endMD && !!ov;
    // Seasons must not overlap their neighbours (compared with the overrides or the default dates).
    if (seasonOk && startMD && endMD) {
      const sMD = startMD;
      const eMD = endMD;
      const range = (y: number) =>
        overrideDays.get(y) ?? { start: epochDay(y, sMD[0], sMD[1]), end: epochDay(y + 1, eMD[0], eMD[1]) };
      for (const y of [...overrideDays.keys()].sort((a, b) => a - b)) {
        const id = seasonId(y);
        const r = range(y);
        const prev = range(y - 1);
        const next = range(y + 1);
        if (r.start <= prev.end) {
          seasonOk = false;
          ch.fail(join(join('season.overrides', id), 'start'), `must be after the end of season ${seasonId(y - 1)} (${epochDayToDate(prev.end)})`);
        }
        if (r.end >= next.start && !overrideDays.has(y + 1)) {
          seasonOk = false;
          ch.fail(join(join('season.overrides', id), 'end'), `must be before the start of season ${seasonId(y + 1)} (${epochDayToDate(next.start)})`);
        }
      }
    }
  }

  const generalService = checkService(ch, root.generalService, 'generalService');
  const resultsService = checkService(ch, root.resultsService, 'resultsService');

  // extraClosedDates
  const extraClosedDates: string[] = [];
  const closedList = ch.array(root.extraClosedDates, 'extraClosedDates', MAX_EXTRA_CLOSED_DATES);
  let closedOk = !!closedList;
  if (closedList) {
    const seen = new Set<number>();
    closedList.forEach((d, i) => {
      const day = ch.date(d, join('extraClosedDates', i));
      if (day === undefined) closedOk = false;
      else if (seen.has(day)) {
        closedOk = false;
        ch.fail(join('extraClosedDates', i), `${d as string} is listed more than once`);
      } else {
        seen.add(day);
        extraClosedDates.push(d as string);
      }
    });
  }

  // targets
  let targets: CalendarConfig['targets'] | undefined;
  const t = ch.object(root.targets, 'targets', ['firstResponseMinutes', 'resolutionMinutes']);
  if (t) {
    const pair = (key: 'firstResponseMinutes' | 'resolutionMinutes') => {
      const path = join('targets', key);
      const o = ch.object(t[key], path, ['results', 'general']);
      if (!o) return undefined;
      const results = ch.target(o.results, join(path, 'results'));
      const general = ch.target(o.general, join(path, 'general'));
      return results !== undefined && general !== undefined ? { results, general } : undefined;
    };
    const firstResponseMinutes = pair('firstResponseMinutes');
    const resolutionMinutes = pair('resolutionMinutes');
    if (firstResponseMinutes && resolutionMinutes) targets = { firstResponseMinutes, resolutionMinutes };
  }

  // dutyOfficers
  const dutyOfficers: Person[] = [];
  const officers = ch.array(root.dutyOfficers, 'dutyOfficers', MAX_DUTY_OFFICERS);
  let officersOk = !!officers;
  if (officers) {
    const emails = new Map<string, number>();
    officers.forEach((value, i) => {
      const path = join('dutyOfficers', i);
      const before = ch.details.length;
      const o = ch.object(value, path, ['name', 'email', 'language']);
      if (!o) {
        officersOk = false;
        return;
      }
      const { name, email, language } = o;
      if (typeof name !== 'string') ch.fail(join(path, 'name'), name === undefined ? 'is required' : 'must be text');
      else if (name.trim().length === 0) ch.fail(join(path, 'name'), 'must not be empty');
      else if (name.length > 200) ch.fail(join(path, 'name'), 'must be at most 200 characters');
      if (typeof email !== 'string') ch.fail(join(path, 'email'), email === undefined ? 'is required' : 'must be text');
      else if (email.length > 254 || !EMAIL_RE.test(email)) {
        ch.fail(join(path, 'email'), 'must be an email address like name@example.fi');
      } else {
        const first = emails.get(email.toLowerCase());
        if (first !== undefined) ch.fail(join(path, 'email'), `${email} is already listed as duty officer ${first}`);
        else emails.set(email.toLowerCase(), i);
      }
      if (typeof language !== 'string' || !LANGUAGES.includes(language as Language)) {
        ch.fail(join(path, 'language'), language === undefined ? 'is required' : `must be one of: ${LANGUAGES.join(', ')}`);
      }
      if (ch.details.length > before) officersOk = false;
      else dutyOfficers.push({ name: name as string, email: email as string, language: language as Language });
    });
  }

  if (
    ch.details.length > 0 ||
    !seasonOk ||
    !startMD ||
    !endMD ||
    !generalService ||
    !resultsService ||
    !closedOk ||
    !targets ||
    !officersOk
  ) {
    return { ok: false, details: ch.details };
  }

  const value: CalendarConfig = {
    season: {
      startMonthDay: mdString(startMD),
      endMonthDay: mdString(endMD),
      overrides,
    },
    generalService: { weekdays: generalService.weekdays, opens: generalService.opens, closes: generalService.closes },
    resultsService: {
      weekdays: resultsService.weekdays,
      onPublicHolidays: resultsService.onPublicHolidays ?? false,
      opens: resultsService.opens,
      closes: resultsService.closes,
    },
    extraClosedDates,
    targets,
    dutyOfficers,
  };

  const neverOpen = findLongClosedRun(value, overrideDays, extraClosedDates);
  if (neverOpen) return { ok: false, details: [neverOpen] };
  return { ok: true, value };
}

/**
 * Refuses calendars whose windows can never open, or that would stay closed for more than a year
 * (e.g. no weekdays in either service, or a season override / extra closed dates leaving nothing open).
 * Scans every day of the years the config mentions plus 2023–2036, using day-level rules only.
 */
function findLongClosedRun(
  cfg: CalendarConfig,
  overrideDays: Map<number, { start: number; end: number }>,
  extraClosedDates: string[],
): ValidationDetail | null {
  if (cfg.generalService.weekdays.length === 0 && cfg.resultsService.weekdays.length === 0 && !cfg.resultsService.onPublicHolidays) {
    return {
      path: '',
      message:
        'no service window could ever open: give generalService.weekdays or resultsService.weekdays at least one weekday (1 = Monday … 7 = Sunday)',
    };
  }
  const c = compile(cfg);
  const years = [2024, 2035];
  for (const y of overrideDays.keys()) years.push(y, y + 1);
  for (const d of extraClosedDates) years.push(Number(d.slice(0, 4)));
  const from = epochDay(Math.min(...years) - 1, 1, 1);
  const to = epochDay(Math.max(...years) + 1, 12, 31);
  let lastOpen = from - 1;
  for (let day = from; day <= to + 1; day++) {
    if (day <= to && dayService(c, day) === null) continue;
    if (day - lastOpen - 1 > MAX_CLOSED_RUN_DAYS) {
      const closedFrom = epochDayToDate(lastOpen + 1);
      const closedTo = epochDayToDate(day - 1);
      return {
        path: '',
        message:
          lastOpen < from && day > to
            ? 'no service window would ever open: check generalService.weekdays, resultsService.weekdays and the season dates'
            : `the service would stay closed from ${closedFrom} to ${closedTo}, more than a year; check the weekdays, season overrides and extraClosedDates`,
      };
    }
    lastOpen = day;
  }
  return null;
}

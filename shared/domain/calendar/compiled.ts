/**
 * The compiled calendar: a config's service rules, season bounds and closed dates parsed once per config object,
 * with the cache of each local day's window the window math (./windows.ts) fills. A config that was not validated
 * (./validation.ts) throws here with the field that is wrong.
 */
import type { CalendarConfig } from '../calendar-config.js';
import { daysInMonth, epochDay, parseLocalDate } from '../helsinki-time.js';
import type { OpenMode } from './windows.js';

/** A day's window in epoch ms (the window math works in ms; ./windows.ts turns it into Dates). */
export interface MsWindow {
  mode: OpenMode;
  start: number;
  end: number;
}

// Built once per config object (a request runs serviceStatus/addOpenMinutes several times on
// the calendar every request shares; issue 15). A config is a value: nothing changes one in place (a new
// calendar is a new object: the admin's PUT, the store's read, a test's structuredClone), so the object is the
// cache key. A compiled config also keeps each local day's window once computed (see windowOnDay).

export interface Rule {
  days: boolean[];
  openH: number;
  openM: number;
  closeH: number;
  closeM: number;
}

export interface Compiled {
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
  /** epoch day → that day's window (null: closed all day), filled as days are asked for */
  days: Map<number, MsWindow | null>;
}

const compiledCache = new WeakMap<CalendarConfig, Compiled>();
/** Days kept per compiled config: ~11 years of days, a few hundred KB at most. */
export const DAY_CACHE_LIMIT = 4096;

/** The compiled form of a config object, compiled on first use. */
export function compiled(cfg: CalendarConfig): Compiled {
  let c = compiledCache.get(cfg);
  if (!c) compiledCache.set(cfg, (c = compile(cfg)));
  return c;
}

export const HM_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const MD_RE = /^(\d{2})-(\d{2})$/;
export const SEASON_ID_RE = /^(\d{4})-(\d{2})$/;

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

export function compile(cfg: CalendarConfig): Compiled {
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
    days: new Map(),
  };
}

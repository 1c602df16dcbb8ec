/**
 * The service calendar engine's windows (contract §2): open windows, modes and response targets counted in
 * open minutes, over the compiled config (./compiled.ts), its seasons (./seasons.ts) and the holidays
 * (./holidays.ts). Pure functions, config first, no runtime dependencies; all local times are Europe/Helsinki
 * (see ../helsinki-time.ts).
 *
 * Every local day has at most one window: results (in season, on the results weekdays and weekday
 * public holidays) wins over general (general weekdays, not on public holidays). A window includes its
 * start minute and excludes its end minute. Days closed all day: 24–26 Dec, 1 Jan, Midsummer Eve and
 * Day, and config.extraClosedDates.
 */
import type { CalendarConfig, Mode } from '../calendar-config.js';
import {
  epochDay,
  epochDayToDate,
  fromEpochDay,
  helsinkiParts,
  helsinkiToUtcMs,
  isoWeekdayOfEpochDay,
  parseLocalDate,
} from '../helsinki-time.js';
import { compiled, DAY_CACHE_LIMIT, type Compiled, type MsWindow } from './compiled.js';
import { holidayYear } from './holidays.js';
import { seasonInfoAtDay, seasonOfDay, type SeasonInfo } from './seasons.js';

export type { SeasonInfo } from './seasons.js';

export type OpenMode = Exclude<Mode, 'closed'>;

export interface ServiceWindow {
  mode: OpenMode;
  start: Date;
  end: Date;
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

/** How far nextWindow / addOpenMinutes look for the next window before giving up. */
export const WINDOW_SEARCH_DAYS = 400;

const MINUTE_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// Days and windows (internally epoch ms)

/** Which service (if any) runs on a local day, without computing instants. */
export function dayService(c: Compiled, day: number): OpenMode | null {
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
  const hit = c.days.get(day);
  if (hit !== undefined) return hit;
  const w = computeWindowOnDay(c, day);
  if (c.days.size >= DAY_CACHE_LIMIT) c.days.clear();
  c.days.set(day, w);
  return w;
}

function computeWindowOnDay(c: Compiled, day: number): MsWindow | null {
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
    `No service window opens within ${WINDOW_SEARCH_DAYS} days after ${new Date(t).toISOString()}; ` +
      `check the calendar (weekdays, seasons, extra closed dates)`,
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
        `No service window opens within ${WINDOW_SEARCH_DAYS} days after ` +
          `${epochDayToDate(day - WINDOW_SEARCH_DAYS)}; check the calendar (weekdays, seasons, extra ` +
          `closed dates)`,
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
  return seasonInfoAtDay(compiled(cfg), localEpochDay(ms(at)));
}

/** The window open at `at`, or null when closed. */
export function windowAt(cfg: CalendarConfig, at: Date): ServiceWindow | null {
  const w = windowAtMs(compiled(cfg), ms(at));
  return w ? toWindow(w) : null;
}

/** The window of a local date 'YYYY-MM-DD' (each day has at most one), or null when closed all day. */
export function windowOnDate(cfg: CalendarConfig, date: string): ServiceWindow | null {
  const p = parseLocalDate(date);
  if (!p) throw new RangeError(`Invalid local date "${date}": expected YYYY-MM-DD`);
  const w = windowOnDay(compiled(cfg), epochDay(p.year, p.month, p.day));
  return w ? toWindow(w) : null;
}

export function modeAt(cfg: CalendarConfig, at: Date): Mode {
  return windowAtMs(compiled(cfg), ms(at))?.mode ?? 'closed';
}

/**
 * The first window starting strictly after `at` when a window is open at `at`, otherwise the first window
 * starting at or after `at`. Throws if none opens within WINDOW_SEARCH_DAYS days.
 */
export function nextWindow(cfg: CalendarConfig, at: Date): ServiceWindow {
  return toWindow(nextWindowMs(compiled(cfg), ms(at)));
}

function targetModeMs(c: Compiled, t: number): OpenMode {
  return windowAtMs(c, t)?.mode ?? nextWindowMs(c, t).mode;
}

/** The mode whose targets apply to a case arriving at `at`: the current mode, or the next window's when closed. */
export function targetModeAt(cfg: CalendarConfig, at: Date): OpenMode {
  return targetModeMs(compiled(cfg), ms(at));
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
  return new Date(addOpenMs(compiled(cfg), t, Math.round(minutes * MINUTE_MS)));
}

/** Open time (either mode) between a and b, in minutes (exact: ms / 60000, may be fractional); 0 if b ≤ a. */
export function openMinutesBetween(cfg: CalendarConfig, a: Date, b: Date): number {
  return openMsBetween(compiled(cfg), ms(a, 'a'), ms(b, 'b')) / MINUTE_MS;
}

export function serviceStatus(cfg: CalendarConfig, at: Date): ServiceStatus {
  const c = compiled(cfg);
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

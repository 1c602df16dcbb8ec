/**
 * Seasons (contract §2): a season runs from `season.startMonthDay` in year Y to `season.endMonthDay` in Y+1 (or
 * as an override for that season says), and is named `YYYY-YY`. Between seasons the next one is reported inactive.
 */
import { epochDay, epochDayToDate, fromEpochDay } from '../helsinki-time.js';
import type { Compiled } from './compiled.js';

export interface SeasonInfo {
  /** e.g. '2026-27' */
  id: string;
  active: boolean;
  /** first day, local 'YYYY-MM-DD' (inclusive) */
  start: string;
  /** last day, local 'YYYY-MM-DD' (inclusive) */
  end: string;
}

export function seasonId(startYear: number): string {
  return `${String(startYear).padStart(4, '0')}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export function seasonRange(c: Compiled, startYear: number): { start: number; end: number } {
  return (
    c.overrides.get(startYear) ?? {
      start: epochDay(startYear, c.startMonth, c.startDay),
      end: epochDay(startYear + 1, c.endMonth, c.endDay),
    }
  );
}

/** The season containing the epoch day, or null. A season starting in year Y starts in Y and ends in Y or Y+1. */
export function seasonOfDay(c: Compiled, day: number, year: number): number | null {
  for (const sy of [year - 1, year]) {
    const r = seasonRange(c, sy);
    if (r.start <= day && day <= r.end) return sy;
  }
  return null;
}

export function seasonInfoAtDay(c: Compiled, day: number): SeasonInfo {
  const year = fromEpochDay(day).year;
  const current = seasonOfDay(c, day, year);
  if (current !== null) return seasonInfo(c, current, true);
  for (const sy of [year - 1, year, year + 1]) {
    if (seasonRange(c, sy).start > day) return seasonInfo(c, sy, false);
  }
  return seasonInfo(c, year + 1, false);
}

export function seasonInfo(c: Compiled, startYear: number, active: boolean): SeasonInfo {
  const r = seasonRange(c, startYear);
  return { id: seasonId(startYear), active, start: epochDayToDate(r.start), end: epochDayToDate(r.end) };
}

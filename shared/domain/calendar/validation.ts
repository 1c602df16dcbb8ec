/**
 * Validation of an admin-edited calendar (PUT /admin/calendar): one {path, message} per problem, in words an
 * admin can act on. Hand-written (no zod in the calendar engine); also refuses calendars that could never open
 * or would stay closed for more than a year, using the engine's own day rules.
 */
import type { CalendarConfig, Language, Person } from '../calendar-config.js';
import { daysInMonth, epochDay, epochDayToDate, fromEpochDay, pad2, parseLocalDate } from '../helsinki-time.js';
import { compile, HM_RE, MD_RE, SEASON_ID_RE } from './compiled.js';
import { seasonId } from './seasons.js';
import { dayService } from './windows.js';

export interface ValidationDetail {
  path: string;
  message: string;
}

export type CalendarValidation = { ok: true; value: CalendarConfig } | { ok: false; details: ValidationDetail[] };

/** validateCalendar refuses calendars that would stay closed longer than this. */
const MAX_CLOSED_RUN_DAYS = 366;

const MIN_YEAR = 2000;
const MAX_YEAR = 2099;
const MAX_TARGET_MINUTES = 100_000;
const MAX_EXTRA_CLOSED_DATES = 1000;
const MAX_DUTY_OFFICERS = 50;
const LANGUAGES: readonly Language[] = ['fi', 'sv', 'en'];
const EMAIL_RE = new RegExp(
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@/.source +
    /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/.source,
);

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
        `must come earlier in the year than startMonthDay (${season.startMonthDay as string}): a season ` +
          `ends in the year after it starts, before the next one starts`,
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
      const range = (y: number) => overrideDays.get(y) ?? { start: epochDay(y, sMD[0], sMD[1]), end: epochDay(y + 1, eMD[0], eMD[1]) };
      for (const y of [...overrideDays.keys()].sort((a, b) => a - b)) {
        const id = seasonId(y);
        const r = range(y);
        const prev = range(y - 1);
        const next = range(y + 1);
        if (r.start <= prev.end) {
          seasonOk = false;
          ch.fail(
            join(join('season.overrides', id), 'start'),
            `must be after the end of season ${seasonId(y - 1)} (${epochDayToDate(prev.end)})`,
          );
        }
        if (r.end >= next.start && !overrideDays.has(y + 1)) {
          seasonOk = false;
          ch.fail(
            join(join('season.overrides', id), 'end'),
            `must be before the start of season ${seasonId(y + 1)} (${epochDayToDate(next.start)})`,
          );
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
        'no service window could ever open: give generalService.weekdays or resultsService.weekdays at ' +
        'least one weekday (1 = Monday … 7 = Sunday)',
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
            : `the service would stay closed from ${closedFrom} to ${closedTo}, more than a year; check the ` +
              `weekdays, season overrides and extraClosedDates`,
      };
    }
    lastOpen = day;
  }
  return null;
}

/**
 * Values as they read in an email: dates in Europe/Helsinki local time (through the one time module,
 * ../helsinki-time.ts), durations, open minutes, categories, matches and scores, and the clean-up every
 * user value gets on its way in (never `undefined`, one line where a line is expected, http(s) links only).
 */
import { EN_MONTHS, helsinkiParts, pad2, type LocalParts } from '../helsinki-time.js';
import type { BreachClock, Category, Language, MatchInfo } from './message-types.js';

// ---------------------------------------------------------------------------
// Values from users
// ---------------------------------------------------------------------------

/** Any value that reaches an email goes through here: never `undefined`/`null`. */
export function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return '';
}

/** Control characters and line separators: oneLine makes each run of them one space. */
const CONTROL_RUNS = /[\u0000-\u001f\u007f\u2028\u2029]+/g;
const WHITESPACE_RUNS = /\s{2,}/g;
/** What oneLine replaces, tested at once (most values have neither): a control character or two whitespace in a row. */
const NOT_ONE_LINE = new RegExp(`${CONTROL_RUNS.source}|${WHITESPACE_RUNS.source}`);

/** A single-line version of a user value (no line breaks or control characters). */
export function oneLine(value: unknown): string {
  const s = str(value);
  // one test instead of two replaces for a value with nothing to replace (every email renders a few; issue 15)
  if (!NOT_ONE_LINE.test(s)) return s.trim();
  return s.replace(CONTROL_RUNS, ' ').replace(WHITESPACE_RUNS, ' ').trim();
}

/** Text rendering of a URL: only http(s) URLs are kept, as a single line. */
export function cleanUrl(url: unknown): string | null {
  const u = oneLine(url);
  return /^https?:\/\/\S+$/i.test(u) ? u : null;
}

export function isValidDate(at: unknown): at is Date {
  return at instanceof Date && Number.isFinite(at.getTime());
}

// ---------------------------------------------------------------------------
// Dates and durations
// ---------------------------------------------------------------------------

const DATE_TIME: Record<Language, { format: (p: LocalParts) => string; unknown: string }> = {
  fi: { format: (p) => `${p.day}.${p.month}.${p.year} klo ${p.hour}.${pad2(p.minute)}`, unknown: '(ajankohta ei tiedossa)' },
  sv: { format: (p) => `${p.day}.${p.month}.${p.year} kl. ${p.hour}.${pad2(p.minute)}`, unknown: '(tidpunkten okänd)' },
  en: {
    format: (p) => `${p.day} ${EN_MONTHS[p.month - 1] ?? ''} ${p.year} at ${pad2(p.hour)}:${pad2(p.minute)} (Finnish time)`,
    unknown: '(time unknown)',
  },
};

/**
 * Local Helsinki date and time in the language's conventions:
 * fi `23.11.2026 klo 14.30`, sv `23.11.2026 kl. 14.30`,
 * en `23 November 2026 at 14:30 (Finnish time)`.
 */
export function formatLocalDateTime(at: Date, language: Language): string {
  const t = DATE_TIME[language];
  return isValidDate(at) ? t.format(helsinkiParts(at)) : t.unknown;
}

type Plural = readonly [one: string, many: string];

const DURATION_UNITS: Record<Language, { hour: Plural; minute: Plural }> = {
  fi: { hour: ['tunti', 'tuntia'], minute: ['minuutti', 'minuuttia'] },
  sv: { hour: ['timme', 'timmar'], minute: ['minut', 'minuter'] },
  en: { hour: ['hour', 'hours'], minute: ['minute', 'minutes'] },
};

const wholeMinutes = (minutes: number): number => (Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes) : 0);
const counted = (n: number, [one, many]: Plural): string => `${n} ${n === 1 ? one : many}`;

/**
 * A duration given in minutes, e.g. fi `2 tuntia 15 minuuttia`,
 * sv `2 timmar 15 minuter`, en `2 hours 15 minutes`. Non-finite or negative
 * input is treated as zero; fractions are rounded to whole minutes.
 */
export function formatDuration(minutes: number, language: Language): string {
  const total = wholeMinutes(minutes);
  const hours = Math.floor(total / 60);
  const mins = total % 60;
  const units = DURATION_UNITS[language];
  if (hours === 0) return counted(mins, units.minute);
  if (mins === 0) return counted(hours, units.hour);
  return `${counted(hours, units.hour)} ${counted(mins, units.minute)}`;
}

const WAITED: Record<Language, { sinceArrival: string; openMinute: Plural; target: string }> = {
  fi: { sinceArrival: 'saapumisesta', openMinute: ['aukiolominuutti', 'aukiolominuuttia'], target: 'tavoite' },
  sv: { sinceArrival: 'sedan ankomsten', openMinute: ['öppen minut', 'öppna minuter'], target: 'målet' },
  en: { sinceArrival: 'since it arrived', openMinute: ['open minute', 'open minutes'], target: 'target' },
};

/** Open minutes, named as such: fi `45 aukiolominuuttia`, sv `45 öppna minuter`, en `45 open minutes`. */
export function formatOpenMinutes(minutes: number, language: Language): string {
  return counted(wholeMinutes(minutes), WAITED[language].openMinute);
}

/**
 * A breached case's waiting, both measures named (targets count open minutes, people count the clock):
 * en `2 hours 10 minutes since it arrived (45 open minutes; target 30 open minutes)`; without the
 * open-minute pair only the wall-clock part.
 */
export function formatWaited(clock: BreachClock, language: Language): string {
  const t = WAITED[language];
  const wall = `${formatDuration(clock.waitedMinutes, language)} ${t.sinceArrival}`;
  if (clock.openMinutes === undefined || clock.targetOpenMinutes === undefined) return wall;
  return `${wall} (${formatOpenMinutes(clock.openMinutes, language)}; ${t.target} ${formatOpenMinutes(clock.targetOpenMinutes, language)})`;
}

// ---------------------------------------------------------------------------
// Categories, matches, scores
// ---------------------------------------------------------------------------

const CATEGORY_LABELS: Record<Language, Record<Category, string>> = {
  fi: {
    'final-score': 'Lopputulos',
    'period-score': 'Erätulos',
    goal: 'Maalintekijä tai syöttäjä',
    penalty: 'Rangaistus',
    lineup: 'Kokoonpano',
    other: 'Muu korjaus',
  },
  sv: {
    'final-score': 'Slutresultat',
    'period-score': 'Periodresultat',
    goal: 'Målskytt eller assist',
    penalty: 'Utvisning',
    lineup: 'Laguppställning',
    other: 'Annan rättelse',
  },
  en: {
    'final-score': 'Final score',
    'period-score': 'Period score',
    goal: 'Goal scorer or assist',
    penalty: 'Penalty',
    lineup: 'Line-up',
    other: 'Other correction',
  },
};

export function categoryLabel(category: Category, language: Language): string {
  return CATEGORY_LABELS[language][category] ?? CATEGORY_LABELS[language].other;
}

function isScore(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

export function scoreLine(match: MatchInfo | undefined, score: { homeGoals: number; awayGoals: number } | undefined): string | null {
  if (!match || !score || !isScore(score.homeGoals) || !isScore(score.awayGoals)) return null;
  return `${oneLine(match.home)} ${score.homeGoals}–${score.awayGoals} ${oneLine(match.away)}`;
}

/** The two teams on one line: `SPV – Classic`. */
export function teamsLine(match: MatchInfo): string {
  return `${oneLine(match.home)} – ${oneLine(match.away)}`;
}

const MATCH_UNKNOWN: Record<Language, string> = {
  fi: '(ottelu ei vielä tiedossa)',
  sv: '(matchen ännu okänd)',
  en: '(match not yet identified)',
};

export function matchLine(match: MatchInfo | undefined, language: Language): string {
  // an emailed contact may not name its match until staff classify it
  if (!match) return MATCH_UNKNOWN[language] ?? MATCH_UNKNOWN.fi;
  const startsAt = new Date(str(match.startsAt));
  return isValidDate(startsAt) ? `${teamsLine(match)}, ${formatLocalDateTime(startsAt, language)}` : teamsLine(match);
}

/**
 * The tolerant half of the results-service client: from a response body to our `OfficialRecord`.
 * No official documentation exists (see shared/results-service notes in the README), so every field is read
 * loosely: strings or numbers, empty strings as "not set", `status` in any case, stray output before the JSON.
 * A field we do not understand is ignored; a match we cannot map whole (no teams, a date in the wrong format)
 * is refused as a whole, never stored half-mapped. The mapped record is checked against a strict zod schema.
 */
import * as z from 'zod/mini';
import { localToInstant } from '../domain/helsinki-time.js';
import { RECORD_EVENT_KINDS, type OfficialRecord, type RecordEvent, type Score } from '../domain/match-record.js';
import { MATCH_STATUSES, type MatchStatus } from '../domain/records.js';

export type ResultsErrorKind =
  'timeout' | 'network' | 'server_error' | 'forbidden' | 'invalid_db' | 'not_json' | 'too_large' | 'upstream_error' | 'http_error';

/** A failed call: `kind` says what went wrong; the message never carries the key. */
export class ResultsServiceError extends Error {
  constructor(
    readonly kind: ResultsErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ResultsServiceError';
  }
}

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string or number as a trimmed string; empty, null and anything else → undefined. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** A whole number ≥ 0 given as a string or a number; anything else → undefined. */
export function int(v: unknown): number | undefined {
  const s = str(v);
  if (s === undefined || !/^\d{1,4}$/.test(s)) return undefined;
  return Number(s);
}

const flag = (v: unknown) => v === true || str(v) === '1' || str(v)?.toLowerCase() === 'true';

export function mapStatus(v: unknown): MatchStatus {
  const s =
    str(v)
      ?.toLowerCase()
      .replace(/[\s_-]+/g, '') ?? '';
  if (['fixture', 'scheduled', 'notstarted', 'upcoming'].includes(s)) return 'fixture';
  if (['live', 'playing', 'inprogress', 'ongoing'].includes(s)) return 'live';
  if (['played', 'finished', 'ended', 'final', 'completed'].includes(s)) return 'played';
  if (s === 'postponed' || s === 'delayed') return 'postponed';
  if (s === 'cancelled' || s === 'canceled' || s === 'abandoned') return 'cancelled';
  return 'other';
}

function pair(m: Raw, prefix: string): Score | undefined {
  const home = int(m[`${prefix}_A`]);
  const away = int(m[`${prefix}_B`]);
  return home === undefined || away === undefined ? undefined : { home, away };
}
const nonZero = (s: Score | undefined) => (s && s.home + s.away > 0 ? s : undefined);

const PENALTY = /^\d+(\+\d+)?min$/i;
function eventKind(code: string): RecordEvent['kind'] | undefined {
  const c = code.toLowerCase();
  if (c === 'maali') return 'goal';
  if (c === 'syotto' || c === 'syöttö') return 'assist';
  if (c === 'rpkmaali') return 'shootout-goal';
  if (c === 'rpkohi') return 'shootout-miss';
  if (PENALTY.test(c)) return 'penalty';
  return undefined; // period and match start/end, and codes we do not know: not part of the record
}

const MAX_EVENTS = 500;

function mapEvents(v: unknown): RecordEvent[] {
  if (!Array.isArray(v)) return [];
  const out: RecordEvent[] = [];
  for (const e of v.slice(0, 2 * MAX_EVENTS)) {
    if (!isObject(e)) continue;
    const code = str(e.code);
    const kind = code ? eventKind(code) : undefined;
    const side = str(e.team)?.toUpperCase();
    const id = str(e.event_id);
    if (!code || !kind || !id || (side !== 'A' && side !== 'B')) continue;
    const period = int(e.period);
    const time = str(e.time);
    const sA = int(e.s_A);
    const sB = int(e.s_B);
    const event: RecordEvent = {
      id: id.slice(0, 40),
      kind,
      code: code.slice(0, 20),
      team: side === 'A' ? 'home' : 'away',
      ...(period !== undefined && period >= 1 && period <= 5 ? { period } : {}),
      ...(time && /^\d{1,3}:\d{2}$/.test(time) ? { time } : {}),
      ...(str(e.player_name) ? { player: str(e.player_name)!.slice(0, 120) } : {}),
      ...(str(e.shirt_number) ? { shirtNumber: str(e.shirt_number)!.slice(0, 4) } : {}),
      ...(kind === 'penalty' && str(e.description) ? { description: str(e.description)!.slice(0, 40) } : {}),
      ...(str(e.connected_event_id) && str(e.connected_event_id) !== '0'
        ? { connectedEventId: str(e.connected_event_id)!.slice(0, 40) }
        : {}),
      ...(kind === 'goal' && sA !== undefined && sB !== undefined ? { score: { home: sA, away: sB } } : {}),
    };
    out.push(event);
    if (out.length >= MAX_EVENTS) break;
  }
  return out;
}

const scoreSchema = z.strictObject({
  home: z.int().check(z.minimum(0), z.maximum(999)),
  away: z.int().check(z.minimum(0), z.maximum(999)),
});
const team = z.strictObject({
  id: z.optional(z.string().check(z.maxLength(40))),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  abbreviation: z.optional(z.string().check(z.maxLength(40))),
});
const shortText = (n: number) => z.optional(z.string().check(z.maxLength(n)));
/** The mapped record, strictly: what we store is exactly this. */
export const officialRecordSchema = z.strictObject({
  matchId: z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,64}$/)),
  competitionId: shortText(64),
  categoryId: shortText(64),
  categoryName: shortText(200),
  status: z.enum(MATCH_STATUSES),
  startsAt: z.iso.datetime(),
  home: team,
  away: team,
  final: z.optional(scoreSchema),
  periods: z.array(scoreSchema).check(z.maxLength(3)),
  regulation: z.optional(scoreSchema),
  overtime: z.optional(scoreSchema),
  shootout: z.optional(scoreSchema),
  walkover: z.boolean(),
  forfeitedBy: z.optional(z.enum(['home', 'away'])),
  winner: z.optional(z.enum(['home', 'away'])),
  events: z.array(
    z.strictObject({
      id: z.string(),
      kind: z.enum(RECORD_EVENT_KINDS),
      code: z.string(),
      team: z.enum(['home', 'away']),
      period: z.optional(z.int()),
      time: z.optional(z.string()),
      player: z.optional(z.string()),
      shirtNumber: z.optional(z.string()),
      description: z.optional(z.string()),
      connectedEventId: z.optional(z.string()),
      score: z.optional(scoreSchema),
    }),
  ),
  lastModified: shortText(40),
  versionHash: shortText(128),
});

export type MapResult = { ok: true; record: OfficialRecord } | { ok: false; matchId?: string; reason: string };

/** One raw match → our record, or the reason it cannot be mapped whole. */
export function mapMatch(raw: unknown): MapResult {
  if (!isObject(raw)) return { ok: false, reason: 'is not an object' };
  const matchId = str(raw.match_id);
  if (!matchId || !/^[A-Za-z0-9._:-]{1,64}$/.test(matchId)) return { ok: false, reason: 'has no usable match_id' };
  const fail = (reason: string): MapResult => ({ ok: false, matchId, reason });
  const homeName = str(raw.team_A_name) ?? str(raw.club_A_name);
  const awayName = str(raw.team_B_name) ?? str(raw.club_B_name);
  if (!homeName || !awayName) return fail('has no teams');
  const date = str(raw.date);
  const time = str(raw.time) ?? '00:00:00';
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date))
    return fail(`has a date in the wrong format (${JSON.stringify(String(raw.date ?? '')).slice(0, 30)}; expected YYYY-MM-DD)`);
  const hm = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(time);
  if (!hm || Number(hm[1]) > 23 || Number(hm[2]) > 59) return fail('has a time in the wrong format (expected HH:MM:SS)');
  let startsAt: string;
  try {
    startsAt = localToInstant(date, `${hm[1]!.padStart(2, '0')}:${hm[2]}`).toISOString();
  } catch {
    return fail('has a date that does not exist');
  }
  const status = mapStatus(raw.status);
  const final = pair(raw, 'fs') ?? (status === 'live' ? pair(raw, 'live') : undefined);
  const periods = (['p1s', 'p2s', 'p3s'] as const).map((p) => pair(raw, p)).filter((s): s is Score => s !== undefined);
  const regulation = pair(raw, 'es');
  const overtime = regulation ? pair(raw, 'p4s') : nonZero(pair(raw, 'p4s'));
  const shootout = nonZero(pair(raw, 'ps')) ?? nonZero(pair(raw, 'p5s'));
  const forfeitA = flag(raw.forfeit_A) || flag(raw.disqualify_A);
  const forfeitB = flag(raw.forfeit_B) || flag(raw.disqualify_B);
  const winnerRaw = str(raw.winner)?.toLowerCase();
  const lastModified = str(raw.last_modified);
  const record: OfficialRecord = {
    matchId,
    ...(str(raw.competition_id) ? { competitionId: str(raw.competition_id)!.slice(0, 64) } : {}),
    ...(str(raw.category_id) ? { categoryId: str(raw.category_id)!.slice(0, 64) } : {}),
    ...(str(raw.category_name) ? { categoryName: str(raw.category_name)!.slice(0, 200) } : {}),
    status,
    startsAt,
    home: {
      ...(str(raw.team_A_id) ? { id: str(raw.team_A_id)!.slice(0, 40) } : {}),
      name: homeName.slice(0, 200),
      ...(str(raw.team_A_abbrevation) ? { abbreviation: str(raw.team_A_abbrevation)!.slice(0, 40) } : {}),
    },
    away: {
      ...(str(raw.team_B_id) ? { id: str(raw.team_B_id)!.slice(0, 40) } : {}),
      name: awayName.slice(0, 200),
      ...(str(raw.team_B_abbrevation) ? { abbreviation: str(raw.team_B_abbrevation)!.slice(0, 40) } : {}),
    },
    ...(final ? { final } : {}),
    periods,
    ...(regulation ? { regulation } : {}),
    ...(overtime ? { overtime } : {}),
    ...(shootout ? { shootout } : {}),
    walkover: flag(raw.walkover) || forfeitA || forfeitB,
    ...(forfeitA !== forfeitB ? { forfeitedBy: forfeitA ? ('home' as const) : ('away' as const) } : {}),
    ...(winnerRaw === 'home' || winnerRaw === 'away' ? { winner: winnerRaw } : {}),
    events: mapEvents(raw.events),
    ...(lastModified && !lastModified.startsWith('0000') ? { lastModified: lastModified.slice(0, 40) } : {}),
    ...(str(raw.version_hash) ? { versionHash: str(raw.version_hash)!.slice(0, 128) } : {}),
  };
  const checked = officialRecordSchema.safeParse(record);
  if (!checked.success) return fail(`does not map to a valid record (${checked.error.issues[0]?.path.join('.') ?? ''})`);
  return { ok: true, record };
}

/**
 * A body → its JSON envelope. Tolerates stray output before the JSON (PHP notices seen in the wild);
 * `Invalid db` text, HTML and other non-JSON are errors; `call.status: "error"` (any case) is an error
 * with the service's own message, whatever the field is called.
 */
export function parseEnvelope(body: string, method: string): Raw {
  const text = body.replace(/^\uFEFF/, '');
  if (/^\s*invalid db/i.test(text)) {
    throw new ResultsServiceError(
      'invalid_db',
      `The results service answered "Invalid db" to ${method}: RESULTS_API_URL or RESULTS_API_KEY is wrong.`,
    );
  }
  let parsed: unknown;
  const start = text.search(/\{\s*"/);
  if (start >= 0) {
    try {
      parsed = JSON.parse(text.slice(start));
    } catch {
      parsed = undefined;
    }
  }
  if (!isObject(parsed)) {
    const looksHtml = /<\s*(!doctype|html|body)/i.test(text.slice(0, 2000));
    throw new ResultsServiceError(
      'not_json',
      `The results service answered ${method} with ${looksHtml ? 'an HTML page' : 'something that is not JSON'}.`,
    );
  }
  const call = isObject(parsed.call) ? parsed.call : undefined;
  if (str(call?.status)?.toLowerCase() === 'error') {
    const why = ['message', 'error', 'error_message', 'msg', 'description', 'status_message'].map((k) => str(call?.[k])).find(Boolean);
    throw new ResultsServiceError('upstream_error', `The results service refused ${method}${why ? `: ${why.slice(0, 200)}` : ''}.`);
  }
  return parsed;
}

/** The official record next to a reporter's claim, with the differences spelled out for staff. */
import type { OfficialRecord, Score, Scoreline } from './match-record.js';
import type { Match } from './records.js';

export interface OfficialView extends Scoreline {
  status: string;
  /** one line, e.g. "5–4 after overtime (periods 2–1, 1–2, 1–1; regulation 4–4)" */
  summary: string;
  goals?: { team: 'home' | 'away'; period?: number; time?: string; player?: string; score?: Score }[];
  penalties?: { team: 'home' | 'away'; period?: number; time?: string; player?: string; code: string; reason?: string }[];
  source: 'results' | 'admin';
  lastModified?: string;
}

const s = (x: Score) => `${x.home}–${x.away}`;

export function officialView(match: Match, record: OfficialRecord | undefined): OfficialView | undefined {
  if (!record) {
    if (match.homeGoals === undefined || match.awayGoals === undefined) return undefined;
    const final = { home: match.homeGoals, away: match.awayGoals };
    return { status: match.status ?? 'played', final, periods: [], walkover: false, summary: s(final), source: 'admin' };
  }
  const parts: string[] = [];
  if (record.periods.length) parts.push(`periods ${record.periods.map(s).join(', ')}`);
  const wentPast = record.regulation !== undefined;
  if (wentPast) parts.push(`regulation ${s(record.regulation!)}`);
  if (record.shootout) parts.push(`shootout ${s(record.shootout)}`);
  const how = record.walkover
    ? ` by walkover${record.forfeitedBy ? ` (${record.forfeitedBy} team forfeited)` : ''}`
    : record.shootout
      ? ' after a shootout'
      : wentPast
        ? ' after overtime'
        : '';
  const summary = record.final
    ? `${s(record.final)}${how}${parts.length ? ` (${parts.join('; ')})` : ''}`
    : `no result yet (${record.status})`;
  return {
    status: record.status,
    ...(record.final ? { final: record.final } : {}),
    periods: record.periods,
    ...(record.regulation ? { regulation: record.regulation } : {}),
    ...(record.overtime ? { overtime: record.overtime } : {}),
    ...(record.shootout ? { shootout: record.shootout } : {}),
    walkover: record.walkover,
    ...(record.forfeitedBy ? { forfeitedBy: record.forfeitedBy } : {}),
    summary,
    goals: record.events
      .filter((e) => e.kind === 'goal')
      .map((e) => ({
        team: e.team,
        ...(e.period ? { period: e.period } : {}),
        ...(e.time ? { time: e.time } : {}),
        ...(e.player ? { player: e.player } : {}),
        ...(e.score ? { score: e.score } : {}),
      })),
    penalties: record.events
      .filter((e) => e.kind === 'penalty')
      .map((e) => ({
        team: e.team,
        code: e.code,
        ...(e.period ? { period: e.period } : {}),
        ...(e.time ? { time: e.time } : {}),
        ...(e.player ? { player: e.player } : {}),
        ...(e.description ? { reason: e.description } : {}),
      })),
    source: 'results',
    ...(record.lastModified ? { lastModified: record.lastModified } : {}),
  };
}

/**
 * What differs between the claim and the record, in words, e.g. "reported 5–3, record 5–4". Where the
 * record's periods explain the difference (a period where the team's goals differ is the place to look),
 * that is named too: "period 3: record 1–1, the report's 5–3 needs 0–1 fewer away goals there or earlier".
 */
export function differences(proposed: { homeGoals: number; awayGoals: number } | undefined, official: OfficialView | undefined): string[] {
  if (!official) return ['there is no official result for this match yet'];
  if (!proposed) return [];
  if (!official.final) return [`reported ${proposed.homeGoals}–${proposed.awayGoals}, record has no result yet (${official.status})`];
  const f = official.final;
  if (f.home === proposed.homeGoals && f.away === proposed.awayGoals) return [];
  const out = [`reported ${proposed.homeGoals}–${proposed.awayGoals}, record ${s(f)}`];
  const dHome = proposed.homeGoals - f.home;
  const dAway = proposed.awayGoals - f.away;
  const side = (d: number, team: string) =>
    d === 0 ? undefined : `${Math.abs(d)} ${d > 0 ? 'more' : 'fewer'} ${team} goal${Math.abs(d) === 1 ? '' : 's'}`;
  const sides = [side(dHome, 'home'), side(dAway, 'away')].filter(Boolean);
  out.push(`the report has ${sides.join(' and ')} than the record`);
  if (official.periods.length)
    out.push(
      `record by period: ${official.periods.map((p, i) => `period ${i + 1} ${s(p)}`).join(', ')}` +
        `${official.overtime ? `, overtime ${s(official.overtime)}` : ''}` +
        `${official.shootout ? `, shootout ${s(official.shootout)}` : ''}`,
    );
  if (official.walkover) out.push('the record is a walkover: the result was set, not played');
  return out;
}

export const agrees = (proposed: { homeGoals: number; awayGoals: number } | undefined, record: OfficialRecord | undefined) =>
  Boolean(proposed && record?.final && record.final.home === proposed.homeGoals && record.final.away === proposed.awayGoals);

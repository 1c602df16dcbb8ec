/** GET /matches (public): a day's known matches for the report form, by team or series name. */
import { localDateOf } from '../domain/helsinki-time.js';
import { matchStatus, type Match, type MatchStatus } from '../domain/records.js';
import type { CatalogStore } from '../store/catalog.js';
import type { MatchDayStore } from '../store/matches.js';
import type { Deps } from './deps.js';

export const MAX_MATCHES_LISTED = 100;

export interface MatchListItem {
  id: string;
  seriesId: string;
  seriesName: string;
  startsAt: string;
  home: string;
  away: string;
  status: MatchStatus;
  homeGoals?: number;
  awayGoals?: number;
}

export interface MatchesQuery {
  date?: string;
  q?: string;
  seriesId?: string;
}

/** Case- and accent-insensitive, so "era" finds "EräViikingit" and "SPV" finds "spv". */
export const foldText = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

export async function listMatches(
  deps: Deps<CatalogStore & MatchDayStore>,
  query: MatchesQuery,
): Promise<{ date: string; items: MatchListItem[] }> {
  const date = query.date ?? localDateOf(deps.clock.now());
  const q = foldText(query.q ?? '');
  const seriesId = query.seriesId || undefined;
  const series = new Map((await deps.store.listSeries()).map((s) => [s.id, s.name]));
  const keep = q ? (m: Match) => [m.home, m.away, series.get(m.seriesId) ?? ''].some((t) => foldText(t).includes(q)) : undefined;
  const matches = await deps.store.matchesOfDay(date, {
    limit: MAX_MATCHES_LISTED,
    ...(seriesId ? { seriesId } : {}),
    ...(keep ? { keep } : {}),
  });
  const items = matches.map((m): MatchListItem => ({
    id: m.id,
    seriesId: m.seriesId,
    seriesName: series.get(m.seriesId) ?? m.seriesId,
    startsAt: m.startsAt,
    home: m.home,
    away: m.away,
    status: matchStatus(m),
    ...(m.homeGoals !== undefined && m.awayGoals !== undefined ? { homeGoals: m.homeGoals, awayGoals: m.awayGoals } : {}),
  }));
  return { date, items };
}

/**
 * Read-through at intake (contract §10): a report on a match the store does not know asks the results service
 * once (`getMatch`, no retries: a person is waiting). Found, and its series linked here → stored (as matches-sync
 * would) and the report goes on. Not found, or the service down → 422 unknown_match saying what to check. A
 * negative answer is remembered a few minutes per container, so a mistyped id cannot drive unbounded lookups;
 * ids that cannot be results-service ids are never looked up.
 */
import { ResultsServiceError } from '../adapters/results-service-parse.js';
import type { Match } from '../domain/records.js';
import { AppError } from '../errors.js';
import { log } from '../log.js';
import type { CatalogStore } from '../store/catalog.js';
import type { MatchRecordStore } from '../store/matches.js';
import type { Deps } from './deps.js';
import { matchFromRecord, storeRecords } from './matches-sync.js';

/** The results service's match ids are numbers (`930001`); anything else is ours (admin-imported) or a mistake. */
export const RESULTS_MATCH_ID = /^\d{1,12}$/;
export const NOT_FOUND_TTL_MS = 5 * 60_000;
export const UPSTREAM_DOWN_TTL_MS = 60_000;
const MAX_REMEMBERED = 5000;

/** matchId → when to ask again, and why not now */
const negative = new Map<string, { until: number; why: 'not-found' | 'unavailable' | 'unlinked' }>();

export function forgetNegativeLookups(): void {
  negative.clear();
}

function remember(matchId: string, why: 'not-found' | 'unavailable' | 'unlinked', ttl: number) {
  if (negative.size >= MAX_REMEMBERED) negative.delete(negative.keys().next().value!);
  negative.set(matchId, { until: Date.now() + ttl, why });
}

function unknownMatch(matchId: string, why: 'not-found' | 'unavailable' | 'unlinked'): AppError {
  const detail = [{ path: 'matchId', message: 'is not a known match' }];
  if (why === 'unavailable') {
    return new AppError(
      'unknown_match',
      `Match "${matchId}" is not known here yet, and the results service could not be asked just now. ` +
        `Check the match id on the match report (ottelupöytäkirja); if it is right, try again in a few ` +
        `minutes, or call the hotline.`,
      detail,
    );
  }
  if (why === 'unlinked') {
    return new AppError(
      'unknown_match',
      `Match "${matchId}" is in the results service, but its series is not handled by this hotline. Check ` +
        `the match id, or contact the series' own results desk.`,
      detail,
    );
  }
  return new AppError(
    'unknown_match',
    `There is no match "${matchId}" in the results service. Check the match id on the match report ` +
      `(ottelupöytäkirja) or in the match list of the day, and try again.`,
    detail,
  );
}

export type LookupStore = CatalogStore & MatchRecordStore;

/** The match of a report: from the store, or read through from the results service. */
export async function findMatchForIntake(deps: Deps<LookupStore>, matchId: string): Promise<Match> {
  const stored = await deps.store.getMatch(matchId);
  if (stored) return stored;
  if (!deps.results || !RESULTS_MATCH_ID.test(matchId)) throw unknownMatch(matchId, 'not-found');
  const known = negative.get(matchId);
  if (known && known.until > Date.now()) throw unknownMatch(matchId, known.why);

  let record;
  try {
    record = await deps.results.getMatch(matchId, { retries: 0 });
  } catch (err) {
    log.warn('intake: results service lookup failed', { kind: err instanceof ResultsServiceError ? err.kind : 'unexpected' });
    remember(matchId, 'unavailable', UPSTREAM_DOWN_TTL_MS);
    throw unknownMatch(matchId, 'unavailable');
  }
  if (!record) {
    remember(matchId, 'not-found', NOT_FOUND_TTL_MS);
    throw unknownMatch(matchId, 'not-found');
  }
  const series = (await deps.store.listSeries()).find(
    (s) => s.results && s.results.competitionId === record.competitionId && s.results.categoryId === record.categoryId,
  );
  if (!series) {
    remember(matchId, 'unlinked', NOT_FOUND_TTL_MS);
    throw unknownMatch(matchId, 'unlinked');
  }
  await storeRecords(deps, series.id, [record], deps.clock.now().toISOString());
  return matchFromRecord(record, series.id);
}

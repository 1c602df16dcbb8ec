/**
 * Job matches-sync (contract §10): for each series linked to the results service, its matches from 7 days back
 * to 7 days ahead (Helsinki dates), written only when changed: the hash of the mapped record is compared with
 * the stored one, so a run where nothing changed writes nothing. Overlapping runs are safe (a write is
 * conditional on the hash still differing). A failing results service is reported per series in the result
 * and as a metric; what is stored stays as it was.
 */
import { createHash } from 'node:crypto';
import type { ResultsService } from '../adapters/results-service.js';
import { ResultsServiceError } from '../adapters/results-service-parse.js';
import { addDays, localDateOf } from '../domain/helsinki-time.js';
import type { OfficialRecord } from '../domain/match-record.js';
import type { Series } from '../domain/records.js';
import { emitMetric, log } from '../log.js';
import type { CatalogStore } from '../store/catalog.js';
import { ConflictError } from '../store/core.js';
import type { MatchRecordStore, SyncedMatch } from '../store/matches.js';
import type { Deps } from './deps.js';
import { checkRecordNow, type RecordNowStore } from './record-now.js';

export const SYNC_DAYS_BACK = 7;
export const SYNC_DAYS_AHEAD = 7;
const WRITES_IN_FLIGHT = 16;

export interface SeriesSyncResult {
  seriesId: string;
  fetched: number;
  written: number;
  unchanged: number;
  rejected: { matchId?: string; reason: string }[];
  error?: { kind: string; message: string };
}

export interface SyncResult {
  at: string;
  window: { from: string; to: string };
  series: SeriesSyncResult[];
  fetched: number;
  written: number;
  unchanged: number;
  rejected: number;
  failedSeries: number;
  /** corrections whose recordNow this run set or cleared */
  recordNow: number;
}

export type SyncStore = CatalogStore & MatchRecordStore;

/** Our listing fields of a match from its official record. */
export function matchFromRecord(record: OfficialRecord, seriesId: string): Omit<SyncedMatch, 'recordHash' | 'syncedAt'> {
  return {
    id: record.matchId,
    seriesId,
    startsAt: record.startsAt,
    home: record.home.name,
    away: record.away.name,
    status: record.status,
    ...(record.final ? { homeGoals: record.final.home, awayGoals: record.final.away } : {}),
    source: 'results',
  };
}

/** Stable over key order: the same record always hashes the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}
export const recordHash = (seriesId: string, record: OfficialRecord) =>
  createHash('sha256').update(canonical({ seriesId, record })).digest('base64url').slice(0, 32);

async function inBatches<T>(items: T[], size: number, fn: (t: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/** Stores the records that changed; returns how many it wrote. */
export async function storeRecords(
  deps: Deps<SyncStore>,
  seriesId: string,
  records: OfficialRecord[],
  syncedAt: string,
): Promise<{ written: string[]; unchanged: number }> {
  const stored = await deps.store.recordHashes(records.map((r) => r.matchId));
  const written: string[] = [];
  let unchanged = 0;
  const changed = records
    .map((record) => ({ record, hash: recordHash(seriesId, record) }))
    .filter(({ record, hash }) => stored.get(record.matchId) !== hash);
  unchanged += records.length - changed.length;
  await inBatches(changed, WRITES_IN_FLIGHT, async ({ record, hash }) => {
    let wrote = false;
    try {
      wrote = await deps.store.putSyncedMatch({ ...matchFromRecord(record, seriesId), recordHash: hash, syncedAt }, record);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      // an overlapping run is writing this match right now: it writes the same thing
    }
    if (wrote) written.push(record.matchId);
    else unchanged++;
  });
  return { written, unchanged };
}

type SeriesRun = SeriesSyncResult & { writtenIds: string[]; records: Map<string, OfficialRecord> };

async function syncSeries(
  deps: Deps<SyncStore>,
  results: ResultsService,
  series: Series & { results: NonNullable<Series['results']> },
  from: string,
  to: string,
  at: string,
): Promise<SeriesRun> {
  const base = {
    seriesId: series.id,
    fetched: 0,
    written: 0,
    unchanged: 0,
    rejected: [],
    writtenIds: [],
    records: new Map<string, OfficialRecord>(),
  };
  let fetched: Awaited<ReturnType<ResultsService['getMatches']>>;
  try {
    fetched = await results.getMatches({
      competitionId: series.results.competitionId,
      categoryId: series.results.categoryId,
      startDate: from,
      endDate: to,
    });
  } catch (err) {
    const e =
      err instanceof ResultsServiceError
        ? { kind: err.kind, message: err.message }
        : { kind: 'unexpected', message: 'The results service call failed unexpectedly.' };
    log.warn('matches-sync: series not synced', { seriesId: series.id, kind: e.kind });
    return { ...base, error: e };
  }
  const { written, unchanged } = await storeRecords(deps, series.id, fetched.records, at);
  if (fetched.rejected.length) log.warn('matches-sync: matches not mapped', { seriesId: series.id, rejected: fetched.rejected.length });
  const records = new Map(fetched.records.map((r) => [r.matchId, r]));
  return {
    ...base,
    fetched: fetched.records.length + fetched.rejected.length,
    written: written.length,
    unchanged,
    rejected: fetched.rejected.slice(0, 50),
    writtenIds: written,
    records,
  };
}

export async function syncMatches(deps: Deps<SyncStore & RecordNowStore>, results: ResultsService): Promise<SyncResult> {
  const now = deps.clock.now();
  const today = localDateOf(now);
  const from = addDays(today, -SYNC_DAYS_BACK);
  const to = addDays(today, SYNC_DAYS_AHEAD);
  const linked = (await deps.store.listSeries()).filter((s): s is Series & { results: NonNullable<Series['results']> } =>
    Boolean(s.results),
  );
  const out: SeriesRun[] = [];
  // a few series at a time: the results service rate-limits per client
  for (let i = 0; i < linked.length; i += 3)
    out.push(...(await Promise.all(linked.slice(i, i + 3).map((s) => syncSeries(deps, results, s, from, to, now.toISOString())))));
  // a changed record may now agree with a reporter's proposal (or stop agreeing): only played matches can
  let recordNow = 0;
  for (const s of out) {
    for (const id of s.writtenIds) {
      const record = s.records.get(id);
      if (record?.final) recordNow += await checkRecordNow(deps, record);
    }
  }
  const sum = (k: 'fetched' | 'written' | 'unchanged') => out.reduce((n, s) => n + s[k], 0);
  const failedSeries = out.filter((s) => s.error).length;
  emitMetric('MatchesSyncFailedSeries', failedSeries);
  emitMetric('MatchesSyncWrites', sum('written'));
  return {
    at: now.toISOString(),
    window: { from, to },
    series: out.map(({ writtenIds: _w, records: _r, ...s }) => s),
    fetched: sum('fetched'),
    written: sum('written'),
    unchanged: sum('unchanged'),
    rejected: out.reduce((n, s) => n + s.rejected.length, 0),
    failedSeries,
    recordNow,
  };
}

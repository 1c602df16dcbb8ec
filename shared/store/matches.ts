/**
 * Match items: the one place their keys are built. `MATCH#<id> / META` holds the match as GET /matches
 * and intake read it; its Helsinki date files it in the sparse `matches-by-date` index
 * (GSI7PK = MDAY#<yyyy-mm-dd>, GSI7SK = <startsAt>#<id>), so a day's matches are one Query,
 * however many matches the season has.
 */
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { localDateOf } from '../domain/helsinki-time.js';
import type { OfficialRecord } from '../domain/match-record.js';
import type { Match } from '../domain/records.js';
import { CATEGORIES } from '../domain/correction.js';
import { ConflictError, openByMatchPk, stripKeys, StoreCore, type Item } from './core.js';
import { IN_INDEX, ITEMS } from './items.js';
import { INDEXES } from './table-design.js';

export const matchKey = (id: string) => ITEMS.match.key({ id });
/** `MATCH#<id> / RECORD`: the official record of a synced match (periods, overtime, shootout, events). */
export const recordKey = (id: string) => ITEMS.matchRecord.key({ id });

/** A synced match as stored: the listing fields, and the hash of what was synced (a rerun with the same hash writes nothing). */
export interface SyncedMatch extends Match {
  recordHash: string;
  syncedAt: string;
}

/** The whole item of a match: keys, the by-date index attributes (from `startsAt`, so they cannot disagree), the record. */
export function matchItem(m: Match): Item {
  return IN_INDEX.matchesByDate.attributes(
    { day: localDateOf(new Date(m.startsAt)), startsAt: m.startsAt, id: m.id },
    { ...matchKey(m.id), ...m },
  );
}

/** A day holds a few hundred matches at the busiest; reading stops here whatever happens. */
export const MAX_MATCHES_PER_DAY_READ = 2000;

export class MatchDayStore extends StoreCore {
  /**
   * The matches of one Helsinki date (`YYYY-MM-DD`), in start order, optionally of one series;
   * `keep` filters in memory and reading stops once `limit` matches are kept.
   */
  async matchesOfDay(date: string, opts: { seriesId?: string; limit: number; keep?: (m: Match) => boolean }): Promise<Match[]> {
    const out: Match[] = [];
    let read = 0;
    let start: Item | undefined;
    do {
      const r = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INDEXES.matchesByDate.name,
          KeyConditionExpression: 'GSI7PK = :pk',
          ...(opts.seriesId
            ? {
                FilterExpression: 'seriesId = :s',
                ExpressionAttributeValues: { ':pk': IN_INDEX.matchesByDate.pk.build({ day: date }), ':s': opts.seriesId },
              }
            : { ExpressionAttributeValues: { ':pk': IN_INDEX.matchesByDate.pk.build({ day: date }) } }),
          ExclusiveStartKey: start,
        }),
      );
      for (const it of r.Items ?? []) {
        const m = stripKeys<Match>(it)!;
        if (opts.keep && !opts.keep(m)) continue;
        out.push(m);
        if (out.length >= opts.limit) return out;
      }
      read += r.ScannedCount ?? 0;
      start = r.LastEvaluatedKey;
    } while (start && read < MAX_MATCHES_PER_DAY_READ);
    return out;
  }
}

/** matches-sync and intake's read-through: what is stored of a match, and writing the official record. */
export class MatchRecordStore extends StoreCore {
  /** the stored record hash of each of these matches that has one (BatchGet, 100 a call, unprocessed keys retried) */
  async recordHashes(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Item[] | undefined = unique.slice(i, i + 100).map(matchKey);
      for (let attempt = 0; keys && keys.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
        const r = await this.doc.send(
          new BatchGetCommand({
            RequestItems: {
              [this.tableName]: { Keys: keys, ProjectionExpression: '#id, recordHash', ExpressionAttributeNames: { '#id': 'id' } },
            },
          }),
        );
        for (const it of r.Responses?.[this.tableName] ?? []) if (typeof it.recordHash === 'string') out.set(String(it.id), it.recordHash);
        keys = r.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined;
        if (attempt > 8 && keys?.length) throw new Error('DynamoDB kept keys unprocessed');
      }
    }
    return out;
  }

  async getRecord(id: string): Promise<OfficialRecord | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: recordKey(id) }));
    return (r.Item?.record as OfficialRecord | undefined) ?? undefined;
  }

  /**
   * Writes the match and its record together, unless the stored hash is already this one (an overlapping run
   * wrote it): then nothing is written and the answer is false. An admin-imported match of the same id is
   * replaced: the results service is the source of truth.
   */
  async putSyncedMatch(match: SyncedMatch, record: OfficialRecord): Promise<boolean> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: matchItem(match),
                ConditionExpression: 'attribute_not_exists(recordHash) OR recordHash <> :h',
                ExpressionAttributeValues: { ':h': match.recordHash },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...recordKey(match.id), matchId: match.id, recordHash: match.recordHash, syncedAt: match.syncedAt, record },
              },
            },
          ],
        }),
      );
      return true;
    } catch (err) {
      const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
      if ((err as { name?: string }).name === 'TransactionCanceledException' && reasons?.[0]?.Code === 'ConditionalCheckFailed')
        return false;
      if ((err as { name?: string }).name === 'TransactionCanceledException') throw new ConflictError((reasons ?? []).map((r) => r.Code));
      throw err;
    }
  }
}

/** matches-sync's look at the corrections of a match whose record changed (recordNow). */
export class MatchCorrectionsStore extends StoreCore {
  /** ids of the open corrections of a match, every category (open-by-match index) */
  async openCorrectionIds(matchId: string): Promise<string[]> {
    const ids: string[] = [];
    for (const category of CATEGORIES) {
      let start: Item | undefined;
      do {
        const r = await this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: INDEXES.openByMatch.name,
            KeyConditionExpression: 'GSI2PK = :pk',
            ExpressionAttributeValues: { ':pk': openByMatchPk(matchId, category) },
            ExclusiveStartKey: start,
          }),
        );
        for (const it of r.Items ?? []) ids.push(String(it.id));
        start = r.LastEvaluatedKey;
      } while (start);
    }
    return ids;
  }
}

/**
 * Match items: the one place their keys are built. `MATCH#<id> / META` holds the match as GET /matches
 * and intake read it; its Helsinki date files it in the sparse `matches-by-date` index
 * (GSI7PK = MDAY#<yyyy-mm-dd>, GSI7SK = <startsAt>#<id>), so a day's matches are one Query,
 * however many matches the season has.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { localDateOf } from '../domain/helsinki-time.js';
import type { Match } from '../domain/records.js';
import { stripKeys, StoreCore, type Item } from './core.js';
import { INDEXES } from './table-design.js';

export const matchKey = (id: string) => ({ PK: `MATCH#${id}`, SK: 'META' });

/** The whole item of a match: keys, the by-date index attributes (from `startsAt`, so they cannot disagree), the record. */
export function matchItem(m: Match): Item {
  return { ...matchKey(m.id), ...m, GSI7PK: `MDAY#${localDateOf(new Date(m.startsAt))}`, GSI7SK: `${m.startsAt}#${m.id}` };
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
            ? { FilterExpression: 'seriesId = :s', ExpressionAttributeValues: { ':pk': `MDAY#${date}`, ':s': opts.seriesId } }
            : { ExpressionAttributeValues: { ':pk': `MDAY#${date}` } }),
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

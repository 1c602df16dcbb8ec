/** Matches and series, with the lookup items that scope each official to their series: read by many functions, written by admin. */
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Match, Series } from '../domain/records.js';
import { stripKeys, StoreCore, type TransactItem } from './core.js';
import { ITEMS } from './items.js';
import { matchItem, matchKey } from './matches.js';
import { partitionItems } from './partition.js';

export class CatalogStore extends StoreCore {
  async getMatch(id: string): Promise<Match | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: matchKey(id) }));
    return stripKeys<Match>(r.Item);
  }

  async getSeries(id: string, consistent = false): Promise<Series | undefined> {
    const r = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: ITEMS.series.key({ seriesId: id }), ConsistentRead: consistent }),
    );
    return stripKeys<Series>(r.Item);
  }

  async listSeries(): Promise<Series[]> {
    return (await partitionItems(this, ITEMS.series.pk.text, false)).map((it) => stripKeys<Series>(it)!);
  }

  async seriesOfOfficial(email: string): Promise<string[]> {
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': ITEMS.officialGrant.pk.build({ email: email.toLowerCase() }) },
      }),
    );
    return (r.Items ?? []).map((i) => String(i.seriesId));
  }
}

/** Match import and series edits (admin). */
export class CatalogWriteStore extends StoreCore {
  /** Upsert; at most 500 per call (the route limits it). Parallel PutItem, 25 in flight. */
  async putMatches(matches: Match[]): Promise<void> {
    for (let i = 0; i < matches.length; i += 25) {
      await Promise.all(
        matches.slice(i, i + 25).map((m) => this.doc.send(new PutCommand({ TableName: this.tableName, Item: matchItem(m) }))),
      );
    }
  }

  /**
   * The series and its officials' lookup items change together, so an official's scope never lags. The write
   * is conditional on the series being as read (`previous`, by its `version`): a concurrent edit makes it fail
   * (false), so the grants it removes are exactly those of the series it replaces (issue 11: a stale grant).
   */
  async putSeries(series: Series, previous: Series | undefined): Promise<boolean> {
    const emails = new Set(series.officials.map((o) => o.email.toLowerCase()));
    const removed = (previous?.officials ?? []).map((o) => o.email.toLowerCase()).filter((e) => !emails.has(e));
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...ITEMS.series.key({ seriesId: series.id }), ...series, version: (previous?.version ?? 0) + 1 },
          ...(previous === undefined
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : previous.version === undefined
              ? { ConditionExpression: 'attribute_not_exists(version)' }
              : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': previous.version } }),
        },
      },
      ...[...emails].map((email) => ({
        Put: { TableName: this.tableName, Item: { ...ITEMS.officialGrant.key({ email, seriesId: series.id }), seriesId: series.id } },
      })),
      ...[...new Set(removed)].map((email) => ({
        Delete: { TableName: this.tableName, Key: ITEMS.officialGrant.key({ email, seriesId: series.id }) },
      })),
    ];
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (err) {
      const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
      const lost =
        e.name === 'TransactionCanceledException' &&
        (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict');
      if (lost || e.name === 'TransactionConflictException') return false;
      throw err;
    }
  }
}

/** The staff queue: open cases in arrival order, through the sparse queue index, with an opaque cursor. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AppError } from '../errors.js';
import { INDEXES } from './table-design.js';
import { stripKeys, StoreCore, type Case, type Item, type QueuePage } from './core.js';
import { IN_INDEX, ITEMS } from './items.js';

export class QueueStore extends StoreCore {
  /**
   * Open cases, oldest first, through the sparse queue index. `asStored`: the items as DynamoDB returned them (key
   * attributes included, string sets as Set objects), not copied into records, for a reader that picks its own
   * attributes and treats a Set as `stripKeys` does (the queue rows: ../usecases/queue.ts; a copy of each item was
   * ~7 µs of a page of 50; issue 15).
   */
  async listQueue(opts: { limit: number; cursor?: string; status?: string; kind?: string; asStored?: boolean }): Promise<QueuePage> {
    const items: Case[] = [];
    let start: Item | undefined = opts.cursor ? decodeCursor(opts.cursor) : undefined;
    const filters: string[] = [];
    const values: Item = { ':q': IN_INDEX.queue.pk.text };
    const names: Record<string, string> = {};
    if (opts.status) {
      filters.push('#s = :s');
      names['#s'] = 'status';
      values[':s'] = opts.status;
    }
    if (opts.kind) {
      filters.push('#k = :k');
      names['#k'] = 'kind';
      values[':k'] = opts.kind;
    }
    // A filter may thin out a page; keep reading until the page is full or the queue ends.
    for (let round = 0; round < 20; round++) {
      const r = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INDEXES.queue.name,
          KeyConditionExpression: 'GSI1PK = :q',
          ExpressionAttributeValues: values,
          ...(filters.length ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
          ExclusiveStartKey: start,
          Limit: opts.limit - items.length + (filters.length ? 25 : 0),
        }),
      );
      for (const it of r.Items ?? []) {
        if (items.length < opts.limit) {
          items.push(opts.asStored ? (it as Case) : stripKeys<Case>(it)!);
          start = { PK: it.PK, SK: it.SK, GSI1PK: it.GSI1PK, GSI1SK: it.GSI1SK };
        }
      }
      if (items.length >= opts.limit) {
        return { items, nextCursor: r.LastEvaluatedKey || (r.Items?.length ?? 0) > 0 ? encodeCursor(start!) : undefined };
      }
      start = r.LastEvaluatedKey;
      if (!start) break;
    }
    return { items, nextCursor: start ? encodeCursor(start) : undefined };
  }
}

function decodeCursor(cursor: string): Item {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Item;
    if (
      typeof v !== 'object' ||
      v === null ||
      v.GSI1PK !== IN_INDEX.queue.pk.text ||
      typeof v.GSI1SK !== 'string' ||
      typeof v.PK !== 'string' ||
      v.SK !== ITEMS.case.sk.text
    )
      throw new Error('bad');
    // Empty or over-long key values would make DynamoDB refuse the query (a 500): refuse them here.
    const idLength = v.PK.length - ITEMS.case.pk.prefix.length;
    if (!v.PK.startsWith(ITEMS.case.pk.prefix) || idLength < 1 || idLength > 200 || v.GSI1SK.length < 1 || v.GSI1SK.length > 300)
      throw new Error('bad');
    return { PK: v.PK, SK: v.SK, GSI1PK: v.GSI1PK, GSI1SK: v.GSI1SK };
  } catch {
    throw new AppError('validation_failed', 'The cursor is not valid: pass the nextCursor value from the previous page unchanged.', [
      { path: 'cursor', message: 'is not a cursor this API issued' },
    ]);
  }
}

function encodeCursor(key: Item): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

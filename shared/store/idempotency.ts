/** Idempotency records (IDEM#<key> / IDEM): taken with a conditional put, given back only by their owner. */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { TTL_ATTRIBUTE } from './table-design.js';
import { epochSeconds, idemKey, StoreCore, type IdempotencyRecord } from './core.js';

export class IdempotencyStore extends StoreCore {
  /**
   * Takes the key for this request. Returns null when taken; otherwise the existing record
   * (completed, or still in flight). A record whose lock ran out (its request died) can be taken over.
   */
  async beginIdempotent(key: string, bodyHash: string, owner: string, now: Date, lockSeconds = 30): Promise<IdempotencyRecord | null> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...idemKey(key),
            status: 'in-progress',
            bodyHash,
            owner,
            lockUntil: new Date(now.getTime() + lockSeconds * 1000).toISOString(),
            [TTL_ATTRIBUTE]: epochSeconds(now) + 24 * 3600,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR (#s = :inflight AND lockUntil < :now AND bodyHash = :h)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':inflight': 'in-progress', ':now': now.toISOString(), ':h': bodyHash },
        }),
      );
      return null;
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: idemKey(key), ConsistentRead: true }));
      return r.Item as unknown as IdempotencyRecord;
    }
  }

  /** Gives the key back after a refused or failed request — only if this request still owns it. */
  async abandonIdempotent(key: string, owner: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: idemKey(key),
          ConditionExpression: '#s = :inflight AND #o = :owner',
          ExpressionAttributeNames: { '#s': 'status', '#o': 'owner' },
          ExpressionAttributeValues: { ':inflight': 'in-progress', ':owner': owner },
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    }
  }
}

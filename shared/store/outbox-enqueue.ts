/** Emails written on their own, not with a case change: sla-watch's digests (one per recipient per run). */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxEmail } from '../domain/records.js';
import { outboxItem, StoreCore } from './core.js';

export class OutboxEnqueueStore extends StoreCore {
  /** Writes each email unless its id (derived from its cause) is there already; answers the ones written. */
  async enqueueOutbox(emails: OutboxEmail[]): Promise<OutboxEmail[]> {
    const written: OutboxEmail[] = [];
    for (const e of emails) {
      try {
        await this.doc.send(
          new PutCommand({ TableName: this.tableName, Item: outboxItem(e), ConditionExpression: 'attribute_not_exists(PK)' }),
        );
        written.push(e);
      } catch (err) {
        if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      }
    }
    return written;
  }
}

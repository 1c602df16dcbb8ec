/**
 * Email in (contract §9): the items that thread inbound mail to cases and make each message count once.
 *   THREAD#<ses message id> / THREAD   the case of an email we sent (written when SES accepts it; TTL 400 days)
 *   INMSG#<sha256(Message-ID)> / INMSG an inbound message already handled: its case, or why it was dropped
 * Both teams on a date are found through the matches-by-date index (./matches.ts declares it).
 * Message-IDs are hashed in keys: they may carry a sender's address.
 */
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { epochSeconds, StoreCore, type Item } from './core.js';
import { IN_INDEX, ITEMS } from './items.js';
import { INDEXES, TTL_ATTRIBUTE } from './table-design.js';

const THREAD_DAYS = 400;
const digest = (s: string) => createHash('sha256').update(s).digest('hex');
const threadKey = (messageId: string) => ITEMS.thread.key({ sesMessageId: messageId });
const guardKey = (messageId: string) => ITEMS.inboundMessage.key({ messageIdHash: digest(messageId) });

export function sentMessageItem(messageId: string, caseId: string, at: Date): Item {
  return { ...threadKey(messageId), caseId, [TTL_ATTRIBUTE]: epochSeconds(at) + THREAD_DAYS * 86_400 };
}

export interface InboundRecord {
  outcome: 'new-contact' | 'reply' | 'dropped';
  caseId?: string;
  reason?: string;
  at: string;
}

export class InboundStore extends StoreCore {
  /** The first of these sent-message ids (SES MessageIds) that belongs to a case, in the order given. */
  async caseOfSentMessages(messageIds: string[]): Promise<string | undefined> {
    const ids = [...new Set(messageIds)].slice(0, 50);
    if (ids.length === 0) return undefined;
    const r = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: ids.map(threadKey) } } }));
    const found = new Map(
      (r.Responses?.[this.tableName] ?? []).map((it) => [String(it.PK).slice(ITEMS.thread.pk.prefix.length), String(it.caseId)]),
    );
    for (const id of ids) if (found.has(id)) return found.get(id);
    return undefined;
  }

  /** How an inbound message was handled before, if it was. */
  async inboundHandled(messageId: string): Promise<InboundRecord | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: guardKey(messageId), ConsistentRead: true }));
    return r.Item
      ? {
          outcome: r.Item.outcome as InboundRecord['outcome'],
          ...(r.Item.caseId ? { caseId: String(r.Item.caseId) } : {}),
          at: String(r.Item.at),
        }
      : undefined;
  }

  /** The guard item of a message, to put in the same transaction as its case or reply: that write fails if it was handled. */
  inboundGuard(messageId: string, record: InboundRecord): { item: Item; condition: string } {
    return { item: { ...guardKey(messageId), ...record }, condition: 'attribute_not_exists(PK)' };
  }

  /** A dropped message is remembered too (so a redelivery is not parsed and judged again); false if it was already handled. */
  async recordDropped(messageId: string, reason: string, at: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...guardKey(messageId),
            outcome: 'dropped',
            reason,
            at: at.toISOString(),
            [TTL_ATTRIBUTE]: epochSeconds(at) + 30 * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  /** The ids of the matches of a Helsinki day: the matches-by-date index (imported and synced matches alike). */
  async matchIdsOnDay(day: string): Promise<string[]> {
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.matchesByDate.name,
        KeyConditionExpression: 'GSI7PK = :pk',
        ExpressionAttributeValues: { ':pk': IN_INDEX.matchesByDate.pk.build({ day }) },
        ProjectionExpression: 'id',
        Limit: 200,
      }),
    );
    return (r.Items ?? []).map((i) => String(i.id));
  }
}

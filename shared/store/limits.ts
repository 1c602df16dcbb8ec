/**
 * Limits on the public doors (contract §11): the admin-set limits (CONFIG / LIMITS) and the counter items
 * that enforce them. A counter is bumped in the SAME transaction as the report or callback it counts,
 * conditional on being under its maximum, so a refused request stores nothing, and concurrent requests
 * cannot both take the last place. Counters expire by TTL once their window is over.
 *
 * Items (no personal data in keys: the subject is an HMAC, see ../domain/contact-key.ts):
 *   LIMIT#<kind>#<hmac(subject)>#<window> / LIMIT   counter `n`, TTL `expiresAt`
 *     kind ack    subject = email address,  window = Helsinki day   acknowledgements sent
 *     kind phone  subject = phone number,   window = Helsinki day   callback requests
 *     kind client subject = source IP,      window = 10-minute slot public POSTs
 *   ACKONCE#<hmac(email, match, category)> / ACKONCE   `caseId` of the last acknowledged report, TTL
 *     (no second acknowledgement while that report is open)
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { contactHash } from '../domain/contact-key.js';
import { StoreCore, type TransactItem } from './core.js';
import { ITEMS } from './items.js';
import { TTL_ATTRIBUTE } from './table-design.js';

export interface Limits {
  perAddressPerDay: number;
  perPhonePerDay: number;
  perClientPer10Min: number;
}

export const DEFAULT_LIMITS: Limits = { perAddressPerDay: 5, perPhonePerDay: 3, perClientPer10Min: 30 };

export type CounterKind = 'ack' | 'phone' | 'client';

/** The one shape of a counter item (its key: ITEMS.limitCounter). */
export interface CounterItem {
  PK: string;
  SK: string;
  n: number;
  [TTL_ATTRIBUTE]: number;
}

/** A limit checked and counted in a case's transaction. */
export type LimitGuard =
  | { type: 'count'; kind: CounterKind; subject: string; window: string; max: number; expiresAt: number }
  | { type: 'ack-once'; email: string; matchId: string; category: string; caseId: string; replaces: string[]; expiresAt: number };

export const counterKey = (kind: CounterKind, subject: string, window: string) =>
  ITEMS.limitCounter.key({ kind, subjectHmac: contactHash(subject), window });

const ackOnceKey = (email: string, matchId: string, category: string) =>
  ITEMS.ackOnce.key({ hmac: contactHash(`${email}\n${matchId}\n${category}`) });

/** The partition key a guard writes (a refused guard is named by it in ConflictError.failedKeys). */
export function guardKey(g: LimitGuard): string {
  return g.type === 'count' ? counterKey(g.kind, g.subject, g.window).PK : ackOnceKey(g.email, g.matchId, g.category).PK;
}

/** The transaction item of a guard. */
export function guardItem(tableName: string, g: LimitGuard): TransactItem {
  if (g.type === 'count') {
    return {
      Update: {
        TableName: tableName,
        Key: counterKey(g.kind, g.subject, g.window),
        UpdateExpression: 'ADD n :one SET #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(n) OR n < :max',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': 1, ':ttl': g.expiresAt, ':max': g.max },
      },
    };
  }
  // The guard may replace only an item naming a report known to be closed: one naming a report that is open
  // (or created at this moment by a concurrent request) makes the transaction fail, and the request is
  // decided again without an acknowledgement.
  const values: Record<string, unknown> = {};
  g.replaces.slice(0, 99).forEach((id, i) => (values[`:c${i}`] = id));
  const inList = Object.keys(values);
  // by assignment, not `{ ...key, … }` or a conditional spread: V8's slow path (issue 15)
  const key = ackOnceKey(g.email, g.matchId, g.category);
  const put: NonNullable<TransactItem['Put']> = {
    TableName: tableName,
    Item: { PK: key.PK, SK: key.SK, caseId: g.caseId, [TTL_ATTRIBUTE]: g.expiresAt },
    ConditionExpression: inList.length ? `attribute_not_exists(PK) OR caseId IN (${inList.join(', ')})` : 'attribute_not_exists(PK)',
  };
  if (inList.length) put.ExpressionAttributeValues = values;
  return { Put: put };
}

/** The limits in force (admin-set, or the contract's defaults). */
export class LimitsStore extends StoreCore {
  async getLimits(): Promise<Limits | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: ITEMS.limits.key({}) }));
    return (r.Item?.limits as Limits | undefined) ?? undefined;
  }
}

/** Writes the limits (admin). */
export class LimitsWriteStore extends StoreCore {
  async putLimits(limits: Limits, at: string, actor: string): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: { ...ITEMS.limits.key({}), limits, updatedAt: at, updatedBy: actor } }),
    );
  }
}

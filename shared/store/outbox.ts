/**
 * The email outbox (OUTBOX#<id> / OUTBOX), in three parts a function takes as it needs them: sending one
 * email (lease, then sent / retry later / undeliverable), the pending index the outbox job drains, and
 * SES feedback. Emails are written with the change that causes them (CaseStore.commitChange).
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxEmail } from '../domain/records.js';
import { INDEXES, TTL_ATTRIBUTE } from './table-design.js';
import { caseKey, epochSeconds, outboxKey, stripKeys, StoreCore } from './core.js';
import { IN_INDEX } from './items.js';
import { sentMessageItem } from './inbound.js';

/**
 * Minutes a `sending` email (its sender died mid-send) waits for SES's Send/Delivery event before it is sent
 * again: SES publishes those within seconds of accepting a message, so none by then means SES never took it.
 */
export const UNCONFIRMED_RESEND_MINUTES = 15;

/** Sending one email: lease it, then mark it sent, due again later, or undeliverable. */
export class OutboxStore extends StoreCore {
  async getOutbox(id: string): Promise<OutboxEmail | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: outboxKey(id), ConsistentRead: true }));
    return stripKeys<OutboxEmail>(r.Item);
  }

  /**
   * Leases a pending email for sending; null if someone else has it or it is no longer due. `abandonedLease`
   * is the lease of an earlier sender that never recorded an outcome (it may have been sent: see deliverOne).
   */
  async leaseOutbox(
    id: string,
    now: Date,
    leaseSeconds: number,
    unconfirmedMinutes = UNCONFIRMED_RESEND_MINUTES,
  ): Promise<(OutboxEmail & { abandonedLease?: string }) | null> {
    // A `sending` email SES never confirmed within `unconfirmedMinutes` was never taken by SES (its Send
    // event comes within seconds): it is pending again, so an email is never lost either.
    const confirmBy = new Date(now.getTime() - unconfirmedMinutes * 60_000).toISOString();
    try {
      const r = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: outboxKey(id),
          UpdateExpression: 'SET leaseUntil = :lease, attempts = attempts + :one, #s = :pending REMOVE unconfirmedSince',
          ConditionExpression:
            '(#s = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)) OR (#s = :sending AND ' +
            'unconfirmedSince < :confirmBy)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':sending': 'sending',
            ':confirmBy': confirmBy,
            ':now': now.toISOString(),
            ':lease': new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
            ':one': 1,
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const old = stripKeys<OutboxEmail & { leaseUntil?: string }>(r.Attributes);
      if (!old) return null;
      // copied by assignment without leaseUntil, not by rest and spreads (V8's slow path; issue 15)
      const copy: Record<string, unknown> = {};
      for (const k in old) if (k !== 'leaseUntil') copy[k] = old[k as keyof typeof old];
      const email = copy as unknown as OutboxEmail & { abandonedLease?: string };
      email.attempts = (old.attempts ?? 0) + 1;
      if (old.leaseUntil) email.abandonedLease = old.leaseUntil;
      return email;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return null;
      throw err;
    }
  }

  async markOutboxSent(id: string, messageId: string, at: Date): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: outboxKey(id),
        UpdateExpression: 'SET #s = :sent, sentAt = :at, messageId = :m, #ttl = :ttl REMOVE GSI6PK, GSI6SK, leaseUntil',
        ExpressionAttributeNames: { '#s': 'status', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':sent': 'sent', ':at': at.toISOString(), ':m': messageId, ':ttl': epochSeconds(at) + 90 * 24 * 3600 },
      }),
    );
  }

  /** The case an email we sent belongs to, by the Message-ID SES gave it (email-in threads replies with it). */
  async rememberSentMessage(messageId: string, caseId: string, at: Date): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: sentMessageItem(messageId, caseId, at) }));
  }

  async rescheduleOutbox(id: string, nextAttemptAt: string, error: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: outboxKey(id),
        UpdateExpression: 'SET nextAttemptAt = :n, GSI6SK = :sk, lastError = :e REMOVE leaseUntil',
        ConditionExpression: '#s = :pending',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':n': nextAttemptAt,
          ':sk': IN_INDEX.outboxPending.sk.build({ nextAttemptAt, id }),
          ':e': error.slice(0, 500),
          ':pending': 'pending',
        },
      }),
    );
  }

  /**
   * An email whose sender died between SES accepting it and recording that: out of the pending index, status
   * `sending`, until an SES Send/Delivery event (ses-events) confirms it. Never sent twice (issue 11).
   */
  async holdOutboxUnconfirmed(id: string, at: Date, unconfirmedMinutes = UNCONFIRMED_RESEND_MINUTES): Promise<void> {
    // It stays in the pending index, due again when SES had ample time to confirm it (leaseOutbox re-sends it then).
    const recheckAt = new Date(at.getTime() + unconfirmedMinutes * 60_000 + 1000).toISOString();
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: outboxKey(id),
        UpdateExpression: 'SET #s = :sending, unconfirmedSince = :at, nextAttemptAt = :n, GSI6SK = :sk REMOVE leaseUntil',
        ConditionExpression: '#s = :pending',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':at': at.toISOString(),
          ':n': recheckAt,
          ':sk': IN_INDEX.outboxPending.sk.build({ nextAttemptAt: recheckAt, id }),
        },
      }),
    );
  }

  async markOutboxUndeliverable(id: string, error: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: outboxKey(id),
        UpdateExpression: 'SET #s = :u, lastError = :e REMOVE GSI6PK, GSI6SK, leaseUntil',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':u': 'undeliverable', ':e': error.slice(0, 500) },
      }),
    );
  }

  /** Remembers an address SES refused on the case, so staff see it. */
  async markCaseUndeliverable(caseId: string, address: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKey(caseId),
          UpdateExpression: 'ADD undeliverable :a',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':a': new Set([address]) },
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    }
  }
}

/** The pending-email index (outbox-pending), oldest first: what the email-outbox job sends. */
export class OutboxQueueStore extends StoreCore {
  async listOutboxDue(now: string, limit = 50): Promise<OutboxEmail[]> {
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.outboxPending.name,
        KeyConditionExpression: 'GSI6PK = :pk AND GSI6SK <= :now',
        ExpressionAttributeValues: { ':pk': IN_INDEX.outboxPending.pk.text, ':now': `${now}#~` },
        Limit: limit,
      }),
    );
    return (r.Items ?? []).map((i) => stripKeys<OutboxEmail>(i)!);
  }

  /** The oldest pending email (for the "outbox stuck" metric). */
  async oldestPendingOutbox(): Promise<OutboxEmail | undefined> {
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.outboxPending.name,
        KeyConditionExpression: 'GSI6PK = :pk',
        ExpressionAttributeValues: { ':pk': IN_INDEX.outboxPending.pk.text },
        Limit: 1,
      }),
    );
    return r.Items?.[0] ? stripKeys<OutboxEmail>(r.Items[0]) : undefined;
  }
}

/** SES bounces and complaints recorded on the email. */
export class OutboxFeedbackStore extends StoreCore {
  /**
   * Records an SES bounce or complaint on an outbox email (attribute `bounced` or `complained`). An email
   * still pending becomes undeliverable (it leaves the outbox index); a sent one keeps its status.
   * Returns the updated email, or undefined when there is no such email.
   */
  async recordOutboxFeedback(
    id: string,
    field: 'bounced' | 'complained',
    info: Record<string, unknown>,
    undeliverable: boolean,
  ): Promise<OutboxEmail | undefined> {
    const key = outboxKey(id);
    if (undeliverable) {
      try {
        const r = await this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
            UpdateExpression: 'SET #f = :info, #s = :u, lastError = :e REMOVE GSI6PK, GSI6SK, leaseUntil',
            ConditionExpression: '#s = :pending',
            ExpressionAttributeNames: { '#f': field, '#s': 'status' },
            ExpressionAttributeValues: { ':info': info, ':u': 'undeliverable', ':e': `SES ${field}`, ':pending': 'pending' },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return stripKeys<OutboxEmail>(r.Attributes);
      } catch (err) {
        if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      }
    }
    try {
      const r = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET #f = :info',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#f': field },
          ExpressionAttributeValues: { ':info': info },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return stripKeys<OutboxEmail>(r.Attributes);
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
      throw err;
    }
  }
}

/**
 * The DynamoDB store: named access patterns, each a GetItem, a Query on the table or an index, or a
 * conditional / transactional write. No Scan anywhere (tests/infra checks the grants, too).
 */
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { AppError } from '../errors.js';
import type { CalendarConfig } from '../domain/calendar-config.js';
import { OPEN_STATUSES, type Correction } from '../domain/correction.js';
import type { Callback, HistoryEntry, Match, Note, OutboxEmail, PublicMessage, Series } from '../domain/records.js';
import { INDEXES, TTL_ATTRIBUTE } from './table-design.js';

export type Case = Correction | Callback;
type Item = Record<string, unknown>;
type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

const pad = (n: number) => String(n).padStart(6, '0');
const caseKey = (id: string) => ({ PK: `C#${id}`, SK: 'META' });
export const outboxId = (cause: string) => createHash('sha256').update(cause).digest('hex').slice(0, 32);
const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** Index attributes follow from the record's state, so they can never disagree with it. */
export function caseIndexAttributes(c: Case): Item {
  const attrs: Item = {};
  const open = c.kind === 'correction' ? OPEN_STATUSES.includes(c.status) : c.status !== 'completed';
  if (open) {
    attrs.GSI1PK = 'QUEUE';
    attrs.GSI1SK = `${c.receivedAt}#${c.id}`;
  }
  if (c.kind === 'correction') {
    if (open) {
      attrs.GSI2PK = `OPEN#${c.matchId}#${c.category}`;
      attrs.GSI2SK = `${c.receivedAt}#${c.id}`;
    }
    const sla = c.sla;
    if (sla && !sla.pausedAt) {
      if (!c.firstResponseAt && c.status === 'queued' && !sla.firstResponseBreachNotifiedAt) {
        attrs.GSI3PK = 'DUE#FR';
        attrs.GSI3SK = `${sla.firstResponseDueAt}#${c.id}`;
      }
      if (open && !sla.resolutionBreachNotifiedAt) {
        attrs.GSI4PK = 'DUE#RES';
        attrs.GSI4SK = `${sla.resolutionDueAt}#${c.id}`;
      }
    }
    if (c.status === 'escalated' && c.escalatedAt) {
      attrs.GSI5PK = `ESC#${c.seriesId}`;
      attrs.GSI5SK = `${c.escalatedAt}#${c.id}`;
    }
  } else {
    if (open) {
      attrs.GSI2PK = `OPENCB#${c.phone}`;
      attrs.GSI2SK = `${c.receivedAt}#${c.id}`;
    }
    if (c.sla && !c.firstResponseAt && c.status === 'queued' && !c.sla.firstResponseBreachNotifiedAt) {
      attrs.GSI3PK = 'DUE#FR';
      attrs.GSI3SK = `${c.sla.firstResponseDueAt}#${c.id}`;
    }
  }
  return attrs;
}

const stripKeys = <T>(item: Item | undefined): T | undefined => {
  if (!item) return undefined;
  const { PK: _pk, SK: _sk, GSI1PK: _1, GSI1SK: _2, GSI2PK: _3, GSI2SK: _4, GSI3PK: _5, GSI3SK: _6, GSI4PK: _7, GSI4SK: _8, GSI5PK: _9, GSI5SK: _10, GSI6PK: _11, GSI6SK: _12, [TTL_ATTRIBUTE]: _ttl, ...rest } = item;
  // String sets come back as Set objects; records carry arrays.
  for (const [k, v] of Object.entries(rest)) if (v instanceof Set) rest[k] = [...v].sort();
  return rest as T;
};

export interface CaseChange {
  /** the new full record (version already incremented) */
  next: Case;
  /** the version the change was computed from: the write is conditional on it */
  fromVersion: number | null;
  history: HistoryEntry[];
  notes?: Note[];
  messages?: PublicMessage[];
  emails?: OutboxEmail[];
  /** extra items to put in the same transaction (reference guard, re-contact index…) */
  extraPuts?: { item: Item; condition?: string }[];
  /** complete an idempotency record in the same transaction */
  idempotency?: { key: string; owner: string; response: Item };
  /** per-day counters (reports): ADD to these numeric attributes of AGG#<day> items */
  aggregates?: { day: string; add: Record<string, number> }[];
}

export interface QueuePage {
  items: Case[];
  nextCursor?: string;
}

export interface IdempotencyRecord {
  status: 'in-progress' | 'completed';
  bodyHash: string;
  owner: string;
  lockUntil: string;
  response?: Item;
}

export class ConflictError extends Error {
  constructor(readonly reasons: (string | undefined)[]) {
    super('transaction conflict');
  }
}

export class DynamoStore {
  constructor(
    readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  // ---------- health ----------
  async ping(): Promise<void> {
    await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { PK: 'HEALTH', SK: 'HEALTH' } }));
  }

  // ---------- calendar ----------
  async getCalendar(): Promise<CalendarConfig | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { PK: 'CONFIG', SK: 'CALENDAR' } }));
    return (r.Item?.calendar as CalendarConfig | undefined) ?? undefined;
  }

  async putCalendar(calendar: CalendarConfig, at: string, actor: string): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { PK: 'CONFIG', SK: 'CALENDAR', calendar, updatedAt: at, updatedBy: actor } }));
  }

  // ---------- matches and series ----------
  async getMatch(id: string): Promise<Match | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { PK: `MATCH#${id}`, SK: 'META' } }));
    return stripKeys<Match>(r.Item);
  }

  /** Upsert; at most 500 per call (the route limits it). Parallel PutItem, 25 in flight. */
  async putMatches(matches: Match[]): Promise<void> {
    for (let i = 0; i < matches.length; i += 25) {
      await Promise.all(
        matches.slice(i, i + 25).map((m) =>
          this.doc.send(new PutCommand({ TableName: this.tableName, Item: { PK: `MATCH#${m.id}`, SK: 'META', ...m } })),
        ),
      );
    }
  }

  async listSeries(): Promise<Series[]> {
    const out: Series[] = [];
    let start: Item | undefined;
    do {
      const r = await this.doc.send(new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'SERIES' }, ExclusiveStartKey: start }));
      for (const it of r.Items ?? []) out.push(stripKeys<Series>(it)!);
      start = r.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async getSeries(id: string): Promise<Series | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { PK: 'SERIES', SK: id } }));
    return stripKeys<Series>(r.Item);
  }

  /** The series and its officials' lookup items change together, so an official's scope never lags. */
  async putSeries(series: Series, previous: Series | undefined): Promise<void> {
    const emails = new Set(series.officials.map((o) => o.email.toLowerCase()));
    const removed = (previous?.officials ?? []).map((o) => o.email.toLowerCase()).filter((e) => !emails.has(e));
    const items: TransactItem[] = [
      { Put: { TableName: this.tableName, Item: { PK: 'SERIES', SK: series.id, ...series } } },
      ...[...emails].map((email) => ({ Put: { TableName: this.tableName, Item: { PK: `OFFICIAL#${email}`, SK: `SERIES#${series.id}`, seriesId: series.id } } })),
      ...[...new Set(removed)].map((email) => ({ Delete: { TableName: this.tableName, Key: { PK: `OFFICIAL#${email}`, SK: `SERIES#${series.id}` } } })),
    ];
    await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
  }

  async seriesOfOfficial(email: string): Promise<string[]> {
    const r = await this.doc.send(new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `OFFICIAL#${email.toLowerCase()}` } }));
    return (r.Items ?? []).map((i) => String(i.seriesId));
  }

  // ---------- cases ----------
  async getCase(id: string, consistent = true): Promise<Case | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: caseKey(id), ConsistentRead: consistent }));
    return stripKeys<Case>(r.Item);
  }

  async getCases(ids: string[]): Promise<Case[]> {
    const out: Case[] = [];
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Item[] | undefined = unique.slice(i, i + 100).map(caseKey);
      for (let attempt = 0; keys && keys.length > 0 && attempt < 5; attempt++) {
        const r = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }));
        for (const it of r.Responses?.[this.tableName] ?? []) out.push(stripKeys<Case>(it)!);
        keys = r.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined;
      }
    }
    return out;
  }

  /** The case with its audit trail, internal notes and public messages: one Query on its partition. */
  async getCaseWithDetails(id: string): Promise<{ record: Case; history: HistoryEntry[]; notes: Note[]; messages: PublicMessage[] } | undefined> {
    const history: HistoryEntry[] = [];
    const notes: Note[] = [];
    const messages: PublicMessage[] = [];
    let record: Case | undefined;
    let start: Item | undefined;
    do {
      const r = await this.doc.send(new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `C#${id}` }, ConsistentRead: true, ExclusiveStartKey: start }));
      for (const it of r.Items ?? []) {
        const sk = String(it.SK);
        if (sk === 'META') record = stripKeys<Case>(it);
        else if (sk.startsWith('H#')) history.push(stripKeys<HistoryEntry>(it)!);
        else if (sk.startsWith('N#')) notes.push(stripKeys<Note>(it)!);
        else if (sk.startsWith('M#')) messages.push(stripKeys<PublicMessage>(it)!);
      }
      start = r.LastEvaluatedKey;
    } while (start);
    return record ? { record, history, notes, messages } : undefined;
  }

  async getPublicMessages(id: string): Promise<PublicMessage[]> {
    const r = await this.doc.send(new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :m)', ExpressionAttributeValues: { ':pk': `C#${id}`, ':m': 'M#' } }));
    return (r.Items ?? []).map((i) => stripKeys<PublicMessage>(i)!);
  }

  async referenceTaken(reference: string): Promise<boolean> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { PK: `REF#${reference}`, SK: 'REF' }, ConsistentRead: true }));
    return Boolean(r.Item);
  }

  async caseIdByReference(reference: string): Promise<string | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { PK: `REF#${reference}`, SK: 'REF' } }));
    return r.Item?.caseId as string | undefined;
  }

  /** Duplicate detection: the oldest open correction of the same match and category. */
  async findOpenCorrection(matchId: string, category: string): Promise<string | undefined> {
    const r = await this.doc.send(new QueryCommand({ TableName: this.tableName, IndexName: INDEXES.openByMatch.name, KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': `OPEN#${matchId}#${category}` }, Limit: 1 }));
    const sk = r.Items?.[0]?.GSI2SK as string | undefined;
    return sk?.slice(sk.lastIndexOf('#') + 1);
  }

  /** An open callback for this phone number, if any. */
  async findOpenCallback(phone: string): Promise<string | undefined> {
    const r = await this.doc.send(new QueryCommand({ TableName: this.tableName, IndexName: INDEXES.openByMatch.name, KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': `OPENCB#${phone}` }, Limit: 1 }));
    const sk = r.Items?.[0]?.GSI2SK as string | undefined;
    return sk?.slice(sk.lastIndexOf('#') + 1);
  }

  /** Re-contacts: earlier cases on this match by the same email or phone (index items written at creation). */
  async findReporterCases(matchId: string, contacts: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const contact of new Set(contacts)) {
      const r = await this.doc.send(new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': reporterKey(matchId, contact) }, ScanIndexForward: false, Limit: 50 }));
      for (const it of r.Items ?? []) ids.push(String(it.caseId));
    }
    return [...new Set(ids)];
  }

  /** Open cases, oldest first, through the sparse queue index. */
  async listQueue(opts: { limit: number; cursor?: string; status?: string; kind?: string }): Promise<QueuePage> {
    const items: Case[] = [];
    let start: Item | undefined = opts.cursor ? decodeCursor(opts.cursor) : undefined;
    const filters: string[] = [];
    const values: Item = { ':q': 'QUEUE' };
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
          items.push(stripKeys<Case>(it)!);
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

  /** Due items of an SLA index up to `until` (inclusive), oldest first. */
  async listDue(index: 'firstResponseDue' | 'resolutionDue', until: string, limit = 100): Promise<string[]> {
    const def = INDEXES[index];
    const pk = index === 'firstResponseDue' ? 'DUE#FR' : 'DUE#RES';
    const r = await this.doc.send(new QueryCommand({ TableName: this.tableName, IndexName: def.name, KeyConditionExpression: `${def.partitionKey} = :pk AND ${def.sortKey} <= :until`, ExpressionAttributeValues: { ':pk': pk, ':until': `${until}#~` }, Limit: limit }));
    return (r.Items ?? []).map((i) => String(i.id));
  }

  async listEscalated(seriesIds: string[]): Promise<Case[]> {
    const out: Case[] = [];
    for (const seriesId of seriesIds) {
      let start: Item | undefined;
      do {
        const r = await this.doc.send(new QueryCommand({ TableName: this.tableName, IndexName: INDEXES.escalatedBySeries.name, KeyConditionExpression: 'GSI5PK = :pk', ExpressionAttributeValues: { ':pk': `ESC#${seriesId}` }, ExclusiveStartKey: start }));
        for (const it of r.Items ?? []) out.push(stripKeys<Case>(it)!);
        start = r.LastEvaluatedKey;
      } while (start);
    }
    return out.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1));
  }

  /**
   * Writes a state change, its audit records, notes/messages, emails and counters in ONE transaction,
   * conditional on the version it was computed from. Throws ConflictError when someone else won.
   */
  async commitChange(change: CaseChange): Promise<void> {
    const { next } = change;
    const items: TransactItem[] = [];
    items.push({
      Put: {
        TableName: this.tableName,
        Item: { ...caseKey(next.id), ...next, ...caseIndexAttributes(next) },
        ...(change.fromVersion === null
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': change.fromVersion } }),
      },
    });
    let n = 0;
    for (const h of change.history) {
      items.push({ Put: { TableName: this.tableName, Item: { PK: `C#${next.id}`, SK: `H#${pad(h.version)}#${n++}`, ...h }, ConditionExpression: 'attribute_not_exists(PK)' } });
    }
    for (const note of change.notes ?? []) {
      items.push({ Put: { TableName: this.tableName, Item: { PK: `C#${next.id}`, SK: `N#${note.at}#${pad(next.version)}`, ...note } } });
    }
    for (const m of change.messages ?? []) {
      items.push({ Put: { TableName: this.tableName, Item: { PK: `C#${next.id}`, SK: `M#${m.at}#${pad(next.version)}`, ...m } } });
    }
    for (const e of change.emails ?? []) {
      items.push({ Put: { TableName: this.tableName, Item: outboxItem(e), ConditionExpression: 'attribute_not_exists(PK)' } });
    }
    for (const p of change.extraPuts ?? []) {
      items.push({ Put: { TableName: this.tableName, Item: p.item, ...(p.condition ? { ConditionExpression: p.condition } : {}) } });
    }
    for (const agg of change.aggregates ?? []) {
      const entries = Object.entries(agg.add).filter(([, v]) => v !== 0);
      if (entries.length === 0) continue;
      const names: Record<string, string> = {};
      const values: Item = {};
      entries.forEach(([k, v], i) => {
        names[`#a${i}`] = k;
        values[`:a${i}`] = v;
      });
      items.push({
        Update: {
          TableName: this.tableName,
          Key: { PK: `AGG#${agg.day}`, SK: 'AGG' },
          UpdateExpression: `ADD ${entries.map((_, i) => `#a${i} :a${i}`).join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      });
    }
    if (change.idempotency) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: idemKey(change.idempotency.key),
          UpdateExpression: 'SET #s = :done, #r = :resp',
          ConditionExpression: '#s = :inflight AND #o = :owner',
          ExpressionAttributeNames: { '#s': 'status', '#r': 'response', '#o': 'owner' },
          ExpressionAttributeValues: { ':done': 'completed', ':resp': change.idempotency.response, ':inflight': 'in-progress', ':owner': change.idempotency.owner },
        },
      });
    }
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (err) {
      const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
      if (e.name === 'TransactionCanceledException') {
        const reasons = (e.CancellationReasons ?? []).map((r) => r.Code);
        if (reasons.some((r) => r === 'ConditionalCheckFailed' || r === 'TransactionConflict')) throw new ConflictError(reasons);
        if (reasons.some((r) => r === 'ThrottlingError' || r === 'ProvisionedThroughputExceeded')) throw unavailable();
      }
      if (e.name === 'TransactionConflictException') throw new ConflictError([]);
      if (e.name === 'ProvisionedThroughputExceededException' || e.name === 'ThrottlingException' || e.name === 'RequestLimitExceeded') throw unavailable();
      throw err;
    }
  }

  // ---------- idempotency ----------
  /**
   * Takes the key for this request. Returns null when taken; otherwise the existing record
   * (completed, or still in flight). A record whose lock ran out (its request died) can be taken over.
   */
  async beginIdempotent(key: string, bodyHash: string, owner: string, now: Date, lockSeconds = 30): Promise<IdempotencyRecord | null> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...idemKey(key), status: 'in-progress', bodyHash, owner, lockUntil: new Date(now.getTime() + lockSeconds * 1000).toISOString(), [TTL_ATTRIBUTE]: epochSeconds(now) + 24 * 3600 },
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
      await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: idemKey(key), ConditionExpression: '#s = :inflight AND #o = :owner', ExpressionAttributeNames: { '#s': 'status', '#o': 'owner' }, ExpressionAttributeValues: { ':inflight': 'in-progress', ':owner': owner } }));
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    }
  }

  // ---------- outbox ----------
  async getOutbox(id: string): Promise<OutboxEmail | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { PK: `OUTBOX#${id}`, SK: 'OUTBOX' }, ConsistentRead: true }));
    return stripKeys<OutboxEmail>(r.Item);
  }

  async listOutboxDue(now: string, limit = 50): Promise<OutboxEmail[]> {
    const r = await this.doc.send(new QueryCommand({ TableName: this.tableName, IndexName: INDEXES.outboxPending.name, KeyConditionExpression: 'GSI6PK = :pk AND GSI6SK <= :now', ExpressionAttributeValues: { ':pk': 'OUTBOX#PENDING', ':now': `${now}#~` }, Limit: limit }));
    return (r.Items ?? []).map((i) => stripKeys<OutboxEmail>(i)!);
  }

  /** The oldest pending email (for the "outbox stuck" metric). */
  async oldestPendingOutbox(): Promise<OutboxEmail | undefined> {
    const r = await this.doc.send(new QueryCommand({ TableName: this.tableName, IndexName: INDEXES.outboxPending.name, KeyConditionExpression: 'GSI6PK = :pk', ExpressionAttributeValues: { ':pk': 'OUTBOX#PENDING' }, Limit: 1 }));
    return r.Items?.[0] ? stripKeys<OutboxEmail>(r.Items[0]) : undefined;
  }

  /** Leases a pending email for sending; false if someone else has it or it is no longer due. */
  async leaseOutbox(id: string, now: Date, leaseSeconds: number): Promise<OutboxEmail | null> {
    try {
      const r = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: `OUTBOX#${id}`, SK: 'OUTBOX' },
          UpdateExpression: 'SET leaseUntil = :lease, attempts = attempts + :one',
          ConditionExpression: '#s = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending', ':now': now.toISOString(), ':lease': new Date(now.getTime() + leaseSeconds * 1000).toISOString(), ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return stripKeys<OutboxEmail>(r.Attributes) ?? null;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return null;
      throw err;
    }
  }

  async markOutboxSent(id: string, messageId: string, at: Date): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: `OUTBOX#${id}`, SK: 'OUTBOX' },
        UpdateExpression: 'SET #s = :sent, sentAt = :at, messageId = :m, #ttl = :ttl REMOVE GSI6PK, GSI6SK, leaseUntil',
        ExpressionAttributeNames: { '#s': 'status', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':sent': 'sent', ':at': at.toISOString(), ':m': messageId, ':ttl': epochSeconds(at) + 90 * 24 * 3600 },
      }),
    );
  }

  async rescheduleOutbox(id: string, nextAttemptAt: string, error: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: `OUTBOX#${id}`, SK: 'OUTBOX' },
        UpdateExpression: 'SET nextAttemptAt = :n, GSI6SK = :sk, lastError = :e REMOVE leaseUntil',
        ConditionExpression: '#s = :pending',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':n': nextAttemptAt, ':sk': `${nextAttemptAt}#${id}`, ':e': error.slice(0, 500), ':pending': 'pending' },
      }),
    );
  }

  async markOutboxUndeliverable(id: string, error: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: `OUTBOX#${id}`, SK: 'OUTBOX' },
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

  // ---------- reports ----------
  async getAggregates(fromDay: string, toDay: string): Promise<{ day: string; values: Record<string, unknown> }[]> {
    const days: string[] = [];
    for (let d = fromDay; d <= toDay; d = nextDay(d)) days.push(d);
    const out: { day: string; values: Record<string, unknown> }[] = [];
    for (let i = 0; i < days.length; i += 100) {
      let keys: Item[] | undefined = days.slice(i, i + 100).map((d) => ({ PK: `AGG#${d}`, SK: 'AGG' }));
      for (let attempt = 0; keys && keys.length > 0 && attempt < 5; attempt++) {
        const r = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }));
        for (const it of r.Responses?.[this.tableName] ?? []) {
          const { PK, SK: _sk, ...values } = it;
          out.push({ day: String(PK).slice(4), values });
        }
        keys = r.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined;
      }
    }
    return out.sort((a, b) => (a.day < b.day ? -1 : 1));
  }

  // ---------- jobs: SLA watch and SES feedback ----------
  /**
   * One page of an SLA index, due up to `until` (inclusive), oldest first, with the key to read on from.
   * sla-watch pages through it instead of re-querying, so entries it had to skip cannot stall it.
   */
  async listDuePage(index: 'firstResponseDue' | 'resolutionDue', until: string, limit = 100, startKey?: Record<string, unknown>): Promise<{ ids: string[]; next?: Record<string, unknown> }> {
    const def = INDEXES[index];
    const pk = index === 'firstResponseDue' ? 'DUE#FR' : 'DUE#RES';
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: def.name,
        KeyConditionExpression: `${def.partitionKey} = :pk AND ${def.sortKey} <= :until`,
        ExpressionAttributeValues: { ':pk': pk, ':until': `${until}#~` },
        Limit: limit,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    return { ids: (r.Items ?? []).map((i) => String(i.id)), ...(r.LastEvaluatedKey ? { next: r.LastEvaluatedKey } : {}) };
  }

  /**
   * Records an SES bounce or complaint on an outbox email (attribute `bounced` or `complained`). An email
   * still pending becomes undeliverable (it leaves the outbox index); a sent one keeps its status.
   * Returns the updated email, or undefined when there is no such email.
   */
  async recordOutboxFeedback(id: string, field: 'bounced' | 'complained', info: Record<string, unknown>, undeliverable: boolean): Promise<OutboxEmail | undefined> {
    const key = { PK: `OUTBOX#${id}`, SK: 'OUTBOX' };
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

  // ---------- reports and callbacks ----------
  /** The first-contact-resolution marker of a case (C#<id> / FCR): the case counts as FCR while it has `counted`. */
  async getFcrMarker(caseId: string): Promise<{ counted: boolean; day: string } | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { PK: `C#${caseId}`, SK: 'FCR' }, ConsistentRead: true }));
    return r.Item ? { counted: r.Item.counted === true, day: String(r.Item.day) } : undefined;
  }

  /** The open callback of a phone number by its guard item (CBOPEN#<phone> / CBOPEN), strongly consistent. */
  async openCallbackGuard(phone: string): Promise<string | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { PK: `CBOPEN#${phone}`, SK: 'CBOPEN' }, ConsistentRead: true }));
    return (r.Item?.openCallbackId as string | undefined) ?? undefined;
  }
}

export const reporterKey = (matchId: string, contact: string) => `RC#${matchId}#${contact.toLowerCase()}`;
const idemKey = (key: string) => ({ PK: `IDEM#${key}`, SK: 'IDEM' });

function outboxItem(e: OutboxEmail): Item {
  return { PK: `OUTBOX#${e.id}`, SK: 'OUTBOX', ...e, GSI6PK: 'OUTBOX#PENDING', GSI6SK: `${e.nextAttemptAt}#${e.id}` };
}

const unavailable = () => new AppError('service_unavailable', 'The service is busy right now. Nothing was saved; please try again in a moment.');

function encodeCursor(key: Item): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): Item {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Item;
    if (typeof v !== 'object' || v === null || v.GSI1PK !== 'QUEUE' || typeof v.GSI1SK !== 'string' || typeof v.PK !== 'string' || v.SK !== 'META') throw new Error('bad');
    // Empty or over-long key values would make DynamoDB refuse the query (a 500): refuse them here.
    if (!/^C#.{1,200}$/s.test(v.PK) || v.GSI1SK.length < 1 || v.GSI1SK.length > 300) throw new Error('bad');
    return { PK: v.PK, SK: v.SK, GSI1PK: v.GSI1PK, GSI1SK: v.GSI1SK };
  } catch {
    throw new AppError('validation_failed', 'The cursor is not valid: pass the nextCursor value from the previous page unchanged.', [{ path: 'cursor', message: 'is not a cursor this API issued' }]);
  }
}

function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

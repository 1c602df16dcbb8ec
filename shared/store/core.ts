/**
 * The DynamoDB store, core: the client and table every store group works on, the key helpers, and
 * `composeStore`, which puts a function's groups together into one store object.
 *
 * The store is split by access pattern into groups (./config.ts, ./catalog.ts, ./cases.ts, ./queue.ts,
 * ./due.ts, ./escalations.ts, ./outbox.ts, ./idempotency.ts, ./reports.ts), each a class of named access
 * patterns: a GetItem, a Query on the table or an index, or a conditional / transactional write. No Scan
 * anywhere (tests/infra checks the grants, too). A function composes only the groups its use cases need
 * (the use cases' parameter types say which), so its bundle carries no other access pattern;
 * scripts/local/dynamo-store.ts composes them all into `DynamoStore` (tests, the bench, the local tools).
 */
import type { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { AppError } from '../errors.js';
import { OPEN_STATUSES, type Correction } from '../domain/correction.js';
import type { Callback, HistoryEntry, Note, OutboxEmail, PublicMessage } from '../domain/records.js';
import { phoneHash } from './contact-keys.js';
import { IN_INDEX, ITEMS } from './items.js';
import type { LimitGuard } from './limits.js';
import { INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from './table-design.js';

export type Case = Correction | Callback;
export type Item = Record<string, unknown>;
export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

export const pad = (n: number) => String(n).padStart(6, '0');
export const caseKey = (id: string) => ITEMS.case.key({ id });
export const outboxId = (cause: string) => createHash('sha256').update(cause).digest('hex').slice(0, 32);
export const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** open-by-match partition of a match's open corrections of one category */
export const openByMatchPk = (matchId: string, category: string) => IN_INDEX.openCorrection.pk.build({ matchId, category });

/**
 * Index attributes follow from the record's state, so they can never disagree with it. Set on `attrs` (a new
 * object by default: commitChange passes the item itself, so no copy is made).
 */
export function caseIndexAttributes(c: Case, attrs: Item = {}): Item {
  const open = c.kind === 'correction' ? OPEN_STATUSES.includes(c.status) : c.status !== 'completed';
  const arrival = { receivedAt: c.receivedAt, id: c.id };
  if (open) IN_INDEX.queue.attributes(arrival, attrs);
  if (c.kind === 'correction') {
    // an unclassified emailed contact (no match yet) is nobody's duplicate until staff classify it
    if (open && c.matchId)
      IN_INDEX.openCorrection.attributes({ matchId: c.matchId, category: c.category, receivedAt: c.receivedAt, id: c.id }, attrs);
    const sla = c.sla;
    if (sla && !sla.pausedAt) {
      if (!c.firstResponseAt && c.status === 'queued' && !sla.firstResponseBreachNotifiedAt) {
        IN_INDEX.firstResponseDue.attributes({ dueAt: sla.firstResponseDueAt, id: c.id }, attrs);
      }
      if (open && !sla.resolutionBreachNotifiedAt) {
        IN_INDEX.resolutionDue.attributes({ dueAt: sla.resolutionDueAt, id: c.id }, attrs);
      }
    }
    if (c.status === 'escalated' && c.escalatedAt) {
      IN_INDEX.escalated.attributes({ seriesId: c.seriesId, escalatedAt: c.escalatedAt, id: c.id }, attrs);
    }
  } else {
    if (open && c.phone) IN_INDEX.openCallback.attributes({ phoneHash: phoneHash(c.phone), receivedAt: c.receivedAt, id: c.id }, attrs);
    if (c.sla && !c.firstResponseAt && c.status === 'queued' && !c.sla.firstResponseBreachNotifiedAt) {
      IN_INDEX.firstResponseDue.attributes({ dueAt: c.sla.firstResponseDueAt, id: c.id }, attrs);
    }
  }
  return attrs;
}

/**
 * The key and TTL attributes a record never carries, from the table design (an index added there is stripped too);
 * checked per attribute: no rest-spread, which is slow in V8.
 */
const KEY_ATTRIBUTES = new Set<string>([
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...Object.values(INDEXES).flatMap((i) => [i.partitionKey, i.sortKey]),
  TTL_ATTRIBUTE,
]);

/**
 * A stored attribute as a record holds it: string sets come back from the document client as Set objects, records
 * carry them as sorted arrays. Everything else is the value itself (nested values are the same objects).
 */
export const recordValue = <T>(v: T): T => (typeof v === 'object' && v instanceof Set ? ([...(v as Set<unknown>)].sort() as T) : v);

export const stripKeys = <T>(item: Item | undefined): T | undefined => {
  if (!item) return undefined;
  const rest: Item = {};
  for (const k in item) {
    if (KEY_ATTRIBUTES.has(k)) continue;
    rest[k] = recordValue(item[k]);
  }
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
  /**
   * extra items to put in the same transaction (reference guard, re-contact entries, open-callback guard, FCR
   * marker, an inbound message's guard): built only by the store's item builders (./case-items.ts, ./inbound.ts)
   */
  extraPuts?: ExtraPut[];
  /** complete an idempotency record in the same transaction */
  idempotency?: { key: string; owner: string; response: Item };
  /** per-day counters (reports): ADD to these numeric attributes of AGG#<day> items */
  aggregates?: { day: string; add: Record<string, number> }[];
  /** limits counted and checked in the same transaction (./limits.ts): a refused one cancels the whole change */
  guards?: LimitGuard[];
}

/** An item put in a case's transaction, with the condition it is put under (built by the store, never by a use case). */
export interface ExtraPut {
  item: Item;
  condition?: string;
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
  constructor(
    readonly reasons: (string | undefined)[],
    /** the partition keys of the items whose condition failed */
    readonly failedKeys: string[] = [],
  ) {
    super('transaction conflict');
  }
}

/** What every store group works on: the document client and the table. */
export class StoreCore {
  constructor(
    readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}
}

type StoreGroup = new (doc: DynamoDBDocumentClient, tableName: string) => StoreCore;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
export type StoreClass<S> = new (doc: DynamoDBDocumentClient, tableName: string) => S;

/**
 * One store class with the methods of all `groups` (each a class extending StoreCore directly). A method
 * defined by two groups is a mistake, and refused.
 */
export function composeStore<G extends StoreGroup[]>(...groups: G): StoreClass<Intersection<InstanceType<G[number]>>> {
  class Store extends StoreCore {}
  for (const group of groups) {
    for (const name of Object.getOwnPropertyNames(group.prototype)) {
      if (name === 'constructor') continue;
      if (Object.prototype.hasOwnProperty.call(Store.prototype, name))
        throw new Error(`Store method ${name} is defined by two store groups.`);
      Object.defineProperty(Store.prototype, name, Object.getOwnPropertyDescriptor(group.prototype, name)!);
    }
  }
  return Store as unknown as StoreClass<Intersection<InstanceType<G[number]>>>;
}

export const idemKey = (key: string) => ITEMS.idempotency.key({ scopeAndKey: key });
export const outboxKey = (id: string) => ITEMS.outbox.key({ id });

/**
 * An item: its key's PK and SK first, then the record's attributes. One spread after literal properties; never
 * `{ ...key, ...record }`: in V8 (Node 20) a second spread copies on a slow path, 1–2 µs a property (issue 15).
 */
export function keyed(key: { PK: string; SK: string }, record: object): Item {
  return { PK: key.PK, SK: key.SK, ...record };
}

export function outboxItem(e: OutboxEmail): Item {
  return IN_INDEX.outboxPending.attributes({ nextAttemptAt: e.nextAttemptAt, id: e.id }, keyed(outboxKey(e.id), e));
}

export const unavailable = () =>
  new AppError('service_unavailable', 'The service is busy right now. Nothing was saved; please try again in a moment.');

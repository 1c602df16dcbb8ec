/**
 * Personal data (contract §12): the items that find a person's cases without a Scan, the items retention
 * walks, and the erasure of a case's personal data from every item that holds it. The item types (contact
 * index, retention entry, a change's outbox list, the erasure audit) are declared in ./items.ts; keys that
 * hold a contact hold its keyed hash (./contact-keys.ts). The contact index and retention entries are written
 * with the case (commitChange, fromVersion null); a retention entry moves to the case's resolution time.
 */
import { BatchGetCommand, BatchWriteCommand, DeleteCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxEmail } from '../domain/records.js';
import {
  contactIndexKey,
  contactIndexPk,
  contactsOf,
  legacyOpenCallbackGuardKey,
  legacyReporterKey,
  openCallbackGuardKey,
  reporterKey,
  retentionKey,
  retentionPk,
} from './contact-keys.js';
import { caseKey, outboxKey, pad, StoreCore, type Case, type Item } from './core.js';
import { ITEMS } from './items.js';
import { partitionItems } from './partition.js';

export const ERASED = '[erased]';

/** History details that carry no personal data: kept when a case is erased. Every other text is erased. */
const HISTORY_KEEP = new Set([
  'PK',
  'SK',
  'at',
  'actor',
  'action',
  'version',
  'from',
  'to',
  'channel',
  'outcome',
  'duplicateOf',
  'recontactOf',
  'breach',
  'dueAt',
  'recipients',
  'category',
  'matchId',
  'seriesId',
  'fields',
  'cause',
]);

/** The contacts a case holds (`email:` / `phone:` forms): a correction's reporter's, a callback's phone. */
export const contactsOfCase = (c: Case): string[] => (c.kind === 'correction' ? contactsOf(c.reporter) : contactsOf({ phone: c.phone }));

/** A case's contact index entries (one per contact): privacy export and erasure find the case through them. */
export function contactIndexItems(c: Case): Item[] {
  // items as `{ PK, SK, … }`, not `{ ...key, … }` (fewer copies on a request's path; issue 15)
  return contactsOfCase(c).map((contactValue) => {
    const key = contactIndexKey(contactValue, c.id);
    return { PK: key.PK, SK: key.SK, caseId: c.id, kind: c.kind };
  });
}

/** A case's retention entry: the retention job looks at the case once `at` is older than the retention period. */
export function retentionItem(caseId: string, at: string, month?: string): Item {
  const key = month ? ITEMS.retentionEntry.key({ month, at, caseId }) : retentionKey(at, caseId);
  return { PK: key.PK, SK: key.SK, caseId };
}

/** The items a new case writes in its creating transaction: its contacts' index entries and its retention entry. */
export function creationPrivacyItems(c: Case): Item[] {
  return [...contactIndexItems(c), retentionItem(c.id, c.receivedAt)];
}

/** The list of the emails a change wrote, kept on the case (C#<id> / O#<version>), or undefined when none. */
export function outboxPointerItem(c: Case, emails: OutboxEmail[]): Item | undefined {
  const ids = emails.filter((e) => e.caseId === c.id).map((e) => e.id);
  if (!ids.length) return undefined;
  const key = ITEMS.outboxList.key({ id: c.id, version: pad(c.version) });
  return { PK: key.PK, SK: key.SK, outboxIds: ids };
}

export interface RetentionEntry {
  caseId: string;
  at: string;
  key: { PK: string; SK: string };
}

export interface ItemsErased {
  /** records changed or removed */
  records: number;
  /** the kinds of fields erased (never their values) */
  fields: string[];
  /** the case's contact index entries: removed once the case record is erased (`dropIndexEntries`), so a retry finds it */
  indexEntries: { PK: string; SK: string }[];
}

export interface PrivacyAuditRecord {
  at: string;
  by: string;
  action: 'erase';
  /** what the request named (the kind only, never the value) */
  contactKind: 'email' | 'phone';
  cases: number;
  records: number;
  fields: string[];
}

/** Scrubs the text of one item of a case's partition; undefined when there is nothing (left) to erase. */
function scrubbed(item: Item, fields: Set<string>): Item | undefined {
  const sk = String(item.SK);
  const next: Item = { ...item };
  let changed = false;
  const erase = (name: string, kind: string) => {
    if (typeof next[name] === 'string' && next[name] !== ERASED && next[name] !== '') {
      next[name] = ERASED;
      fields.add(kind);
      changed = true;
    }
  };
  if (sk.startsWith(ITEMS.message.sk.prefix)) erase('message', 'message');
  else if (sk.startsWith(ITEMS.note.sk.prefix)) erase('text', 'note');
  else if (sk.startsWith(ITEMS.history.sk.prefix))
    for (const name of Object.keys(next)) if (!HISTORY_KEEP.has(name)) erase(name, 'history text');
  return changed ? next : undefined;
}

/** An outbox record without its address and contents; a pending one is withdrawn (never sent). */
function scrubbedOutbox(item: Item, fields: Set<string>): Item | undefined {
  if (item.to === '' && item.text === ERASED) return undefined;
  const { GSI6PK: _pk, GSI6SK: _sk, lastError: _e, leaseUntil: _l, ...rest } = item;
  fields.add('email');
  return {
    ...rest,
    to: '',
    subject: ERASED,
    text: ERASED,
    html: ERASED,
    ...(item.status === 'pending' || item.status === 'sending' ? { status: 'undeliverable', lastError: 'personal data erased' } : {}),
  };
}

export class PrivacyStore extends StoreCore {
  /** The ids of a contact's cases, from its CONTACT# index partition (a Query, paged). */
  async casesOfContact(contactValue: string): Promise<string[]> {
    return (await partitionItems(this, contactIndexPk(contactValue))).map((it) => String(it.caseId));
  }

  /** The emails a case's changes wrote (through its O# lists), as stored. */
  async outboxOfCase(caseId: string): Promise<OutboxEmail[]> {
    return (await outboxItemsOfCase(this, caseId)).map((it) => {
      const { PK: _pk, SK: _sk, GSI6PK: _a, GSI6SK: _b, expiresAt: _t, ...rest } = it;
      return rest as unknown as OutboxEmail;
    });
  }

  /** Retention entries of one month older than `before` (ISO), oldest first, at most `limit`, after `startAfter`. */
  async retentionEntries(month: string, before: string, limit: number, startAfter?: RetentionEntry): Promise<RetentionEntry[]> {
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK < :before',
        ExpressionAttributeValues: { ':pk': retentionPk(month), ':before': before },
        Limit: limit,
        ...(startAfter ? { ExclusiveStartKey: startAfter.key } : {}),
      }),
    );
    return (r.Items ?? []).map((it) => ({
      caseId: String(it.caseId),
      at: String(it.SK).slice(0, String(it.SK).lastIndexOf('#')),
      key: { PK: String(it.PK), SK: String(it.SK) },
    }));
  }

  /** Files the retention entry again under a later time (a case resolved after the entry's time, or reopened). */
  async moveRetentionEntry(entry: RetentionEntry, at: string): Promise<void> {
    const to = retentionKey(at, entry.caseId);
    if (to.PK === entry.key.PK && to.SK === entry.key.SK) return;
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: { ...to, caseId: entry.caseId } } },
          { Delete: { TableName: this.tableName, Key: entry.key } },
        ],
      }),
    );
  }

  async dropRetentionEntry(entry: RetentionEntry): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: entry.key }));
  }

  /**
   * Erases the personal data of every item of a case other than the case record itself: its messages, notes
   * and history texts, its emails, and its index items (re-contact, open-callback guard, the contact index;
   * hashed and pre-hash forms; the contact index entries are only named, see `indexEntries`). Call it BEFORE erasing the case
   * record: it needs the contacts. Idempotent.
   */
  async eraseCaseItems(c: Case): Promise<ItemsErased> {
    const fields = new Set<string>();
    const puts: Item[] = [];
    for (const it of await partitionItems(this, caseKey(c.id).PK)) {
      const next = scrubbed(it, fields);
      if (next) puts.push(next);
    }
    for (const it of await outboxItemsOfCase(this, c.id)) {
      const next = scrubbedOutbox(it, fields);
      if (next) puts.push(next);
    }
    const deletes: { PK: string; SK: string }[] = [];
    const contacts = contactsOfCase(c);
    const matchId = c.matchId;
    if (matchId) {
      for (const contactValue of contacts) {
        const SK = ITEMS.recontact.sk.build({ receivedAt: c.receivedAt, id: c.id });
        deletes.push({ PK: reporterKey(matchId, contactValue), SK }, { PK: legacyReporterKey(matchId, contactValue), SK });
      }
    }
    let removed = await deleteExisting(this, deletes);
    if (removed > 0) fields.add('index keys');
    if (c.kind === 'callback' && c.phone) {
      for (const key of [openCallbackGuardKey(c.phone), legacyOpenCallbackGuardKey(c.phone)]) {
        try {
          await this.doc.send(
            new DeleteCommand({
              TableName: this.tableName,
              Key: key,
              ConditionExpression: 'openCallbackId = :id OR lastCallbackId = :id',
              ExpressionAttributeValues: { ':id': c.id },
            }),
          );
          removed++;
          fields.add('index keys');
        } catch (err) {
          if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
        }
      }
    }
    await batchWrite(
      this,
      puts.map((Item) => ({ PutRequest: { Item } })),
    );
    return {
      records: puts.length + removed,
      fields: [...fields].sort(),
      indexEntries: contacts.map((contactValue) => contactIndexKey(contactValue, c.id)),
    };
  }

  /** Removes a contact's index entry of a case (erasure's last step: a retry until then finds the case again). */
  async dropContactIndexEntry(contactValue: string, caseId: string): Promise<number> {
    return deleteExisting(this, [contactIndexKey(contactValue, caseId)]);
  }

  /** Removes the index entries `eraseCaseItems` named; answers how many were there. */
  async dropIndexEntries(keys: ItemsErased['indexEntries']): Promise<number> {
    return deleteExisting(this, keys);
  }

  async putPrivacyAudit(record: PrivacyAuditRecord): Promise<void> {
    const n = Math.random().toString(36).slice(2, 8);
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...ITEMS.privacyAudit.key({ at: record.at, n }), ...record },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }
}

/** The outbox records a case's changes wrote (through its O# lists). */
async function outboxItemsOfCase(s: StoreCore, caseId: string): Promise<Item[]> {
  const lists = (await partitionItems(s, caseKey(caseId).PK)).filter((it) => String(it.SK).startsWith(ITEMS.outboxList.sk.prefix));
  const ids = [...new Set(lists.flatMap((it) => (Array.isArray(it.outboxIds) ? it.outboxIds.map(String) : [])))];
  const out: Item[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Item[] | undefined = ids.slice(i, i + 100).map((id) => outboxKey(id));
    for (let attempt = 0; keys && keys.length > 0 && attempt < 5; attempt++) {
      const r = await s.doc.send(new BatchGetCommand({ RequestItems: { [s.tableName]: { Keys: keys, ConsistentRead: true } } }));
      out.push(...(r.Responses?.[s.tableName] ?? []));
      keys = r.UnprocessedKeys?.[s.tableName]?.Keys as Item[] | undefined;
    }
  }
  return out;
}

/** Deletes the keys that exist; answers how many did. */
async function deleteExisting(s: StoreCore, keys: { PK: string; SK: string }[]): Promise<number> {
  let n = 0;
  for (const Key of keys) {
    const r = await s.doc.send(new DeleteCommand({ TableName: s.tableName, Key, ReturnValues: 'ALL_OLD' }));
    if (r.Attributes) n++;
  }
  return n;
}

async function batchWrite(
  s: StoreCore,
  requests: NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string],
): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending = requests.slice(i, i + 25);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= 8) throw new Error('DynamoDB left part of an erasure unprocessed; the erasure can be run again.');
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const r = await s.doc.send(new BatchWriteCommand({ RequestItems: { [s.tableName]: pending } }));
      pending = r.UnprocessedItems?.[s.tableName] ?? [];
    }
  }
}

/**
 * Cases (corrections and callbacks, C#<id>), in three groups a function takes as it needs them: the case
 * and the one transactional write of a change (every workflow); its audit trail, notes and messages (the
 * views); and what intake looks up (references, duplicates, re-contacts, a phone's open callback).
 */
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryEntry, Note, PublicMessage } from '../domain/records.js';
import { fcrMarkerKey, openCallbackGuardKey, referenceKey, reporterKey } from './case-items.js';
import { IN_INDEX, ITEMS } from './items.js';
import { guardItem } from './limits.js';
import { openCallbackPk } from './contact-keys.js';
import { partitionItems } from './partition.js';
import { creationPrivacyItems, outboxPointerItem } from './privacy.js';
import { INDEXES } from './table-design.js';
import {
  caseIndexAttributes,
  caseKey,
  ConflictError,
  idemKey,
  keyed,
  outboxItem,
  pad,
  stripKeys,
  StoreCore,
  unavailable,
  type Case,
  type CaseChange,
  type Item,
  type TransactItem,
} from './core.js';

/** The case, its first-contact-resolution marker, and the transactional write of a change. */
export class CaseStore extends StoreCore {
  async getCase(id: string, consistent = true): Promise<Case | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: caseKey(id), ConsistentRead: consistent }));
    return stripKeys<Case>(r.Item);
  }

  /** The first-contact-resolution marker of a case (C#<id> / FCR): the case counts as FCR while it has `counted`. */
  async getFcrMarker(caseId: string): Promise<{ counted: boolean; day: string } | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: fcrMarkerKey(caseId), ConsistentRead: true }));
    return r.Item ? { counted: r.Item.counted === true, day: String(r.Item.day) } : undefined;
  }

  /**
   * Writes a state change, its audit records, notes/messages, emails and counters in ONE transaction,
   * conditional on the version it was computed from. Throws ConflictError when someone else won.
   */
  async commitChange(change: CaseChange): Promise<void> {
    await sendChange(this.doc, changeItems(this.tableName, change));
  }

  /**
   * Several independent changes (sla-watch's breaches) in as few transactions as possible: each change keeps its
   * own conditions, and a change whose condition fails (or that races another transaction) is left out and
   * reported as 'conflict' while the others are retried without it. DynamoDB Local runs transactions one at a
   * time (~10 ms each plus ~1 ms an item), so 25 breaches in one transaction cost a fifth of 25 transactions.
   * At most 100 items a transaction: callers pass changes of a few items each (CHANGES_PER_TRANSACTION).
   */
  async commitChanges(changes: CaseChange[]): Promise<('ok' | 'conflict')[]> {
    const results: ('ok' | 'conflict')[] = changes.map(() => 'ok');
    const itemsOf = changes.map((c) => changeItems(this.tableName, c));
    let pending = changes.map((_, i) => i);
    for (let attempt = 0; pending.length > 0; attempt++) {
      try {
        await sendChange(
          this.doc,
          pending.flatMap((i) => itemsOf[i]!),
        );
        return results;
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        // which changes failed: the cancellation reasons come one per item, in the order sent
        const failed = new Set<number>();
        let at = 0;
        for (const i of pending) {
          const n = itemsOf[i]!.length;
          if (err.reasons.slice(at, at + n).some((r) => r === 'ConditionalCheckFailed' || r === 'TransactionConflict')) failed.add(i);
          at += n;
        }
        // no reasons (a whole-transaction conflict): try once more, then leave them all for the next run
        if (failed.size === 0 && attempt > 0) pending.forEach((i) => failed.add(i));
        for (const i of failed) results[i] = 'conflict';
        pending = pending.filter((i) => !failed.has(i));
      }
    }
    return results;
  }
}

/** The items of one change's transaction: the case (conditional on its version) and everything written with it. */
function changeItems(table: string, change: CaseChange): TransactItem[] {
  const { next } = change;
  const items: TransactItem[] = [];
  // Items built as `{ PK, SK, ...record }` (keyed) and by assignment, never `{ ...key, ...record }` or a conditional
  // spread after a first property: V8 (Node 20) copies those on a slow path, 1–2 µs a property (issue 15).
  const caseItem = keyed(caseKey(next.id), next);
  caseIndexAttributes(next, caseItem);
  const casePut: NonNullable<TransactItem['Put']> = { TableName: table, Item: caseItem, ConditionExpression: 'attribute_not_exists(PK)' };
  if (change.fromVersion !== null) {
    casePut.ConditionExpression = 'version = :v';
    casePut.ExpressionAttributeValues = { ':v': change.fromVersion };
  }
  items.push({ Put: casePut });
  // n numbers the audit records of one version (a change of two versions, like sla-watch's two breaches of one case,
  // writes the very items two changes would have)
  let n = 0;
  let version: number | undefined;
  for (const h of change.history) {
    if (h.version !== version) {
      version = h.version;
      n = 0;
    }
    const Item = keyed(ITEMS.history.key({ id: next.id, version: pad(h.version), n: n++ }), h);
    items.push({ Put: { TableName: table, Item, ConditionExpression: 'attribute_not_exists(PK)' } });
  }
  if (change.notes)
    for (const note of change.notes) {
      const Item = keyed(ITEMS.note.key({ id: next.id, at: note.at, version: pad(next.version) }), note);
      items.push({ Put: { TableName: table, Item } });
    }
  if (change.messages)
    for (const m of change.messages) {
      const Item = keyed(ITEMS.message.key({ id: next.id, at: m.at, version: pad(next.version) }), m);
      items.push({ Put: { TableName: table, Item } });
    }
  if (change.emails)
    for (const e of change.emails) {
      items.push({ Put: { TableName: table, Item: outboxItem(e), ConditionExpression: 'attribute_not_exists(PK)' } });
    }
  // privacy (./privacy.ts): a new case's contact index and retention items; a change's emails listed on the case
  if (change.fromVersion === null) for (const item of creationPrivacyItems(next)) items.push({ Put: { TableName: table, Item: item } });
  const pointer = outboxPointerItem(next, change.emails ?? []);
  if (pointer) items.push({ Put: { TableName: table, Item: pointer } });
  if (change.extraPuts)
    for (const p of change.extraPuts) {
      const put: NonNullable<TransactItem['Put']> = { TableName: table, Item: p.item };
      if (p.condition) put.ConditionExpression = p.condition;
      items.push({ Put: put });
    }
  for (const agg of change.aggregates ?? []) {
    // the counters that move, in the order of `add` (for…in: Object.entries' order, without its arrays; issue 15)
    const names: Record<string, string> = {};
    const values: Item = {};
    let expression = 'ADD ';
    let i = 0;
    for (const k in agg.add) {
      const v = agg.add[k]!;
      if (v === 0) continue;
      names[`#a${i}`] = k;
      values[`:a${i}`] = v;
      expression += i === 0 ? `#a${i} :a${i}` : `, #a${i} :a${i}`;
      i++;
    }
    if (i === 0) continue;
    items.push({
      Update: {
        TableName: table,
        Key: ITEMS.dayCounters.key({ day: agg.day }),
        UpdateExpression: expression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    });
  }
  for (const g of change.guards ?? []) items.push(guardItem(table, g));
  if (change.idempotency) {
    items.push({
      Update: {
        TableName: table,
        Key: idemKey(change.idempotency.key),
        UpdateExpression: 'SET #s = :done, #r = :resp',
        ConditionExpression: '#s = :inflight AND #o = :owner',
        ExpressionAttributeNames: { '#s': 'status', '#r': 'response', '#o': 'owner' },
        ExpressionAttributeValues: {
          ':done': 'completed',
          ':resp': change.idempotency.response,
          ':inflight': 'in-progress',
          ':owner': change.idempotency.owner,
        },
      },
    });
  }
  return items;
}

/** One TransactWriteItems; a refused condition or a racing transaction → ConflictError (with the reasons, one per item). */
async function sendChange(doc: StoreCore['doc'], items: TransactItem[]): Promise<void> {
  try {
    await doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
    if (e.name === 'TransactionCanceledException') {
      const reasons = (e.CancellationReasons ?? []).map((r) => r.Code);
      const failedKeys = reasons.flatMap((r, i) => (r === 'ConditionalCheckFailed' ? [keyOf(items[i])] : []));
      if (reasons.some((r) => r === 'ConditionalCheckFailed' || r === 'TransactionConflict')) throw new ConflictError(reasons, failedKeys);
      if (reasons.some((r) => r === 'ThrottlingError' || r === 'ProvisionedThroughputExceeded')) throw unavailable();
    }
    if (e.name === 'TransactionConflictException') throw new ConflictError([]);
    if (e.name === 'ProvisionedThroughputExceededException' || e.name === 'ThrottlingException' || e.name === 'RequestLimitExceeded')
      throw unavailable();
    throw err;
  }
}

const keyOf = (t: TransactItem | undefined): string =>
  String(t?.Put?.Item?.PK ?? t?.Update?.Key?.PK ?? t?.Delete?.Key?.PK ?? t?.ConditionCheck?.Key?.PK ?? '');

/** A case with its audit trail, internal notes and public messages. */
export class CaseDetailsStore extends StoreCore {
  /** The case with its audit trail, internal notes and public messages: one Query on its partition. */
  async getCaseWithDetails(
    id: string,
  ): Promise<{ record: Case; history: HistoryEntry[]; notes: Note[]; messages: PublicMessage[] } | undefined> {
    const history: HistoryEntry[] = [];
    const notes: Note[] = [];
    const messages: PublicMessage[] = [];
    let record: Case | undefined;
    for (const it of await partitionItems(this, caseKey(id).PK)) {
      const sk = String(it.SK);
      if (sk === ITEMS.case.sk.text) record = stripKeys<Case>(it);
      else if (sk.startsWith(ITEMS.history.sk.prefix)) history.push(stripKeys<HistoryEntry>(it)!);
      else if (sk.startsWith(ITEMS.note.sk.prefix)) notes.push(stripKeys<Note>(it)!);
      else if (sk.startsWith(ITEMS.message.sk.prefix)) messages.push(stripKeys<PublicMessage>(it)!);
    }
    return record ? { record, history, notes, messages } : undefined;
  }

  async getPublicMessages(id: string): Promise<PublicMessage[]> {
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :m)',
        ExpressionAttributeValues: { ':pk': caseKey(id).PK, ':m': ITEMS.message.sk.prefix },
      }),
    );
    return (r.Items ?? []).map((i) => stripKeys<PublicMessage>(i)!);
  }
}

/** Intake's lookups: reference guards, open duplicates, a reporter's earlier cases, a phone's open callback. */
export class CaseIntakeStore extends StoreCore {
  async referenceTaken(reference: string): Promise<boolean> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: referenceKey(reference), ConsistentRead: true }));
    return Boolean(r.Item);
  }

  async caseIdByReference(reference: string): Promise<string | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: referenceKey(reference) }));
    return r.Item?.caseId as string | undefined;
  }

  /** Duplicate detection: the oldest open correction of the same match and category. */
  async findOpenCorrection(matchId: string, category: string): Promise<string | undefined> {
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.openByMatch.name,
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': IN_INDEX.openCorrection.pk.build({ matchId, category }) },
        Limit: 1,
      }),
    );
    const sk = r.Items?.[0]?.GSI2SK as string | undefined;
    return sk?.slice(sk.lastIndexOf('#') + 1);
  }

  /** An open callback for this phone number, if any. */
  async findOpenCallback(phone: string): Promise<string | undefined> {
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.openByMatch.name,
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': openCallbackPk(phone) },
        Limit: 1,
      }),
    );
    const sk = r.Items?.[0]?.GSI2SK as string | undefined;
    return sk?.slice(sk.lastIndexOf('#') + 1);
  }

  /** Re-contacts: earlier cases on this match by the same email or phone (index items written at creation). */
  async findReporterCases(matchId: string, contacts: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const contact of new Set(contacts)) {
      const r = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': reporterKey(matchId, contact) },
          ScanIndexForward: false,
          Limit: 50,
        }),
      );
      for (const it of r.Items ?? []) ids.push(String(it.caseId));
    }
    return [...new Set(ids)];
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

  /** The open callback of a phone number by its guard item (CBOPEN#<hmac(phone)> / CBOPEN), strongly consistent. */
  async openCallbackGuard(phone: string): Promise<string | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: openCallbackGuardKey(phone), ConsistentRead: true }));
    return (r.Item?.openCallbackId as string | undefined) ?? undefined;
  }
}

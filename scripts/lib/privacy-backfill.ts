/**
 * The privacy backfill (issue 11): cases created before the privacy release have no contact index entries
 * (`CONTACT#<hmac>`) and no retention entry (`RETAIN#`), so export/erase and the retention job cannot find them;
 * and their re-contact items (`RC#`), open-callback guard (`CBOPEN#`) and open-callback index key (`OPENCB#`, the
 * case's GSI2PK) hold the raw contact instead of its keyed hash. This pages through the case records and writes
 * what is missing, with the product's own builders (shared/store/privacy.ts, contact-keys.ts, core.ts
 * `caseIndexAttributes`) and conditional writes: running it again writes nothing new.
 *
 * Per case record (`C#<id>` / `META`; erased cases are left alone):
 * - no contact index entry at all: the entries and the retention entry in one transaction, each written only if
 *   absent (a case created after the release has its entries, so gets none); some missing: only those;
 * - the retention entry is filed at the resolution time (open: arrival), where the job would move it; a time before
 *   the first month the job walks (`FIRST_RETENTION_MONTH`) is filed in that month under its own time, so the first
 *   run reaches it;
 * - a raw-contact `RC#` item: written again under the hashed key, the raw one deleted (one transaction);
 * - a raw-number `CBOPEN#` guard: moved to the hashed key while its callback is still open (unless the number has
 *   opened another callback since the release: that guard wins) or, closed, copied if the hashed one is absent;
 *   the raw one is deleted;
 * - an open callback whose GSI2PK is `OPENCB#<raw number>`: GSI2PK/GSI2SK set to what `caseIndexAttributes` says,
 *   conditional on the version read (a case that changed meanwhile was re-indexed by its own change).
 *
 * It reads the case records with a Scan: an operator's one-off run, never a function (no function may Scan).
 */
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  contactIndexKey,
  legacyOpenCallbackGuardKey,
  legacyReporterKey,
  monthOf,
  openCallbackGuardKey,
  reporterKey,
} from '../../shared/store/contact-keys.js';
import { caseIndexAttributes, stripKeys, type Case, type Item } from '../../shared/store/core.js';
import { IN_INDEX, ITEMS } from '../../shared/store/items.js';
import { contactIndexItems, contactsOfCase, retentionItem } from '../../shared/store/privacy.js';
import { INDEXES } from '../../shared/store/table-design.js';
import { FIRST_RETENTION_MONTH, resolvedAtOf } from '../../shared/usecases/privacy-retention.js';

export interface BackfillSummary {
  /** case records read */
  cases: number;
  /** erased cases (nothing of them to index) */
  erased: number;
  /** contact index entries written */
  contactIndex: number;
  /** retention entries written */
  retention: number;
  /** raw-contact re-contact items written under the hashed key (the raw ones deleted) */
  recontactKeys: number;
  /** raw-number open-callback guards moved or dropped */
  callbackGuards: number;
  /** open callbacks whose open-callback index key was hashed */
  callbackIndexKeys: number;
  /** writes that lost to a concurrent change (the next run looks again) */
  conflicts: number;
}

export interface BackfillOptions {
  /** case records a Scan page reads (default 100) */
  pageSize?: number;
  /** count what would be written, write nothing */
  dryRun?: boolean;
  /** after each page, with the summary so far */
  onPage?: (summary: BackfillSummary) => void;
}

const conditionFailed = (err: unknown) => {
  const name = (err as { name?: string }).name;
  return name === 'ConditionalCheckFailedException' || name === 'TransactionCanceledException';
};

/** A summary of nothing read and nothing written. */
export const emptySummary = (): BackfillSummary => ({
  cases: 0,
  erased: 0,
  contactIndex: 0,
  retention: 0,
  recontactKeys: 0,
  callbackGuards: 0,
  callbackIndexKeys: 0,
  conflicts: 0,
});

export async function backfillPrivacy(
  doc: DynamoDBDocumentClient,
  tableName: string,
  opts: BackfillOptions = {},
): Promise<BackfillSummary> {
  const summary = emptySummary();
  const t = new Backfill(doc, tableName, summary, opts.dryRun ?? false);
  let start: Item | undefined;
  do {
    const r = await doc.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'SK = :sk AND begins_with(PK, :pk)',
        ExpressionAttributeValues: { ':sk': ITEMS.case.sk.text, ':pk': ITEMS.case.pk.prefix },
        Limit: opts.pageSize ?? 100,
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    for (const item of r.Items ?? []) await t.visit(item);
    start = r.LastEvaluatedKey;
    opts.onPage?.({ ...summary });
  } while (start);
  return summary;
}

class Backfill {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly summary: BackfillSummary,
    private readonly dryRun: boolean,
  ) {}

  async visit(item: Item): Promise<void> {
    const c = stripKeys<Case>(item)!;
    this.summary.cases++;
    if ((c as { personalDataErasedAt?: string }).personalDataErasedAt) {
      this.summary.erased++;
      return;
    }
    await this.contactIndexAndRetention(c);
    await this.recontactKeys(c);
    if (c.kind === 'callback' && c.phone) {
      await this.callbackGuard(c);
      await this.callbackIndexKey(c, item);
    }
  }

  private async get(key: Item): Promise<Item | undefined> {
    return (await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }))).Item;
  }

  /** The writes of one step in one transaction; false when a condition failed (counted as a conflict). */
  private async transact(items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>): Promise<boolean> {
    if (this.dryRun || items.length === 0) return true;
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (err) {
      if (!conditionFailed(err)) throw err;
      this.summary.conflicts++;
      return false;
    }
  }

  private putIfAbsent(item: Item) {
    return { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } };
  }

  private deleteIfThere(key: Item) {
    return { Delete: { TableName: this.tableName, Key: key, ConditionExpression: 'attribute_exists(PK)' } };
  }

  private async contactIndexAndRetention(c: Case): Promise<void> {
    const entries = contactIndexItems(c);
    const missing: Item[] = [];
    for (const [i, contactValue] of contactsOfCase(c).entries()) {
      if (!(await this.get(contactIndexKey(contactValue, c.id)))) missing.push(entries[i]!);
    }
    // A case with all its entries was created after the release (or backfilled): it has its retention entry.
    const needsRetention = missing.length === entries.length;
    const at = resolvedAtOf(c) ?? c.receivedAt;
    const month = monthOf(at) < FIRST_RETENTION_MONTH ? FIRST_RETENTION_MONTH : undefined;
    const retention = needsRetention ? [retentionItem(c.id, at, month)] : [];
    // A case with no contact has no index entry to tell: its retention entry's own key does (written once).
    if (entries.length === 0 && (await this.get({ PK: retention[0]!.PK, SK: retention[0]!.SK }))) return;
    if (await this.transact([...missing, ...retention].map((it) => this.putIfAbsent(it)))) {
      this.summary.contactIndex += missing.length;
      this.summary.retention += retention.length;
    }
  }

  private async recontactKeys(c: Case): Promise<void> {
    if (!c.matchId) return;
    const SK = ITEMS.recontact.sk.build({ receivedAt: c.receivedAt, id: c.id });
    for (const contactValue of contactsOfCase(c)) {
      const raw = { PK: legacyReporterKey(c.matchId, contactValue), SK };
      const old = await this.get(raw);
      if (!old) continue;
      const hashed = { ...old, PK: reporterKey(c.matchId, contactValue) };
      if (await this.transact([{ Put: { TableName: this.tableName, Item: hashed } }, this.deleteIfThere(raw)]))
        this.summary.recontactKeys++;
    }
  }

  private async callbackGuard(c: Case & { kind: 'callback' }): Promise<void> {
    const rawKey = legacyOpenCallbackGuardKey(c.phone);
    const raw = await this.get(rawKey);
    if (!raw) return;
    const openId = typeof raw.openCallbackId === 'string' ? raw.openCallbackId : undefined;
    const open = openId ? await this.get(ITEMS.case.key({ id: openId })) : undefined;
    const stillOpen = open !== undefined && open.status !== 'completed' && !open.personalDataErasedAt;
    // Open: the guard takes the hashed key unless another callback of the number opened since holds it. Closed (it
    // expires): copied only into an empty hashed key. Stale (its callback was completed after the release, which
    // closed the hashed key): dropped.
    const condition = stillOpen ? 'attribute_not_exists(openCallbackId)' : !openId ? 'attribute_not_exists(PK)' : undefined;
    if (this.dryRun) {
      this.summary.callbackGuards++;
      return;
    }
    if (condition) {
      const Item = { ...raw, ...openCallbackGuardKey(c.phone) };
      try {
        await this.doc.send(new PutCommand({ TableName: this.tableName, Item, ConditionExpression: condition }));
      } catch (err) {
        if (!conditionFailed(err)) throw err;
      }
    }
    try {
      await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: rawKey, ConditionExpression: 'attribute_exists(PK)' }));
      this.summary.callbackGuards++;
    } catch (err) {
      if (!conditionFailed(err)) throw err;
      this.summary.conflicts++;
    }
  }

  private async callbackIndexKey(c: Case, item: Item): Promise<void> {
    const { partitionKey, sortKey } = INDEXES.openByMatch;
    const stored = item[partitionKey];
    if (typeof stored !== 'string' || !stored.startsWith(IN_INDEX.openCallback.pk.prefix)) return;
    const want = caseIndexAttributes(c);
    if (want[partitionKey] === stored) return;
    if (this.dryRun) {
      this.summary.callbackIndexKeys++;
      return;
    }
    const set = want[partitionKey] !== undefined;
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: ITEMS.case.key({ id: c.id }),
          UpdateExpression: set ? 'SET #pk = :pk, #sk = :sk' : 'REMOVE #pk, #sk',
          ConditionExpression: 'version = :v AND #pk = :old',
          ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
          ExpressionAttributeValues: {
            ':v': c.version,
            ':old': stored,
            ...(set ? { ':pk': want[partitionKey], ':sk': want[sortKey] } : {}),
          },
        }),
      );
      this.summary.callbackIndexKeys++;
    } catch (err) {
      if (!conditionFailed(err)) throw err;
      this.summary.conflicts++;
    }
  }
}

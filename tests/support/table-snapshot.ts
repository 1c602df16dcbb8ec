/**
 * Reads what the table holds through Queries only (no Scan): whole partitions by PK, and whole index
 * partitions. Tests take a snapshot before a refused request and compare it with one taken after.
 */
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { INDEXES, TABLE_KEYS, type IndexKey } from '../../shared/store/table-design.js';
import type { TestEnv } from './harness.js';

export type Item = Record<string, unknown>;

/** Every item of one partition of the base table, in sort-key order. */
export async function partition(env: TestEnv, pk: string): Promise<Item[]> {
  const out: Item[] = [];
  let start: Item | undefined;
  do {
    const r = await env.store.doc.send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    out.push(...((r.Items ?? []) as Item[]));
    start = r.LastEvaluatedKey as Item | undefined;
  } while (start);
  return out;
}

/** Every item of one partition of a global secondary index, in index sort-key order. */
export async function indexPartition(env: TestEnv, index: IndexKey, pk: string): Promise<Item[]> {
  const def = INDEXES[index];
  const out: Item[] = [];
  let start: Item | undefined;
  do {
    const r = await env.store.doc.send(
      new QueryCommand({
        TableName: env.tableName,
        IndexName: def.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': def.partitionKey },
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...((r.Items ?? []) as Item[]));
    start = r.LastEvaluatedKey as Item | undefined;
  } while (start);
  return out;
}

/** The number of open cases (queue index). */
export async function queueLength(env: TestEnv): Promise<number> {
  return (await indexPartition(env, 'queue', 'QUEUE')).length;
}

/** The stored key of an Idempotency-Key (as shared/usecases/idempotency.ts derives it). */
export const idempotencyPk = (scope: string, rawKey: string) => `IDEM#${createHash('sha256').update(`${scope}\n${rawKey}`).digest('hex')}`;

export interface SnapshotScope {
  /** case ids whose partitions (record, history, notes, messages) to include */
  caseIds?: string[];
  /** further partitions, e.g. `REF#TP-…`, `RC#M-1001#email:…`, `AGG#2026-11-21`, idempotencyPk(…) */
  partitions?: string[];
}

/**
 * The queue index, the pending-outbox index, the first-response/resolution due indexes, and the given
 * partitions. Anything a request could create (a case, its reference guard, its emails, its counters,
 * an idempotency record) shows up in one of these.
 */
export async function snapshot(env: TestEnv, scope: SnapshotScope = {}): Promise<Record<string, Item[]>> {
  const out: Record<string, Item[]> = {};
  out['index:queue'] = await indexPartition(env, 'queue', 'QUEUE');
  out['index:outbox'] = await indexPartition(env, 'outboxPending', 'OUTBOX#PENDING');
  out['index:fr'] = await indexPartition(env, 'firstResponseDue', 'DUE#FR');
  out['index:res'] = await indexPartition(env, 'resolutionDue', 'DUE#RES');
  const pks = [...(scope.caseIds ?? []).map((id) => `C#${id}`), ...(scope.partitions ?? [])];
  for (const pk of new Set(pks)) out[pk] = await partition(env, pk);
  return out;
}

/**
 * Every item of the test's own table (a Scan: fine for a test's small table), in key order. For tests
 * that must show a refused request changed nothing at all, not only in the partitions they thought of.
 */
export async function wholeTable(env: TestEnv): Promise<Item[]> {
  const out: Item[] = [];
  let start: Item | undefined;
  do {
    const r = await env.store.doc.send(new ScanCommand({ TableName: env.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    out.push(...((r.Items ?? []) as Item[]));
    start = r.LastEvaluatedKey as Item | undefined;
  } while (start);
  const key = (i: Item) => `${String(i.PK)}\u0000${String(i.SK)}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Every key attribute of the table and its indexes, from the table design (an index added there is checked too). */
export const KEY_ATTRIBUTES: readonly string[] = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...Object.values(INDEXES).flatMap((i) => [i.partitionKey, i.sortKey]),
];

/** The key values (table and index keys) the items hold. */
export const keysOf = (items: Item[]): string[] =>
  items.flatMap((i) => KEY_ATTRIBUTES.map((k) => i[k]).filter((v): v is string => typeof v === 'string'));

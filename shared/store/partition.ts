/** Reading one whole partition of the table (PK = pk), page after page: the one paged Query loop the store groups share. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Item, StoreCore } from './core.js';

/** Every item of the partition `pk`, in sort-key order; strongly consistent unless `consistent` is false. */
export async function partitionItems(s: StoreCore, pk: string, consistent = true): Promise<Item[]> {
  const out: Item[] = [];
  let start: Item | undefined;
  do {
    const r = await s.doc.send(
      new QueryCommand({
        TableName: s.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ...(consistent ? { ConsistentRead: true } : {}),
        ExclusiveStartKey: start,
      }),
    );
    for (const it of r.Items ?? []) out.push(it);
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}

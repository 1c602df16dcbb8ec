/** The SLA indexes (first-response-due, resolution-due): what falls due up to a moment, oldest first. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { IN_INDEX } from './items.js';
import { INDEXES } from './table-design.js';
import { StoreCore } from './core.js';

export class DueStore extends StoreCore {
  /** Due items of an SLA index up to `until` (inclusive), oldest first. */
  async listDue(index: 'firstResponseDue' | 'resolutionDue', until: string, limit = 100): Promise<string[]> {
    const def = INDEXES[index];
    const pk = IN_INDEX[index].pk.text;
    const r = await this.doc.send(new QueryCommand({ TableName: this.tableName, IndexName: def.name, KeyConditionExpression: `${def.partitionKey} = :pk AND ${def.sortKey} <= :until`, ExpressionAttributeValues: { ':pk': pk, ':until': `${until}#~` }, Limit: limit }));
    return (r.Items ?? []).map((i) => String(i.id));
  }

  /**
   * One page of an SLA index, due up to `until` (inclusive), oldest first, with the key to read on from.
   * sla-watch pages through it instead of re-querying, so entries it had to skip cannot stall it.
   */
  async listDuePage(index: 'firstResponseDue' | 'resolutionDue', until: string, limit = 100, startKey?: Record<string, unknown>): Promise<{ ids: string[]; next?: Record<string, unknown> }> {
    const def = INDEXES[index];
    const pk = IN_INDEX[index].pk.text;
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
}

/** The SLA indexes (first-response-due, resolution-due): what falls due up to a moment, oldest first. */
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { IN_INDEX } from './items.js';
import { INDEXES } from './table-design.js';
import { caseKey, stripKeys, StoreCore, type Case, type Item } from './core.js';

export class DueStore extends StoreCore {
  /** Due items of an SLA index up to `until` (inclusive), oldest first. */
  async listDue(index: 'firstResponseDue' | 'resolutionDue', until: string, limit = 100): Promise<string[]> {
    return (await this.listDuePage(index, until, limit)).ids;
  }

  /**
   * One page of an SLA index, due up to `until` (inclusive), oldest first, with the key to read on from.
   * sla-watch pages through it instead of re-querying, so entries it had to skip cannot stall it.
   */
  async listDuePage(
    index: 'firstResponseDue' | 'resolutionDue',
    until: string,
    limit = 100,
    startKey?: Record<string, unknown>,
  ): Promise<{ ids: string[]; next?: Record<string, unknown> }> {
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

  /**
   * The cases of one page of due ids, strongly consistent (sla-watch decides on them): BatchGetItem, 100 keys a
   * call, unprocessed keys retried. A case that no longer exists is simply absent from the answer.
   */
  async getDueCases(ids: string[]): Promise<Map<string, Case>> {
    const out = new Map<string, Case>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Item[] | undefined = unique.slice(i, i + 100).map(caseKey);
      for (let attempt = 0; keys && keys.length > 0 && attempt < 8; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
        const r = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }));
        for (const it of r.Responses?.[this.tableName] ?? []) {
          const c = stripKeys<Case>(it)!;
          out.set(c.id, c);
        }
        keys = r.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined;
      }
      if (keys?.length) throw Object.assign(new Error('BatchGetItem left keys unprocessed after retries'), { name: 'ThrottlingException' });
    }
    return out;
  }
}

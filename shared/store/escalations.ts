/** Escalated corrections of given series, through the escalated-by-series index. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { IN_INDEX } from './items.js';
import { INDEXES } from './table-design.js';
import { stripKeys, StoreCore, type Case, type Item } from './core.js';

export class EscalationStore extends StoreCore {
  async listEscalated(seriesIds: string[]): Promise<Case[]> {
    const out: Case[] = [];
    for (const seriesId of seriesIds) {
      let start: Item | undefined;
      do {
        const r = await this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: INDEXES.escalatedBySeries.name,
            KeyConditionExpression: 'GSI5PK = :pk',
            ExpressionAttributeValues: { ':pk': IN_INDEX.escalated.pk.build({ seriesId }) },
            ExclusiveStartKey: start,
          }),
        );
        for (const it of r.Items ?? []) out.push(stripKeys<Case>(it)!);
        start = r.LastEvaluatedKey;
      } while (start);
    }
    return out.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1));
  }
}

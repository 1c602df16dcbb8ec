/** Per-day report aggregates (AGG#<day> / AGG). */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { StoreCore, type Item } from './core.js';
import { ITEMS } from './items.js';

export class ReportStore extends StoreCore {
  async getAggregates(fromDay: string, toDay: string): Promise<{ day: string; values: Record<string, unknown> }[]> {
    const days: string[] = [];
    for (let d = fromDay; d <= toDay; d = nextDay(d)) days.push(d);
    const out: { day: string; values: Record<string, unknown> }[] = [];
    for (let i = 0; i < days.length; i += 100) {
      let keys: Item[] | undefined = days.slice(i, i + 100).map((day) => ITEMS.dayCounters.key({ day }));
      for (let attempt = 0; keys && keys.length > 0 && attempt < 5; attempt++) {
        const r = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }));
        for (const it of r.Responses?.[this.tableName] ?? []) {
          const { PK, SK: _sk, ...values } = it;
          out.push({ day: String(PK).slice(ITEMS.dayCounters.pk.prefix.length), values });
        }
        keys = r.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined;
      }
    }
    return out.sort((a, b) => (a.day < b.day ? -1 : 1));
  }
}

function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

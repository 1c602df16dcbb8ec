/** Health and the service calendar (CONFIG / CALENDAR): read by many functions, written by admin only. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CalendarConfig } from '../domain/calendar-config.js';
import { StoreCore } from './core.js';
import { ITEMS } from './items.js';

export class ConfigStore extends StoreCore {
  async ping(): Promise<void> {
    await this.doc.send(new GetCommand({ TableName: this.tableName, Key: ITEMS.health.key({}) }));
  }

  async getCalendar(): Promise<CalendarConfig | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: ITEMS.calendar.key({}) }));
    return (r.Item?.calendar as CalendarConfig | undefined) ?? undefined;
  }
}

/** Writes the service calendar. */
export class ConfigWriteStore extends StoreCore {
  async putCalendar(calendar: CalendarConfig, at: string, actor: string): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: { ...ITEMS.calendar.key({}), calendar, updatedAt: at, updatedBy: actor } }),
    );
  }
}

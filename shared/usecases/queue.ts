/**
 * The staff queue: every open correction and callback, oldest first (arrival order). Each item's first-response due
 * time is counted in open minutes (set at arrival); `firstResponseDueSoonAt` is the instant from which at most
 * DUE_SOON_OPEN_MINUTES open minutes are left — a fixed instant, so the console colours a row amber/red by comparing
 * clocks while the answer (and its ETag) stays the same between polls.
 */
import { DEFAULT_CALENDAR, type CalendarConfig } from '../domain/calendar-config.js';
import { addOpenMinutes, openMinutesBetween } from '../domain/calendar.js';
import type { ConfigStore } from '../store/config.js';
import type { Case } from '../store/core.js';
import type { QueueStore } from '../store/queue.js';
import type { QueueItem } from '../api-answers.js';
import { loadCalendar } from './deps.js';

export type { QueueItem };

/** amber: the first response is due within this many open minutes (contract §8.1, issue 12) */
export const DUE_SOON_OPEN_MINUTES = 10;

/** The instant from which at most `DUE_SOON_OPEN_MINUTES` open minutes are left before `due`. */
export function dueSoonAt(cal: CalendarConfig, receivedAt: string, due: string): string {
  const from = new Date(receivedAt);
  const total = openMinutesBetween(cal, from, new Date(due));
  if (total <= DUE_SOON_OPEN_MINUTES) return receivedAt;
  return addOpenMinutes(cal, from, total - DUE_SOON_OPEN_MINUTES).toISOString();
}

export function queueItem(c: Case, cal: CalendarConfig = DEFAULT_CALENDAR): QueueItem {
  const due = c.sla?.firstResponseDueAt;
  const base = {
    kind: c.kind,
    id: c.id,
    reference: c.reference,
    status: c.status,
    receivedAt: c.receivedAt,
    version: c.version,
    ...(due ? { firstResponseDueAt: due, firstResponseDueSoonAt: dueSoonAt(cal, c.receivedAt, due) } : {}),
    channel: c.channel,
    ...(c.matchId ? { matchId: c.matchId } : {}),
    language: c.language,
    ...(c.assignee ? { assignee: c.assignee.name ?? c.assignee.email ?? c.assignee.sub } : {}),
    ...(c.recontactOf ? { recontactOf: c.recontactOf } : {}),
  };
  if (c.kind === 'correction') return { ...base, category: c.category, ...(c.match ? { match: `${c.match.home} – ${c.match.away}` } : {}), ...(c.duplicateOf ? { duplicateOf: c.duplicateOf } : {}), ...(c.unclassified ? { unclassified: true } : {}) };
  return { ...base, name: c.name, topic: c.topic };
}

export async function listQueue(store: QueueStore & ConfigStore, q: { status?: string; kind?: string; limit?: number; cursor?: string }) {
  const [page, cal] = await Promise.all([store.listQueue({ limit: q.limit ?? 50, cursor: q.cursor, status: q.status, kind: q.kind }), loadCalendar(store)]);
  return { items: page.items.map((c) => queueItem(c, cal)), nextCursor: page.nextCursor ?? null };
}

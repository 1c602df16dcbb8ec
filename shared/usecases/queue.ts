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

/**
 * dueSoonAt, remembered per calendar object: the console polls the same page again and again, and the calendar math
 * is most of a page's CPU (~3 µs a row; issue 15). A pure function of (calendar, receivedAt, due), so a remembered
 * answer is the one computed; a changed calendar is another object (loadCalendar), with its own memory. Bounded.
 */
const DUE_SOON_REMEMBERED = 2000;
const dueSoonMemo = new WeakMap<CalendarConfig, { size: number; byDue: Map<string, Map<string, string>> }>();
function dueSoonAtRemembered(cal: CalendarConfig, receivedAt: string, due: string): string {
  let memo = dueSoonMemo.get(cal);
  if (!memo) dueSoonMemo.set(cal, (memo = { size: 0, byDue: new Map() }));
  // by due time, then arrival: two look-ups of the row's own strings, no key string built per row
  let byArrival = memo.byDue.get(due);
  let at = byArrival?.get(receivedAt);
  if (at === undefined) {
    at = dueSoonAt(cal, receivedAt, due);
    if (memo.size >= DUE_SOON_REMEMBERED) {
      memo.byDue.clear();
      memo.size = 0;
      byArrival = undefined;
    }
    if (!byArrival) memo.byDue.set(due, (byArrival = new Map()));
    byArrival.set(receivedAt, at);
    memo.size++;
  }
  return at;
}

/**
 * One queue row. Built by assignment, not by spreading conditional parts: a page is 50 rows, and in V8 an object
 * literal with spreads after its first property copies each one on a slow path (~1 µs a property; issue 15).
 * The keys keep the order they always had (the page's ETag hashes its JSON).
 */
export function queueItem(c: Case, cal: CalendarConfig = DEFAULT_CALENDAR): QueueItem {
  const q = { kind: c.kind, id: c.id, reference: c.reference, status: c.status, receivedAt: c.receivedAt, version: c.version } as QueueItem;
  const due = c.sla?.firstResponseDueAt;
  if (due) {
    q.firstResponseDueAt = due;
    q.firstResponseDueSoonAt = dueSoonAtRemembered(cal, c.receivedAt, due);
  }
  q.channel = c.channel;
  if (c.matchId) q.matchId = c.matchId;
  q.language = c.language;
  if (c.assignee) q.assignee = c.assignee.name ?? c.assignee.email ?? c.assignee.sub;
  if (c.recontactOf) q.recontactOf = c.recontactOf;
  if (c.kind === 'correction') {
    q.category = c.category;
    if (c.match) q.match = `${c.match.home} – ${c.match.away}`;
    if (c.duplicateOf) q.duplicateOf = c.duplicateOf;
    if (c.unclassified) q.unclassified = true;
  } else {
    q.name = c.name;
    q.topic = c.topic;
  }
  return q;
}

export async function listQueue(store: QueueStore & ConfigStore, q: { status?: string; kind?: string; limit?: number; cursor?: string }) {
  const [page, cal] = await Promise.all([
    store.listQueue({ limit: q.limit ?? 50, cursor: q.cursor, status: q.status, kind: q.kind }),
    loadCalendar(store),
  ]);
  return { items: page.items.map((c) => queueItem(c, cal)), nextCursor: page.nextCursor ?? null };
}

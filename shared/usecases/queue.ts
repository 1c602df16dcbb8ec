/**
 * The staff queue: every open correction and callback, oldest first (arrival order). Each item's first-response due
 * time is counted in open minutes (set at arrival); `firstResponseDueSoonAt` is the instant from which at most
 * DUE_SOON_OPEN_MINUTES open minutes are left — a fixed instant, so the console colours a row amber/red by comparing
 * clocks while the answer (and its ETag) stays the same between polls.
 */
import { DEFAULT_CALENDAR, type CalendarConfig } from '../domain/calendar-config.js';
import { addOpenMinutes, openMinutesBetween } from '../domain/calendar.js';
import type { ConfigStore } from '../store/config.js';
import type { Correction } from '../domain/correction.js';
import type { Callback } from '../domain/records.js';
import { recordValue, type Case } from '../store/core.js';
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
 * One queue row, from a case record or from its stored item (then key attributes are there and are not read; every
 * top-level attribute the row copies or reads goes through `recordValue`, as `stripKeys` would have given it). Built
 * by assignment, not by spreading conditional parts: a page is 50 rows, and in V8 an object literal with spreads after
 * its first property copies each one on a slow path (~1 µs a property; issue 15). The keys keep the order they always
 * had (the page's ETag hashes its JSON).
 */
export function queueItem(c: Case, cal: CalendarConfig = DEFAULT_CALENDAR): QueueItem {
  const kind = recordValue(c.kind);
  const receivedAt = recordValue(c.receivedAt);
  const q = {
    kind,
    id: recordValue(c.id),
    reference: recordValue(c.reference),
    status: recordValue(c.status),
    receivedAt,
    version: recordValue(c.version),
  } as QueueItem;
  const due = recordValue(c.sla)?.firstResponseDueAt;
  if (due) {
    q.firstResponseDueAt = due;
    q.firstResponseDueSoonAt = dueSoonAtRemembered(cal, receivedAt, due);
  }
  q.channel = recordValue(c.channel);
  const matchId = recordValue(c.matchId);
  if (matchId) q.matchId = matchId;
  q.language = recordValue(c.language);
  const assignee = recordValue(c.assignee);
  if (assignee) q.assignee = assignee.name ?? assignee.email ?? assignee.sub;
  const recontactOf = recordValue(c.recontactOf);
  if (recontactOf) q.recontactOf = recontactOf;
  if (kind === 'correction') {
    const k = c as Correction;
    q.category = recordValue(k.category);
    const match = recordValue(k.match);
    if (match) q.match = `${match.home} – ${match.away}`;
    const duplicateOf = recordValue(k.duplicateOf);
    if (duplicateOf) q.duplicateOf = duplicateOf;
    if (recordValue(k.unclassified)) q.unclassified = true;
  } else {
    const cb = c as Callback;
    q.name = recordValue(cb.name);
    q.topic = recordValue(cb.topic);
  }
  return q;
}

export async function listQueue(store: QueueStore & ConfigStore, q: { status?: string; kind?: string; limit?: number; cursor?: string }) {
  const [page, cal] = await Promise.all([
    store.listQueue({ limit: q.limit ?? 50, cursor: q.cursor, status: q.status, kind: q.kind, asStored: true }),
    loadCalendar(store),
  ]);
  return { items: page.items.map((c) => queueItem(c, cal)), nextCursor: page.nextCursor ?? null };
}

/** The staff queue: every open correction and callback, oldest first (arrival order). */
import type { Case } from '../store/core.js';
import type { QueueStore } from '../store/queue.js';
import type { QueueItem } from '../api-answers.js';

export type { QueueItem };


/**
 * One queue row. Built by assignment, not by spreading conditional parts: a page is 50 rows, and in V8 an object
 * literal with spreads after its first property copies each one on a slow path (~1 µs a property; issue 15).
 * The keys keep the order they always had (the page's ETag hashes its JSON).
 */
export function queueItem(c: Case): QueueItem {
  const q = { kind: c.kind, id: c.id, reference: c.reference, status: c.status, receivedAt: c.receivedAt, version: c.version } as QueueItem;
  if (c.sla?.firstResponseDueAt) q.firstResponseDueAt = c.sla.firstResponseDueAt;
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

export async function listQueue(store: QueueStore, q: { status?: string; kind?: string; limit?: number; cursor?: string }) {
  const page = await store.listQueue({ limit: q.limit ?? 50, cursor: q.cursor, status: q.status, kind: q.kind });
  return { items: page.items.map(queueItem), nextCursor: page.nextCursor ?? null };
}

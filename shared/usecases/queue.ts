/** The staff queue: every open correction and callback, oldest first (arrival order). */
import type { Case } from '../store/core.js';
import type { QueueStore } from '../store/queue.js';
import type { QueueItem } from '../api-answers.js';

export type { QueueItem };


export function queueItem(c: Case): QueueItem {
  const base = {
    kind: c.kind,
    id: c.id,
    reference: c.reference,
    status: c.status,
    receivedAt: c.receivedAt,
    version: c.version,
    ...(c.sla?.firstResponseDueAt ? { firstResponseDueAt: c.sla.firstResponseDueAt } : {}),
    channel: c.channel,
    ...(c.matchId ? { matchId: c.matchId } : {}),
    language: c.language,
    ...(c.assignee ? { assignee: c.assignee.name ?? c.assignee.email ?? c.assignee.sub } : {}),
    ...(c.recontactOf ? { recontactOf: c.recontactOf } : {}),
  };
  if (c.kind === 'correction') return { ...base, category: c.category, ...(c.match ? { match: `${c.match.home} – ${c.match.away}` } : {}), ...(c.duplicateOf ? { duplicateOf: c.duplicateOf } : {}), ...(c.unclassified ? { unclassified: true } : {}) };
  return { ...base, name: c.name, topic: c.topic };
}

export async function listQueue(store: QueueStore, q: { status?: string; kind?: string; limit?: number; cursor?: string }) {
  const page = await store.listQueue({ limit: q.limit ?? 50, cursor: q.cursor, status: q.status, kind: q.kind });
  return { items: page.items.map(queueItem), nextCursor: page.nextCursor ?? null };
}

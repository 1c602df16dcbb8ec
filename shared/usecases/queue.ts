/** The staff queue: every open correction and callback, oldest first (arrival order). */
import type { Case } from '../store/core.js';
import type { QueueStore } from '../store/queue.js';

export interface QueueItem {
  kind: 'correction' | 'callback';
  id: string;
  reference: string;
  status: string;
  receivedAt: string;
  version: number;
  firstResponseDueAt?: string;
  channel: string;
  matchId?: string;
  category?: string;
  assignee?: string;
  duplicateOf?: string;
  recontactOf?: string;
  /** an emailed contact whose match staff have not set yet (POST /staff/corrections/{id}/classify) */
  unclassified?: boolean;
  name?: string;
  topic?: string;
  /** the reporter's or caller's language, and the match as reported (the console's queue shows both) */
  language?: string;
  match?: string;
}

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

/**
 * Personal data (contract §12): a person's data found through the contact index (a keyed hash of their email
 * address or phone number, never a Scan), exported as JSON, or erased from every item that holds it. The
 * erasure of a case keeps what the reports count (state, category, channel, times) and is recorded in its
 * audit trail as the kinds of fields erased, by whom and when, never the values.
 */
import type { Actor } from '../domain/correction.js';
import type { Callback, HistoryEntry } from '../domain/records.js';
import type { CaseDetailsStore, CaseStore } from '../store/cases.js';
import { contact, type ContactKind } from '../store/contact-keys.js';
import { ConflictError, type Case } from '../store/core.js';
import { ERASED, type PrivacyStore } from '../store/privacy.js';
import type { Deps } from './deps.js';

export type PrivacyDepsStore = CaseStore & CaseDetailsStore & PrivacyStore;

export interface ContactQuery {
  email?: string;
  phone?: string;
}

export interface CaseErasure {
  /** records changed (the case, its messages, notes, history, emails, index items) */
  records: number;
  fields: string[];
}

/** The case record without its personal data; undefined when it holds none (already erased). */
export function erasedRecord(c: Case, at: string): { next: Case; fields: string[] } | undefined {
  if ((c as { personalDataErasedAt?: string }).personalDataErasedAt) return undefined;
  const fields: string[] = [];
  let next: Case;
  if (c.kind === 'correction') {
    const { email: _mail, attachments, undeliverable, ...rest } = c;
    fields.push('name', 'description');
    if (c.reporter.email) fields.push('email');
    if (c.reporter.phone) fields.push('phone');
    if (c.email) fields.push('inbound email');
    if (attachments?.length) fields.push('attachments');
    if (undeliverable?.length) fields.push('email');
    next = { ...rest, reporter: { name: '', email: '' }, description: ERASED };
  } else {
    const { note, moreTopics, ...rest } = c;
    fields.push('name', 'phone', 'topic');
    if (note) fields.push('note');
    next = {
      ...rest,
      name: '',
      phone: '',
      topic: ERASED,
      ...(moreTopics ? { moreTopics: moreTopics.map((t) => ({ ...t, topic: ERASED })) } : {}),
    } as Callback;
  }
  return { next: Object.assign(next, { personalDataErasedAt: at }), fields: [...new Set(fields)].sort() };
}

/**
 * Erases one case's personal data everywhere: first the items around it (they need its contacts), then the
 * case record with an audit entry in the same transaction. Safe to run again; answers what changed.
 */
export async function eraseCase(
  deps: Deps<CaseStore & PrivacyStore>,
  id: string,
  by: string,
  cause: 'retention' | 'request',
): Promise<CaseErasure> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await deps.store.getCase(id);
    if (!c) return { records: 0, fields: [] };
    const around = await deps.store.eraseCaseItems(c);
    const at = deps.clock.now().toISOString();
    const erased = erasedRecord(c, at);
    if (!erased) return { records: around.records + (await deps.store.dropIndexEntries(around.indexEntries)), fields: around.fields };
    const history: HistoryEntry[] = [
      {
        at,
        actor: by,
        action: 'erase-personal-data',
        version: c.version + 1,
        cause,
        fields: [...new Set([...erased.fields, ...around.fields])].sort(),
      },
    ];
    try {
      await deps.store.commitChange({ next: { ...erased.next, version: c.version + 1 }, fromVersion: c.version, history });
    } catch (err) {
      // the case changed meanwhile (a reply, a staff action): erase what it is now
      if (err instanceof ConflictError) continue;
      throw err;
    }
    const dropped = await deps.store.dropIndexEntries(around.indexEntries);
    return { records: around.records + 1 + dropped, fields: [...new Set([...erased.fields, ...around.fields])].sort() };
  }
  throw new Error(`case ${id} kept changing during its erasure; run it again`);
}

const contactOf = (q: ContactQuery): { kind: ContactKind; value: string } =>
  q.email ? { kind: 'email', value: contact('email', q.email) } : { kind: 'phone', value: contact('phone', q.phone!) };

/** GET /admin/privacy/export: everything stored about a contact, as JSON. */
export async function exportContact(deps: Deps<PrivacyDepsStore>, q: ContactQuery) {
  const who = contactOf(q);
  const ids = await deps.store.casesOfContact(who.value);
  const corrections: unknown[] = [];
  const callbacks: unknown[] = [];
  for (const id of ids) {
    const d = await deps.store.getCaseWithDetails(id);
    if (!d) continue;
    const { trackingTokenHash: _t, ...record } = d.record as Case & { trackingTokenHash?: string };
    const emails = (await deps.store.outboxOfCase(id)).map(({ id: emailId, to, subject, text, status, createdAt, sentAt }) => ({
      id: emailId,
      to,
      subject,
      text,
      status,
      createdAt,
      ...(sentAt ? { sentAt } : {}),
    }));
    const entry = { ...record, history: d.history.sort((a, b) => a.version - b.version), notes: d.notes, messages: d.messages, emails };
    (d.record.kind === 'callback' ? callbacks : corrections).push(entry);
  }
  return {
    contact: { kind: who.kind, ...(q.email ? { email: q.email.toLowerCase() } : { phone: q.phone }) },
    exportedAt: deps.clock.now().toISOString(),
    corrections,
    callbacks,
  };
}

/** POST /admin/privacy/erase: the contact's data out of every case, message, email record and index key. */
export async function eraseContact(deps: Deps<PrivacyDepsStore>, q: ContactQuery, actor: Actor) {
  const who = contactOf(q);
  const by = actor.email ?? actor.sub;
  const ids = await deps.store.casesOfContact(who.value);
  let records = 0;
  const fields = new Set<string>();
  for (const id of ids) {
    const r = await eraseCase(deps, id, by, 'request');
    records += r.records + (await deps.store.dropContactIndexEntry(who.value, id));
    r.fields.forEach((f) => fields.add(f));
  }
  const at = deps.clock.now().toISOString();
  await deps.store.putPrivacyAudit({
    at,
    by,
    action: 'erase',
    contactKind: who.kind,
    cases: ids.length,
    records,
    fields: [...fields].sort(),
  });
  return { cases: ids.length, records, fields: [...fields].sort() };
}

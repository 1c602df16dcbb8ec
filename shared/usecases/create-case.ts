/**
 * Intake's one create-case path, the counterpart of ./mutate-case.ts, for corrections and callbacks alike.
 * A new case is written in ONE transaction with: the guard of its phone-readable reference, its entries in
 * the reporter's cases on the match (re-contacts), the first-contact-resolution loss of the case it
 * re-contacts, the day's report counters, the limit guards, the kind's own items (an open-callback guard, an
 * inbound message's guard) and the completion of its idempotency record. A lost race is decided again: a
 * drawn reference that was taken (a fresh one is drawn), a concurrent re-contact that took the earlier case
 * out of FCR first, a transient collision on a shared counter item. Past a limit it is a 429 and nothing is
 * stored.
 */
import type { Channel } from '../domain/correction.js';
import { newReference } from '../domain/identifiers.js';
import type { HistoryEntry, Note, OutboxEmail } from '../domain/records.js';
import { AppError } from '../errors.js';
import { guardReference, indexReporter } from '../store/case-items.js';
import type { CaseIntakeStore, CaseStore } from '../store/cases.js';
import { ConflictError, type Case, type CaseChange, type ExtraPut } from '../store/core.js';
import type { LimitGuard } from '../store/limits.js';
import { conflictPause, contactAggregates, dayOf, fcrLoss, mergeAggregates, transientConflict } from './aggregates.js';
import type { Deps } from './deps.js';
import type { IdempotencyHandle } from './idempotency.js';
import { throwIfRateLimited } from './limits.js';

/** Times a lost race is decided again before the request is refused. */
const MAX_RETRIES = 3;

/** A drafted case with a reference: the record, the answer to the request, and what goes with it. */
export interface NewCase<C extends Case, A> {
  next: C;
  answer: A;
  history: HistoryEntry[];
  emails?: OutboxEmail[];
  notes?: Note[];
  /** the kind's own items, built by the store (../store/case-items.ts, ../store/inbound.ts) */
  extraPuts?: ExtraPut[];
}

/** The kind's own answer to a refused transaction: another answer (stop), other guards (draft again), or none. */
export type ConflictAnswer<R> = { answer: R } | { retryWith: LimitGuard[] } | undefined;

export interface CreateCaseSpec<C extends Case, A, R> {
  id: string;
  now: Date;
  channel: Channel;
  /** the reference's prefix (`TP` for corrections, `CB` for callbacks) */
  referencePrefix?: string;
  /** the earlier case this one re-contacts: it stops counting as first-contact resolved in this transaction */
  recontactOf?: string;
  /** the reporter's contacts on the match: later contacts find this case through them */
  reporterIndex?: { matchId: string; contacts: string[] };
  guards: LimitGuard[];
  idempotency?: IdempotencyHandle;
  /** the case with this reference, under these guards (an acknowledgement may depend on them) */
  draft: (reference: string, guards: LimitGuard[]) => NewCase<C, A>;
  /** asked first when the transaction is refused (a limit refusal has already been answered with a 429) */
  onConflict?: (err: unknown, guards: LimitGuard[], attempt: number) => Promise<ConflictAnswer<R>> | ConflictAnswer<R>;
  /** decide every lost race again (a callback: the phone's open callback may have been completed meanwhile) */
  retryAnyConflict?: boolean;
  /** what the caller is told when the races kept being lost */
  conflictMessage: string;
}

/** Creates the case; `{ answered }` when the kind's `onConflict` answered instead. */
export async function createCase<C extends Case, A, R = never>(
  deps: Deps<CaseStore & CaseIntakeStore>,
  spec: CreateCaseSpec<C, A, R>,
): Promise<{ created: NewCase<C, A> } | { answered: R }> {
  const { store } = deps;
  const { id, now, recontactOf } = spec;
  let guards = spec.guards;
  for (let attempt = 0; ; attempt++) {
    const reference = newReference(spec.referencePrefix);
    const drafted = spec.draft(reference, guards);
    // A re-contact takes the earlier case out of first-contact resolution, in this same transaction.
    const loss = recontactOf ? await fcrLoss(store, recontactOf, now, id) : undefined;
    // built by assignment, not conditional spreads (V8's slow path; issue 15)
    const extraPuts = [guardReference(reference, id)];
    if (drafted.extraPuts) for (const p of drafted.extraPuts) extraPuts.push(p);
    const ri = spec.reporterIndex;
    if (ri) for (const p of indexReporter(ri.matchId, ri.contacts, drafted.next.receivedAt, id)) extraPuts.push(p);
    if (loss) for (const p of loss.extraPuts) extraPuts.push(p);
    const change: CaseChange = { next: drafted.next, fromVersion: null, history: drafted.history };
    if (drafted.emails?.length) change.emails = drafted.emails;
    if (drafted.notes?.length) change.notes = drafted.notes;
    change.extraPuts = extraPuts;
    change.aggregates = mergeAggregates(contactAggregates(dayOf(now), spec.channel, Boolean(recontactOf)), loss?.aggregates);
    change.guards = guards;
    if (spec.idempotency) change.idempotency = idempotencyCompletion(spec.idempotency, 201, drafted.answer);
    try {
      await store.commitChange(change);
      return { created: drafted };
    } catch (err) {
      throwIfRateLimited(err, guards, now);
      const own = await spec.onConflict?.(err, guards, attempt);
      if (own && 'answer' in own) return { answered: own.answer };
      if (own && 'retryWith' in own && attempt < MAX_RETRIES) {
        guards = own.retryWith;
        continue;
      }
      if (!(err instanceof ConflictError)) throw err;
      // On a fresh id only these can collide: the reference (draw another), the earlier case's FCR marker (a
      // concurrent re-contact took it out first: decide again), a shared counter item (write again); else the
      // idempotency record was taken over.
      const again =
        attempt < MAX_RETRIES &&
        (spec.retryAnyConflict ||
          transientConflict(err) ||
          (await store.referenceTaken(reference)) ||
          (loss !== undefined && !(await store.getFcrMarker(recontactOf!))?.counted));
      if (!again) throw new AppError('conflict', spec.conflictMessage);
      if (transientConflict(err)) await conflictPause(attempt);
    }
  }
}

/** The idempotency record's completion, in the transaction of the change: the stored answer of the request. */
export function idempotencyCompletion(handle: IdempotencyHandle, status: number, answer: unknown): NonNullable<CaseChange['idempotency']> {
  return { key: handle.key, owner: handle.owner, response: { status, body: handle.seal(answer as Record<string, unknown>) } };
}

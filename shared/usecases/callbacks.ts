/**
 * Callbacks (contract §4): a person asks to be called back; staff claim and complete the callback.
 * Callbacks join the one staff queue in arrival order (kind `callback`) and carry the same
 * first-response clock as corrections (`sla.firstResponseDueAt`, in the first-response-due index).
 *
 * - One open callback per phone number. A second request while one is open adds its topic to the open
 *   one (200) and answers without the open one's reference, name or times: anyone can type a number
 *   (contract §11). Every request counts against the number's daily limit (429 past it). Race-safe: the create
 *   transaction (./create-case.ts) puts the phone's open-callback guard (../store/case-items.ts; its key holds a keyed hash of the
 * number), which only one
 *   open callback can hold, so of concurrent requests from one phone exactly one creates; the others find the
 *   guard and answer the winner's callback. Completing the callback releases the guard in the completing
 *   transaction.
 * - Re-contact: a callback about a match, from a phone that had a case on that match resolved in the
 *   last 14 days, names it in `recontactOf` (and takes that case out of first-contact resolution).
 * - States: `queued` → (claim) `in-progress` → (complete) `completed`; `complete` is also allowed
 *   straight from `queued` (a staff member who calls back at once). Anything else is 409.
 */
import { serviceStatus } from '../domain/calendar.js';
import type { Language } from '../domain/calendar-config.js';
import type { Actor } from '../domain/correction.js';
import { newId } from '../domain/identifiers.js';
import type { Callback, CallbackOutcome, HistoryEntry } from '../domain/records.js';
import { AppError, notFound } from '../errors.js';
import type { CaseDetailsStore, CaseIntakeStore, CaseStore } from '../store/cases.js';
import type { CatalogStore } from '../store/catalog.js';
import type { ConfigStore } from '../store/config.js';
import { guardOpenCallback, releaseOpenCallback } from '../store/case-items.js';
import { ConflictError } from '../store/core.js';
import type { LimitGuard } from '../store/limits.js';
import type { IdempotencyStore } from '../store/idempotency.js';
import type { LimitsStore } from '../store/limits.js';
import { conflictPause } from './aggregates.js';
import { createCase, idempotencyCompletion } from './create-case.js';
import { loadCalendar, type Deps } from './deps.js';
import { mutateCase, type CaseDecision } from './mutate-case.js';
import type { IdempotencyHandle } from './idempotency.js';
import { clientGuard, loadLimits, phoneGuard } from './limits.js';
import { findRecontact } from './recontacts.js';

export interface CallbackInput {
  name: string;
  phone: string;
  language: Language;
  topic: string;
  matchId?: string;
}

/** The answer to a request for a number that already waits for a call: nothing about the first request. */
export interface AddedToOpenAnswer {
  status: 'queued';
  addedToOpenRequest: true;
  message: string;
}

export interface CallbackAnswer {
  id: string;
  reference: string;
  status: Callback['status'];
  expectedCallbackBy: string;
  receivedAt: string;
  recontactOf?: string;
}

/** The store groups of a change to a callback (`mutateCallback`): the case and the report counters' calendar. */
export type CallbackWorkflowStore = CaseStore & ConfigStore;
/** …and matches, intake's lookups and idempotency records: a request for a callback. */
export type CallbackRequestStore = CallbackWorkflowStore & CaseIntakeStore & CatalogStore & IdempotencyStore & LimitsStore;

const actorLabel = (a: Actor) => a.email ?? a.sub;

export function callbackAnswer(c: Callback): CallbackAnswer {
  return {
    id: c.id,
    reference: c.reference,
    status: c.status,
    expectedCallbackBy: c.sla?.firstResponseDueAt ?? c.receivedAt,
    receivedAt: c.receivedAt,
    ...(c.recontactOf ? { recontactOf: c.recontactOf } : {}),
  };
}

/** The open callback of this phone number: the index first (cheap), the guard item when it matters (consistent). */
async function openCallbackOf(deps: Deps<CaseStore & CaseIntakeStore>, phone: string, consistent: boolean): Promise<Callback | undefined> {
  const id = consistent ? await deps.store.openCallbackGuard(phone) : await deps.store.findOpenCallback(phone);
  if (!id) return undefined;
  const c = await deps.store.getCase(id);
  return c && c.kind === 'callback' && c.status !== 'completed' ? c : undefined;
}

/** POST /callbacks. `created: false` when an open callback of this phone number was answered instead. */
export async function requestCallback(
  deps: Deps<CallbackRequestStore>,
  input: CallbackInput,
  opts: { idempotency?: IdempotencyHandle; clientIp?: string } = {},
): Promise<{ created: true; body: CallbackAnswer } | { created: false; body: AddedToOpenAnswer }> {
  const { store, clock } = deps;
  const [match, limits] = await Promise.all([input.matchId ? store.getMatch(input.matchId) : undefined, loadLimits(store)]);
  if (input.matchId && !match) {
    throw new AppError(
      'unknown_match',
      `There is no match "${input.matchId}" in the results service. Check the match id on the match ` +
        `report, or leave matchId out and describe the match in the topic.`,
      [{ path: 'matchId', message: 'is not a known match' }],
    );
  }
  const guardsAt = (at: Date) => [phoneGuard(limits, input.phone, at), ...clientGuard(limits, opts.clientIp, at)];
  const existingAnswer = async (c: Callback) => {
    const added = await addToOpen(deps, c.id, input, match?.id, guardsAt, opts.idempotency);
    return added ? { created: false as const, body: added } : undefined;
  };
  const open = await openCallbackOf(deps, input.phone, false);
  if (open) {
    const r = await existingAnswer(open);
    if (r) return r;
  }

  const now = clock.now();
  const receivedAt = now.toISOString();
  const cal = await loadCalendar(store);
  const status = serviceStatus(cal, now);
  const contact = `phone:${input.phone}`;
  const recontactOf = match ? await findRecontact(deps, match.id, [contact], now) : undefined;
  const id = newId();

  const result = await createCase(deps, {
    id,
    now,
    channel: 'callback',
    referencePrefix: 'CB',
    ...(recontactOf ? { recontactOf } : {}),
    ...(match ? { reporterIndex: { matchId: match.id, contacts: [contact] } } : {}),
    guards: guardsAt(now),
    ...(opts.idempotency ? { idempotency: opts.idempotency } : {}),
    draft: (reference) => {
      const callback: Callback = {
        kind: 'callback',
        id,
        reference,
        name: input.name,
        phone: input.phone,
        language: input.language,
        topic: input.topic,
        ...(match ? { matchId: match.id, seriesId: match.seriesId } : {}),
        channel: 'callback',
        status: 'queued',
        version: 1,
        receivedAt,
        ...(recontactOf ? { recontactOf } : {}),
        sla: { targetMode: status.targetMode, firstResponseDueAt: status.expectedResponseBy.toISOString() },
      };
      const history: HistoryEntry[] = [
        {
          at: receivedAt,
          actor: 'caller',
          action: 'create',
          version: 1,
          to: 'queued',
          channel: 'callback',
          ...(recontactOf ? { recontactOf } : {}),
        },
      ];
      return { next: callback, answer: callbackAnswer(callback), history, extraPuts: [guardOpenCallback(input.phone, id, receivedAt)] };
    },
    // Another request from this phone won the guard: add to its callback.
    onConflict: async (err) => {
      if (!(err instanceof ConflictError)) return undefined;
      const winner = await openCallbackOf(deps, input.phone, true);
      const added = winner ? await existingAnswer(winner) : undefined;
      return added ? { answer: added } : undefined;
    },
    // Otherwise the reference collided, a concurrent re-contact took the earlier case out of FCR, the winner was
    // completed in between, or it collided on a shared counter item: decide again (a fresh reference, a fresh
    // look at the FCR marker).
    retryAnyConflict: true,
    conflictMessage: opts.idempotency
      ? 'Another request with the same Idempotency-Key finished first. Retry with the same key to get its answer.'
      : 'Several requests for this phone number arrived at the same moment. Nothing was saved; please try again.',
  });
  return 'created' in result ? { created: true, body: result.created.answer } : result.answered;
}

class NoLongerOpen extends Error {}

/**
 * A later request for a number with an open callback: its topic joins the open callback (the desk sees it
 * when calling), counted against the number's limit, in one transaction with the idempotency record. The
 * answer says nothing of the first request. Undefined when the callback was completed meanwhile (then the
 * request makes a new one).
 */
async function addToOpen(
  deps: Deps<CallbackRequestStore>,
  id: string,
  input: CallbackInput,
  matchId: string | undefined,
  guardsAt: (now: Date) => LimitGuard[],
  idempotency: IdempotencyHandle | undefined,
): Promise<AddedToOpenAnswer | undefined> {
  const body: AddedToOpenAnswer = {
    status: 'queued',
    addedToOpenRequest: true,
    message: 'A callback to this number is already waiting. We added your topic to it; the desk will call this number.',
  };
  // Many requests for one number at once all change the one open callback: retry a lost race a few more times.
  for (let round = 0; ; round++) {
    try {
      await mutateCallback(deps, id, undefined, (c, now) => {
        if (c.status === 'completed') throw new NoLongerOpen();
        const at = now.toISOString();
        return {
          next: { ...c, moreTopics: [...(c.moreTopics ?? []), { at, topic: input.topic, ...(matchId ? { matchId } : {}) }] },
          history: [{ at, actor: 'caller', action: 'add-topic', version: c.version + 1 }],
          guards: guardsAt(now),
          ...(idempotency ? { idempotency: idempotencyCompletion(idempotency, 200, body) } : {}),
        };
      });
      return body;
    } catch (err) {
      if (err instanceof NoLongerOpen) return undefined;
      if (round < 4 && err instanceof AppError && err.code === 'conflict') {
        await conflictPause(round + 2);
        continue;
      }
      throw err;
    }
  }
}

// ---------------------------------------------------------------- staff

type Decision = CaseDecision<Callback>;

/** Read–decide–write of a callback (see mutateCase): history and counters in the same transaction. */
export async function mutateCallback(
  deps: Deps<CallbackWorkflowStore>,
  id: string,
  expectedVersion: number | undefined,
  decide: (c: Callback, now: Date) => Decision,
): Promise<Callback> {
  return (await mutateCase<Callback>(deps, 'callback', id, expectedVersion, decide)).next;
}

function refuse(c: Callback, actor: Actor, action: 'claim' | 'complete'): void {
  if (c.status === 'in-progress' && c.assignee && c.assignee.sub !== actor.sub) {
    throw new AppError(
      'already_claimed',
      `${c.assignee.name ?? c.assignee.email ?? 'Another staff member'} is returning this callback. Ask ` +
        `them, or pick the next one in the queue.`,
    );
  }
  if (action === 'claim' && c.status === 'in-progress') throw new AppError('invalid_transition', 'You already hold this callback.');
  if (c.status === 'completed') {
    throw new AppError(
      'invalid_transition',
      `This callback was completed${c.outcome ? ` (${c.outcome})` : ''} and cannot be ` +
        `${action === 'claim' ? 'claimed' : 'completed'} again. If the caller needs more help, they can ask ` +
        `for a new callback.`,
    );
  }
}

export async function claimCallback(
  deps: Deps<CallbackWorkflowStore>,
  id: string,
  actor: Actor,
  expectedVersion?: number,
): Promise<Callback> {
  return mutateCallback(deps, id, expectedVersion, (c, now) => {
    refuse(c, actor, 'claim');
    const at = now.toISOString();
    const next: Callback = { ...c, status: 'in-progress', assignee: actor, firstResponseAt: c.firstResponseAt ?? at };
    return {
      next,
      history: [{ at, actor: actorLabel(actor), action: 'claim', version: c.version + 1, from: c.status, to: 'in-progress' }],
    };
  });
}

export async function completeCallback(
  deps: Deps<CallbackWorkflowStore>,
  id: string,
  actor: Actor,
  input: { outcome: CallbackOutcome; note?: string },
  expectedVersion?: number,
): Promise<Callback> {
  const note = input.note?.trim() ? input.note.trim() : undefined;
  return mutateCallback(deps, id, expectedVersion, (c, now) => {
    refuse(c, actor, 'complete');
    const at = now.toISOString();
    const next: Callback = {
      ...c,
      status: 'completed',
      outcome: input.outcome,
      completedAt: at,
      assignee: c.assignee ?? actor,
      firstResponseAt: c.firstResponseAt ?? at,
      ...(note ? { note } : {}),
    };
    return {
      next,
      history: [
        {
          at,
          actor: actorLabel(actor),
          action: 'complete',
          version: c.version + 1,
          from: c.status,
          to: 'completed',
          outcome: input.outcome,
          ...(note ? { note } : {}),
        },
      ],
      // The phone number may ask for a new callback again.
      extraPuts: [releaseOpenCallback(c.phone, c.id, now)],
    };
  });
}

/** The staff view of a callback: the record with its audit trail. */
export async function callbackForStaff(deps: Deps<CaseDetailsStore>, id: string) {
  const d = await deps.store.getCaseWithDetails(id);
  if (!d || d.record.kind !== 'callback') throw notFound('callback');
  return { ...d.record, firstResponseDueAt: d.record.sla?.firstResponseDueAt, history: d.history.sort((a, b) => a.version - b.version) };
}

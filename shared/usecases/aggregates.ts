/**
 * Per-day report counters (the day-counters item of ../store/items.ts), updated with DynamoDB ADD in the SAME transaction
 * that changes the case, so a report reads one small item per day instead of every case, and a counter
 * can never disagree with the cases it counts. The definitions (what each counter means and which day
 * it is attributed to) are in ./reports.ts; this module only says which counters a change moves.
 *
 * Counters (numeric attributes of the AGG item):
 *   contacts, channel_<web|phone|email|social|callback>   new case received          → its arrival day
 *   recontacts, reopened                                   re-contact happened        → the day it happened
 *   resolved, fcrEligible, firstContactResolved            first resolution of a case → its arrival day
 *   escalated, infoRequested                               first time it happened     → its arrival day
 *   firstResponses, firstResponseBreaches, frm_<minutes>   first staff action         → its arrival day
 * `frm_<n>` is a histogram: how many cases got their first response after n open minutes
 * (Math.round of the exact open minutes), so a bucket's median can be computed exactly.
 *
 * First-contact resolution is kept per case by a marker item (../store/case-items.ts): while it counts,
 * the case contributes +1 to `firstContactResolved` of the day named in it. A re-contact replaces the
 * marker by one that no longer counts (only while it still counts) and ADDs −1 to that day, in its own
 * transaction; so concurrent re-contacts of one case decrement exactly once (the loser's transaction is
 * cancelled and retried, and then finds it lost).
 */
import { openMinutesBetween } from '../domain/calendar.js';
import { RECONTACT_WINDOW_MS, type Channel, type Outcome } from '../domain/correction.js';
import { localDateOf } from '../domain/helsinki-time.js';
import type { CallbackOutcome } from '../domain/records.js';
import type { CaseStore } from '../store/cases.js';
import type { ConfigStore } from '../store/config.js';
import { countFirstContactResolution, loseFirstContactResolution } from '../store/case-items.js';
import { ConflictError, type Case, type CaseChange } from '../store/core.js';
import { loadCalendar } from './deps.js';

export type Aggregates = NonNullable<CaseChange['aggregates']>;
export type ExtraPuts = NonNullable<CaseChange['extraPuts']>;

export { RECONTACT_WINDOW_MS };
/** Outcomes that can make a correction first-contact resolved (`duplicate` is in neither side of the rate). */
export const FCR_OUTCOMES: readonly Outcome[] = ['corrected', 'no-change', 'rejected'];
/** Callback outcomes that count as resolved (and FCR unless re-contacted); the others count in neither side. */
export const CALLBACK_RESOLVED_OUTCOMES: readonly CallbackOutcome[] = ['resolved'];
export const HISTOGRAM_PREFIX = 'frm_';

export const dayOf = (at: Date | string): string => localDateOf(typeof at === 'string' ? new Date(at) : at);

/**
 * Every change of a day's cases also ADDs to that day's AGG item, so two transactions at the same moment
 * can collide on it (DynamoDB cancels one with `TransactionConflict`) although neither's conditions failed.
 * That is no version mismatch and no duplicate: the loser waits a moment and writes again.
 */
export function transientConflict(err: unknown): boolean {
  if (!(err instanceof ConflictError)) return false;
  if (err.reasons.length === 0) return true; // TransactionConflictException
  return err.reasons.includes('TransactionConflict') && !err.reasons.includes('ConditionalCheckFailed');
}

export const conflictPause = (attempt: number): Promise<void> =>
  new Promise((r) => setTimeout(r, (attempt + 1) * (10 + Math.random() * 40)));

/** One entry per day (a transaction may not touch one item twice), zero additions dropped. */
export function mergeAggregates(...lists: (Aggregates | undefined)[]): Aggregates | undefined {
  // loops over own keys, no entry arrays (every intake and change runs this; issue 15)
  const byDay = new Map<string, Record<string, number>>();
  for (const list of lists) {
    if (!list) continue;
    for (const { day, add } of list) {
      let into = byDay.get(day);
      if (!into) byDay.set(day, (into = {}));
      for (const k in add) into[k] = (into[k] ?? 0) + add[k]!;
    }
  }
  const out: Aggregates = [];
  for (const [day, add] of byDay) {
    const nonZero: Record<string, number> = {};
    let any = false;
    for (const k in add) {
      if (add[k] === 0) continue;
      nonZero[k] = add[k]!;
      any = true;
    }
    if (any) out.push({ day, add: nonZero });
  }
  return out.length > 0 ? out : undefined;
}

export function contactAggregates(day: string, channel: Channel, recontact: boolean): Aggregates {
  return [{ day, add: { contacts: 1, [`channel_${channel}`]: 1, recontacts: recontact ? 1 : 0 } }];
}

/**
 * A re-contact of `targetId` (by the case `byId`, or by its own reopening): if the target still counts
 * as first-contact resolved, the puts and counters that take it out again (in the target's arrival day).
 */
export async function fcrLoss(
  store: CaseStore,
  targetId: string,
  now: Date,
  byId: string,
): Promise<{ extraPuts: ExtraPuts; aggregates: Aggregates } | undefined> {
  const marker = await store.getFcrMarker(targetId);
  if (!marker?.counted) return undefined;
  return {
    extraPuts: [loseFirstContactResolution(targetId, marker.day, now.toISOString(), byId)],
    aggregates: [{ day: marker.day, add: { firstContactResolved: -1 } }],
  };
}

/**
 * The report side of a change of one case, worked out from the record before and after it (so every
 * use case that goes through mutate / mutateCallback counts the same way): first response, first
 * resolution, FCR, escalation, request for details, reopening. Returns the decision's own aggregates
 * and extra puts merged with these.
 */
export async function reportChange(
  deps: { store: CaseStore & ConfigStore },
  before: Case,
  after: Case,
  now: Date,
  decision?: { aggregates?: CaseChange['aggregates']; extraPuts?: CaseChange['extraPuts'] },
): Promise<{ aggregates?: Aggregates; extraPuts?: ExtraPuts }> {
  const arrival = dayOf(before.receivedAt);
  const add: Record<string, number> = {};
  const extraPuts: ExtraPuts = [...(decision?.extraPuts ?? [])];
  const lists: (Aggregates | undefined)[] = [decision?.aggregates];
  const at = now.toISOString();
  // A reopened correction has had its first response and first resolution already: they count once.
  const firstLife = !(before.kind === 'correction' && before.reopenedCount);

  if (firstLife && after.firstResponseAt && !before.firstResponseAt) {
    const cal = await loadCalendar(deps.store);
    const minutes = Math.round(openMinutesBetween(cal, new Date(before.receivedAt), new Date(after.firstResponseAt)));
    add.firstResponses = 1;
    add[`${HISTOGRAM_PREFIX}${minutes}`] = 1;
    if (before.sla && Date.parse(after.firstResponseAt) > Date.parse(before.sla.firstResponseDueAt)) add.firstResponseBreaches = 1;
  }

  if (before.kind === 'correction' && after.kind === 'correction') {
    if (firstLife && after.status === 'resolved' && before.status !== 'resolved' && after.outcome) {
      add.resolved = 1;
      if (after.outcome !== 'duplicate') add.fcrEligible = 1;
      if (FCR_OUTCOMES.includes(after.outcome) && !before.infoRequests && !before.escalatedAt && !after.escalatedAt) {
        add.firstContactResolved = 1;
        extraPuts.push(countFirstContactResolution(before.id, arrival, at));
      }
    }
    if (after.escalatedAt && !before.escalatedAt) add.escalated = 1;
    if (after.infoRequests && !before.infoRequests) add.infoRequested = 1;
    if (before.status === 'resolved' && after.status !== 'resolved') {
      // A reporter's reply reopened it: a re-contact, counted the day it happens; within 14 days of the
      // resolution it also takes the case out of first-contact resolution.
      lists.push([{ day: dayOf(now), add: { recontacts: 1, reopened: 1 } }]);
      if (before.resolvedAt && Date.parse(before.resolvedAt) >= now.getTime() - RECONTACT_WINDOW_MS) {
        const loss = await fcrLoss(deps.store, before.id, now, before.id);
        if (loss) {
          extraPuts.push(...loss.extraPuts);
          lists.push(loss.aggregates);
        }
      }
    }
  } else if (before.kind === 'callback' && after.kind === 'callback') {
    if (
      after.status === 'completed' &&
      before.status !== 'completed' &&
      after.outcome &&
      CALLBACK_RESOLVED_OUTCOMES.includes(after.outcome)
    ) {
      add.resolved = 1;
      add.fcrEligible = 1;
      add.firstContactResolved = 1;
      extraPuts.push(countFirstContactResolution(before.id, arrival, at));
    }
  }

  lists.push([{ day: arrival, add }]);
  const aggregates = mergeAggregates(...lists);
  return { ...(aggregates ? { aggregates } : {}), ...(extraPuts.length ? { extraPuts } : {}) };
}

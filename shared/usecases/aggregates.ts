/**
 * Per-day report counters (AGG#<local date>), updated in the same transactions that change the cases,
 * so a report reads a few items instead of every case. Every per-case figure is attributed to the
 * Helsinki-local day the case ARRIVED (a cohort), so a bucket's rates describe that bucket's contacts.
 */
import type { Channel, Correction, Outcome } from '../domain/correction.js';
import { localDateOf } from '../domain/helsinki-time.js';
import type { CaseChange } from '../store/dynamo-store.js';

export const dayOf = (at: Date | string): string => localDateOf(typeof at === 'string' ? new Date(at) : at);

export function contactAggregates(day: string, channel: Channel, recontact: boolean): CaseChange['aggregates'] {
  return [{ day, add: { contacts: 1, [`channel_${channel}`]: 1, recontacts: recontact ? 1 : 0 } }];
}

export function resolutionAggregates(c: Correction, _now: Date, _outcome: Outcome): CaseChange['aggregates'] {
  // A re-opened case that is resolved again is still one resolved case.
  if (c.reopenedCount) return undefined;
  return [{ day: dayOf(c.receivedAt), add: { resolved: 1 } }];
}

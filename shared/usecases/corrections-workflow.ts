/**
 * What the correction rooms share: the store groups of a change, `mutate` (read–decide–write of a
 * correction, ./mutate-case.ts, then its emails go out), the SLA clocks of a case arriving or resuming, and
 * the match summary a case carries. Intake is in ./corrections-intake.ts, the reporter's side in
 * ./corrections-reporter.ts, the staff workflow in ./corrections-staff.ts.
 */
import { addOpenMinutes, openMinutesBetween, serviceStatus } from '../domain/calendar.js';
import type { CalendarConfig } from '../domain/calendar-config.js';
import type { Actor, Correction } from '../domain/correction.js';
import type { MatchInfo } from '../domain/emails/message-types.js';
import type { Match } from '../domain/records.js';
import type { CaseStore } from '../store/cases.js';
import type { ConfigStore } from '../store/config.js';
import type { OutboxStore } from '../store/outbox.js';
import type { Deps } from './deps.js';
import { mutateCase, type CaseDecision } from './mutate-case.js';
import { deliverNow } from './outbox.js';

/** The store groups of a change to a correction (`mutate`): the case, the report counters' calendar, its emails. */
export type WorkflowStore = CaseStore & ConfigStore & OutboxStore;

export type Decision = CaseDecision<Correction>;

export const actorLabel = (a: Actor) => a.email ?? a.sub;

/** Read–decide–write of a correction (see mutateCase); its emails go out once the change is committed. */
export async function mutate(
  deps: Deps<WorkflowStore>,
  id: string,
  expectedVersion: number | undefined,
  decide: (c: Correction, now: Date) => Promise<Decision> | Decision,
): Promise<Correction> {
  const { next, decision } = await mutateCase<Correction>(deps, 'correction', id, expectedVersion, decide);
  await deliverNow(deps, decision.emails);
  return next;
}

export function matchInfo(match: Match, seriesName?: string): MatchInfo {
  const info: MatchInfo = { id: match.id, home: match.home, away: match.away, startsAt: match.startsAt };
  if (seriesName) info.seriesName = seriesName; // assigned, not a conditional spread (V8's slow path; issue 15)
  return info;
}

/** The SLA clocks of a case arriving (or re-opening) at `at`. */
export function startSla(cal: CalendarConfig, at: Date) {
  const s = serviceStatus(cal, at);
  return {
    status: s,
    sla: {
      targetMode: s.targetMode,
      firstResponseDueAt: s.expectedResponseBy.toISOString(),
      resolutionDueAt: addOpenMinutes(cal, at, s.resolutionTargetMinutes).toISOString(),
    },
  };
}

/** Clocks stop while awaiting the reporter: the due times move by the open minutes spent waiting. */
export function resumeSla(cal: CalendarConfig, sla: NonNullable<Correction['sla']>, now: Date): NonNullable<Correction['sla']> {
  if (!sla.pausedAt) return sla;
  const pausedAt = new Date(sla.pausedAt);
  const move = (due: string) => {
    const d = new Date(due);
    if (d <= pausedAt) return due; // already late when paused: the breach stands
    // exact (fractional) minutes: rounding here would move the due time by up to 30 s at every pause
    return addOpenMinutes(cal, now, openMinutesBetween(cal, pausedAt, d)).toISOString();
  };
  const { pausedAt: _p, ...rest } = sla;
  return { ...rest, firstResponseDueAt: move(sla.firstResponseDueAt), resolutionDueAt: move(sla.resolutionDueAt) };
}

/** The EventBridge Scheduler "Scheduled Event" the jobs receive; a job's "now" is its `time` (contract §6). */
import { fixedClock, type Clock } from '../ports/clock.js';

export interface ScheduledEvent {
  'detail-type'?: string;
  source?: string;
  time?: string;
  detail?: Record<string, unknown>;
}

/** The clock of one job run: the event's `time`, or the system clock when the event has none. */
export function jobClock(event: ScheduledEvent | undefined): Clock | undefined {
  const time = event?.time;
  if (time === undefined || time === null || time === '') return undefined;
  if (typeof time !== 'string' || !Number.isFinite(Date.parse(time))) {
    throw new Error(`The event's "time" (${JSON.stringify(time)}) is not an ISO date-time like "2026-11-21T10:05:00Z".`);
  }
  return fixedClock(time);
}

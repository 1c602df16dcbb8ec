/**
 * Job email-outbox (contract §6): every minute. Sends the emails that could not be sent at once, oldest
 * first, with backoff; a lease and the sent status make sure no email is sent twice for one cause.
 * Takes the Scheduler's "Scheduled Event" (events/email-outbox.json) and reads "now" from its `time`,
 * falling back to the clock when absent. Answers the counts: `{at, sent, retry, undeliverable, skipped}`.
 */
import '../../shared/runtime-ses.js';
import { fixedClock } from '../../shared/ports/clock.js';
import { runtimeFor } from '../../shared/runtime-core.js';
import { composeStore } from '../../shared/store/core.js';
import { OutboxQueueStore, OutboxStore } from '../../shared/store/outbox.js';
import { drainOutbox, type DeliveryResult } from '../../shared/usecases/outbox.js';

/** The store groups this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(composeStore(OutboxStore, OutboxQueueStore));

interface ScheduledEvent {
  'detail-type'?: string;
  source?: string;
  time?: string;
  detail?: Record<string, unknown>;
}

function jobDeps(event: ScheduledEvent | undefined) {
  const time = event?.time;
  if (time === undefined || time === null || time === '') return runtimeDeps();
  if (typeof time !== 'string' || !Number.isFinite(Date.parse(time))) {
    throw new Error(`The event's "time" (${JSON.stringify(time)}) is not an ISO date-time like "2026-11-21T10:05:00Z".`);
  }
  return runtimeDeps(fixedClock(time));
}

export const handler = async (event?: ScheduledEvent): Promise<{ at: string } & Record<DeliveryResult, number>> => {
  const deps = jobDeps(event);
  const counts = await drainOutbox(deps);
  return { at: deps.clock.now().toISOString(), ...counts };
};

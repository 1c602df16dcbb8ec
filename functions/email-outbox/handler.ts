/**
 * Job email-outbox (contract §6): every minute. Sends the emails that could not be sent at once, oldest
 * first, with backoff; a lease and the sent status make sure no email is sent twice for one cause.
 * Takes the Scheduler's "Scheduled Event" (events/email-outbox.json) and reads "now" from its `time`,
 * falling back to the clock when absent. Answers the counts: `{at, sent, retry, undeliverable, skipped}`.
 */
import '../../shared/runtime-ses.js';
import { jobClock, type ScheduledEvent } from '../../shared/jobs/scheduled-event.js';
import { runtimeFor } from '../../shared/runtime-core.js';
import { composeStore } from '../../shared/store/core.js';
import { OutboxQueueStore, OutboxStore } from '../../shared/store/outbox.js';
import { drainOutbox, type DeliveryResult } from '../../shared/usecases/outbox.js';

/** The store groups this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(composeStore(OutboxStore, OutboxQueueStore));

const jobDeps = (event: ScheduledEvent | undefined) => runtimeDeps(jobClock(event));

export const handler = async (event?: ScheduledEvent): Promise<{ at: string } & Record<DeliveryResult, number>> => {
  const deps = jobDeps(event);
  const counts = await drainOutbox(deps);
  return { at: deps.clock.now().toISOString(), ...counts };
};

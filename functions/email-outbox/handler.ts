/**
 * Job email-outbox (contract §6): every minute. Sends the emails that could not be sent at once, oldest
 * first, with backoff; a lease and the sent status make sure no email is sent twice for one cause.
 * Takes the Scheduler's "Scheduled Event" (events/email-outbox.json) and reads "now" from its `time`,
 * falling back to the clock when absent. Answers the counts: `{at, sent, retry, undeliverable, skipped}`.
 */
import { jobClock, type ScheduledEvent } from '../../shared/jobs/scheduled-event.js';
import { composeStore } from '../../shared/store/core.js';
import { OutboxQueueStore, OutboxStore } from '../../shared/store/outbox.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { drainOutbox, type DeliveryResult } from '../../shared/usecases/outbox.js';
import { atClock, depsFromEnv } from '../../shared/wiring/deps.js';
import { sesMailer } from '../../shared/wiring/ses.js';

/** The store groups of draining the outbox (the use case's parameter type checks it). */
const OutboxDrainStore = composeStore(OutboxStore, OutboxQueueStore);
export type EmailOutboxDeps = Deps<InstanceType<typeof OutboxDrainStore>>;

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler =
  (deps: EmailOutboxDeps) =>
  async (event?: ScheduledEvent): Promise<{ at: string } & Record<DeliveryResult, number>> => {
    const run = atClock(deps, jobClock(event));
    const counts = await drainOutbox(run);
    return { at: run.clock.now().toISOString(), ...counts };
  };

/** Built once per cold start (in Lambda at init) from the environment: the SES mailer sends. */
export const buildDeps = (): EmailOutboxDeps => depsFromEnv(OutboxDrainStore, { mailer: sesMailer });
export const handler = makeHandler(buildDeps());

/**
 * Job sla-watch (contract §6): every 5 minutes while a window is open (EventBridge Scheduler, Europe/Helsinki).
 * Takes the Scheduler's "Scheduled Event" (see events/sla-watch.json) and reads "now" from its `time`
 * (the scheduled time), falling back to the clock when absent. Answers a JSON summary.
 */
import '../../shared/runtime-ses.js';
import { installContactHashKey } from '../../shared/adapters/contact-key-secret.js';
import { jobClock, type ScheduledEvent } from '../../shared/jobs/scheduled-event.js';
import { runtimeFor } from '../../shared/runtime-core.js';
import { CaseStore } from '../../shared/store/cases.js';
import { CatalogStore } from '../../shared/store/catalog.js';
import { ConfigStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { DueStore } from '../../shared/store/due.js';
import { OutboxStore } from '../../shared/store/outbox.js';
import { OutboxEnqueueStore } from '../../shared/store/outbox-enqueue.js';
import { runSlaWatch, type SlaWatchSummary } from '../../shared/usecases/sla-watch.js';

/** The store groups this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(composeStore(DueStore, CaseStore, CatalogStore, ConfigStore, OutboxStore, OutboxEnqueueStore));

const jobDeps = (event: ScheduledEvent | undefined) => runtimeDeps(jobClock(event));

export const handler = async (event?: ScheduledEvent): Promise<SlaWatchSummary> => {
  await installContactHashKey(); // a callback's index key hashes its phone number
  return runSlaWatch(jobDeps(event));
};

/**
 * Job sla-watch (contract §6): every 5 minutes while a window is open (EventBridge Scheduler, Europe/Helsinki).
 * Takes the Scheduler's "Scheduled Event" (see events/sla-watch.json) and reads "now" from its `time`
 * (the scheduled time), falling back to the clock when absent. Answers a JSON summary.
 */
import { installContactHashKey } from '../../shared/adapters/contact-key-secret.js';
import { jobClock, type ScheduledEvent } from '../../shared/jobs/scheduled-event.js';
import { CaseStore } from '../../shared/store/cases.js';
import { CatalogStore } from '../../shared/store/catalog.js';
import { ConfigStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { DueStore } from '../../shared/store/due.js';
import { OutboxStore } from '../../shared/store/outbox.js';
import { OutboxEnqueueStore } from '../../shared/store/outbox-enqueue.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { runSlaWatch, type SlaWatchSummary } from '../../shared/usecases/sla-watch.js';
import { atClock, depsFromEnv } from '../../shared/wiring/deps.js';
import { sesMailer } from '../../shared/wiring/ses.js';

/** The store groups of an sla-watch run (the use case's parameter type checks it). */
const SlaWatchRunStore = composeStore(DueStore, CaseStore, CatalogStore, ConfigStore, OutboxStore, OutboxEnqueueStore);
export type SlaWatchDeps = Deps<InstanceType<typeof SlaWatchRunStore>>;

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler =
  (deps: SlaWatchDeps) =>
  async (event?: ScheduledEvent): Promise<SlaWatchSummary> => {
    await installContactHashKey(); // a callback's index key hashes its phone number
    return runSlaWatch(atClock(deps, jobClock(event)));
  };

/** Built once per cold start (in Lambda at init) from the environment: the SES mailer sends the breach emails. */
export const buildDeps = (): SlaWatchDeps => depsFromEnv(SlaWatchRunStore, { mailer: sesMailer });
export const handler = makeHandler(buildDeps());

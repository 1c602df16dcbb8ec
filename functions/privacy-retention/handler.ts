/**
 * Job privacy-retention (contract §12): daily (EventBridge Scheduler, Europe/Helsinki). Takes the Scheduler's
 * "Scheduled Event" (see events/privacy-retention.json); "now" is its `time`. Erases the personal data of cases
 * resolved more than RETENTION_MONTHS months ago and answers a JSON summary.
 */
import { installContactHashKey } from '../../shared/adapters/contact-key-secret.js';
import { jobClock, type ScheduledEvent } from '../../shared/jobs/scheduled-event.js';
import { CaseStore } from '../../shared/store/cases.js';
import { composeStore } from '../../shared/store/core.js';
import { PrivacyStore } from '../../shared/store/privacy.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { runRetention, type RetentionSummary } from '../../shared/usecases/privacy-retention.js';
import { atClock, depsFromEnv } from '../../shared/wiring/deps.js';

/** The store groups of a retention run (the use case's parameter type checks it). */
const PrivacyRetentionStore = composeStore(CaseStore, PrivacyStore);
export type PrivacyRetentionDeps = Deps<InstanceType<typeof PrivacyRetentionStore>>;

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler =
  (deps: PrivacyRetentionDeps) =>
  async (event?: ScheduledEvent): Promise<RetentionSummary> => {
    await installContactHashKey(); // erasure finds the index items by the contacts' keyed hashes
    return runRetention(atClock(deps, jobClock(event)));
  };

/** Built once per cold start (in Lambda at init) from the environment. */
export const buildDeps = (): PrivacyRetentionDeps => depsFromEnv(PrivacyRetentionStore);
export const handler = makeHandler(buildDeps());

/**
 * Job privacy-retention (contract §12): daily (EventBridge Scheduler, Europe/Helsinki). Takes the Scheduler's
 * "Scheduled Event" (see events/privacy-retention.json); "now" is its `time`. Erases the personal data of cases
 * resolved more than RETENTION_MONTHS months ago and answers a JSON summary.
 */
import { installContactHashKey } from '../../shared/adapters/contact-key-secret.js';
import { jobClock, type ScheduledEvent } from '../../shared/jobs/scheduled-event.js';
import { runtimeFor } from '../../shared/runtime-core.js';
import { CaseStore } from '../../shared/store/cases.js';
import { composeStore } from '../../shared/store/core.js';
import { PrivacyStore } from '../../shared/store/privacy.js';
import { runRetention, type RetentionSummary } from '../../shared/usecases/privacy-retention.js';

/** The store groups this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(composeStore(CaseStore, PrivacyStore));

export const handler = async (event?: ScheduledEvent): Promise<RetentionSummary> => {
  await installContactHashKey();
  return runRetention(runtimeDeps(jobClock(event)));
};

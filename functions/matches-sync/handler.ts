/**
 * Job matches-sync (contract §10): hourly, and every 10 minutes while a window of the service calendar is open
 * (schedule `matches-sync-windows`: the job checks the calendar and does nothing while closed). Reads "now" from
 * the Scheduled Event's `time` (see events/matches-sync.json). Answers a JSON summary; a failing results service
 * is reported in it (and as the MatchesSyncFailedSeries metric), never thrown: the stored matches stay.
 */
import { serviceStatus } from '../../shared/domain/calendar.js';
import { jobClock, type ScheduledEvent } from '../../shared/jobs/scheduled-event.js';
import { emitMetric } from '../../shared/log.js';
import { CatalogStore } from '../../shared/store/catalog.js';
import { ConfigStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { CaseStore } from '../../shared/store/cases.js';
import { MatchCorrectionsStore, MatchRecordStore } from '../../shared/store/matches.js';
import { loadCalendar, type Deps } from '../../shared/usecases/deps.js';
import { syncMatches, type SyncResult } from '../../shared/usecases/matches-sync.js';
import { atClock, depsFromEnv } from '../../shared/wiring/deps.js';
import { resultsFromEnv } from '../../shared/wiring/results.js';

/** The store groups of syncing matches from the results service (the use case's parameter type checks it). */
const MatchesSyncStore = composeStore(CatalogStore, MatchRecordStore, ConfigStore, CaseStore, MatchCorrectionsStore);
export type MatchesSyncDeps = Deps<InstanceType<typeof MatchesSyncStore>>;

/** The schedule that runs every 10 minutes and syncs only while a window is open. */
export const WINDOW_SCHEDULE = 'matches-sync-windows';

export type MatchesSyncAnswer = SyncResult | { skipped: string; at: string };

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler =
  (base: MatchesSyncDeps) =>
  async (event?: ScheduledEvent): Promise<MatchesSyncAnswer> => {
    const deps = atClock(base, jobClock(event));
    const now = deps.clock.now();
    if (event?.detail?.job === WINDOW_SCHEDULE && !serviceStatus(await loadCalendar(deps.store), now).open) {
      return { skipped: 'the service is closed now; the hourly run keeps the matches fresh', at: now.toISOString() };
    }
    if (!deps.results) {
      emitMetric('MatchesSyncFailedSeries', 1);
      return { skipped: 'RESULTS_API_URL is not set: there is no results service to sync from', at: now.toISOString() };
    }
    return syncMatches(deps, deps.results);
  };

/** Built once per cold start (in Lambda at init) from the environment: the results-service client reads. */
export const buildDeps = (): MatchesSyncDeps => depsFromEnv(MatchesSyncStore, { results: resultsFromEnv });
export const handler = makeHandler(buildDeps());

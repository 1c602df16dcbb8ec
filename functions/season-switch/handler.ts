/**
 * Job season-switch (contract §2, §6): daily at 00:05 Europe/Helsinki. Enables the seasonal schedules
 * named in env SEASONAL_SCHEDULES (group SCHEDULE_GROUP) while a season is on, disables them otherwise.
 * Takes the Scheduler's "Scheduled Event" (events/season-switch.json) and reads "now" from its `time`,
 * falling back to the clock when absent. Answers a JSON summary.
 * Its schedule port is EventBridge Scheduler in AWS; the local runner builds the handler with its `LocalSchedules`.
 */
import { schedulesFromEnv, seasonalScheduleNames, type SchedulePort } from '../../shared/adapters/scheduler.js';
import { jobClock, type ScheduledEvent } from '../../shared/jobs/scheduled-event.js';
import { ConfigStore } from '../../shared/store/config.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { runSeasonSwitch, type SeasonSwitchSummary } from '../../shared/usecases/season-switch.js';
import { atClock, depsFromEnv } from '../../shared/wiring/deps.js';

export interface SeasonSwitchDeps extends Deps<ConfigStore> {
  /** the seasonal schedules' on/off switch: EventBridge Scheduler, or the local runner's */
  schedules: SchedulePort;
}

/** The CloudFormation custom resource event of the deploy-time run (infra/constructs/season-switch-at-deploy.ts). */
interface DeployEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
}

const isDeployEvent = (e: unknown): e is DeployEvent => typeof (e as DeployEvent | undefined)?.ResponseURL === 'string';

/** The composition root: the handler from its dependencies (tests and the local runner build it with theirs). */
export const makeHandler =
  (deps: SeasonSwitchDeps) =>
  async (event?: ScheduledEvent | DeployEvent): Promise<SeasonSwitchSummary | undefined> => {
    if (!isDeployEvent(event)) return runSeasonSwitch(atClock(deps, jobClock(event)), deps.schedules, seasonalScheduleNames());
    // Every deploy (Create/Update) switches the seasonal schedules as the calendar says now (issue 11). A failure
    // is reported but does not fail the deploy: the 00:05 run corrects it, and the alarms on the job tell.
    let reason = 'ok';
    if (event.RequestType !== 'Delete') {
      try {
        const summary = await runSeasonSwitch(deps, deps.schedules, seasonalScheduleNames());
        reason = `season-switch at deploy: ${JSON.stringify(summary).slice(0, 200)}`;
      } catch (err) {
        reason = `season-switch at deploy failed: ${err instanceof Error ? err.name : 'error'}; the 00:05 run will retry`;
      }
    }
    const body = JSON.stringify({
      Status: 'SUCCESS',
      Reason: reason,
      PhysicalResourceId: event.PhysicalResourceId ?? 'season-switch-at-deploy',
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
    });
    await fetch(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
    return undefined;
  };

/** Built once per cold start (in Lambda at init) from the environment: SCHEDULE_GROUP's schedules. */
export const buildDeps = (): SeasonSwitchDeps => ({ ...depsFromEnv(ConfigStore), schedules: schedulesFromEnv() });
export const handler = makeHandler(buildDeps());

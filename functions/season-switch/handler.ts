/**
 * Job season-switch (contract §2, §6): daily at 00:05 Europe/Helsinki. Enables the seasonal schedules
 * named in env SEASONAL_SCHEDULES (group SCHEDULE_GROUP) while a season is on, disables them otherwise.
 * Takes the Scheduler's "Scheduled Event" (events/season-switch.json) and reads "now" from its `time`,
 * falling back to the clock when absent. Answers a JSON summary.
 * Locally, `setSchedulePort(new LocalSchedules())` (shared/adapters/scheduler.ts) replaces EventBridge Scheduler.
 */
import { schedulePort, seasonalScheduleNames } from '../../shared/adapters/scheduler.js';
import { jobClock, type ScheduledEvent } from '../../shared/jobs/scheduled-event.js';
import { runtimeFor } from '../../shared/runtime-core.js';
import { ConfigStore } from '../../shared/store/config.js';
import { runSeasonSwitch, type SeasonSwitchSummary } from '../../shared/usecases/season-switch.js';

/** The store group this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(ConfigStore);

const jobDeps = (event: ScheduledEvent | undefined) => runtimeDeps(jobClock(event));

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

export const handler = async (event?: ScheduledEvent | DeployEvent): Promise<SeasonSwitchSummary | undefined> => {
  if (!isDeployEvent(event)) return runSeasonSwitch(jobDeps(event), schedulePort(), seasonalScheduleNames());
  // Every deploy (Create/Update) switches the seasonal schedules as the calendar says now (issue 11). A failure
  // is reported but does not fail the deploy: the 00:05 run corrects it, and the alarms on the job tell.
  let reason = 'ok';
  if (event.RequestType !== 'Delete') {
    try {
      const summary = await runSeasonSwitch(runtimeDeps(), schedulePort(), seasonalScheduleNames());
      reason = `season-switch at deploy: ${JSON.stringify(summary).slice(0, 200)}`;
    } catch (err) {
      reason = `season-switch at deploy failed: ${err instanceof Error ? err.name : 'error'}; the 00:05 run will retry`;
    }
  }
  const body = JSON.stringify({ Status: 'SUCCESS', Reason: reason, PhysicalResourceId: event.PhysicalResourceId ?? 'season-switch-at-deploy', StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId });
  await fetch(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
  return undefined;
};

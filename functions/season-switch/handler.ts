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

export const handler = async (event?: ScheduledEvent): Promise<SeasonSwitchSummary> =>
  runSeasonSwitch(jobDeps(event), schedulePort(), seasonalScheduleNames());

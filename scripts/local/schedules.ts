/**
 * Local stand-in for the seasonal EventBridge Scheduler schedules: whether a seasonal job runs now.
 * The season-switch job flips these in AWS; locally the same rule is applied from the calendar.
 */
import { seasonAt } from '../../shared/domain/calendar.js';
import { runtimeDeps } from '../../shared/runtime.js';
import { loadCalendar } from '../../shared/usecases/deps.js';

export async function localScheduleState(_name: string): Promise<boolean> {
  const cal = await loadCalendar(runtimeDeps().store);
  return seasonAt(cal, new Date()).active;
}

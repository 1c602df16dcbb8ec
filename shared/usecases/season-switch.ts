/**
 * The season-switch job (contract §2 "Schedules switch by season"): daily, it reads the calendar and
 * enables the weekend-hotline schedules while a season is on (admin overrides included), disables them
 * otherwise. A schedule already in the wanted state is left alone, so a run changes nothing twice.
 * Every schedule is tried even if one fails; then the run fails (so Scheduler retries and the alarm fires).
 */
import { seasonAt } from '../domain/calendar.js';
import { localDateOf } from '../domain/helsinki-time.js';
import { log } from '../log.js';
import type { SchedulePort, ScheduleState } from '../adapters/scheduler.js';
import type { ConfigStore } from '../store/config.js';
import { loadCalendar, type Deps } from './deps.js';

export interface SeasonSwitchSummary {
  at: string;
  /** local date the decision was made for */
  date: string;
  season: { id: string; active: boolean; start: string; end: string };
  wanted: ScheduleState;
  schedules: { name: string; from?: ScheduleState; to: ScheduleState; changed: boolean; error?: string }[];
  changed: number;
}

export async function runSeasonSwitch(
  deps: Pick<Deps<ConfigStore>, 'store' | 'clock'>,
  port: SchedulePort,
  names: string[],
): Promise<SeasonSwitchSummary> {
  const now = deps.clock.now();
  const cal = await loadCalendar(deps.store, true);
  const season = seasonAt(cal, now);
  const wanted: ScheduleState = season.active ? 'ENABLED' : 'DISABLED';
  const schedules: SeasonSwitchSummary['schedules'] = [];
  for (const name of names) {
    try {
      const { state } = await port.get(name);
      if (state === wanted) {
        schedules.push({ name, from: state, to: wanted, changed: false });
        continue;
      }
      await port.setState(name, wanted);
      schedules.push({ name, from: state, to: wanted, changed: true });
    } catch (err) {
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      log.error('season-switch: could not switch a schedule', { schedule: name, wanted, error: message });
      schedules.push({ name, to: wanted, changed: false, error: message });
    }
  }
  const summary: SeasonSwitchSummary = {
    at: now.toISOString(),
    date: localDateOf(now),
    season: { id: season.id, active: season.active, start: season.start, end: season.end },
    wanted,
    schedules,
    changed: schedules.filter((s) => s.changed).length,
  };
  log.info('season-switch', { ...summary });
  const failed = schedules.filter((s) => s.error);
  if (failed.length > 0) {
    throw new Error(
      `season-switch: ${failed.length} of ${schedules.length} schedule(s) could not be set to ${wanted}: ` +
        `${failed.map((f) => `${f.name} (${f.error})`).join('; ')}`,
    );
  }
  return summary;
}

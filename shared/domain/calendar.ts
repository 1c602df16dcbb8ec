/**
 * The service calendar engine (contract §2): seasons, Finnish public holidays, open windows,
 * modes and response targets counted in open minutes. Pure functions, config first, no runtime
 * dependencies; all local times are Europe/Helsinki (see ./helsinki-time.ts).
 *
 * Every local day has at most one window: results (in season, on the results weekdays and weekday
 * public holidays) wins over general (general weekdays, not on public holidays). A window includes its
 * start minute and excludes its end minute. Days closed all day: 24–26 Dec, 1 Jan, Midsummer Eve and
 * Day, and config.extraClosedDates.
 */
// The engine in five rooms: holidays, the compiled config, seasons, windows and open-minute math, validation.
// Import from here.
export * from './calendar/holidays.js';
export {
  WINDOW_SEARCH_DAYS,
  addOpenMinutes,
  modeAt,
  nextWindow,
  openMinutesBetween,
  seasonAt,
  serviceStatus,
  targetModeAt,
  windowAt,
  windowOnDate,
} from './calendar/windows.js';
export { seasonId } from './calendar/seasons.js';
export type { SeasonInfo } from './calendar/seasons.js';
export type { OpenMode, ServiceStatus, ServiceWindow } from './calendar/windows.js';
export { validateCalendar } from './calendar/validation.js';
export type { CalendarValidation, ValidationDetail } from './calendar/validation.js';

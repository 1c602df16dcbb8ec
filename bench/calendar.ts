/**
 * The calendar's open-minute math, timed here rather than in the unit tests (a loaded machine is no
 * clock): adding 960 open minutes from 23 Dec (across the Christmas holidays) and counting a whole year.
 */
import { DEFAULT_CALENDAR } from '../shared/domain/calendar-config.js';
import { addOpenMinutes, openMinutesBetween } from '../shared/domain/calendar.js';
import { localToInstant } from '../shared/domain/helsinki-time.js';

export interface CalendarRow {
  operation: string;
  msPerCall: number;
}

export function benchCalendar(log: (s: string) => void): CalendarRow[] {
  const from = localToInstant('2026-12-23', '15:00');
  const [y0, y1] = [localToInstant('2026-01-01', '00:00'), localToInstant('2027-01-01', '00:00')];
  const time = (fn: () => unknown, n: number) => {
    for (let i = 0; i < 5; i++) fn(); // warm up
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    return (performance.now() - t0) / n;
  };
  const rows = [
    { operation: 'addOpenMinutes(960) from 23 Dec', msPerCall: time(() => addOpenMinutes(DEFAULT_CALENDAR, from, 960), 200) },
    { operation: 'openMinutesBetween, a whole year', msPerCall: time(() => openMinutesBetween(DEFAULT_CALENDAR, y0, y1), 20) },
  ];
  for (const r of rows) log(`  ${r.operation}: ${r.msPerCall.toFixed(2)} ms`);
  return rows;
}

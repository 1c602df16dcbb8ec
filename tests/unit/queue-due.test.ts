/**
 * The queue's amber/red (issue 12): counted in the calendar's open minutes, not wall-clock minutes. A report that
 * came in 25 open minutes before Saturday's close has its first response due five open minutes into Sunday; at
 * night, with hours of wall clock but five open minutes left, its row is amber; red only once the due time passed.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../shared/domain/calendar-config.js';
import { openMinutesBetween } from '../../shared/domain/calendar.js';
import { dueSoonAt, DUE_SOON_OPEN_MINUTES } from '../../shared/usecases/queue.js';
import { dueClass } from '../../web/console/due.js';

// Saturday 28 Nov 2026, Helsinki UTC+2: the results service is open 09:00–21:00 (07:00–19:00Z)
const received = '2026-11-28T18:35:00.000Z'; // Sat 20:35
const due = '2026-11-29T07:05:00.000Z'; // Sun 09:05: 25 open minutes Saturday + 5 on Sunday

describe('due soon, in open minutes', () => {
  it('is the instant with 10 open minutes left, even when that is the evening before', () => {
    expect(openMinutesBetween(DEFAULT_CALENDAR, new Date(received), new Date(due))).toBe(30);
    const soon = dueSoonAt(DEFAULT_CALENDAR, received, due);
    expect(soon).toBe('2026-11-28T18:55:00.000Z'); // Sat 20:55: 5 open minutes Saturday + 5 Sunday
    expect(openMinutesBetween(DEFAULT_CALENDAR, new Date(soon), new Date(due))).toBe(DUE_SOON_OPEN_MINUTES);
  });

  it('is the arrival itself when the whole target is 10 open minutes or less', () => {
    expect(dueSoonAt(DEFAULT_CALENDAR, '2026-11-28T18:52:00.000Z', '2026-11-29T07:02:00.000Z')).toBe('2026-11-28T18:52:00.000Z');
  });

  it('the console colours by it: not by the wall clock', () => {
    const item = { firstResponseDueAt: due, firstResponseDueSoonAt: dueSoonAt(DEFAULT_CALENDAR, received, due) };
    expect(dueClass(item, Date.parse('2026-11-28T18:40:00.000Z'))).toBe(''); // Sat 20:40: 25 open minutes left
    // Sat 23:30, closed: 9.5 hours of wall clock but 5 open minutes left → amber (wall clock said "fine")
    expect(dueClass(item, Date.parse('2026-11-28T21:30:00.000Z'))).toBe('due-soon');
    expect(dueClass(item, Date.parse('2026-11-29T07:04:00.000Z'))).toBe('due-soon');
    expect(dueClass(item, Date.parse('2026-11-29T07:05:00.000Z'))).toBe('overdue');
    expect(dueClass({}, Date.parse('2026-11-29T08:00:00.000Z'))).toBe('');
  });
});

/** Stored items that the stubbed-I/O runs (bench/cpu.ts, tests/unit/handler-golden.test.ts) answer with. */

/** The match of the bench's reports, as stored (key attributes included). */
export const STUB_MATCH = {
  PK: 'MATCH#M-1',
  SK: 'META',
  id: 'M-1',
  seriesId: 's1',
  startsAt: '2026-11-21T14:00:00.000Z',
  home: 'SPV',
  away: 'Classic',
};

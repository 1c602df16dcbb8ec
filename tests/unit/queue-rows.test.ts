/**
 * Queue rows are built from the stored items themselves since session 5 (issue 15: no copy of each item into a record
 * first): for any stored item — key attributes, string sets (Set objects) in any attribute, odd values — the row is the
 * one built from the record `stripKeys` makes of it, key for key and in the same order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../shared/domain/calendar-config.js';
import { stripKeys, type Case } from '../../shared/store/core.js';
import { queueItem } from '../../shared/usecases/queue.js';

const instant = fc.constantFrom('2026-11-28T18:35:00.000Z', '2026-11-29T07:05:00.000Z', '2026-11-21T10:00:00.000Z');
const text = fc.oneof(fc.string({ maxLength: 8 }), instant, fc.constantFrom('correction', 'callback', 'queued', 'Ä – Ö'));
const scalar = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(undefined), fc.constant(null));
const value = fc.oneof(
  { weight: 5, arbitrary: scalar },
  fc.array(text, { maxLength: 3 }).map((a) => new Set(a)),
  fc.array(text, { maxLength: 3 }),
  fc.record({ name: fc.option(text, { nil: undefined }), email: fc.option(text, { nil: undefined }), sub: text }, { requiredKeys: [] }),
  fc.record({ home: text, away: text }),
  fc.record({ firstResponseDueAt: fc.option(instant, { nil: undefined }) }),
);
const ATTRIBUTES = [
  'PK',
  'SK',
  'GSI1PK',
  'GSI1SK',
  'GSI2PK',
  'expiresAt',
  'kind',
  'id',
  'reference',
  'status',
  'receivedAt',
  'version',
  'sla',
  'channel',
  'matchId',
  'language',
  'assignee',
  'recontactOf',
  'category',
  'match',
  'duplicateOf',
  'unclassified',
  'name',
  'topic',
  'description',
];
const item = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...ATTRIBUTES), value), { selector: ([k]) => k, maxLength: ATTRIBUTES.length })
  .map((entries) => Object.fromEntries(entries) as Record<string, unknown>);

/** A row, or what building it threw (the same either way, too). */
function rowOf(c: Case): unknown {
  try {
    const row = queueItem(c, DEFAULT_CALENDAR);
    return { keys: Object.keys(row), json: JSON.stringify(row), row };
  } catch (e) {
    return { threw: String(e) };
  }
}

describe('queue rows from stored items', () => {
  it('are the rows of the records stripKeys makes of them', () => {
    fc.assert(
      fc.property(item, (it) => {
        expect(rowOf(it as unknown as Case)).toStrictEqual(rowOf(stripKeys<Case>(it)!));
      }),
      { numRuns: 3000 },
    );
  });
});

/** Which counters a case change moves (reportChange), with an in-memory stand-in for the two reads it makes. */
import { describe, expect, it } from 'vitest';
import type { Correction } from '../../shared/domain/correction.js';
import type { Callback } from '../../shared/domain/records.js';
import type { DynamoStore } from '../../scripts/local/dynamo-store.js';
import { contactAggregates, mergeAggregates, reportChange } from '../../shared/usecases/aggregates.js';

const markers = new Map<string, { counted: boolean; day: string }>();
const store = { getCalendar: async () => undefined, getFcrMarker: async (id: string) => markers.get(id) } as unknown as DynamoStore;
const deps = { store };

// Saturday 21 Nov 2026, 12:00 local: results window, first response due 30 open minutes later.
const base: Correction = {
  kind: 'correction',
  id: 'c1',
  reference: 'TP-AAAA-BBBB',
  matchId: 'M-1',
  seriesId: 's',
  category: 'goal',
  description: 'd',
  reporter: { name: 'n', email: 'a@b.fi' },
  language: 'fi',
  channel: 'web',
  status: 'queued',
  version: 1,
  receivedAt: '2026-11-21T10:00:00.000Z',
  trackingTokenHash: 'x',
  sla: { targetMode: 'results', firstResponseDueAt: '2026-11-21T10:30:00.000Z', resolutionDueAt: '2026-11-21T13:00:00.000Z' },
};
const at = (iso: string) => new Date(iso);

describe('reportChange', () => {
  it('first response: histogram of rounded open minutes, breach only when strictly late', async () => {
    const r = await reportChange(
      deps,
      base,
      { ...base, status: 'in-progress', firstResponseAt: '2026-11-21T10:12:29.000Z' },
      at('2026-11-21T10:12:29Z'),
    );
    expect(r.aggregates).toEqual([{ day: '2026-11-21', add: { firstResponses: 1, frm_12: 1 } }]);
    const onTime = await reportChange(
      deps,
      base,
      { ...base, status: 'in-progress', firstResponseAt: '2026-11-21T10:30:00.000Z' },
      at('2026-11-21T10:30:00Z'),
    );
    expect(onTime.aggregates![0]!.add).toEqual({ firstResponses: 1, frm_30: 1 });
    const late = await reportChange(
      deps,
      base,
      { ...base, status: 'in-progress', firstResponseAt: '2026-11-21T10:30:31.000Z' },
      at('2026-11-21T10:30:31Z'),
    );
    expect(late.aggregates![0]!.add).toEqual({ firstResponses: 1, frm_31: 1, firstResponseBreaches: 1 });
  });

  it('open minutes skip closed time: arrival Saturday 22:00 local, answered Sunday 09:45 → 45', async () => {
    const c = { ...base, receivedAt: '2026-11-21T20:00:00.000Z', sla: { ...base.sla!, firstResponseDueAt: '2026-11-22T07:30:00.000Z' } };
    const r = await reportChange(
      deps,
      c,
      { ...c, status: 'in-progress', firstResponseAt: '2026-11-22T07:45:00.000Z' },
      at('2026-11-22T07:45:00Z'),
    );
    expect(r.aggregates).toEqual([{ day: '2026-11-21', add: { firstResponses: 1, frm_45: 1, firstResponseBreaches: 1 } }]);
  });

  it('first resolution in the arrival day: resolved, rate base, FCR with its marker', async () => {
    const next: Correction = {
      ...base,
      status: 'resolved',
      outcome: 'corrected',
      resolvedAt: '2026-11-23T08:00:00.000Z',
      firstResponseAt: '2026-11-23T08:00:00.000Z',
    };
    const r = await reportChange(deps, base, next, at('2026-11-23T08:00:00Z'));
    expect(r.aggregates).toEqual([
      {
        day: '2026-11-21',
        add: expect.objectContaining({ resolved: 1, fcrEligible: 1, firstContactResolved: 1, firstResponses: 1, firstResponseBreaches: 1 }),
      },
    ]);
    expect(r.extraPuts).toEqual([
      {
        item: { PK: 'C#c1', SK: 'FCR', counted: true, day: '2026-11-21', countedAt: '2026-11-23T08:00:00.000Z' },
        condition: 'attribute_not_exists(PK)',
      },
    ]);
  });

  it('duplicate is resolved but in neither side of the rate; details or escalation rule FCR out', async () => {
    const claimed = { ...base, status: 'in-progress' as const, firstResponseAt: '2026-11-21T10:05:00.000Z' };
    const dup = await reportChange(deps, claimed, { ...claimed, status: 'resolved', outcome: 'duplicate' }, at('2026-11-21T10:10:00Z'));
    expect(dup.aggregates![0]!.add).toEqual({ resolved: 1 });
    expect(dup.extraPuts).toBeUndefined();
    const asked = { ...claimed, infoRequests: 1 };
    expect(
      (await reportChange(deps, asked, { ...asked, status: 'resolved', outcome: 'corrected' }, at('2026-11-21T10:10:00Z'))).aggregates![0]!
        .add,
    ).toEqual({ resolved: 1, fcrEligible: 1 });
    const escalated = { ...claimed, status: 'escalated' as const, escalatedAt: '2026-11-21T10:06:00.000Z' };
    expect(
      (await reportChange(deps, escalated, { ...escalated, status: 'resolved', outcome: 'rejected' }, at('2026-11-21T10:10:00Z')))
        .aggregates![0]!.add,
    ).toEqual({ resolved: 1, fcrEligible: 1 });
  });

  it('escalation and the first request for details count once', async () => {
    const claimed = { ...base, status: 'in-progress' as const, firstResponseAt: '2026-11-21T10:05:00.000Z' };
    expect(
      (await reportChange(deps, claimed, { ...claimed, status: 'escalated', escalatedAt: 'x' }, at('2026-11-21T10:10:00Z'))).aggregates![0]!
        .add,
    ).toEqual({ escalated: 1 });
    expect(
      (await reportChange(deps, claimed, { ...claimed, status: 'awaiting-reporter', infoRequests: 1 }, at('2026-11-21T10:10:00Z')))
        .aggregates![0]!.add,
    ).toEqual({ infoRequested: 1 });
    const again = { ...claimed, infoRequests: 1 };
    expect(
      (await reportChange(deps, again, { ...again, status: 'awaiting-reporter', infoRequests: 2 }, at('2026-11-21T10:10:00Z'))).aggregates,
    ).toBeUndefined();
  });

  it('a reopening within 14 days is a re-contact on its day and takes the FCR back in the arrival day', async () => {
    markers.set('c1', { counted: true, day: '2026-11-21' });
    const resolved: Correction = {
      ...base,
      status: 'resolved',
      outcome: 'corrected',
      resolvedAt: '2026-11-21T10:10:00.000Z',
      firstResponseAt: '2026-11-21T10:10:00.000Z',
    };
    const reopened: Correction = { ...base, status: 'queued', reopenedCount: 1 };
    const r = await reportChange(deps, resolved, reopened, at('2026-12-05T10:10:00Z')); // exactly 14 days later
    expect(r.aggregates).toEqual([
      { day: '2026-12-05', add: { recontacts: 1, reopened: 1 } },
      { day: '2026-11-21', add: { firstContactResolved: -1 } },
    ]);
    expect(r.extraPuts).toEqual([
      {
        item: { PK: 'C#c1', SK: 'FCR', day: '2026-11-21', lostAt: '2026-12-05T10:10:00.000Z', lostBy: 'c1' },
        condition: 'attribute_exists(counted)',
      },
    ]);
    // a day later: still a re-contact, but outside the window
    const late = await reportChange(deps, resolved, reopened, at('2026-12-05T10:10:00.001Z'));
    expect(late.aggregates).toEqual([{ day: '2026-12-05', add: { recontacts: 1, reopened: 1 } }]);
    // a marker already lost: no second decrement
    markers.set('c1', { counted: false, day: '2026-11-21' });
    expect((await reportChange(deps, resolved, reopened, at('2026-11-22T10:00:00Z'))).aggregates).toEqual([
      { day: '2026-11-22', add: { recontacts: 1, reopened: 1 } },
    ]);
    markers.clear();
  });

  it('after a reopening neither the first response nor the resolution counts again', async () => {
    const reopened: Correction = { ...base, status: 'queued', reopenedCount: 1 };
    const r = await reportChange(
      deps,
      reopened,
      { ...reopened, status: 'resolved', outcome: 'corrected', firstResponseAt: '2026-11-25T10:00:00.000Z' },
      at('2026-11-25T10:00:00Z'),
    );
    expect(r.aggregates).toBeUndefined();
    expect(r.extraPuts).toBeUndefined();
  });

  it('callbacks: resolved counts as resolved and FCR; no-answer and wrong-number in neither side', async () => {
    const cb: Callback = {
      kind: 'callback',
      id: 'cb1',
      reference: 'CB-AAAA-BBBB',
      name: 'n',
      phone: '+358401234567',
      language: 'fi',
      topic: 't',
      channel: 'callback',
      status: 'in-progress',
      version: 2,
      receivedAt: '2026-11-21T10:00:00.000Z',
      firstResponseAt: '2026-11-21T10:01:00.000Z',
      sla: { targetMode: 'results', firstResponseDueAt: '2026-11-21T10:30:00.000Z' },
    };
    const ok = await reportChange(
      deps,
      cb,
      { ...cb, status: 'completed', outcome: 'resolved', completedAt: 'x' },
      at('2026-11-21T10:05:00Z'),
    );
    expect(ok.aggregates).toEqual([{ day: '2026-11-21', add: { resolved: 1, fcrEligible: 1, firstContactResolved: 1 } }]);
    expect(ok.extraPuts![0]!.item).toMatchObject({ PK: 'C#cb1', SK: 'FCR', counted: true });
    for (const outcome of ['no-answer', 'wrong-number'] as const) {
      expect(
        (await reportChange(deps, cb, { ...cb, status: 'completed', outcome, completedAt: 'x' }, at('2026-11-21T10:05:00Z'))).aggregates,
      ).toBeUndefined();
    }
    const queued = { ...cb, status: 'queued' as const, firstResponseAt: undefined };
    const direct = await reportChange(
      deps,
      queued,
      { ...queued, status: 'completed', outcome: 'no-answer', firstResponseAt: '2026-11-21T10:45:00.000Z' },
      at('2026-11-21T10:45:00Z'),
    );
    expect(direct.aggregates).toEqual([{ day: '2026-11-21', add: { firstResponses: 1, frm_45: 1, firstResponseBreaches: 1 } }]);
  });

  it('keeps the decision’s own counters and puts, merged per day (a transaction touches an item once)', async () => {
    const r = await reportChange(
      deps,
      base,
      { ...base, status: 'in-progress', firstResponseAt: '2026-11-21T10:01:00.000Z' },
      at('2026-11-21T10:01:00Z'),
      {
        aggregates: [{ day: '2026-11-21', add: { custom: 2 } }],
        extraPuts: [{ item: { PK: 'X', SK: 'Y' } }],
      },
    );
    expect(r.aggregates).toEqual([{ day: '2026-11-21', add: { custom: 2, firstResponses: 1, frm_1: 1 } }]);
    expect(r.extraPuts).toEqual([{ item: { PK: 'X', SK: 'Y' } }]);
  });
});

describe('mergeAggregates', () => {
  it('adds per day and drops zeros', () => {
    expect(
      mergeAggregates(contactAggregates('2026-11-21', 'web', false), [
        { day: '2026-11-21', add: { firstContactResolved: -1, contacts: 1 } },
        { day: '2026-11-20', add: { x: 0 } },
      ]),
    ).toEqual([{ day: '2026-11-21', add: { contacts: 2, channel_web: 1, firstContactResolved: -1 } }]);
    expect(mergeAggregates(undefined, [])).toBeUndefined();
  });
});

describe('transientConflict', () => {
  it('is a collision on an item, not a failed condition', async () => {
    const { ConflictError } = await import('../../shared/store/core.js');
    const { transientConflict } = await import('../../shared/usecases/aggregates.js');
    expect(transientConflict(new ConflictError(['None', 'TransactionConflict']))).toBe(true);
    expect(transientConflict(new ConflictError([]))).toBe(true);
    expect(transientConflict(new ConflictError(['ConditionalCheckFailed', 'TransactionConflict']))).toBe(false);
    expect(transientConflict(new ConflictError(['ConditionalCheckFailed', 'None']))).toBe(false);
    expect(transientConflict(new Error('x'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  canTransition,
  CORRECTION_STATUSES,
  FIRST_RESPONSE_ACTIONS,
  OPEN_STATUSES,
  replyTransition,
  TRANSITIONS,
  type CorrectionStatus,
  type TransitionAction,
} from '../../shared/domain/correction.js';

/** Contract §3, written out by hand: which status each staff/official action may start from, and where it leads. */
const EXPECTED: Record<TransitionAction, { from: CorrectionStatus[]; to: CorrectionStatus }> = {
  claim: { from: ['queued'], to: 'in-progress' },
  release: { from: ['in-progress'], to: 'queued' },
  'request-info': { from: ['queued', 'in-progress'], to: 'awaiting-reporter' },
  resolve: { from: ['queued', 'in-progress', 'awaiting-reporter', 'escalated'], to: 'resolved' },
  escalate: { from: ['queued', 'in-progress'], to: 'escalated' },
  decision: { from: ['escalated'], to: 'resolved' },
};
const ACTIONS = Object.keys(EXPECTED) as TransitionAction[];

describe('state machine: TRANSITIONS and canTransition', () => {
  it('defines exactly the actions of the contract', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ACTIONS].sort());
  });

  it('knows the five statuses, four of them open', () => {
    expect([...CORRECTION_STATUSES].sort()).toEqual(['awaiting-reporter', 'escalated', 'in-progress', 'queued', 'resolved']);
    expect([...OPEN_STATUSES].sort()).toEqual(['awaiting-reporter', 'escalated', 'in-progress', 'queued']);
  });

  const cases = ACTIONS.flatMap((action) =>
    CORRECTION_STATUSES.map((status) => ({ action, status, allowed: EXPECTED[action].from.includes(status) })),
  );
  it.each(cases)('$action from $status → allowed: $allowed', ({ action, status, allowed }) => {
    expect(canTransition(action, status)).toBe(allowed);
    expect(TRANSITIONS[action].from.includes(status)).toBe(allowed);
  });

  it.each(ACTIONS)('%s leads to the contract status', (action) => {
    expect(TRANSITIONS[action].to).toBe(EXPECTED[action].to);
  });

  it('lets no staff action leave resolved (only a reporter reply reopens it)', () => {
    for (const action of ACTIONS) expect(canTransition(action, 'resolved'), action).toBe(false);
  });

  it('never leads from a status to itself', () => {
    for (const action of ACTIONS)
      for (const from of TRANSITIONS[action].from) expect(TRANSITIONS[action].to, `${action} from ${from}`).not.toBe(from);
  });

  it('counts claim, request-info, resolve and escalate as the first response, nothing else', () => {
    expect([...FIRST_RESPONSE_ACTIONS].sort()).toEqual(['claim', 'escalate', 'request-info', 'resolve']);
  });
});

describe('state machine: replyTransition (reporter replies)', () => {
  const expected: Record<CorrectionStatus, ReturnType<typeof replyTransition>> = {
    'awaiting-reporter': { to: 'queued', action: 'reply' },
    resolved: { to: 'queued', action: 'reopen' },
    queued: null,
    'in-progress': null,
    escalated: null,
  };
  it.each(CORRECTION_STATUSES.map((s) => [s] as const))('reply while %s', (status) => {
    expect(replyTransition(status)).toEqual(expected[status]);
  });
});

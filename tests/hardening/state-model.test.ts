/**
 * Hardening: the correction state machine (contract §3) as a model, run against the real handlers and
 * DynamoDB Local with fast-check's model-based testing. Commands: report, claim (one of three staff),
 * release, request-info, reporter reply, resolve (an outcome), escalate, an official's decision, note —
 * each without, with a correct, or with a stale `expectedVersion`. The model predicts the status, the
 * assignee, the version and the HTTP answer (200/201, or 409 and its code). After each command the
 * staff view must match the model, the history must hold one entry per version, and the queue must hold
 * the case exactly while it is open.
 *
 * A second property fires 2–5 commands at one case AT ONCE: whatever the interleaving, the version
 * equals the history length, every 2xx is exactly one recorded change, the recorded changes form a
 * valid path through the state machine (so never two holders), and every email belongs to its change.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { officials } from '../support/functions.js';
import {
  canTransition,
  OUTCOMES,
  replyTransition,
  TRANSITIONS,
  type CorrectionStatus,
  type Outcome,
  type TransitionAction,
} from '../../shared/domain/correction.js';
import { outboxId } from '../../shared/store/core.js';
import { handlers, queue, reply, reportBody, staff, staffView, type Response } from '../support/api.js';
import { call, officialClaims } from '../support/events.js';
import { createTestEnv, DEMO_SERIES, seedBasics, type TestEnv } from '../support/harness.js';

const START = Date.parse('2026-11-21T10:00:00.000Z'); // Saturday, in season: results window open
const STAFF = ['s1', 's2', 's3'] as const;
type StaffSub = (typeof STAFF)[number];
const OFFICIAL_EMAIL = DEMO_SERIES.officials[0]!.email;
const OPEN: CorrectionStatus[] = ['queued', 'in-progress', 'awaiting-reporter', 'escalated'];

let env: TestEnv;
let clockAt = START;
const tick = () => env.setNow(new Date((clockAt += 60_000)));

beforeAll(async () => {
  env = await createTestEnv({ now: new Date(START) });
  await seedBasics(env);
});

// ---------------------------------------------------------------- requests

type Kind = 'claim' | 'release' | 'request-info' | 'resolve' | 'escalate' | 'decision' | 'note' | 'reply';
type VersionMode = 'none' | 'correct' | 'stale';

interface Op {
  kind: Kind;
  actor: StaffSub;
  mode: VersionMode;
  staleDelta: number;
  outcome: Outcome;
  decision: 'correct' | 'no-change' | 'reject';
}

const opArb = (
  kinds: Kind[] = ['claim', 'release', 'request-info', 'resolve', 'escalate', 'decision', 'note', 'reply'],
  modes: VersionMode[] = ['none', 'correct', 'stale'],
): fc.Arbitrary<Op> =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    actor: fc.constantFrom(...STAFF),
    mode: fc.constantFrom(...modes),
    staleDelta: fc.constantFrom(-1, 1, 2, 7),
    outcome: fc.constantFrom(...OUTCOMES),
    decision: fc.constantFrom('correct' as const, 'no-change' as const, 'reject' as const),
  });

const staleVersion = (v: number, delta: number) => (v + delta >= 1 && delta !== 0 ? v + delta : v + 1);

/** Sends one command; `version` is what the caller believes the current version is. */
async function send(op: Op, c: { id: string; trackingToken: string }, version: number): Promise<Response> {
  const ev = op.mode === 'none' ? {} : { expectedVersion: op.mode === 'correct' ? version : staleVersion(version, op.staleDelta) };
  const text = `${op.kind} by ${op.actor}`;
  switch (op.kind) {
    case 'claim':
    case 'release':
      return staff(op.kind, c.id, op.mode === 'none' ? undefined : ev, op.actor);
    case 'request-info':
      return staff('request-info', c.id, { message: `Question: ${text}`, ...ev }, op.actor);
    case 'resolve':
      return staff(
        'resolve',
        c.id,
        {
          outcome: op.outcome,
          message: `Answer: ${text}`,
          ...(op.outcome === 'corrected' ? { correctedResult: { homeGoals: 3, awayGoals: 2 } } : {}),
          ...ev,
        },
        op.actor,
      );
    case 'escalate':
      return staff('escalate', c.id, { reason: `Reason: ${text}`, ...ev }, op.actor);
    case 'note':
      return staff('notes', c.id, { text: `Note: ${text}`, ...ev }, op.actor);
    case 'decision':
      return call(officials as never, 'POST /officials/corrections/{id}/decision', {
        pathParameters: { id: c.id },
        body: { decision: op.decision, message: `Decision: ${text}`, ...ev },
        claims: officialClaims(OFFICIAL_EMAIL),
      });
    case 'reply':
      // The reply route takes no expectedVersion (strict body): the reporter cannot know it.
      return reply(c.id, c.trackingToken, { message: `Reply to ${text}` });
  }
}

// ---------------------------------------------------------------- the model

interface ModelCase {
  id: string;
  trackingToken: string;
  status: CorrectionStatus;
  assignee: StaffSub | null;
  version: number;
  /** was ever escalated: officials see such a case (escalatedAt stays), others are 404 to them */
  everEscalated?: boolean;
}
interface Model {
  cases: ModelCase[];
}

type Prediction = { ok: true; status: number; next: CorrectionStatus; assignee: StaffSub | null } | { ok: false; code: string };

/** What the contract says happens. Order of checks: version, then holder, then the transition. */
function predict(op: Op, c: ModelCase): Prediction {
  const refuse = (code: string): Prediction => ({ ok: false, code });
  // Officials see only cases escalated to them (ever): anything else is 404 to them, whatever the version (contract §4).
  if (op.kind === 'decision' && !c.everEscalated) return refuse('not_found');
  if (op.kind !== 'reply' && op.mode === 'stale') return refuse('version_mismatch');
  const heldByOther = c.status === 'in-progress' && c.assignee !== op.actor;
  const ok = (next: CorrectionStatus, assignee: StaffSub | null, status = 200): Prediction => ({ ok: true, status, next, assignee });
  switch (op.kind) {
    case 'claim':
      if (c.status === 'in-progress') return refuse(c.assignee === op.actor ? 'invalid_transition' : 'already_claimed');
      return c.status === 'queued' ? ok('in-progress', op.actor) : refuse('invalid_transition');
    case 'release':
      if (heldByOther) return refuse('already_claimed');
      return c.status === 'in-progress' ? ok('queued', null) : refuse('invalid_transition');
    case 'request-info':
      if (heldByOther) return refuse('already_claimed');
      return c.status === 'queued' || c.status === 'in-progress'
        ? ok('awaiting-reporter', c.assignee ?? op.actor)
        : refuse('invalid_transition');
    case 'escalate':
      if (heldByOther) return refuse('already_claimed');
      return c.status === 'queued' || c.status === 'in-progress' ? ok('escalated', c.assignee ?? op.actor) : refuse('invalid_transition');
    case 'resolve':
      if (heldByOther) return refuse('already_claimed');
      return c.status !== 'resolved' ? ok('resolved', c.assignee) : refuse('invalid_transition');
    case 'decision':
      return c.status === 'escalated' ? ok('resolved', c.assignee) : refuse('invalid_transition');
    case 'note':
      return ok(c.status, c.assignee, 201);
    case 'reply': {
      const t = replyTransition(c.status);
      return t ? ok(t.to, null, 201) : ok(c.status, c.assignee, 201);
    }
  }
}

// ---------------------------------------------------------------- checks against the real thing

async function inQueue(id: string): Promise<boolean> {
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const r = await queue({ kind: 'correction', limit: '100', ...(cursor ? { cursor } : {}) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    if ((r.body.items as { id: string }[]).some((i) => i.id === id)) return true;
    cursor = r.body.nextCursor;
    if (!cursor) return false;
  }
  throw new Error('queue did not end');
}

async function view(id: string) {
  const r = await staffView(id);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as {
    status: CorrectionStatus;
    version: number;
    assignee?: { sub: string };
    history: { version: number; action: string; from?: string; to?: string }[];
  };
}

/** The real record agrees with the model, its history has one entry per version, and the queue holds it iff open. */
async function expectMatchesModel(c: ModelCase): Promise<void> {
  const v = await view(c.id);
  expect({ status: v.status, version: v.version, assignee: v.assignee?.sub ?? null }).toEqual({
    status: c.status,
    version: c.version,
    assignee: c.assignee,
  });
  expect(v.history.length).toBe(v.version);
  expect(v.history.map((h) => h.version)).toEqual(Array.from({ length: v.version }, (_, i) => i + 1));
  expect(await inQueue(c.id), `queue membership of a ${c.status} case`).toBe(OPEN.includes(c.status));
}

async function report(): Promise<ModelCase> {
  tick();
  const r = await call(handlers.publicCorrections, 'POST /corrections', { body: reportBody({ matchId: 'M-1001', category: 'other' }) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { id: r.body.id, trackingToken: r.body.trackingToken, status: 'queued', assignee: null, version: 1 };
}

// ---------------------------------------------------------------- commands

/** Which commands ran with which predicted outcome (printed with HARDENING_VERBOSE=1). */
const stats = new Map<string, number>();

class ReportCommand implements fc.AsyncCommand<Model, unknown> {
  check = (m: Readonly<Model>) => m.cases.length < 3;
  async run(m: Model): Promise<void> {
    const c = await report();
    m.cases.push(c);
    await expectMatchesModel(c);
  }
  toString = () => 'report';
}

class ActionCommand implements fc.AsyncCommand<Model, unknown> {
  constructor(
    readonly op: Op,
    readonly pick: number,
  ) {}
  check = (m: Readonly<Model>) => m.cases.length > 0;
  async run(m: Model): Promise<void> {
    const c = m.cases[this.pick % m.cases.length]!;
    const expected = predict(this.op, c);
    tick();
    const r = await send(this.op, c, c.version);
    stats.set(
      `${this.op.kind}:${expected.ok ? 'ok' : expected.code}`,
      (stats.get(`${this.op.kind}:${expected.ok ? 'ok' : expected.code}`) ?? 0) + 1,
    );
    const ctx =
      `${this.toString()} on a ${c.status} case (v${c.version}, held by ${c.assignee}) → ${r.status} ` +
      `${JSON.stringify(r.body).slice(0, 300)}`;
    if (expected.ok) {
      expect(r.status, ctx).toBe(expected.status);
      c.status = expected.next;
      c.assignee = expected.assignee;
      if (this.op.kind === 'escalate') c.everEscalated = true;
      c.version += 1;
      // the answer is the updated resource
      if (this.op.kind !== 'reply') expect(r.body.version, ctx).toBe(c.version);
      expect(r.body.status, ctx).toBe(c.status);
    } else {
      expect(r.status, ctx).toBe(expected.code === 'not_found' ? 404 : 409);
      expect(r.body.error?.code, ctx).toBe(expected.code);
      expect(r.body.error?.message.length, ctx).toBeGreaterThan(10);
    }
    await expectMatchesModel(c);
  }
  toString = () =>
    `${this.op.kind}(` +
    `${this.op.kind === 'decision' ? `official, ${this.op.decision}` : this.op.kind === 'reply' ? 'reporter' : this.op.actor}` +
    `${this.op.kind === 'resolve' ? `, ${this.op.outcome}` : ''}` +
    `${this.op.kind === 'reply' ? '' : `, version ${this.op.mode}`})#${this.pick}`;
}

const commandsArb = fc.commands(
  [
    fc.constant(new ReportCommand()),
    ...Array.from({ length: 6 }, () =>
      fc
        .tuple(opArb(undefined, ['none', 'none', 'none', 'correct', 'correct', 'stale']), fc.nat(5))
        .map(([op, pick]) => new ActionCommand(op, pick)),
    ),
  ],
  { maxCommands: 16, size: 'large' },
);

// ---------------------------------------------------------------- concurrent staff

interface HistoryRow {
  version: number;
  action: string;
  from?: string;
  to?: string;
}

/** Replays the recorded changes through the state machine; returns the final status, or fails on an impossible step. */
function replay(from: CorrectionStatus, rows: HistoryRow[], ctx: string): CorrectionStatus {
  let status = from;
  for (const h of rows) {
    if (h.action === 'note') continue;
    expect(h.from, `${ctx}: ${h.action} v${h.version} starts from the status before it`).toBe(status);
    if (h.action === 'reply' || h.action === 'reopen') {
      const t = replyTransition(status);
      expect(h.action, ctx).toBe(t?.action ?? 'reply');
      expect(h.to, ctx).toBe(t?.to ?? status);
    } else {
      const action = h.action as TransitionAction;
      expect(Object.keys(TRANSITIONS), `${ctx}: unknown action ${h.action}`).toContain(action);
      expect(canTransition(action, status), `${ctx}: ${action} from ${status}`).toBe(true);
      expect(h.to, ctx).toBe(TRANSITIONS[action].to);
    }
    status = h.to as CorrectionStatus;
  }
  return status;
}

/** Emails that each recorded change causes (outbox causes), by action. */
const EMAIL_CAUSES: Record<string, (id: string, v: number) => string[]> = {
  'request-info': (id, v) => [`${id}#v${v}#request-info#reporter`],
  resolve: (id, v) => [`${id}#v${v}#resolution#reporter`],
  decision: (id, v) => [`${id}#v${v}#resolution#reporter`],
  escalate: (id, v) => DEMO_SERIES.officials.map((o) => `${id}#v${v}#escalation#${o.email}`),
};

// ---------------------------------------------------------------- the properties

describe('correction state machine: model-based, against DynamoDB Local', () => {
  it('every command answers as the model predicts and leaves the record, history and queue as the model says', async () => {
    await fc.assert(
      fc.asyncProperty(commandsArb, async (cmds) => {
        await fc.asyncModelRun(async () => ({ model: { cases: [await report()] } as Model, real: {} }), cmds);
      }),
      { numRuns: Number(process.env.HARDENING_MODEL_RUNS ?? 25), endOnFailure: true },
    );
    if (process.env.HARDENING_VERBOSE) console.log(Object.fromEntries([...stats].sort()));
    // the runs reached every kind of command, and both answers
    expect(new Set([...stats.keys()].map((k) => k.split(':')[0])).size).toBe(8);
    expect([...stats.keys()].filter((k) => k.endsWith(':ok')).length).toBeGreaterThanOrEqual(6);
  }, 120_000);

  it('concurrent staff: 2–5 commands at once on one case keep version == history, one holder, one change per 2xx', async () => {
    const prefixArb = fc.array(opArb(['claim', 'request-info', 'escalate', 'resolve', 'note'], ['none']), { maxLength: 2 });
    const burstArb = fc.array(
      opArb(['claim', 'claim', 'release', 'request-info', 'resolve', 'escalate', 'decision', 'note', 'reply'], ['none', 'none', 'correct']),
      { minLength: 2, maxLength: 5 },
    );
    // What DynamoDB saw during a burst: a conditional transaction cancelled because another command of the
    // burst committed between its read and its write happens only when the commands really raced.
    const doc = env.store.doc;
    const realSend = doc.send.bind(doc);
    let cancelled = 0;
    doc.send = (async (...args: Parameters<typeof realSend>) => {
      try {
        return await realSend(...args);
      } catch (err) {
        if (args[0] instanceof TransactWriteCommand && (err as Error).name === 'TransactionCanceledException') cancelled++;
        throw err;
      }
    }) as typeof doc.send;
    const races = { runs: 0, allInFlight: 0, raced: 0, severalLanded: 0 };
    await fc.assert(
      fc.asyncProperty(prefixArb, burstArb, async (prefix, burst) => {
        const c = await report();
        for (const op of prefix) await send(op, c, 0); // any answer: this only varies the starting state
        tick();
        const before = await view(c.id);
        const v0 = before.version;
        cancelled = 0;
        const spans: [number, number][] = [];
        const answers = await Promise.all(
          burst.map(async (op) => {
            const start = performance.now();
            const a = await send(op, c, v0);
            spans.push([start, performance.now()]);
            return a;
          }),
        );
        races.runs++;
        if (Math.max(...spans.map(([s0]) => s0)) < Math.min(...spans.map(([, e]) => e))) races.allInFlight++;
        if (cancelled > 0) races.raced++;
        if (answers.filter((a) => a.status < 300).length >= 2) races.severalLanded++;
        const ctx =
          `from ${before.status} v${v0}: ` +
          burst
            .map(
              (o, i) =>
                `${o.kind}/${o.actor}/${o.mode}→${answers[i]!.status}` + (answers[i]!.body?.error ? `:${answers[i]!.body.error.code}` : ''),
            )
            .join(', ');

        for (const [i, a] of answers.entries()) {
          // an official's decision on a case not (or no longer) escalated is 404: officials see only escalated cases
          const notFoundOk = burst[i]!.kind === 'decision' && a.status === 404 && a.body.error?.code === 'not_found';
          expect(
            a.status === 200 || a.status === 201 || a.status === 409 || notFoundOk,
            `${ctx}: ${JSON.stringify(a.body).slice(0, 300)}`,
          ).toBe(true);
          if (a.status === 409)
            expect(['conflict', 'already_claimed', 'invalid_transition', 'version_mismatch'], ctx).toContain(a.body.error.code);
        }
        const ok = answers.filter((a) => a.status < 300).length;
        const after = await view(c.id);
        // version == history length, and exactly one recorded change per 2xx answer
        expect(after.history.length, ctx).toBe(after.version);
        expect(after.version, ctx).toBe(v0 + ok);
        const changes = after.history.filter((h) => h.version > v0).sort((a, b) => a.version - b.version);
        expect(
          changes.map((h) => h.version),
          ctx,
        ).toEqual(Array.from({ length: ok }, (_, i) => v0 + i + 1));
        // the changes are a valid path through the state machine (so a claim never lands on a held case)
        expect(replay(before.status, changes, ctx), ctx).toBe(after.status);
        // at most one holder, and the holder is who the last claim/request-info/escalate says
        if (after.status === 'in-progress') expect(after.assignee?.sub, ctx).toBeTruthy();
        if (after.status === 'queued') expect(after.assignee, ctx).toBeUndefined();
        const claims = changes.filter((h) => h.action === 'claim');
        for (let i = 1; i < claims.length; i++) {
          const between = changes.filter((h) => h.version > claims[i - 1]!.version && h.version < claims[i]!.version);
          expect(
            between.some((h) => h.action === 'release' || h.action === 'reply' || h.action === 'reopen'),
            `${ctx}: two claims without a release between`,
          ).toBe(true);
        }
        // an expectedVersion of v0 can win only as the first change
        const versioned = burst
          .map((op, i) => ({ op, a: answers[i]! }))
          .filter(({ op, a }) => op.mode === 'correct' && op.kind !== 'reply' && a.status < 300);
        expect(versioned.length, ctx).toBeLessThanOrEqual(1);
        // emails: one outbox record per email-causing change, none for a version that caused none
        for (let v = v0 + 1; v <= after.version + 1; v++) {
          const row = changes.find((h) => h.version === v);
          const expectedCauses = new Set(row ? (EMAIL_CAUSES[row.action]?.(c.id, v) ?? []) : []);
          for (const cause of Object.values(EMAIL_CAUSES).flatMap((f) => f(c.id, v))) {
            const stored = await env.store.getOutbox(outboxId(cause));
            expect(Boolean(stored), `${ctx}: outbox ${cause}`).toBe(expectedCauses.has(cause));
          }
        }
        expect(await inQueue(c.id), ctx).toBe(OPEN.includes(after.status));
      }),
      { numRuns: Number(process.env.HARDENING_CONCURRENCY_RUNS ?? 40), endOnFailure: true },
    );
    doc.send = realSend as typeof doc.send;
    // the races ran: every burst was in flight at once, in some a transaction lost to another command of
    // its burst (a read-then-write race at DynamoDB), and in some several commands landed
    expect(races.allInFlight, JSON.stringify(races)).toBe(races.runs);
    expect(races.raced, JSON.stringify(races)).toBeGreaterThan(0);
    expect(races.severalLanded, JSON.stringify(races)).toBeGreaterThan(0);
  }, 120_000);
});

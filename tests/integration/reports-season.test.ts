/**
 * A generated season (Aug 2026 – Apr 2027, ≥ 10,000 contacts on every channel) written through the real
 * use cases into DynamoDB Local, then every bucket of every period of GET /staff/reports/summary is
 * compared with a brute-force recount of the test's own ledger of what it did.
 *
 * Determinism: a seeded PRNG plans every case and every staff action with its instant. Each reporter's
 * events run in time order on the reporter's own settable clock (reporters share no email or phone, so
 * nothing one reporter does can change what another's use cases decide); up to CONCURRENCY reporters run
 * at once. The mailer is a stub port that accepts every email (the outbox still records them).
 */
import { describe, expect, it } from 'vitest';
import { staffReports } from '../support/functions.js';
import { openMinutesBetween } from '../../shared/domain/calendar.js';
import { DEFAULT_CALENDAR } from '../../shared/domain/calendar-config.js';
import type { Actor, Category, Channel, Outcome } from '../../shared/domain/correction.js';
import { addDays, isoWeekId, localDateOf, localToInstant, monthId, yearId } from '../../shared/domain/helsinki-time.js';
import type { CallbackOutcome, Match } from '../../shared/domain/records.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { Mailer } from '../../shared/ports/mailer.js';
import { claimCallback, completeCallback, requestCallback } from '../../shared/usecases/callbacks.js';
import { createCorrection } from '../../shared/usecases/corrections-intake.js';
import { reporterReply } from '../../shared/usecases/corrections-reporter.js';
import { claim, escalate, release, requestInfo, resolve } from '../../shared/usecases/corrections-staff.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { decide } from '../../shared/usecases/officials.js';
import { call, staffClaims } from '../support/events.js';
import { createTestEnv, DEMO_SERIES, OTHER_SERIES, seedBasics, type TestEnv } from '../support/harness.js';

const SEED = 0x5eed2026;
/** SEASON_CONTACTS=600 gives a quick dry run while working on the generator; the suite runs the full season. */
const TARGET_CONTACTS = Number(process.env.SEASON_CONTACTS ?? 10_300); // a few repeated callback requests are not contacts: stays ≥ 10,000
const CONCURRENCY = 24;
const SEASON_FROM = '2026-08-01';
const SEASON_TO = '2027-04-30';
const FIRST = localToInstant(SEASON_FROM, '00:00').getTime();
const LAST = localToInstant(SEASON_TO, '23:59:59').getTime();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WINDOW = 14 * DAY;

// ------------------------------------------------------------------ PRNG
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(SEED);
const between = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
function weighted<T>(pairs: [T, number][]): T {
  let r = rnd() * pairs.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of pairs) if ((r -= w) < 0) return v;
  return pairs.at(-1)![0];
}
/** A delay for a staff action: mostly quick, sometimes hours, sometimes days (breaches and closed nights). */
const staffDelay = () =>
  weighted<() => number>([
    [() => between(1, 40) * MIN, 40],
    [() => between(40, 360) * MIN, 30],
    [() => between(6 * 60, 72 * 60) * MIN, 30],
  ])();

// ------------------------------------------------------------------ plan
type Step =
  | { op: 'claim' | 'release' | 'escalate' | 'request-info' | 'reply' | 'reopen' | 'cb-claim'; at: number; staff: number }
  | { op: 'resolve'; at: number; staff: number; outcome: Outcome }
  | { op: 'decision'; at: number; decision: 'correct' | 'no-change' | 'reject' }
  | { op: 'cb-complete'; at: number; staff: number; outcome: CallbackOutcome };

interface PlannedCase {
  key: number;
  reporter: number;
  kind: 'correction' | 'callback';
  channel: Channel;
  matchId?: string;
  seriesId?: string;
  category: Category;
  withEmail: boolean;
  withPhone: boolean;
  arrival: number;
  steps: Step[];
}

const STAFF: Actor[] = Array.from({ length: 8 }, (_, i) => ({
  sub: `season-staff-${i}`,
  email: `staff${i}@season.test`,
  name: `Staff ${i}`,
  language: 'fi',
}));
const OFFICIAL: Record<string, Actor> = {
  [DEMO_SERIES.id]: { sub: 'season-official-m', email: DEMO_SERIES.officials[0]!.email, name: 'Sarja Vastaava', language: 'fi' },
  [OTHER_SERIES.id]: { sub: 'season-official-n', email: OTHER_SERIES.officials[0]!.email, name: 'Other Official', language: 'en' },
};
const CATEGORIES: Category[] = ['final-score', 'period-score', 'goal', 'penalty', 'lineup', 'other'];
const outcome = () =>
  weighted<Outcome>([
    ['corrected', 40],
    ['no-change', 25],
    ['rejected', 15],
    ['duplicate', 20],
  ]);

function planMatches(): Match[] {
  const matches: Match[] = [];
  let n = 0;
  for (let day = SEASON_FROM; day <= SEASON_TO; day = addDays(day, 1)) {
    const dow = new Date(`${day}T12:00:00Z`).getUTCDay();
    const count = dow === 6 || dow === 0 ? between(1, 3) : rnd() < 0.25 ? 1 : 0;
    for (let i = 0; i < count; i++) {
      const series = rnd() < 0.6 ? DEMO_SERIES.id : OTHER_SERIES.id;
      const startsAt = localToInstant(day, pick(['13:00', '15:00', '17:00', '18:30', '19:00'])).toISOString();
      matches.push({ id: `S-${String(++n).padStart(4, '0')}`, seriesId: series, startsAt, home: `Home ${n}`, away: `Away ${n}` });
    }
  }
  return matches;
}

/** Arrivals right around local midnight where the calendar is tricky: DST switches, new year, ISO week 53. */
const BOUNDARY_INSTANTS = [
  '2026-10-24T20:59:30Z',
  '2026-10-24T21:00:30Z', // Sat→Sun 25 Oct (EEST, +3)
  '2026-10-25T21:59:30Z',
  '2026-10-25T22:00:30Z', // Sun 25 Oct → Mon 26 Oct (EET, +2): W43 → W44
  '2026-10-31T21:59:00Z',
  '2026-10-31T22:00:00Z', // Oct → Nov
  '2026-12-31T21:59:59Z',
  '2026-12-31T22:00:00Z', // 2026 → 2027, both 2026-W53
  '2027-01-03T21:59:59Z',
  '2027-01-03T22:00:00Z', // 2026-W53 → 2027-W01
  '2027-03-27T21:59:30Z',
  '2027-03-27T22:00:30Z', // Sat → Sun 28 Mar (EET, +2)
  '2027-03-28T20:59:30Z',
  '2027-03-28T21:00:30Z', // Sun 28 Mar → Mon 29 Mar (EEST, +3): W12 → W13
];

function planCorrectionSteps(arrival: number, resolvedHook: (at: number) => void): Step[] {
  const steps: Step[] = [];
  const s = between(0, STAFF.length - 1);
  let t = arrival + staffDelay();
  const path = weighted<string>([
    ['resolve', 52],
    ['claim-resolve', 15],
    ['info', 8],
    ['escalate', 6],
    ['release', 2],
    ['claim-only', 6],
    ['open', 6],
    ['info-open', 5],
  ]);
  const resolveAt = (at: number) => {
    steps.push({ op: 'resolve', at, staff: s, outcome: outcome() });
    return at;
  };
  let resolvedAt: number | undefined;
  switch (path) {
    case 'resolve':
      resolvedAt = resolveAt(t);
      break;
    case 'claim-resolve':
      steps.push({ op: 'claim', at: t, staff: s });
      resolvedAt = resolveAt((t += staffDelay()));
      break;
    case 'info':
      steps.push({ op: rnd() < 0.5 ? 'claim' : 'request-info', at: t, staff: s });
      if (steps[0]!.op === 'claim') steps.push({ op: 'request-info', at: (t += between(2, 30) * MIN), staff: s });
      if (rnd() < 0.7) {
        steps.push({ op: 'reply', at: (t += between(10, 48 * 60) * MIN), staff: s });
        steps.push({ op: 'claim', at: (t += staffDelay()), staff: s });
      }
      resolvedAt = resolveAt((t += staffDelay()));
      break;
    case 'escalate':
      if (rnd() < 0.4) steps.push({ op: 'claim', at: t - 60_000 > arrival ? t - 60_000 : t, staff: s });
      steps.push({ op: 'escalate', at: t, staff: s });
      t += between(30, 3 * 24 * 60) * MIN;
      if (rnd() < 0.6) steps.push({ op: 'decision', at: t, decision: pick(['correct', 'no-change', 'reject'] as const) });
      else steps.push({ op: 'resolve', at: t, staff: s, outcome: outcome() });
      resolvedAt = t;
      break;
    case 'release': {
      steps.push({ op: 'claim', at: t, staff: s });
      steps.push({ op: 'release', at: (t += between(1, 20) * MIN), staff: s });
      const other = (s + 1) % STAFF.length;
      steps.push({ op: 'claim', at: (t += between(1, 60) * MIN), staff: other });
      steps.push({ op: 'resolve', at: (t += staffDelay()), staff: other, outcome: outcome() });
      resolvedAt = t;
      break;
    }
    case 'claim-only':
      steps.push({ op: 'claim', at: t, staff: s });
      break;
    case 'info-open':
      steps.push({ op: 'request-info', at: t, staff: s });
      break;
    default:
      break;
  }
  // Reporter replies to a resolved correction: reopens it (mostly within 14 days; the rest before the
  // tracking token's 30 days after resolution run out: contract §8).
  if (resolvedAt !== undefined && rnd() < 0.08) {
    t = resolvedAt + (rnd() < 0.75 ? between(60, 13 * 24 * 60) * MIN : between(15 * 24 * 60, 29 * 24 * 60) * MIN);
    steps.push({ op: 'reopen', at: t, staff: s });
    const after = rnd();
    const s2 = between(0, STAFF.length - 1);
    if (after < 0.6) {
      steps.push({ op: 'claim', at: (t += staffDelay()), staff: s2 });
      steps.push({ op: 'resolve', at: (t += staffDelay()), staff: s2, outcome: outcome() });
      resolvedAt = t;
    } else if (after < 0.85) {
      steps.push({ op: 'resolve', at: (t += staffDelay()), staff: s2, outcome: outcome() });
      resolvedAt = t;
    } else resolvedAt = undefined;
  }
  if (resolvedAt !== undefined) resolvedHook(resolvedAt);
  return steps;
}

function planCallbackSteps(arrival: number, resolvedHook: (at: number) => void): Step[] {
  const s = between(0, STAFF.length - 1);
  let t = arrival + staffDelay();
  const o = weighted<CallbackOutcome>([
    ['resolved', 60],
    ['no-answer', 28],
    ['wrong-number', 12],
  ]);
  const path = weighted<string>([
    ['claim-complete', 35],
    ['complete', 50],
    ['claim', 5],
    ['open', 10],
  ]);
  const steps: Step[] = [];
  if (path === 'claim-complete' || path === 'claim') steps.push({ op: 'cb-claim', at: t, staff: s });
  if (path === 'claim-complete') t += between(1, 90) * MIN;
  if (path === 'claim-complete' || path === 'complete') {
    steps.push({ op: 'cb-complete', at: t, staff: s, outcome: o });
    resolvedHook(t);
  }
  return steps;
}

function planSeason(matches: Match[]): PlannedCase[] {
  const cases: PlannedCase[] = [];
  let reporter = 0;
  let boundary = 0;
  while (cases.length < TARGET_CONTACTS) {
    reporter++;
    const threads = weighted<number>([
      [1, 45],
      [2, 30],
      [3, 15],
      [5, 10],
    ]);
    const teamMatches = Array.from({ length: 3 }, () => pick(matches));
    for (let th = 0; th < threads && cases.length < TARGET_CONTACTS; th++) {
      const match = pick(teamMatches);
      const start = Date.parse(match.startsAt);
      let arrival =
        start +
        2 * HOUR +
        weighted<() => number>([
          [() => between(0, 180) * MIN, 50],
          [() => between(3 * 60, 24 * 60) * MIN, 30],
          [() => between(24 * 60, 4 * 24 * 60) * MIN, 20],
        ])();
      if (boundary < BOUNDARY_INSTANTS.length * 6 && rnd() < 0.02)
        arrival = Date.parse(BOUNDARY_INSTANTS[boundary++ % BOUNDARY_INSTANTS.length]!) + between(0, 5) * 1000;
      // A thread: a case, and sometimes a follow-up on the same match after it was resolved (a re-contact when within 14 days).
      for (let depth = 0; depth < 3 && arrival <= LAST && arrival >= FIRST && cases.length < TARGET_CONTACTS; depth++) {
        // (Email-bearing contacts cost DynamoDB Local four more writes per email sent: the mix leans on phone and callbacks.)
        const channel = weighted<Channel>([
          ['web', 16],
          ['phone', 34],
          ['email', 6],
          ['social', 6],
          ['callback', 38],
        ]);
        const kind = channel === 'callback' ? 'callback' : 'correction';
        let resolvedAt: number | undefined;
        const hook = (at: number) => (resolvedAt = at);
        const withMatch = kind === 'correction' || rnd() < 0.8;
        const c: PlannedCase = {
          key: cases.length,
          reporter,
          kind,
          channel,
          ...(withMatch ? { matchId: match.id, seriesId: match.seriesId } : {}),
          category: pick(CATEGORIES),
          withEmail:
            channel === 'web' || channel === 'email' || (channel === 'phone' && rnd() < 0.1) || (channel === 'social' && rnd() < 0.4),
          withPhone: channel === 'callback' || channel === 'phone' || (channel === 'web' && rnd() < 0.5),
          arrival,
          steps: [],
        };
        if (channel === 'social' && !c.withEmail) c.withPhone = true;
        c.steps = kind === 'correction' ? planCorrectionSteps(arrival, hook) : planCallbackSteps(arrival, hook);
        cases.push(c);
        if (resolvedAt === undefined || rnd() > 0.2) break;
        arrival = resolvedAt + (rnd() < 0.6 ? between(30, 13 * 24 * 60) * MIN : between(14 * 24 * 60 + 1, 30 * 24 * 60) * MIN);
      }
    }
  }
  return cases;
}

// ------------------------------------------------------------------ ledger: what the test did, and what must follow
interface Ledger {
  key: number;
  id?: string;
  token?: string;
  kind: 'correction' | 'callback';
  channel: Channel;
  matchId?: string;
  seriesId?: string;
  contacts: string[];
  phone?: string;
  arrival: number;
  due: number;
  merged?: boolean;
  recontactOf?: string;
  firstResponseAt?: number;
  infoBeforeFirstResolution: boolean;
  escalatedBeforeFirstResolution: boolean;
  escalated: boolean;
  firstOutcome?: Outcome | CallbackOutcome;
  /** current resolution instant (cleared by a reopening); callbacks: completion with outcome resolved */
  resolvedAt?: number;
  completed?: boolean;
  lost: boolean;
  reopens: number[];
}

const FCR_OUTCOMES = new Set(['corrected', 'no-change', 'rejected']);

describe('reports over a generated season', () => {
  it('every bucket of every period equals a brute-force recount of the season', { timeout: 900_000 }, async () => {
    const started = Date.now();
    const env: TestEnv = await createTestEnv({ now: '2026-08-01T00:00:00Z' });
    await seedBasics(env);
    const matches = planMatches();
    await env.store.putMatches(matches);
    const plan = planSeason(matches);
    const mailer: Mailer = { send: async () => 'stub-message-id' };
    // Group into per-reporter chains of events in time order, strictly increasing instants.
    const ledgers: Ledger[] = plan.map((p) => ({
      key: p.key,
      kind: p.kind,
      channel: p.channel,
      ...(p.matchId ? { matchId: p.matchId, seriesId: p.seriesId } : {}),
      contacts: [],
      arrival: p.arrival,
      due: 0,
      infoBeforeFirstResolution: false,
      escalatedBeforeFirstResolution: false,
      escalated: false,
      lost: false,
      reopens: [],
    }));
    type Ev = { at: number; c: PlannedCase; step?: Step; seq: number };
    const chains = new Map<number, Ev[]>();
    let seq = 0;
    for (const c of plan) {
      const list = chains.get(c.reporter) ?? [];
      list.push({ at: c.arrival, c, seq: seq++ });
      for (const step of c.steps) list.push({ at: step.at, c, step, seq: seq++ });
      chains.set(c.reporter, list);
    }
    for (const list of chains.values()) {
      list.sort((a, b) => a.at - b.at || a.seq - b.seq);
      for (let i = 1; i < list.length; i++) if (list[i]!.at <= list[i - 1]!.at) list[i]!.at = list[i - 1]!.at + 1;
    }

    const failures: string[] = [];
    let calls = 0;
    const runChain = async (reporter: number, events: Ev[]) => {
      let now = new Date(0);
      const clock: Clock = { now: () => new Date(now) };
      const deps: Deps<TestEnv['store']> = { store: env.store, mailer, clock };
      const email = `r${reporter}@season.test`;
      const phone = `+3585${String(10_000_000 + reporter).slice(-8)}`;
      const openCallback: { key?: number } = {};
      const mine: Ledger[] = [];
      for (const ev of events) {
        now = new Date(ev.at);
        const L = ledgers[ev.c.key]!;
        const at = ev.at;
        calls++;
        try {
          if (!ev.step) {
            // ---- a new contact
            const contacts = [ev.c.withEmail ? `email:${email}` : '', ev.c.withPhone ? `phone:${phone}` : ''].filter(Boolean);
            L.arrival = at;
            L.contacts = ev.c.kind === 'callback' ? (ev.c.matchId ? [`phone:${phone}`] : []) : contacts;
            if (ev.c.withPhone) L.phone = phone;
            // expected recontactOf: the most recent case on this match sharing a contact, resolved in the last 14 days
            const candidates = mine.filter(
              (o) =>
                o.id &&
                !o.merged &&
                L.matchId &&
                o.matchId === L.matchId &&
                o.resolvedAt !== undefined &&
                o.resolvedAt >= at - WINDOW &&
                o.contacts.some((x) => L.contacts.includes(x)),
            );
            const expectedRecontact = candidates.sort((a, b) => b.resolvedAt! - a.resolvedAt!)[0];
            if (ev.c.kind === 'callback') {
              const r = await requestCallback(deps, {
                name: `Reporter ${reporter}`,
                phone,
                language: 'fi',
                topic: 'Soittakaa',
                ...(ev.c.matchId ? { matchId: ev.c.matchId } : {}),
              });
              if (openCallback.key !== undefined) {
                // This phone already waits for a call: the topic joins the open callback, no new case.
                const open = ledgers[openCallback.key]!;
                const joined = (await deps.store.getCase(open.id!)) as { moreTopics?: unknown[] } | undefined;
                if (r.created || !joined?.moreTopics?.length)
                  failures.push(`case ${L.key}: expected the topic on the open callback ${open.id}, got ${JSON.stringify(r)}`);
                L.merged = true;
                continue;
              }
              if (!r.created) {
                failures.push(`case ${L.key}: callback not created: ${JSON.stringify(r.body)}`);
                continue;
              }
              L.id = r.body.id;
              L.due = Date.parse(r.body.expectedCallbackBy);
              if ((r.body.recontactOf ?? null) !== (expectedRecontact?.id ?? null))
                failures.push(`case ${L.key}: recontactOf ${r.body.recontactOf} ≠ expected ${expectedRecontact?.id}`);
              L.recontactOf = r.body.recontactOf;
              openCallback.key = L.key;
            } else {
              const staffChannel = ev.c.channel !== 'web';
              const r = await createCorrection(
                deps,
                {
                  matchId: ev.c.matchId!,
                  category: ev.c.category,
                  description: `Season case ${L.key}`,
                  ...(ev.c.category === 'final-score' ? { proposed: { homeGoals: 3, awayGoals: 2 } } : {}),
                  reporter: { name: `Reporter ${reporter}`, ...(ev.c.withEmail ? { email } : {}), ...(ev.c.withPhone ? { phone } : {}) },
                  language: 'fi',
                },
                { channel: ev.c.channel, ...(staffChannel ? { actor: STAFF[reporter % STAFF.length]! } : {}) },
              );
              L.id = r.id;
              L.token = r.trackingToken;
              L.due = Date.parse(r.expectedResponseBy);
              if ((r.recontactOf ?? null) !== (expectedRecontact?.id ?? null))
                failures.push(`case ${L.key}: recontactOf ${r.recontactOf} ≠ expected ${expectedRecontact?.id}`);
              L.recontactOf = r.recontactOf;
            }
            if (expectedRecontact) expectedRecontact.lost = true;
            mine.push(L);
            continue;
          }
          // ---- a step on an existing case
          if (L.merged || !L.id) continue;
          const step = ev.step;
          const firstResponse = () => {
            L.firstResponseAt ??= at;
          };
          const resolved = (o: Outcome) => {
            if (L.firstOutcome === undefined) L.firstOutcome = o;
            L.resolvedAt = at;
          };
          switch (step.op) {
            case 'claim':
              await claim(deps, L.id, STAFF[step.staff]!);
              firstResponse();
              break;
            case 'release':
              await release(deps, L.id, STAFF[step.staff]!, false);
              break;
            case 'request-info':
              await requestInfo(deps, L.id, STAFF[step.staff]!, 'Lähetä pöytäkirja');
              firstResponse();
              if (L.firstOutcome === undefined) L.infoBeforeFirstResolution = true;
              break;
            case 'reply':
              await reporterReply(deps, L.id, L.token, 'Tässä pöytäkirja');
              break;
            case 'escalate':
              await escalate(deps, L.id, STAFF[step.staff]!, 'Tarvitaan sarjavastaavan päätös');
              firstResponse();
              L.escalated = true;
              if (L.firstOutcome === undefined) L.escalatedBeforeFirstResolution = true;
              break;
            case 'resolve':
              await resolve(deps, L.id, STAFF[step.staff]!, { outcome: step.outcome, message: 'Käsitelty' });
              firstResponse();
              resolved(step.outcome);
              break;
            case 'decision':
              await decide(deps, L.id, OFFICIAL[L.seriesId!]!, { decision: step.decision, message: 'Päätös' });
              resolved(step.decision === 'correct' ? 'corrected' : step.decision === 'reject' ? 'rejected' : 'no-change');
              break;
            case 'reopen':
              await reporterReply(deps, L.id, L.token, 'Tulos on yhä väärin');
              if (L.resolvedAt !== undefined && L.resolvedAt >= at - WINDOW) L.lost = true;
              L.resolvedAt = undefined;
              L.reopens.push(at);
              break;
            case 'cb-claim':
              await claimCallback(deps, L.id, STAFF[step.staff]!);
              firstResponse();
              break;
            case 'cb-complete':
              await completeCallback(deps, L.id, STAFF[step.staff]!, { outcome: step.outcome });
              firstResponse();
              L.firstOutcome = step.outcome;
              L.completed = true;
              if (step.outcome === 'resolved') L.resolvedAt = at;
              if (openCallback.key === L.key) delete openCallback.key;
              break;
          }
        } catch (err) {
          failures.push(`case ${L.key} ${ev.step?.op ?? 'create'} at ${new Date(at).toISOString()}: ${String(err)}`);
        }
      }
    };

    const queue = [...chains.entries()];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await runChain(next[0], next[1]);
      }),
    );
    const generated = Date.now();
    expect(failures.slice(0, 10)).toEqual([]);

    const contacts = ledgers.filter((l) => l.id && !l.merged);
    expect(contacts.length).toBeGreaterThanOrEqual(process.env.SEASON_CONTACTS ? TARGET_CONTACTS * 0.95 : 10_000);
    // The season really covers what the report must count.
    const channels = new Set(contacts.map((l) => l.channel));
    expect([...channels].sort()).toEqual(['callback', 'email', 'phone', 'social', 'web']);
    expect(contacts.filter((l) => l.recontactOf).length).toBeGreaterThan(TARGET_CONTACTS / 100);
    expect(contacts.filter((l) => l.reopens.length).length).toBeGreaterThan(TARGET_CONTACTS / 100);
    expect(contacts.filter((l) => l.escalated).length).toBeGreaterThan(TARGET_CONTACTS / 100);
    expect(ledgers.filter((l) => l.merged).length).toBeGreaterThan(0);

    // ---------------------------------------------------------------- brute-force recount
    const dayOfMs = (ms: number) => localDateOf(ms);
    const recount = (from: string, to: string) => {
      const inRange = (ms: number) => {
        const d = dayOfMs(ms);
        return d >= from && d <= to;
      };
      const cohort = contacts.filter((l) => inRange(l.arrival));
      const byChannel = { web: 0, phone: 0, email: 0, social: 0, callback: 0 } as Record<Channel, number>;
      for (const l of cohort) byChannel[l.channel]++;
      const resolved = cohort.filter((l) => (l.kind === 'correction' ? l.firstOutcome !== undefined : l.firstOutcome === 'resolved'));
      const eligible = resolved.filter((l) => l.firstOutcome !== 'duplicate');
      const fcr = eligible.filter(
        (l) =>
          !l.lost &&
          (l.kind === 'callback' ||
            (FCR_OUTCOMES.has(l.firstOutcome!) && !l.infoBeforeFirstResolution && !l.escalatedBeforeFirstResolution)),
      );
      const minutes = cohort
        .filter((l) => l.firstResponseAt !== undefined)
        .map((l) => Math.round(openMinutesBetween(DEFAULT_CALENDAR, new Date(l.arrival), new Date(l.firstResponseAt!))))
        .sort((a, b) => a - b);
      const n = minutes.length;
      const median = n === 0 ? null : n % 2 ? minutes[(n - 1) / 2]! : (minutes[n / 2 - 1]! + minutes[n / 2]!) / 2;
      return {
        contacts: cohort.length,
        byChannel,
        resolved: resolved.length,
        firstContactResolved: fcr.length,
        fcrRate: eligible.length ? Math.round((fcr.length / eligible.length) * 10_000) / 10_000 : null,
        recontacts:
          contacts.filter((l) => l.recontactOf && inRange(l.arrival)).length +
          contacts.reduce((s, l) => s + l.reopens.filter(inRange).length, 0),
        escalated: cohort.filter((l) => l.escalated).length,
        firstResponses: n,
        medianFirstResponseMinutes: median,
        firstResponseBreaches: cohort.filter((l) => l.firstResponseAt !== undefined && l.firstResponseAt > l.due).length,
      };
    };
    const periodIds = { week: isoWeekId, month: monthId, year: yearId } as const;
    const expectedBuckets = (from: string, to: string, period: keyof typeof periodIds) => {
      const ranges: { period: string; from: string; to: string }[] = [];
      for (let d = from; d <= to; d = addDays(d, 1)) {
        const id = periodIds[period](d);
        if (ranges.at(-1)?.period === id) ranges.at(-1)!.to = d;
        else ranges.push({ period: id, from: d, to: d });
      }
      return ranges.map((r) => ({ ...r, ...recount(r.from, r.to) }));
    };
    const report = async (from: string, to: string, period: string, accept?: string) =>
      call(staffReports as never, 'GET /staff/reports/summary', {
        query: { from, to, period },
        claims: staffClaims(),
        ...(accept ? { headers: { accept } } : {}),
      });

    const ranges: [string, string][] = [
      [SEASON_FROM, SEASON_TO],
      ['2026-10-20', '2026-11-03'], // autumn DST switch, clipped weeks
      ['2026-12-28', '2027-01-11'], // 2026-W53 across the new year
      ['2027-03-25', '2027-04-02'], // spring DST switch
      ['2026-08-15', '2027-01-15'],
    ];
    for (const [from, to] of ranges) {
      for (const period of ['week', 'month', 'year'] as const) {
        const r = await report(from, to, period);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(r.body.buckets, `${period} ${from}..${to}`).toEqual(expectedBuckets(from, to, period));
      }
    }
    const full = (await report(SEASON_FROM, SEASON_TO, 'week')).body;
    expect(full.buckets[0]).toMatchObject({ period: '2026-W31', from: '2026-08-01', to: '2026-08-02' });
    expect(full.buckets.at(-1)).toMatchObject({ period: '2027-W17', from: '2027-04-26', to: '2027-04-30' });
    expect(full.buckets.find((b: { period: string }) => b.period === '2026-W53')).toMatchObject({ from: '2026-12-28', to: '2027-01-03' });
    const total = (await report(SEASON_FROM, SEASON_TO, 'year')).body.buckets.reduce(
      (s: number, b: { contacts: number }) => s + b.contacts,
      0,
    );
    expect(total).toBe(contacts.length);

    // CSV carries the same numbers.
    const csv = await report(SEASON_FROM, SEASON_TO, 'month', 'text/csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = String(csv.body).trim().split('\r\n');
    const months = expectedBuckets(SEASON_FROM, SEASON_TO, 'month');
    expect(lines).toHaveLength(months.length + 1);
    lines.slice(1).forEach((line, i) => {
      const m = months[i]!;
      expect(line.split(',')).toEqual(
        [
          m.period,
          m.from,
          m.to,
          m.contacts,
          ...Object.values(m.byChannel),
          m.resolved,
          m.firstContactResolved,
          m.fcrRate ?? '',
          m.recontacts,
          m.escalated,
          m.firstResponses,
          m.medianFirstResponseMinutes ?? '',
          m.firstResponseBreaches,
        ].map(String),
      );
    });

    console.log(
      `season: ${contacts.length} contacts (${ledgers.filter((l) => l.merged).length} repeated callback ` +
        `requests), ${calls} use-case calls by ${chains.size} reporters; ` +
        (`${contacts.filter((l) => l.recontactOf).length} re-contacts, ` +
          `${contacts.reduce((s, l) => s + l.reopens.length, 0)} reopenings, ` +
          `${contacts.filter((l) => l.escalated).length} escalations; `) +
        `written in ${((generated - started) / 1000).toFixed(1)} s, checked in ${((Date.now() - generated) / 1000).toFixed(1)} s`,
    );
  });
});

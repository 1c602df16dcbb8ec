/**
 * Read-through at intake: a report on a match only the results service knows is accepted (the match is stored
 * on the way); a match it does not know, or a results service that is down, gives 422 unknown_match saying what
 * to check; negative answers are remembered; implausible ids are refused with 400 before any upstream call.
 * Against real local HTTP servers (the fixture results service and a misbehaving one).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ResultsClient } from '../../shared/adapters/results-service.js';
import { forgetNegativeLookups } from '../../shared/usecases/match-lookup.js';
import { FIXTURE_CATEGORY_ID, FIXTURE_COMPETITION_ID } from '../../scripts/local/results-fixture-data.js';
import { FIXTURE_API_KEY, startResultsFixture, type ResultsFixture } from '../../scripts/local/results-fixture.js';
import { expectError, handlers, report, reportBody } from '../support/api.js';
import { call, staffClaims } from '../support/events.js';
import { createTestEnv, DEMO_SERIES, seedBasics, type TestEnv } from '../support/harness.js';
import { startMisbehavingServer, type MisbehavingServer } from '../support/results-misbehaving.js';

const NOW = '2026-11-21T10:00:00Z';
let env: TestEnv;
let fixture: ResultsFixture;
let bad: MisbehavingServer;
const calls = () => fixture.calls.getMatch ?? 0;
const fixtureIds = () => [...fixture.matches.keys()];

beforeAll(async () => {
  env = await createTestEnv({ now: NOW });
  await seedBasics(env);
  // the write is conditional on the version read (no stale official grant): pass what is stored now
  const stored = await env.store.getSeries(DEMO_SERIES.id, true);
  expect(
    await env.store.putSeries(
      { ...DEMO_SERIES, results: { competitionId: FIXTURE_COMPETITION_ID, categoryId: FIXTURE_CATEGORY_ID } },
      stored,
    ),
  ).toBe(true);
  fixture = await startResultsFixture({ now: new Date(NOW) });
  bad = await startMisbehavingServer();
});
beforeEach(() => {
  env.results = new ResultsClient({ baseUrl: fixture.url, apiKey: FIXTURE_API_KEY });
  forgetNegativeLookups();
});
afterAll(async () => {
  await fixture.stop();
  await bad.stop();
});

describe('POST /corrections with a match only the results service knows', () => {
  it('asks getMatch once, stores the match, and accepts the report', async () => {
    const id = fixtureIds()[3]!;
    expect(await env.store.getMatch(id)).toBeUndefined();
    const before = calls();
    const r = await report(reportBody({ matchId: id, category: 'final-score', proposed: { homeGoals: 1, awayGoals: 1 } }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(calls()).toBe(before + 1);
    const stored = await env.store.getMatch(id);
    expect(stored).toMatchObject({ id, seriesId: DEMO_SERIES.id, source: 'results', home: fixture.matches.get(id)!.team_A_name });
    expect(await env.store.getRecord(id)).toMatchObject({ matchId: id });
    // the next report reads the store
    expect((await report(reportBody({ matchId: id }))).status).toBe(201);
    expect(calls()).toBe(before + 1);
  });

  it('staff-logged contacts read through too', async () => {
    const id = fixtureIds()[5]!;
    const r = await call(handlers.staffCorrections, 'POST /staff/corrections', {
      body: { ...reportBody({ matchId: id }), channel: 'phone' },
      claims: staffClaims(),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(await env.store.getMatch(id)).toBeDefined();
  });

  it('an id the results service does not know: 422 saying what to check, and the answer is remembered', async () => {
    const before = calls();
    const r = await report(reportBody({ matchId: '999999991' }));
    expectError(r, 422, 'unknown_match');
    expect(r.body.error.message).toMatch(/Check the match id/);
    expectError(await report(reportBody({ matchId: '999999991' })), 422, 'unknown_match');
    expect(calls()).toBe(before + 1);
    expect(await env.store.getMatch('999999991')).toBeUndefined();
  });

  it('implausible ids are refused with 400 before any upstream call; ids that cannot be results ids are not looked up', async () => {
    const before = calls();
    for (const matchId of ['9'.repeat(65), '930 001', '../930001', '', 930001]) {
      expectError(await report(reportBody({ matchId })), 400, 'validation_failed');
    }
    expectError(await report(reportBody({ matchId: 'M-404' })), 422, 'unknown_match');
    expect(calls()).toBe(before);
  });

  it('a match of a series this hotline does not handle: 422 that says so', async () => {
    const id = fixtureIds()[7]!;
    fixture.matches.get(id)!.category_id = '999';
    const r = await report(reportBody({ matchId: id }));
    expectError(r, 422, 'unknown_match');
    expect(r.body.error.message).toMatch(/not handled by this hotline/);
    expect(await env.store.getMatch(id)).toBeUndefined();
  });

  it('a results service that is down or misbehaving: 422 within the 3 s budget, asked once, nothing stored', async () => {
    env.results = new ResultsClient({ baseUrl: bad.url, apiKey: 'k' });
    const cases: [Parameters<MisbehavingServer['script']>[0], string][] = [
      [{ kind: 'text', status: 503, body: 'down' }, '930101'],
      [{ kind: 'stall' }, '930102'],
      [{ kind: 'text', body: 'Invalid db' }, '930103'],
      [{ kind: 'text', body: '<html>oops</html>', contentType: 'text/html' }, '930104'],
      [{ kind: 'huge', bytes: 10 * 1024 * 1024 }, '930105'],
      [
        {
          kind: 'json',
          body: { call: { status: 'ok' }, match: { match_id: '930106', date: '2026-11-21', time: '17:00', status: 'Played' } },
        },
        '930106',
      ],
      [{ kind: 'reset' }, '930107'],
    ];
    for (const [behaviour, matchId] of cases) {
      bad.script(behaviour);
      const before = bad.requests.length;
      const started = Date.now();
      const r = await report(reportBody({ matchId }));
      expectError(r, 422, 'unknown_match');
      expect(r.body.error.message, behaviour.kind).toMatch(/could not be asked just now|no match/);
      expect(Date.now() - started).toBeLessThan(4500);
      expect(bad.requests.length - before).toBe(1);
      expect(await env.store.getMatch(matchId)).toBeUndefined();
    }
    // remembered for a minute: the next report on it does not wait for the service again
    const before = bad.requests.length;
    expectError(await report(reportBody({ matchId: '930101' })), 422, 'unknown_match');
    expect(bad.requests.length).toBe(before);
  }, 30_000);
});

/**
 * matches-sync against real local HTTP servers: the fixture results service and one that misbehaves.
 * Only changes are written (a rerun writes nothing), overlapping runs write each change once, and a failing
 * upstream is reported while the stored matches stay as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesSync } from '../support/functions.js';
import { type MatchesSyncAnswer } from '../../functions/matches-sync/handler.js';
import { publicMatches } from '../support/functions.js';
import { ResultsClient } from '../../shared/adapters/results-service.js';
import { addDays, localDateOf } from '../../shared/domain/helsinki-time.js';
import type { SyncResult } from '../../shared/usecases/matches-sync.js';
import { FIXTURE_CATEGORY_ID, FIXTURE_COMPETITION_ID } from '../../scripts/local/results-fixture-data.js';
import { FIXTURE_API_KEY, startResultsFixture, type ResultsFixture } from '../../scripts/local/results-fixture.js';
import { expectError, handlers } from '../support/api.js';
import { adminClaims, call } from '../support/events.js';
import { createTestEnv, type TestEnv } from '../support/harness.js';
import { startMisbehavingServer, type MisbehavingServer } from '../support/results-misbehaving.js';

const NOW = '2026-11-21T10:00:00Z'; // a Saturday in season: the results window is open
let env: TestEnv;
let fixture: ResultsFixture;
let bad: MisbehavingServer;

const event = (job = 'matches-sync-hourly', time = NOW) => ({
  'detail-type': 'Scheduled Event',
  source: 'aws.scheduler',
  time,
  detail: { job },
});
const run = async (job?: string, time?: string) => (await matchesSync(event(job, time))) as SyncResult;
const putSeries = (id: string, body: unknown) =>
  call(handlers.admin, 'PUT /admin/series/{seriesId}', { pathParameters: { seriesId: id }, body, claims: adminClaims() });
const dayList = async (date: string) =>
  (await call(publicMatches as never, 'GET /matches', { query: { date } })).body.items as {
    id: string;
    homeGoals?: number;
    status: string;
  }[];
const fixtureClient = () => new ResultsClient({ baseUrl: fixture.url, apiKey: FIXTURE_API_KEY });

beforeAll(async () => {
  env = await createTestEnv({ now: NOW });
  fixture = await startResultsFixture({ now: new Date(NOW) });
  bad = await startMisbehavingServer();
  env.results = fixtureClient();
  const r = await putSeries('f-liiga-m', {
    name: 'F-liiga, miehet',
    officials: [],
    results: { competitionId: FIXTURE_COMPETITION_ID, categoryId: FIXTURE_CATEGORY_ID },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.results).toEqual({ competitionId: FIXTURE_COMPETITION_ID, categoryId: FIXTURE_CATEGORY_ID });
  // a series without a link is not synced
  await putSeries('div-2', { name: '2. divisioona', officials: [] });
});
afterAll(async () => {
  await fixture.stop();
  await bad.stop();
});

describe('PUT /admin/series/{id} with results', () => {
  it('refuses a link that is not two results-service ids', async () => {
    for (const results of [
      { competitionId: 'sb2026' },
      { competitionId: 'sb 2026', categoryId: '402' },
      { competitionId: 'sb2026', categoryId: '402', groupId: '1' },
      'sb2026/402',
    ]) {
      expectError(await putSeries('f-liiga-x', { name: 'X', officials: [], results }), 400, 'validation_failed');
    }
  });
});

describe('matches-sync', () => {
  it("stores the window's matches with their official record, then a rerun writes nothing", async () => {
    const first = await run();
    expect(first).toMatchObject({
      window: { from: '2026-11-14', to: '2026-11-28' },
      fetched: 30,
      written: 30,
      unchanged: 0,
      rejected: 0,
      failedSeries: 0,
    });
    expect(first.series.map((s) => s.seriesId)).toEqual(['f-liiga-m']);
    const second = await run();
    expect(second).toMatchObject({ fetched: 30, written: 0, unchanged: 30, failedSeries: 0 });

    const yesterday = await dayList(addDays(localDateOf(new Date(NOW)), -1));
    expect(yesterday).toHaveLength(2);
    expect(yesterday.every((m) => m.status === 'played' && typeof m.homeGoals === 'number')).toBe(true);
    const record = await env.store.getRecord(yesterday[0]!.id);
    expect(record).toMatchObject({ matchId: yesterday[0]!.id, status: 'played' });
    expect(record!.overtime).toBeDefined(); // the fixture's overtime game is yesterday's first
    expect(record!.events.some((e) => e.kind === 'goal')).toBe(true);
    expect((await dayList('2026-11-22')).every((m) => m.status === 'fixture')).toBe(true);
  });

  it('writes only the match that changed', async () => {
    const id = [...fixture.matches.values()].find((m) => m.date === '2026-11-20')!.match_id as string;
    const raw = fixture.matches.get(id)!;
    fixture.matches.set(id, { ...raw, fs_A: String(Number(raw.fs_A) + 1), p3s_A: String(Number(raw.p3s_A) + 1) });
    expect(await run()).toMatchObject({ written: 1, unchanged: 29 });
    expect((await env.store.getMatch(id))!.homeGoals).toBe(Number(raw.fs_A) + 1);
    expect(await run()).toMatchObject({ written: 0 });
  });

  it('overlapping runs write each change once', async () => {
    for (const m of fixture.matches.values()) if (m.status === 'Fixture') m.time = '19:00:00';
    const runs = await Promise.all([run(), run(), run()]);
    expect(runs.reduce((n, r) => n + r.written, 0)).toBe(16);
    expect(await run()).toMatchObject({ written: 0 });
  });

  it('a failing results service is reported, and the stored matches stay', async () => {
    const before = await dayList('2026-11-20');
    env.results = new ResultsClient({ baseUrl: bad.url, apiKey: 'k', timeoutMs: 300, backoffMs: 5 });
    try {
      const cases: [Parameters<MisbehavingServer['script']>, string][] = [
        [
          [
            { kind: 'text', status: 500, body: 'x' },
            { kind: 'text', status: 502, body: 'x' },
            { kind: 'text', status: 503, body: 'x' },
          ],
          'server_error',
        ],
        [[{ kind: 'stall' }, { kind: 'stall' }, { kind: 'stall' }], 'timeout'],
        [[{ kind: 'text', status: 403, body: 'Forbidden' }], 'forbidden'],
        [[{ kind: 'text', body: 'Invalid db' }], 'invalid_db'],
        [[{ kind: 'text', body: '<html><body>Service Unavailable</body></html>', contentType: 'text/html' }], 'not_json'],
        [[{ kind: 'json', body: { call: { status: 'error', message: 'Competition not found' } } }], 'upstream_error'],
        [[{ kind: 'huge', bytes: 10 * 1024 * 1024 }], 'too_large'],
      ];
      for (const [script, kind] of cases) {
        bad.script(...script);
        const r = await run();
        expect(r, kind).toMatchObject({ failedSeries: 1, written: 0, series: [{ seriesId: 'f-liiga-m', error: { kind } }] });
      }
      // a list with junk in it: the good matches are stored, the junk is listed, nothing half-mapped
      bad.script({
        kind: 'json',
        body: {
          call: { status: 'ok' },
          matches: [
            {
              match_id: '777001',
              date: '2026-11-20',
              time: '18:00:00',
              status: 'Played',
              team_A_name: 'SPV',
              team_B_name: 'TPS',
              fs_A: '2',
              fs_B: '1',
            },
            {
              match_id: '777002',
              date: '2026-11-20',
              time: '18:00:00',
              status: 'Played',
              team_A_name: '',
              team_B_name: 'TPS',
              fs_A: '2',
              fs_B: '1',
            },
            { match_id: '777003', date: '20.11.2026', time: '18:00:00', status: 'Played', team_A_name: 'SPV', team_B_name: 'TPS' },
          ],
        },
      });
      expect(await run()).toMatchObject({ written: 1, rejected: 2, failedSeries: 0 });
      expect(await env.store.getMatch('777002')).toBeUndefined();
      expect(await env.store.getMatch('777003')).toBeUndefined();
    } finally {
      env.results = fixtureClient();
    }
    const after = await dayList('2026-11-20');
    expect(after.filter((m) => m.id !== '777001')).toEqual(before);
  });

  it('the 10-minute schedule syncs only while a window is open; the hourly one always', async () => {
    const closed = '2026-11-23T20:00:00Z'; // Monday 22:00 in Helsinki
    expect(await matchesSync(event('matches-sync-windows', closed))).toMatchObject({ skipped: expect.stringContaining('closed') });
    expect(await matchesSync(event('matches-sync-hourly', closed))).toMatchObject({ failedSeries: 0 });
    expect(await matchesSync(event('matches-sync-windows', NOW))).toMatchObject({ failedSeries: 0 });
  });

  it('without a results service it says so instead of failing', async () => {
    env.results = undefined;
    try {
      expect((await matchesSync(event())) as MatchesSyncAnswer).toMatchObject({ skipped: expect.stringContaining('RESULTS_API_URL') });
    } finally {
      env.results = fixtureClient();
    }
  });
});

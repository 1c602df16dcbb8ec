/**
 * The official record on the staff view, the differences spelled out, and recordNow: a later sync that makes the
 * record agree with the proposal marks the correction, emails its holder, and "corrected" then needs no other input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox } from '../support/functions.js';
import { matchesSync } from '../support/functions.js';
import { ResultsClient } from '../../shared/adapters/results-service.js';
import type { SyncResult } from '../../shared/usecases/matches-sync.js';
import { FIXTURE_CATEGORY_ID, FIXTURE_COMPETITION_ID } from '../../scripts/local/results-fixture-data.js';
import { FIXTURE_API_KEY, startResultsFixture, type ResultsFixture } from '../../scripts/local/results-fixture.js';
import { expectError, reported, staff, staffView } from '../support/api.js';
import { staffClaims } from '../support/events.js';
import { createTestEnv, sentEmails, type TestEnv } from '../support/harness.js';

const NOW = '2026-11-21T10:00:00Z';
let env: TestEnv;
let fixture: ResultsFixture;
const sync = async () => (await matchesSync({ time: NOW, detail: { job: 'matches-sync-hourly' } })) as SyncResult;
const holder = 'holder@salibandy.test';

beforeAll(async () => {
  env = await createTestEnv({ now: NOW });
  fixture = await startResultsFixture({ now: new Date(NOW) });
  env.results = new ResultsClient({ baseUrl: fixture.url, apiKey: FIXTURE_API_KEY });
  await env.store.putSeries(
    {
      id: 'f-liiga-m',
      name: 'F-liiga, miehet',
      officials: [],
      results: { competitionId: FIXTURE_COMPETITION_ID, categoryId: FIXTURE_CATEGORY_ID },
    },
    undefined,
  );
  expect((await sync()).written).toBe(30);
});
afterAll(() => fixture.stop());

const overtimeMatch = () => [...fixture.matches.values()].find((m) => m.date === '2026-11-20' && m.es_A !== '')!;

describe('staff view with the official record', () => {
  it('shows the record next to the claim, and spells out the differences', async () => {
    const m = overtimeMatch();
    const [fsA, fsB] = [Number(m.fs_A), Number(m.fs_B)];
    const c = await reported({ matchId: m.match_id, category: 'final-score', proposed: { homeGoals: fsA + 1, awayGoals: fsB } });
    const v = (await staffView(c.id)).body;
    expect(v.official).toMatchObject({
      source: 'results',
      final: { home: fsA, away: fsB },
      walkover: false,
      overtime: { home: 0, away: 1 },
    });
    expect(v.official.summary).toMatch(new RegExp(`^${fsA}–${fsB} after overtime \\(periods .*; regulation ${m.es_A}–${m.es_B}\\)$`));
    expect(v.official.goals.length).toBe(fsA + fsB);
    expect(v.differences[0]).toBe(`reported ${fsA + 1}–${fsB}, record ${fsA}–${fsB}`);
    expect(v.differences[1]).toBe('the report has 1 more home goal than the record');
    expect(v.differences[2]).toMatch(/^record by period: period 1 \d+–\d+, period 2 \d+–\d+, period 3 \d+–\d+, overtime 0–1$/);
    expect(v.recordNow).toBeUndefined();
  });

  it('a later sync that makes the record agree sets recordNow, emails the holder, and "corrected" needs nothing else', async () => {
    const m = [...fixture.matches.values()].find((x) => x.date === '2026-11-19' && x.status === 'Played' && x.walkover !== '1')!;
    const proposed = { homeGoals: Number(m.fs_A), awayGoals: Number(m.fs_B) + 1 };
    const c = await reported({ matchId: m.match_id, category: 'final-score', proposed });
    const other = await reported({ matchId: m.match_id, category: 'final-score', proposed: { homeGoals: 0, awayGoals: 0 } });
    const claims = staffClaims('holder', holder);
    expect((await staff('claim', c.id, {}, 'holder', claims)).status).toBe(200);
    // without recordNow, a message is required
    expectError(await staff('resolve', c.id, { outcome: 'corrected' }, 'holder', claims), 400, 'validation_failed');

    fixture.matches.set(m.match_id as string, { ...m, fs_B: String(proposed.awayGoals), p3s_B: String(Number(m.p3s_B) + 1) });
    const r = await sync();
    expect(r).toMatchObject({ written: 1, recordNow: 1 });
    const v = (await staffView(c.id, claims)).body;
    expect(v.recordNow).toBe('matches-proposal');
    expect(v.differences).toEqual([]);
    expect(v.history.at(-1)).toMatchObject({ actor: 'matches-sync', action: 'record-now' });
    expect((await staffView(other.id)).body.recordNow).toBeUndefined();
    expect((await sync()).recordNow).toBe(0);

    await emailOutbox({ time: NOW, detail: { job: 'email-outbox' } } as never);
    const mails = await sentEmails(env.sesEndpoint, holder);
    expect(mails.map((e) => e.subject)).toEqual([expect.stringContaining(c.reference)]);
    expect(mails[0]!.body.text).toContain(`${proposed.homeGoals}–${proposed.awayGoals}`);

    const resolved = await staff('resolve', c.id, { outcome: 'corrected' }, 'holder', claims);
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', outcome: 'corrected', correctedResult: proposed });
  });

  it('a match with no record yet says so', async () => {
    const m = [...fixture.matches.values()].find((x) => x.status === 'Fixture')!;
    const c = await reported({ matchId: m.match_id, category: 'final-score', proposed: { homeGoals: 1, awayGoals: 0 } });
    const v = (await staffView(c.id)).body;
    expect(v.official.summary).toBe('no result yet (fixture)');
    expect(v.differences).toEqual(['reported 1–0, record has no result yet (fixture)']);
  });
});

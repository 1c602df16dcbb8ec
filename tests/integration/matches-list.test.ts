/**
 * GET /matches (public): a day's matches by Helsinki date, filtered by team or series name, at most 100, from the matches-by-date
 * index.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { publicMatches } from '../support/functions.js';
import type { Match } from '../../shared/domain/records.js';
import { FUNCTIONS, ROUTES } from '../../shared/manifest.js';
import { expectError } from '../support/api.js';
import { call } from '../support/events.js';
import { createTestEnv, DEMO_SERIES, OTHER_SERIES, seedBasics, type TestEnv } from '../support/harness.js';

let env: TestEnv;
const list = (query: Record<string, string>) => call(publicMatches as never, 'GET /matches', { query });

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
  await seedBasics(env);
  const extra: Match[] = [
    // 23:30 UTC on the 21st is 01:30 on the 22nd in Helsinki: it belongs to the 22nd
    { id: 'M-late', seriesId: DEMO_SERIES.id, startsAt: '2026-11-21T23:30:00.000Z', home: 'Happee', away: 'Oilers' },
    // 21:59 UTC on the 21st is 23:59 on the 21st in Helsinki
    {
      id: 'M-eve',
      seriesId: OTHER_SERIES.id,
      startsAt: '2026-11-21T21:59:00.000Z',
      home: 'EräViikingit',
      away: 'Nokian KrP',
      status: 'live',
    },
    // a summer match: Helsinki is UTC+3, so 21:30 UTC is 00:30 the next day
    { id: 'M-summer', seriesId: DEMO_SERIES.id, startsAt: '2026-08-20T21:30:00.000Z', home: 'SPV', away: 'TPS' },
  ];
  await env.store.putMatches(extra);
});

describe('GET /matches', () => {
  it('is public and served by public-matches, which may only Query the matches-by-date index', () => {
    expect(ROUTES).toContainEqual({ method: 'GET', path: '/matches', function: 'public-matches', auth: 'public' });
    expect(FUNCTIONS['public-matches'].table).toEqual({ read: true, indexes: ['matchesByDate'] });
  });

  it('lists the matches of a Helsinki date in start order, with series names, status and score', async () => {
    const r = await list({ date: '2026-11-21' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items).toEqual([
      {
        id: 'M-1001',
        seriesId: DEMO_SERIES.id,
        seriesName: DEMO_SERIES.name,
        startsAt: '2026-11-21T14:00:00.000Z',
        home: 'SPV',
        away: 'Classic',
        status: 'played',
        homeGoals: 5,
        awayGoals: 4,
      },
      {
        id: 'M-1002',
        seriesId: DEMO_SERIES.id,
        seriesName: DEMO_SERIES.name,
        startsAt: '2026-11-21T16:00:00.000Z',
        home: 'TPS',
        away: 'OLS',
        status: 'fixture',
      },
      {
        id: 'M-eve',
        seriesId: OTHER_SERIES.id,
        seriesName: OTHER_SERIES.name,
        startsAt: '2026-11-21T21:59:00.000Z',
        home: 'EräViikingit',
        away: 'Nokian KrP',
        status: 'live',
      },
    ]);
    expect((await list({ date: '2026-11-22' })).body.items.map((m: Match) => m.id)).toEqual(['M-late', 'M-2001']);
    expect((await list({ date: '2026-08-21' })).body.items.map((m: Match) => m.id)).toEqual(['M-summer']);
    expect((await list({ date: '2026-08-20' })).body.items).toEqual([]);
  });

  it('defaults to today in Helsinki', async () => {
    env.setNow('2026-11-21T22:30:00Z'); // 00:30 on the 22nd in Helsinki
    try {
      const r = await list({});
      expect(r.body.date).toBe('2026-11-22');
      expect(r.body.items.map((m: Match) => m.id)).toEqual(['M-late', 'M-2001']);
    } finally {
      env.setNow('2026-11-21T10:00:00Z');
    }
  });

  it('filters by team or series name, ignoring case and accents, and by series id; empty filters filter nothing', async () => {
    const ids = async (query: Record<string, string>) =>
      ((await list({ date: '2026-11-21', ...query })).body.items as Match[]).map((m) => m.id);
    expect(await ids({ q: 'classic' })).toEqual(['M-1001']);
    expect(await ids({ q: '  era ' })).toEqual(['M-eve']);
    expect(await ids({ q: 'NAISET' })).toEqual(['M-eve']);
    expect(await ids({ q: 'no such team' })).toEqual([]);
    expect(await ids({ seriesId: DEMO_SERIES.id })).toEqual(['M-1001', 'M-1002']);
    expect(await ids({ seriesId: DEMO_SERIES.id, q: 'tps' })).toEqual(['M-1002']);
    expect(await ids({ q: '', seriesId: '' })).toEqual(['M-1001', 'M-1002', 'M-eve']);
    expect(await ids({ seriesId: 'no-such-series' })).toEqual([]);
  });

  it('answers at most 100 matches', async () => {
    const many: Match[] = Array.from({ length: 130 }, (_, i) => ({
      id: `M-many-${String(i).padStart(3, '0')}`,
      seriesId: DEMO_SERIES.id,
      startsAt: new Date(Date.UTC(2026, 10, 28, 8) + i * 60_000).toISOString(),
      home: i === 120 ? 'Needle' : `Home ${i}`,
      away: `Away ${i}`,
    }));
    await env.store.putMatches(many);
    const all = await list({ date: '2026-11-28' });
    expect(all.body.items).toHaveLength(100);
    expect(all.body.items[0].id).toBe('M-many-000');
    // a filter looks past the first 100 of the day
    expect((await list({ date: '2026-11-28', q: 'needle' })).body.items.map((m: Match) => m.id)).toEqual(['M-many-120']);
  });

  it('refuses bad queries with a message that says what to send', async () => {
    for (const [query, path] of [
      [{ date: '21.11.2026' }, 'date'],
      [{ date: '2026-02-30' }, 'date'],
      [{ date: '1999-12-31' }, 'date'],
      [{ date: '2026-11-21', q: 'x'.repeat(101) }, 'q'],
      [{ date: '2026-11-21', seriesId: 'a b' }, 'seriesId'],
      [{ date: '2026-11-21', team: 'SPV' }, 'team'],
    ] as const) {
      const r = await list(query as Record<string, string>);
      expectError(r, 400, 'validation_failed');
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual([path]);
    }
    const r = await list({ date: '21.11.2026' });
    expect(r.body.error.message).toContain('YYYY-MM-DD');
  });
});

/** The results-service parser is tolerant of what clients have seen in the wild, and never maps half a match. */
import { describe, expect, it } from 'vitest';
import { mapMatch, mapStatus, parseEnvelope, ResultsServiceError } from '../../shared/adapters/results-service-parse.js';

const played = {
  match_id: '930001',
  season_id: '2026-2027',
  competition_id: 'sb2026',
  category_id: 402,
  category_name: 'F-liiga Miehet',
  date: '2026-11-21',
  time: '17:00:00',
  status: 'Played',
  last_modified: '2026-11-21 19:12:40',
  team_A_id: '2677',
  team_A_name: 'SPV',
  team_B_id: 2734,
  team_B_name: 'Classic',
  team_A_abbrevation: 'SPV',
  fs_A: '5',
  fs_B: 4,
  p1s_A: '2',
  p1s_B: '1',
  p2s_A: '1',
  p2s_B: '2',
  p3s_A: '1',
  p3s_B: '1',
  p4s_A: '1',
  p4s_B: '0',
  es_A: '4',
  es_B: '4',
  ps_A: '',
  ps_B: '',
  walkover: 0,
  winner: 'Home',
  winner_id: '2677',
  some_future_field: { nested: [1, 2] },
  events: [
    {
      event_id: '51000001',
      code: 'maali',
      team: 'A',
      team_id: '2677',
      player_id: '52402',
      player_name: 'Virtanen Ville',
      shirt_number: '17',
      time: '63:12',
      period: '4',
      description: '5-4',
      s_A: 5,
      s_B: 4,
    },
    {
      event_id: '51000002',
      code: 'syotto',
      team: 'A',
      player_name: 'Laine Lauri',
      time: '63:12',
      period: 4,
      connected_event_id: '51000001',
    },
    { event_id: '51000003', code: '2min', team: 'b', player_name: 'Koski Kalle', time: '12:40', period: '1', description: 'VFP' },
    { event_id: '51000004', code: 'jaksoalkoi', team: '', time: '0:00', period: '1' },
    { event_id: '51000005', code: 'maali', team: 'C', time: '1:00' },
    'junk',
  ],
};

describe('mapMatch', () => {
  it('maps a recorded-shape overtime win: strings or numbers, empty strings unset, unknown fields ignored', () => {
    const r = mapMatch(played);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record).toMatchObject({
      matchId: '930001',
      categoryId: '402',
      status: 'played',
      startsAt: '2026-11-21T15:00:00.000Z',
      home: { id: '2677', name: 'SPV', abbreviation: 'SPV' },
      away: { id: '2734', name: 'Classic' },
      final: { home: 5, away: 4 },
      regulation: { home: 4, away: 4 },
      overtime: { home: 1, away: 0 },
      periods: [
        { home: 2, away: 1 },
        { home: 1, away: 2 },
        { home: 1, away: 1 },
      ],
      walkover: false,
      winner: 'home',
      lastModified: '2026-11-21 19:12:40',
    });
    expect(r.record.shootout).toBeUndefined();
    expect(r.record.events.map((e) => [e.kind, e.team])).toEqual([
      ['goal', 'home'],
      ['assist', 'home'],
      ['penalty', 'away'],
    ]);
    expect(r.record.events[0]!.score).toEqual({ home: 5, away: 4 });
    expect(r.record.events[1]!.connectedEventId).toBe('51000001');
    expect(r.record.events[2]!.description).toBe('VFP');
    expect(JSON.stringify(r.record)).not.toContain('some_future_field');
  });

  it('knows a regulation win (no overtime), a shootout, a walkover, a fixture and a summer date', () => {
    const reg = mapMatch({ ...played, es_A: '', es_B: '', p4s_A: '0', p4s_B: '0', fs_A: '6', fs_B: '3' });
    expect(reg.ok && [reg.record.overtime, reg.record.regulation]).toEqual([undefined, undefined]);
    const so = mapMatch({
      ...played,
      es_A: '4',
      es_B: '4',
      p4s_A: '0',
      p4s_B: '0',
      ps_A: '0',
      ps_B: '1',
      fs_A: '4',
      fs_B: '5',
      winner: 'away',
    });
    expect(so.ok && [so.record.overtime, so.record.shootout, so.record.winner]).toEqual([
      { home: 0, away: 0 },
      { home: 0, away: 1 },
      'away',
    ]);
    const wo = mapMatch({ ...played, walkover: '1', forfeit_B: 1, fs_A: '5', fs_B: '0', events: [] });
    expect(wo.ok && [wo.record.walkover, wo.record.forfeitedBy]).toEqual([true, 'away']);
    const fx = mapMatch({
      ...played,
      status: 'FIXTURE',
      fs_A: '',
      fs_B: '',
      p1s_A: '',
      p1s_B: '',
      p2s_A: '',
      p2s_B: '',
      p3s_A: '',
      p3s_B: '',
      es_A: '',
      es_B: '',
      p4s_A: '',
      p4s_B: '',
      last_modified: '0000-00-00 00:00:00',
      events: [],
    });
    expect(fx.ok && fx.record).toMatchObject({ status: 'fixture', periods: [], events: [] });
    expect(fx.ok && [fx.record.final, fx.record.lastModified]).toEqual([undefined, undefined]);
    const summer = mapMatch({ ...played, date: '2026-08-20', time: '19:30' });
    expect(summer.ok && summer.record.startsAt).toBe('2026-08-20T16:30:00.000Z');
  });

  it('refuses a match it cannot map whole, saying why', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...played, team_A_name: '', club_A_name: '' }, /no teams/],
      [{ ...played, team_B_name: undefined }, /no teams/],
      [{ ...played, date: '21.11.2026' }, /date in the wrong format/],
      [{ ...played, date: '' }, /date in the wrong format/],
      [{ ...played, time: '25:00:00' }, /time/],
      [{ ...played, match_id: '' }, /match_id/],
      [{ ...played, match_id: '../../etc' }, /match_id/],
    ];
    for (const [raw, why] of cases) {
      const r = mapMatch(raw);
      expect(r.ok, JSON.stringify(raw).slice(0, 80)).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(why);
    }
    expect(mapMatch(null).ok).toBe(false);
    expect(mapMatch([1]).ok).toBe(false);
  });

  it('reads status case-insensitively', () => {
    expect(
      ['Played', 'PLAYED', ' played ', 'Fixture', 'live', 'Postponed', 'Cancelled', 'canceled', 'Whatever', '', 7].map(mapStatus),
    ).toEqual(['played', 'played', 'played', 'fixture', 'live', 'postponed', 'cancelled', 'cancelled', 'other', 'other', 'other']);
  });
});

describe('parseEnvelope', () => {
  const kind = (body: string) => {
    try {
      parseEnvelope(body, 'getMatch');
      return 'ok';
    } catch (err) {
      return (err as ResultsServiceError).kind;
    }
  };

  it('reads JSON, also after stray output, and with status in any case', () => {
    expect(parseEnvelope('{"call":{"status":"ok"},"match":{"match_id":"1"}}', 'getMatch').match).toEqual({ match_id: '1' });
    expect(
      parseEnvelope('Notice: Undefined index: x in /var/www/api.php on line 12\n{"call":{"status":"OK"},"matches":[]}', 'getMatches')
        .matches,
    ).toEqual([]);
    expect(parseEnvelope('\uFEFF{"call":{"status":"Ok"}}', 'getMatch')).toBeTruthy();
  });

  it('turns error answers into errors that say what happened', () => {
    expect(kind('Invalid db')).toBe('invalid_db');
    expect(kind('<!DOCTYPE html><html><body>Bad gateway</body></html>')).toBe('not_json');
    expect(kind('')).toBe('not_json');
    expect(kind('{"call":')).toBe('not_json');
    expect(kind('[1,2]')).toBe('not_json');
    expect(kind('{"call":{"status":"ERROR","error_message":"Match not found"}}')).toBe('upstream_error');
    try {
      parseEnvelope('{"call":{"status":"error","msg":"Match not found"}}', 'getMatch');
    } catch (err) {
      expect((err as Error).message).toContain('Match not found');
    }
  });
});

/**
 * Demo data for the local results service, in the shape clients recorded from the Taso API (strings for
 * numbers, empty strings for "not set", team A is home): one F-liiga round around "now", from 10 days back
 * to 7 days ahead, two matches a day (the 6 oldest are outside matches-sync's window: read-through finds them). Days before today
 * are played (one in overtime, one decided by a
 * shootout, one walkover); today's and later are fixtures. Ids are stable for a given date.
 */
import { addDays, epochDayOf, localDateOf } from '../../shared/domain/helsinki-time.js';

export const FIXTURE_COMPETITION_ID = 'sb2026';
export const FIXTURE_CATEGORY_ID = '402';
export const FIXTURE_CATEGORY_NAME = 'F-liiga Miehet';

const TEAMS: [string, string][] = [
  ['2677', 'SPV'],
  ['2734', 'Classic'],
  ['2701', 'TPS'],
  ['2690', 'OLS'],
  ['2655', 'Happee'],
  ['2712', 'Oilers'],
  ['2740', 'Westend Indians'],
  ['2688', 'SSV'],
  ['2703', 'Nokian KrP'],
  ['2666', 'EräViikingit'],
  ['2721', 'Jymy'],
  ['2730', 'Tiikerit'],
];
const PLAYERS = [
  'Virtanen Ville',
  'Korhonen Kalle',
  'Mäkinen Matti',
  'Nieminen Niko',
  'Laine Lauri',
  'Heikkinen Henri',
  'Koskinen Kimmo',
  'Järvinen Joni',
];

export type RawMatch = Record<string, unknown>;

/** The result kinds of the demo round, by day offset and slot. */
function kindOf(offset: number, slot: number): 'regulation' | 'overtime' | 'shootout' | 'walkover' | 'fixture' {
  if (offset >= 0) return 'fixture';
  if (offset === -1 && slot === 0) return 'overtime';
  if (offset === -2 && slot === 0) return 'shootout';
  if (offset === -3 && slot === 1) return 'walkover';
  return 'regulation';
}

const s = (n: number | undefined) => (n === undefined ? '' : String(n));

function periodsFor(seed: number, home: number, away: number): [number, number][] {
  const p: [number, number][] = [
    [0, 0],
    [0, 0],
    [0, 0],
  ];
  for (let g = 0; g < home; g++) p[(seed + g) % 3]![0]++;
  for (let g = 0; g < away; g++) p[(seed + 2 * g + 1) % 3]![1]++;
  return p;
}

function goalEvents(matchId: string, periods: [number, number][], extra: { period: number; team: 'A' | 'B' }[]): RawMatch[] {
  const events: RawMatch[] = [];
  let n = 0;
  let sA = 0;
  let sB = 0;
  const push = (period: number, team: 'A' | 'B', minute: number) => {
    if (team === 'A') sA++;
    else sB++;
    const id = `${matchId}${String(++n).padStart(3, '0')}`;
    const player = PLAYERS[(n * 3 + (team === 'A' ? 0 : 1)) % PLAYERS.length]!;
    const clock = `${minute}:${String((n * 17) % 60).padStart(2, '0')}`;
    events.push({
      event_id: id,
      code: 'maali',
      team,
      player_name: player,
      shirt_number: String(10 + ((n * 7) % 80)),
      time: clock,
      period: String(period),
      description: `${sA}-${sB}`,
      s_A: sA,
      s_B: sB,
    });
    if (n % 2 === 1) {
      events.push({
        event_id: `${id}1`,
        code: 'syotto',
        team,
        player_name: PLAYERS[(n + 5) % PLAYERS.length],
        time: clock,
        period: String(period),
        connected_event_id: id,
      });
    }
  };
  periods.forEach(([a, b], i) => {
    for (let g = 0; g < Math.max(a, b); g++) {
      if (g < a) push(i + 1, 'A', i * 20 + 3 + g * 5);
      if (g < b) push(i + 1, 'B', i * 20 + 5 + g * 5);
    }
    if (i === 1)
      events.push({
        event_id: `${matchId}9${i}`,
        code: '2min',
        team: 'B',
        player_name: PLAYERS[3],
        shirt_number: '21',
        time: `${i * 20 + 11}:40`,
        period: String(i + 1),
        description: 'VFP',
      });
  });
  for (const e of extra) push(e.period, e.team, e.period === 4 ? 63 : 65);
  return events;
}

/** The demo round around `now`. */
export function fixtureMatches(now = new Date()): RawMatch[] {
  const today = localDateOf(now);
  const out: RawMatch[] = [];
  // from 10 days back: the oldest 3 days are outside matches-sync's window, so only a read-through at intake finds them
  for (let offset = -10; offset <= 7; offset++) {
    const date = addDays(today, offset);
    for (const slot of [0, 1]) {
      const day = epochDayOf(date);
      const matchId = String(930000 + (day % 2000) * 2 + slot);
      const t = (day * 2 + slot) % TEAMS.length;
      const [aId, aName] = TEAMS[(t * 5) % TEAMS.length]!;
      const [bId, bName] = TEAMS[(t * 5 + 1 + (day % 5)) % TEAMS.length]!;
      const kind = kindOf(offset, slot);
      const m: RawMatch = {
        match_id: matchId,
        match_number: String(1000 + out.length),
        season_id: '2026-2027',
        competition_id: FIXTURE_COMPETITION_ID,
        competition_name: 'Salibandy 2026-2027',
        category_id: FIXTURE_CATEGORY_ID,
        category_name: FIXTURE_CATEGORY_NAME,
        group_id: '1',
        group_name: 'Runkosarja',
        round_id: String(10 + Math.floor((offset + 7) / 3)),
        date,
        time: slot === 0 ? '17:00:00' : '18:30:00',
        time_zone: 'Europe/Helsinki',
        time_zone_offset: '+02:00',
        status: kind === 'fixture' ? 'Fixture' : 'Played',
        last_modified: kind === 'fixture' ? '0000-00-00 00:00:00' : `${addDays(date, 0)} 20:1${slot}:00`,
        version_hash: '',
        team_A_id: aId,
        team_A_name: aName,
        club_A_name: aName,
        team_A_abbrevation: aName.slice(0, 3).toUpperCase(),
        team_B_id: bId,
        team_B_name: bName,
        club_B_name: bName,
        team_B_abbrevation: bName.slice(0, 3).toUpperCase(),
        fs_A: '',
        fs_B: '',
        p1s_A: '',
        p1s_B: '',
        p2s_A: '',
        p2s_B: '',
        p3s_A: '',
        p3s_B: '',
        p4s_A: '',
        p4s_B: '',
        p5s_A: '',
        p5s_B: '',
        ps_A: '',
        ps_B: '',
        es_A: '',
        es_B: '',
        hts_A: '',
        hts_B: '',
        live_A: '',
        live_B: '',
        walkover: '',
        forfeit_A: '',
        forfeit_B: '',
        disqualify_A: '',
        disqualify_B: '',
        winner: '',
        winner_id: '',
        extra_period_min: '5',
        events: [],
      };
      if (kind !== 'fixture') {
        const seed = day + slot;
        let home = 2 + (seed % 5);
        let away = 1 + ((seed * 3) % 5);
        if (home === away) home++;
        const extra: { period: number; team: 'A' | 'B' }[] = [];
        if (kind === 'overtime' || kind === 'shootout') away = home = 3 + (seed % 2);
        if (kind === 'walkover') {
          home = 5;
          away = 0;
        }
        const periods =
          kind === 'walkover'
            ? ([
                [0, 0],
                [0, 0],
                [0, 0],
              ] as [number, number][])
            : periodsFor(seed, home, away);
        let fsA = home;
        let fsB = away;
        Object.assign(m, {
          p1s_A: s(periods[0]![0]),
          p1s_B: s(periods[0]![1]),
          p2s_A: s(periods[1]![0]),
          p2s_B: s(periods[1]![1]),
          p3s_A: s(periods[2]![0]),
          p3s_B: s(periods[2]![1]),
          p4s_A: '0',
          p4s_B: '0',
          hts_A: s(periods[0]![0]),
          hts_B: s(periods[0]![1]),
        });
        if (kind === 'overtime') {
          Object.assign(m, { es_A: s(home), es_B: s(away), p4s_A: '0', p4s_B: '1' });
          fsB++;
          extra.push({ period: 4, team: 'B' });
        }
        if (kind === 'shootout') {
          Object.assign(m, { es_A: s(home), es_B: s(away), ps_A: '1', ps_B: '0', p5s_A: '1', p5s_B: '0' });
          fsA++;
        }
        if (kind === 'walkover')
          Object.assign(m, {
            walkover: '1',
            forfeit_B: '1',
            p1s_A: '',
            p1s_B: '',
            p2s_A: '',
            p2s_B: '',
            p3s_A: '',
            p3s_B: '',
            p4s_A: '',
            p4s_B: '',
            hts_A: '',
            hts_B: '',
          });
        Object.assign(m, {
          fs_A: s(fsA),
          fs_B: s(fsB),
          winner: fsA > fsB ? 'Home' : 'Away',
          winner_id: fsA > fsB ? aId : bId,
          events:
            kind === 'walkover'
              ? []
              : [
                  { event_id: `${matchId}000`, code: 'ottelualkoi', team: '', time: '0:00', period: '1' },
                  ...goalEvents(matchId, periods, extra),
                ],
        });
      }
      out.push(m);
    }
  }
  return out;
}

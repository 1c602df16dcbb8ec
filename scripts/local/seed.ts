/** Demo data for an empty local store: the calendar with duty officers, series with officials, matches around today. */
import { DEFAULT_CALENDAR } from '../../shared/domain/calendar-config.js';
import type { Match, Series } from '../../shared/domain/records.js';
import type { DynamoStore } from './dynamo-store.js';

export const DEMO_SERIES: Series[] = [
  {
    id: 'f-liiga-miehet',
    name: 'F-liiga, miehet',
    // linked to the fixture results service's F-liiga round (scripts/local/results-fixture-data.ts): matches-sync fills it
    results: { competitionId: 'sb2026', categoryId: '402' },
    officials: [
      { name: 'Sanna Sarjavastaava', email: 'sanna.sarjavastaava@salibandy.example', language: 'fi' },
      { name: 'Stefan Seriechef', email: 'stefan.seriechef@salibandy.example', language: 'sv' },
    ],
  },
  {
    id: 'f-liiga-naiset',
    name: 'F-liiga, naiset',
    officials: [{ name: 'Nina Naistensarja', email: 'nina.naistensarja@salibandy.example', language: 'fi' }],
  },
  {
    id: 'divari-itä',
    name: 'Miesten 1. divisioona, itä',
    officials: [{ name: 'Emma English', email: 'emma.english@salibandy.example', language: 'en' }],
  },
];

const TEAMS: Record<string, [string, string][]> = {
  'f-liiga-miehet': [
    ['SPV', 'Classic'],
    ['TPS', 'OLS'],
    ['Happee', 'Oilers'],
    ['Westend Indians', 'SSV'],
  ],
  'f-liiga-naiset': [
    ['Classic', 'SB Vantaa'],
    ['Koovee', 'Nokian KrP'],
    ['TPS', 'EräViikingit'],
  ],
  'divari-itä': [
    ['Kouvolan Sirius', 'Savonlinnan Salibandy'],
    ['Joensuun Kataja', 'PSS'],
  ],
};

export function demoMatches(today = new Date()): Match[] {
  const matches: Match[] = [];
  // Last weekend's and this weekend's matches, at 15:00 and 17:00 local (13:00/15:00 UTC in winter).
  const saturday = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - ((today.getUTCDay() + 1) % 7)));
  let n = 1;
  for (const weekOffset of [-7, 0]) {
    for (const [seriesId, pairs] of Object.entries(TEAMS)) {
      pairs.forEach(([home, away], i) => {
        const day = new Date(saturday.getTime() + (weekOffset + (i % 2)) * 86_400_000);
        day.setUTCHours(13 + 2 * (i % 2));
        matches.push({
          id: `M-${String(n++).padStart(4, '0')}`,
          seriesId,
          startsAt: day.toISOString(),
          home,
          away,
          ...(weekOffset < 0 ? { homeGoals: (n * 7) % 9, awayGoals: (n * 5) % 7 } : {}),
        });
      });
    }
  }
  // Every day from 3 days back to 3 days ahead (so GET /matches?date=<today> always lists some): two matches a day
  // at 18:30 local; the days before today played. Appended, so the ids above stay what the README and tests use.
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const pairs = Object.entries(TEAMS).flatMap(([seriesId, list]) => list.map(([home, away]) => ({ seriesId, home, away })));
  for (let d = -3; d <= 3; d++) {
    for (const k of [0, 1]) {
      const p = pairs[(2 * (d + 3) + k) % pairs.length]!;
      const startsAt = new Date(midnight + d * 86_400_000 + (16 * 60 + 30) * 60_000).toISOString(); // 18:30 Helsinki in winter
      matches.push({
        id: `M-${String(n++).padStart(4, '0')}`,
        ...p,
        startsAt,
        ...(d < 0 ? { homeGoals: (n * 3) % 8, awayGoals: (n * 2) % 6, status: 'played' as const } : { status: 'fixture' as const }),
      });
    }
  }
  return matches;
}

/** Seeds only an empty store (no series yet); returns whether it did. */
export async function seedIfEmpty(store: DynamoStore): Promise<boolean> {
  if ((await store.listSeries()).length > 0) return false;
  await store.putCalendar(
    { ...DEFAULT_CALENDAR, dutyOfficers: [{ name: 'Päivystäjä Pekka', email: 'paivystaja@salibandy.example', language: 'fi' }] },
    new Date().toISOString(),
    'seed',
  );
  for (const s of DEMO_SERIES) await store.putSeries(s, undefined);
  await store.putMatches(demoMatches());
  return true;
}

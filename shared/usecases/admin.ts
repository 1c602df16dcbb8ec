/** Admin: the service calendar, series and their officials, match import. */
import { validateCalendar } from '../domain/calendar.js';
import type { CalendarConfig } from '../domain/calendar-config.js';
import type { Match, Series } from '../domain/records.js';
import { AppError } from '../errors.js';
import type { CatalogStore, CatalogWriteStore } from '../store/catalog.js';
import type { ConfigStore, ConfigWriteStore } from '../store/config.js';
import { forgetCalendar, loadCalendar, type Deps } from './deps.js';

export async function getCalendar(deps: Deps<ConfigStore>): Promise<CalendarConfig> {
  return loadCalendar(deps.store, true);
}

export async function putCalendar(deps: Deps<ConfigWriteStore>, input: unknown, actor: string): Promise<CalendarConfig> {
  const r = validateCalendar(input);
  if (!r.ok) {
    throw new AppError(
      'validation_failed',
      `The calendar was not saved; the old one stays in force. Fix: ${r.details
        .slice(0, 3)
        .map((d) => `${d.path} ${d.message}`)
        .join('; ')}${r.details.length > 3 ? '; …' : ''}.`,
      r.details,
    );
  }
  await deps.store.putCalendar(r.value, deps.clock.now().toISOString(), actor);
  forgetCalendar();
  return r.value;
}

export async function putSeries(
  deps: Deps<CatalogStore & CatalogWriteStore>,
  id: string,
  input: Omit<Series, 'id' | 'updatedAt'>,
): Promise<Series> {
  const emails = input.officials.map((o) => o.email.toLowerCase());
  const dup = emails.find((e, i) => emails.indexOf(e) !== i);
  if (dup)
    throw new AppError('validation_failed', `The official ${dup} is listed twice; list each official once.`, [
      { path: 'officials', message: `lists ${dup} more than once` },
    ]);
  // Read–write conditional on what was read; a concurrent edit makes us read again (last writer wins, no stale grant).
  for (let attempt = 0; attempt < 8; attempt++) {
    const previous = await deps.store.getSeries(id, true);
    const series: Series = {
      id,
      name: input.name,
      officials: input.officials.map((o) => ({ ...o, email: o.email.toLowerCase() })),
      ...(input.results ? { results: { competitionId: input.results.competitionId, categoryId: input.results.categoryId } } : {}),
      updatedAt: deps.clock.now().toISOString(),
    };
    if (await deps.store.putSeries(series, previous)) return { ...series, version: (previous?.version ?? 0) + 1 };
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
  }
  throw new AppError('conflict', `The series ${id} is being edited by someone else at this moment. Reload it and try again.`);
}

export async function importMatches(deps: Deps<CatalogStore & CatalogWriteStore>, matches: Match[]): Promise<{ upserted: number }> {
  const ids = matches.map((m) => m.id);
  const dupIndex = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (dupIndex >= 0)
    throw new AppError('validation_failed', `Match ${ids[dupIndex]} appears twice in this import; send each match once.`, [
      { path: `matches.${dupIndex}.id`, message: 'is repeated' },
    ]);
  const seriesIds = [...new Set(matches.map((m) => m.seriesId))];
  const known = new Set((await Promise.all(seriesIds.map((s) => deps.store.getSeries(s)))).filter(Boolean).map((s) => s!.id));
  const details = matches.flatMap((m, i) =>
    known.has(m.seriesId)
      ? []
      : [
          {
            path: `matches.${i}.seriesId`,
            message: `"${m.seriesId}" is not a series; create it first with PUT /admin/series/${m.seriesId}`,
          },
        ],
  );
  if (details.length)
    throw new AppError(
      'validation_failed',
      `Nothing was imported: ${details.length} match(es) name an unknown series. Create the series first.`,
      details,
    );
  const half = (m: Match) => (m.homeGoals === undefined) !== (m.awayGoals === undefined);
  const halfIndex = matches.findIndex(half);
  if (halfIndex >= 0)
    throw new AppError('validation_failed', 'Give both homeGoals and awayGoals, or neither.', [
      { path: `matches.${halfIndex}`, message: 'has only one of homeGoals/awayGoals' },
    ]);
  await deps.store.putMatches(matches.map((m) => ({ ...m, startsAt: new Date(m.startsAt).toISOString(), source: 'admin' as const })));
  return { upserted: matches.length };
}

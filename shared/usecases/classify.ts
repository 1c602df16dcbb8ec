/**
 * POST /staff/corrections/{id}/classify {matchId?, category?}: staff set what an emailed contact is about.
 * Setting the match completes an unclassified correction (it then takes part in duplicate and re-contact
 * detection); either field may also correct what intake guessed.
 */
import type { Actor, Category, Correction } from '../domain/correction.js';
import { AppError } from '../errors.js';
import type { CatalogStore } from '../store/catalog.js';
import type { CaseIntakeStore } from '../store/cases.js';
import { indexReporter } from '../store/case-items.js';
import { matchInfo, mutate, type WorkflowStore } from './corrections-workflow.js';
import type { Deps } from './deps.js';

export async function classify(
  deps: Deps<WorkflowStore & CatalogStore & CaseIntakeStore>,
  id: string,
  actor: Actor,
  input: { matchId?: string; category?: Category },
  expectedVersion?: number,
): Promise<Correction> {
  if (!input.matchId && !input.category) {
    throw new AppError('validation_failed', 'Give the match ("matchId"), the category ("category"), or both.', [
      { path: 'matchId', message: 'or category is required' },
    ]);
  }
  const match = input.matchId ? await deps.store.getMatch(input.matchId) : undefined;
  if (input.matchId && !match) {
    throw new AppError(
      'unknown_match',
      `There is no match "${input.matchId}". Pick it from GET /matches or check its id in the results service.`,
      [{ path: 'matchId', message: 'is not a known match' }],
    );
  }
  const series = match ? await deps.store.getSeries(match.seriesId) : undefined;
  return mutate(deps, id, expectedVersion, (c, now) => {
    if (c.status === 'resolved') throw new AppError('invalid_transition', 'A resolved correction cannot be classified; it is final.');
    const at = now.toISOString();
    const next: Correction = { ...c };
    const details: Record<string, unknown> = {};
    if (match) {
      next.matchId = match.id;
      next.seriesId = match.seriesId;
      next.match = matchInfo(match, series?.name);
      delete next.unclassified;
      details.matchId = match.id;
      if (c.matchId && c.matchId !== match.id) details.previousMatchId = c.matchId;
    }
    if (input.category) {
      next.category = input.category;
      details.category = input.category;
      if (c.category !== input.category) details.previousCategory = c.category;
    }
    const actorLabel = actor.email ?? actor.sub;
    // the reporter's earlier cases on this match are found from now on (re-contacts)
    const extraPuts =
      match && c.reporter.email && c.matchId !== match.id ? indexReporter(match.id, [`email:${c.reporter.email}`], c.receivedAt, c.id) : [];
    return { next, history: [{ at, actor: actorLabel, action: 'classify', version: c.version + 1, ...details }], extraPuts };
  });
}

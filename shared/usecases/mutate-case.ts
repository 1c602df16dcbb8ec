/**
 * Read–decide–write with optimistic concurrency, for corrections and callbacks alike. Without
 * `expectedVersion` a lost race is re-decided on the fresh record (so a note and a claim both land);
 * with it, a stale version is a 409. The change, its audit record, emails and report counters are one
 * transaction, conditional on the version the decision was computed from.
 */
import { AppError, notFound } from '../errors.js';
import type { CaseStore } from '../store/cases.js';
import type { ConfigStore } from '../store/config.js';
import { ConflictError, type Case, type CaseChange } from '../store/core.js';
import { conflictPause, reportChange, transientConflict } from './aggregates.js';
import type { Deps } from './deps.js';
import { throwIfRateLimited } from './limits.js';

export type CaseDecision<C extends Case> = Omit<CaseChange, 'next' | 'fromVersion'> & { next: C };

export async function mutateCase<C extends Case>(
  deps: Deps<CaseStore & ConfigStore>,
  kind: C['kind'],
  id: string,
  expectedVersion: number | undefined,
  decide: (c: C, now: Date) => Promise<CaseDecision<C>> | CaseDecision<C>,
): Promise<{ next: C; decision: CaseDecision<C> }> {
  const noun = kind === 'callback' ? 'callback' : 'correction';
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await deps.store.getCase(id);
    if (!c || c.kind !== kind) throw kind === 'callback' ? notFound('callback') : notFound();
    if (expectedVersion !== undefined && c.version !== expectedVersion) {
      throw new AppError(
        'version_mismatch',
        `The ${noun} has changed since you loaded it (you sent version ${expectedVersion}, it is now ` +
          `${c.version}). Reload it and try again.`,
      );
    }
    const now = deps.clock.now();
    const decision = await decide(c as C, now);
    const next = { ...decision.next, version: c.version + 1 };
    try {
      // Report counters (first response, resolution, FCR, escalation, reopening) follow from the change itself.
      await deps.store.commitChange({ ...decision, ...(await reportChange(deps, c, next, now, decision)), next, fromVersion: c.version });
    } catch (err) {
      throwIfRateLimited(err, decision.guards, now);
      if (err instanceof ConflictError) {
        // A collision on a shared counter item is no version mismatch: read again (a real change shows there).
        if (transientConflict(err)) await conflictPause(attempt);
        else if (expectedVersion !== undefined)
          throw new AppError('version_mismatch', `The ${noun} was changed by someone else at the same moment. Reload it and try again.`);
        continue;
      }
      throw err;
    }
    return { next, decision };
  }
  throw new AppError('conflict', `The ${noun} is being changed by several people at once. Reload it and try again.`);
}

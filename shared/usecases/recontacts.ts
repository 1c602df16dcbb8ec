/**
 * Re-contacts (contract §4): a reporter's earlier cases on a match, found by email or phone through the
 * entries intake writes with each case (../store/case-items.ts `indexReporter`). A case resolved within the
 * re-contact window makes a new contact a re-contact of it; the limits read the same cases (one
 * acknowledgement while a report of the address is open).
 */
import { RECONTACT_WINDOW_MS } from '../domain/correction.js';
import type { CaseIntakeStore } from '../store/cases.js';
import type { Case } from '../store/core.js';
import type { Deps } from './deps.js';

/** A reporter's contacts as the entries name them: `email:<address>` (lowercased), `phone:<number>`. */
export function contactsOf(reporter: { email?: string; phone?: string }): string[] {
  return [reporter.email ? `email:${reporter.email.toLowerCase()}` : '', reporter.phone ? `phone:${reporter.phone}` : ''].filter(Boolean);
}

/** The most recent case on this match by the same email or phone, resolved within the last 14 days. */
export async function findRecontact(
  deps: Deps<CaseIntakeStore>,
  matchId: string,
  contacts: string[],
  now: Date,
): Promise<string | undefined> {
  return recontactAmong(await reporterCasesOn(deps, matchId, contacts), now);
}

/** The cases on this match by the same email or phone (re-contacts, and the limits' one-acknowledgement rule). */
export async function reporterCasesOn(deps: Deps<CaseIntakeStore>, matchId: string, contacts: string[]): Promise<Case[]> {
  if (contacts.length === 0) return [];
  const ids = await deps.store.findReporterCases(matchId, contacts);
  return ids.length === 0 ? [] : deps.store.getCases(ids);
}

export function recontactAmong(cases: Case[], now: Date): string | undefined {
  if (cases.length === 0) return undefined; // most reports: no earlier case (and no date to format; issue 15)
  const since = new Date(now.getTime() - RECONTACT_WINDOW_MS).toISOString();
  const resolved = cases
    // A callback that did not reach the caller (no-answer, wrong-number) resolved nothing: not a re-contact target.
    .map((c) => ({ id: c.id, at: c.kind === 'correction' ? c.resolvedAt : c.outcome === 'resolved' ? c.completedAt : undefined }))
    .filter((c): c is { id: string; at: string } => typeof c.at === 'string' && c.at >= since)
    .sort((a, b) => (a.at < b.at ? 1 : -1));
  return resolved[0]?.id;
}

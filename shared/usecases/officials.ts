/** Federation officials: only the escalated corrections of series where their email is listed. */
import type { Actor, Correction } from '../domain/correction.js';
import { renderDecisionToStaff } from '../domain/emails/decision-to-staff.js';
import { AppError, notFound } from '../errors.js';
import { composeEmail } from './outbox.js';
import type { CaseDetailsStore } from '../store/cases.js';
import type { CatalogStore } from '../store/catalog.js';
import type { EscalationStore } from '../store/escalations.js';
import { resolution } from './corrections-staff.js';
import { mutate, type WorkflowStore } from './corrections-workflow.js';
import type { Deps } from './deps.js';

/** The store groups of officials' use cases: the correction workflow and views, their series, the escalations index. */
export type OfficialsStore = WorkflowStore & CaseDetailsStore & CatalogStore & EscalationStore;

/**
 * The email that scopes an official: from an ID token (an access token has no email), and verified by
 * Cognito (`email_verified`), so nobody is scoped by an address they merely typed in (issue 11).
 */
export function officialEmail(caller: { email?: string; emailVerified: boolean; tokenUse?: string }): string {
  if (caller.tokenUse !== undefined && caller.tokenUse !== 'id') {
    throw new AppError(
      'unauthorized',
      "Send your ID token (not the access token) in the Authorization header: the officials' routes need your verified email.",
    );
  }
  if (!caller.email || !caller.emailVerified) {
    throw new AppError(
      'forbidden',
      'Your email address is not verified. Verify it in your account (the code is sent by email), then sign in again.',
    );
  }
  return caller.email;
}

async function scope(deps: Deps<OfficialsStore>, email: string | undefined): Promise<string[]> {
  if (!email) return [];
  return deps.store.seriesOfOfficial(email);
}

/** 404, not 403, for anything outside the caller's series: an official cannot even learn that it exists. */
async function ownCorrection(deps: Deps<OfficialsStore>, id: string, email: string | undefined): Promise<Correction> {
  const [series, c] = await Promise.all([scope(deps, email), deps.store.getCase(id)]);
  // Only escalated corrections (waiting for a decision, or decided after escalation) are the officials' business.
  if (!c || c.kind !== 'correction' || !series.includes(c.seriesId) || !c.escalatedAt) throw notFound();
  return c;
}

const forOfficial = (c: Correction) => ({
  id: c.id,
  reference: c.reference,
  status: c.status,
  ...(c.outcome ? { outcome: c.outcome } : {}),
  matchId: c.matchId,
  seriesId: c.seriesId,
  match: c.match,
  category: c.category,
  description: c.description,
  ...(c.proposed ? { proposed: c.proposed } : {}),
  reporter: {
    name: c.reporter.name,
    ...(c.reporter.team ? { team: c.reporter.team } : {}),
    ...(c.reporter.role ? { role: c.reporter.role } : {}),
  },
  receivedAt: c.receivedAt,
  escalatedAt: c.escalatedAt,
  escalatedBy: c.escalatedBy?.name ?? c.escalatedBy?.email,
  version: c.version,
});

export async function listEscalations(deps: Deps<OfficialsStore>, email: string | undefined) {
  const series = await scope(deps, email);
  const items = await deps.store.listEscalated(series);
  return { items: items.filter((c): c is Correction => c.kind === 'correction').map(forOfficial) };
}

export async function viewForOfficial(deps: Deps<OfficialsStore>, id: string, email: string | undefined) {
  const c = await ownCorrection(deps, id, email);
  const d = await deps.store.getCaseWithDetails(id);
  const escalation = d?.history.filter((h) => h.action === 'escalate').at(-1);
  return { ...forOfficial(c), escalationReason: escalation?.reason, messages: d?.messages ?? [] };
}

/** A token without a name claim names the official as the series lists them (their email only as a last resort). */
async function seriesOfficialName(deps: Deps<OfficialsStore>, seriesId: string, email: string | undefined): Promise<string | undefined> {
  if (!email) return undefined;
  const series = await deps.store.getSeries(seriesId);
  return series?.officials.find((o) => o.email.toLowerCase() === email.toLowerCase())?.name || undefined;
}

const OUTCOME = { correct: 'corrected', 'no-change': 'no-change', reject: 'rejected' } as const;

export async function decide(
  deps: Deps<OfficialsStore>,
  id: string,
  official: Actor,
  input: { decision: 'correct' | 'no-change' | 'reject'; message: string; correctedResult?: { homeGoals: number; awayGoals: number } },
  expectedVersion?: number,
) {
  const own = await ownCorrection(deps, id, official.email);
  const officialName = official.name ?? (await seriesOfficialName(deps, own.seriesId, official.email)) ?? official.email ?? official.sub;
  if (input.decision !== 'correct' && input.correctedResult) {
    throw new AppError('validation_failed', 'A correctedResult goes only with the decision "correct".', [
      { path: 'correctedResult', message: 'is only allowed when decision is correct' },
    ]);
  }
  const next = await mutate(deps, id, expectedVersion, (c, now) => {
    if (c.status !== 'escalated') {
      throw new AppError('invalid_transition', `This correction is ${c.status}, not escalated: it no longer waits for a decision.`);
    }
    const d = resolution(deps, c, now, official, 'decision', OUTCOME[input.decision], input.message, input.correctedResult);
    const staff = c.escalatedBy;
    if (staff?.email) {
      d.emails = [
        ...(d.emails ?? []),
        composeEmail({
          cause: `${c.id}#v${c.version + 1}#decision-to-staff`,
          caseId: c.id,
          reference: c.reference,
          to: staff.email,
          language: staff.language ?? 'fi',
          now,
          render: renderDecisionToStaff,
          message: {
            kind: 'decision-to-staff',
            reference: c.reference,
            recipientName: staff.name ?? staff.email,
            match: c.match!,
            decision: input.decision,
            message: input.message,
            officialName,
            ...(input.correctedResult ? { correctedResult: input.correctedResult } : {}),
          },
        }),
      ];
    }
    d.history[0] = { ...d.history[0]!, decision: input.decision };
    return d;
  });
  return forOfficial(next);
}

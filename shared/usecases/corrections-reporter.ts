/**
 * The reporter's side of a correction: the status view and replies (with the tracking token, or by email
 * through email-in). A reply to a case awaiting the reporter sends it back to the queue with its clocks
 * resumed; a reply to a resolved case reopens it (a re-contact, with fresh clocks).
 */
import { replyTransition, type Correction } from '../domain/correction.js';
import type { HistoryEntry } from '../domain/records.js';
import { AppError, notFound } from '../errors.js';
import type { CaseDetailsStore, CaseStore } from '../store/cases.js';
import type { LimitsStore } from '../store/limits.js';
import { mutate, resumeSla, startSla, type Decision, type WorkflowStore } from './corrections-workflow.js';
import { loadCalendar, type Deps } from './deps.js';
import { clientGuard, loadLimits } from './limits.js';
import { reporterTokenOpens } from './status-links.js';

async function reporterCase(deps: Deps<CaseStore>, id: string, token: string | undefined): Promise<Correction> {
  if (!token) throw new AppError('unauthorized', 'Send the tracking token you got when you reported, in the X-Tracking-Token header.');
  const c = await deps.store.getCase(id);
  if (!c || c.kind !== 'correction' || !(await reporterTokenOpens(c, token, deps.clock.now()))) {
    throw new AppError(
      'not_found',
      'No correction matches this id and tracking token. Check both against the answer you got when you reported.',
    );
  }
  return c;
}

export async function reporterView(deps: Deps<CaseStore & CaseDetailsStore>, id: string, token: string | undefined) {
  const c = await reporterCase(deps, id, token);
  const messages = await deps.store.getPublicMessages(id);
  return {
    id: c.id,
    reference: c.reference,
    status: c.status,
    ...(c.outcome ? { outcome: c.outcome } : {}),
    matchId: c.matchId,
    category: c.category,
    language: c.language,
    receivedAt: c.receivedAt,
    expectedResponseBy: c.sla?.firstResponseDueAt,
    ...(c.correctedResult ? { correctedResult: c.correctedResult } : {}),
    ...(c.resolvedAt ? { resolvedAt: c.resolvedAt } : {}),
    messages: messages.map((m) => ({ at: m.at, from: m.from, message: m.message })),
  };
}

export async function reporterReply(
  deps: Deps<WorkflowStore & LimitsStore>,
  id: string,
  token: string | undefined,
  message: string,
  clientIp?: string,
) {
  await reporterCase(deps, id, token);
  // the per-client limit on public POSTs (contract §11) counts in the reply's own transaction
  const limits = clientIp ? await loadLimits(deps.store) : undefined;
  const next = await recordReporterReply(
    deps,
    id,
    message,
    async (c, now) => {
      if (c.kind !== 'correction' || !(await reporterTokenOpens(c, token, now))) throw notFound();
    },
    limits
      ? (_c, decision) => {
          decision.guards = [...(decision.guards ?? []), ...clientGuard(limits, clientIp, deps.clock.now())];
        }
      : undefined,
  );
  return { id: next.id, reference: next.reference, status: next.status };
}

/**
 * A reporter's reply, however it came (the status page with the tracking token, or email-in): back to the
 * queue from awaiting-reporter, reopened from resolved. `check` refuses a caller who is not the reporter;
 * `amend` adds to the same transaction (email-in: the message's guard item, attachments, notes).
 */
export async function recordReporterReply(
  deps: Deps<WorkflowStore>,
  id: string,
  message: string,
  check: (c: Correction, now: Date) => void | Promise<void>,
  amend?: (c: Correction, decision: Decision) => void | Promise<void>,
): Promise<Correction> {
  return mutate(deps, id, undefined, async (c, now) => {
    await check(c, now);
    const at = now.toISOString();
    const t = replyTransition(c.status);
    const next: Correction = { ...c };
    const history: HistoryEntry[] = [
      { at, actor: 'reporter', action: t?.action ?? 'reply', version: c.version + 1, from: c.status, to: t?.to ?? c.status },
    ];
    if (t) {
      next.status = t.to;
      delete next.assignee;
      const cal = await loadCalendar(deps.store);
      if (t.action === 'reply' && c.sla) next.sla = resumeSla(cal, c.sla, now);
      if (t.action === 'reopen') {
        // A reply to a resolved case is a re-contact: it goes back to the queue in its old place, with fresh clocks.
        next.sla = startSla(cal, now).sla;
        next.reopenedCount = (c.reopenedCount ?? 0) + 1;
        delete next.outcome;
        delete next.resolvedAt;
        delete next.resolvedBy;
        delete next.firstResponseAt;
      }
    }
    const decision: Decision = { next, history, messages: [{ at, from: 'reporter', message }] };
    await amend?.(c, decision);
    return decision;
  });
}

/**
 * The staff workflow of a correction: claim, release, ask the reporter for details, resolve, escalate to the
 * series' officials, add a note, and the staff view. Each change is computed from the current record and
 * written with its audit record, emails and counters in one transaction (`mutate`), conditional on the
 * version it was computed from. An official's decision (./officials.ts) resolves through `resolution`.
 */
import type { Language, Person } from '../domain/calendar-config.js';
import {
  canTransition,
  FIRST_RESPONSE_ACTIONS,
  TRANSITIONS,
  type Action,
  type Actor,
  type Correction,
  type Outcome,
  type TransitionAction,
} from '../domain/correction.js';
import type { Msg, RenderedEmail } from '../domain/emails/message-types.js';
import { renderEscalation } from '../domain/emails/escalation.js';
import { renderRequestInfo } from '../domain/emails/request-info.js';
import { renderResolution } from '../domain/emails/resolution.js';
import { differences, officialView } from '../domain/record-differences.js';
import type { HistoryEntry, Note, OutboxEmail, PublicMessage } from '../domain/records.js';
import { AppError, notFound } from '../errors.js';
import type { CaseDetailsStore } from '../store/cases.js';
import type { CatalogStore } from '../store/catalog.js';
import type { MatchRecordStore } from '../store/matches.js';
import { actorLabel, mutate, type Decision, type WorkflowStore } from './corrections-workflow.js';
import { loadCalendar, type Deps } from './deps.js';
import { composeEmail } from './outbox.js';
import { statusLink } from './status-links.js';

function refuseTransition(action: TransitionAction, c: Correction, actor: Actor): void {
  if (
    c.status === 'in-progress' &&
    c.assignee &&
    c.assignee.sub !== actor.sub &&
    (action === 'claim' || action === 'request-info' || action === 'resolve' || action === 'escalate' || action === 'release')
  ) {
    throw new AppError(
      'already_claimed',
      `${c.assignee.name ?? c.assignee.email ?? 'Another staff member'} is working on this correction. ` +
        `Ask them, or pick the next one in the queue.`,
    );
  }
  if (!canTransition(action, c.status)) {
    const allowed = TRANSITIONS[action].from.join(', ');
    throw new AppError(
      'invalid_transition',
      `A correction that is ${c.status} cannot be ${pastTense[action]}; this is possible only when it is ${allowed}.`,
    );
  }
}

const pastTense: Record<TransitionAction, string> = {
  claim: 'claimed',
  release: 'released',
  'request-info': 'sent a request for details',
  resolve: 'resolved',
  escalate: 'escalated',
  decision: 'decided',
};

function staffTransition(
  c: Correction,
  action: TransitionAction,
  actor: Actor,
  now: Date,
  details: Record<string, unknown> = {},
): { next: Correction; history: HistoryEntry[] } {
  const at = now.toISOString();
  const to = TRANSITIONS[action].to;
  const next: Correction = { ...c, status: to };
  if (FIRST_RESPONSE_ACTIONS.includes(action as Action) && !c.firstResponseAt) next.firstResponseAt = at;
  return { next, history: [{ at, actor: actorLabel(actor), action, version: c.version + 1, from: c.status, to, ...details }] };
}

export async function claim(deps: Deps<WorkflowStore>, id: string, actor: Actor, expectedVersion?: number) {
  return mutate(deps, id, expectedVersion, (c, now) => {
    if (c.status === 'in-progress' && c.assignee?.sub === actor.sub) {
      throw new AppError('invalid_transition', 'You already hold this correction.');
    }
    refuseTransition('claim', c, actor);
    const t = staffTransition(c, 'claim', actor, now);
    t.next.assignee = actor;
    return t;
  });
}

export async function release(deps: Deps<WorkflowStore>, id: string, actor: Actor, isAdmin: boolean, expectedVersion?: number) {
  return mutate(deps, id, expectedVersion, (c, now) => {
    if (!isAdmin || c.status !== 'in-progress') refuseTransition('release', c, actor);
    const t = staffTransition(c, 'release', actor, now);
    delete t.next.assignee;
    return t;
  });
}

export async function requestInfo(deps: Deps<WorkflowStore>, id: string, actor: Actor, message: string, expectedVersion?: number) {
  return mutate(deps, id, expectedVersion, (c, now) => {
    refuseTransition('request-info', c, actor);
    const t = staffTransition(c, 'request-info', actor, now, { message });
    t.next.infoRequests = (c.infoRequests ?? 0) + 1;
    t.next.assignee = c.assignee ?? actor;
    if (t.next.sla) t.next.sla = { ...t.next.sla, pausedAt: now.toISOString() };
    const emails = reporterEmail(deps, c, c.version + 1, now, renderRequestInfo, {
      kind: 'request-info',
      reference: c.reference,
      reporterName: c.reporter.name,
      match: c.match!,
      question: message,
      ...statusLink(deps, c.id),
    });
    return { ...t, messages: [{ at: now.toISOString(), from: 'staff' as const, message }], emails };
  });
}

export async function resolve(
  deps: Deps<WorkflowStore>,
  id: string,
  actor: Actor,
  input: { outcome: Outcome; message?: string; correctedResult?: { homeGoals: number; awayGoals: number }; duplicateOf?: string },
  expectedVersion?: number,
) {
  // "corrected" without a correctedResult is fine: a corrected goal scorer or line-up has no new score.
  if (input.outcome !== 'corrected' && input.correctedResult) {
    throw new AppError('validation_failed', 'A correctedResult goes only with outcome "corrected".', [
      { path: 'correctedResult', message: 'is only allowed when outcome is corrected' },
    ]);
  }
  return mutate(deps, id, expectedVersion, (c, now) => {
    refuseTransition('resolve', c, actor);
    // The official record already agrees with the proposal (recordNow): "corrected" needs nothing else.
    const byRecord = input.outcome === 'corrected' && c.recordNow === 'matches-proposal' && c.proposed;
    const message = input.message ?? (byRecord ? RECORD_AGREES[c.language](c.proposed!) : undefined);
    if (!message)
      throw new AppError(
        'validation_failed',
        'Write the reporter a message: "message" is required (it may be left out only when resolving as ' +
          'corrected a case whose official record now agrees with the proposal).',
        [{ path: 'message', message: 'is required' }],
      );
    return resolution(
      deps,
      c,
      now,
      actor,
      'resolve',
      input.outcome,
      message,
      input.correctedResult ?? (byRecord ? c.proposed : undefined),
      input.duplicateOf,
    );
  });
}

const RECORD_AGREES: Record<Language, (p: { homeGoals: number; awayGoals: number }) => string> = {
  fi: (p) => `Tulospalvelun virallinen tulos on nyt ${p.homeGoals}–${p.awayGoals}, kuten ilmoitit. Kiitos ilmoituksesta!`,
  sv: (p) => `Det officiella resultatet i resultattjänsten är nu ${p.homeGoals}–${p.awayGoals}, så som du anmälde. Tack för anmälan!`,
  en: (p) => `The official result in the results service is now ${p.homeGoals}–${p.awayGoals}, as you reported. Thank you for the report!`,
};

/** Resolving (by staff or an official's decision): reporter email (the report counters follow in mutate). */
export function resolution(
  deps: Deps<WorkflowStore>,
  c: Correction,
  now: Date,
  actor: Actor,
  action: 'resolve' | 'decision',
  outcome: Outcome,
  message: string,
  correctedResult?: { homeGoals: number; awayGoals: number },
  duplicateOf?: string,
): Decision {
  const t = staffTransition(c, action, actor, now, { outcome, message });
  const at = now.toISOString();
  t.next.outcome = outcome;
  t.next.resolvedAt = at;
  t.next.resolvedBy = actor;
  if (correctedResult) t.next.correctedResult = correctedResult;
  if (duplicateOf) t.next.duplicateOf = duplicateOf;
  delete t.next.sla?.pausedAt;
  const emails = reporterEmail(deps, c, c.version + 1, now, renderResolution, {
    kind: 'resolution',
    reference: c.reference,
    reporterName: c.reporter.name,
    match: c.match!,
    outcome,
    message,
    from: action === 'decision' ? 'official' : 'staff',
    ...(correctedResult ? { correctedResult } : {}),
    ...statusLink(deps, c.id),
  });
  return { ...t, messages: [{ at, from: action === 'decision' ? 'official' : 'staff', message }], emails };
}

function reporterEmail<M extends Msg<'request-info' | 'resolution'>>(
  deps: Deps<WorkflowStore>,
  c: Correction,
  version: number,
  now: Date,
  render: (message: M, language: Language) => RenderedEmail,
  message: M,
): OutboxEmail[] {
  if (!c.reporter.email) return [];
  return [
    composeEmail({
      cause: `${c.id}#v${version}#${message.kind}#reporter`,
      caseId: c.id,
      reference: c.reference,
      to: c.reporter.email,
      language: c.language,
      now,
      render,
      message,
    }),
  ];
}

export async function escalate(
  deps: Deps<WorkflowStore & CatalogStore>,
  id: string,
  actor: Actor,
  reason: string,
  expectedVersion?: number,
) {
  const pre = await deps.store.getCase(id);
  if (!pre || pre.kind !== 'correction') throw notFound();
  if (pre.unclassified) {
    throw new AppError(
      'invalid_transition',
      `This emailed correction has no match yet, so there are no series officials to escalate to. Set its ` +
        `match first (POST /staff/corrections/${id}/classify).`,
    );
  }
  const [series, cal] = await Promise.all([deps.store.getSeries(pre.seriesId), loadCalendar(deps.store)]);
  const recipients: Person[] = series?.officials.length ? series.officials : cal.dutyOfficers;
  if (recipients.length === 0) {
    throw new AppError(
      'conflict',
      `Nobody can receive this escalation: the series ${series?.name ?? pre.seriesId} has no officials ` +
        `and no duty officers are set. Ask an admin to add them (PUT /admin/series/${pre.seriesId}).`,
    );
  }
  return mutate(deps, id, expectedVersion, (c, now) => {
    refuseTransition('escalate', c, actor);
    const t = staffTransition(c, 'escalate', actor, now, { reason, recipients: recipients.map((r) => r.email) });
    t.next.escalatedAt = now.toISOString();
    t.next.escalatedBy = actor;
    t.next.assignee = c.assignee ?? actor;
    const waited = Math.max(0, Math.round((now.getTime() - Date.parse(c.receivedAt)) / 60000));
    const emails = recipients.map((p) =>
      composeEmail({
        cause: `${c.id}#v${c.version + 1}#escalation#${p.email.toLowerCase()}`,
        caseId: c.id,
        reference: c.reference,
        to: p.email,
        language: p.language,
        now,
        render: renderEscalation,
        message: {
          kind: 'escalation',
          reference: c.reference,
          recipientName: p.name,
          match: { ...c.match!, ...(series?.name ? { seriesName: series.name } : {}) },
          category: c.category,
          description: c.description,
          ...(c.proposed ? { proposed: c.proposed } : {}),
          reason,
          receivedAt: new Date(c.receivedAt),
          waitedMinutes: waited,
          escalatedBy: actor.name ?? actor.email ?? actor.sub,
          ...(deps.publicBaseUrl ? { decisionUrl: `${deps.publicBaseUrl}/officials/corrections/${c.id}` } : {}),
        },
      }),
    );
    return { ...t, emails };
  });
}

export async function addNote(deps: Deps<WorkflowStore>, id: string, actor: Actor, text: string, expectedVersion?: number) {
  return mutate(deps, id, expectedVersion, (c, now) => {
    const at = now.toISOString();
    const note: Note = { at, author: actorLabel(actor), text };
    return { next: { ...c }, history: [{ at, actor: actorLabel(actor), action: 'note', version: c.version + 1 }], notes: [note] };
  });
}

/** The staff view: the correction, and the official record next to the claim with the differences spelled out. */
export async function staffView(deps: Deps<CaseDetailsStore & CatalogStore & MatchRecordStore>, id: string) {
  const d = await deps.store.getCaseWithDetails(id);
  if (!d || d.record.kind !== 'correction') throw notFound();
  const [match, record] = await Promise.all([deps.store.getMatch(d.record.matchId), deps.store.getRecord(d.record.matchId)]);
  const official = match ? officialView(match, record) : undefined;
  return {
    ...correctionForStaff(d.record, d.history, d.notes, d.messages),
    official: official ?? null,
    differences: differences(d.record.proposed, official),
  };
}

export function correctionForStaff(c: Correction, history: HistoryEntry[], notes: Note[], messages: PublicMessage[]) {
  const { trackingTokenHash: _t, id, reference, kind, status, outcome, version, ...rest } = c;
  return {
    // DynamoDB returns attributes in no order; lead with what a person reads first.
    id,
    reference,
    kind,
    status,
    ...(outcome ? { outcome } : {}),
    version,
    ...rest,
    firstResponseDueAt: c.sla?.firstResponseDueAt,
    resolutionDueAt: c.sla?.resolutionDueAt,
    notes,
    messages,
    history: history.sort((a, b) => a.version - b.version),
  };
}

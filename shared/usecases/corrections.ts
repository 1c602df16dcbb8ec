/**
 * Correction use cases: intake (public and staff-logged), the reporter's view and replies, and the
 * staff workflow. Each state change is computed from the current record and written with its audit
 * record, emails and counters in one transaction, conditional on the version it was computed from.
 */
import { addOpenMinutes, openMinutesBetween, serviceStatus } from '../domain/calendar.js';
import type { CalendarConfig, Language, Person } from '../domain/calendar-config.js';
import {
  canTransition,
  FIRST_RESPONSE_ACTIONS,
  replyTransition,
  RECONTACT_WINDOW_DAYS,
  RECONTACT_WINDOW_MS,
  TRANSITIONS,
  type Action,
  type Actor,
  type Category,
  type Channel,
  type Correction,
  type Outcome,
  type Reporter,
  type TransitionAction,
} from '../domain/correction.js';
import { renderAcknowledgement } from '../domain/emails/acknowledgement.js';
import type { MatchInfo, Msg, RenderedEmail } from '../domain/emails/core.js';
import { renderEscalation } from '../domain/emails/escalation.js';
import { renderRequestInfo } from '../domain/emails/request-info.js';
import { renderResolution } from '../domain/emails/resolution.js';
import { hashToken, newId, newReference, newTrackingToken } from '../domain/identifiers.js';
import { reporterTokenOpens, statusLink } from './status-links.js';
import type { CreatedCorrection } from '../api-answers.js';

export type { CreatedCorrection };
import type { HistoryEntry, Match, Note, OutboxEmail, PublicMessage } from '../domain/records.js';
import { AppError, notFound } from '../errors.js';
import type { CaseDetailsStore, CaseIntakeStore, CaseStore } from '../store/cases.js';
import type { CatalogStore } from '../store/catalog.js';
import type { ConfigStore } from '../store/config.js';
import { ConflictError, reporterKey, type Case, type CaseChange } from '../store/core.js';
import type { LimitsStore } from '../store/limits.js';
import type { OutboxStore } from '../store/outbox.js';
import { conflictPause, contactAggregates, dayOf, fcrLoss, mergeAggregates, transientConflict } from './aggregates.js';
import { loadCalendar, type Deps } from './deps.js';
import { findMatchForIntake, type LookupStore } from './match-lookup.js';
import { differences, officialView } from '../domain/record-differences.js';
import type { MatchRecordStore } from '../store/matches.js';
import { mutateCase, type CaseDecision } from './mutate-case.js';
import { ackGuards, clientGuard, isAckGuard, loadLimits, refusedGuards, throwIfRateLimited } from './limits.js';
import { composeEmail, deliverNow } from './outbox.js';

export { RECONTACT_WINDOW_DAYS };

/** The store groups of a change to a correction (`mutate`): the case, the report counters' calendar, its emails. */
export type WorkflowStore = CaseStore & ConfigStore & OutboxStore;
/** …and matches and series, and intake's lookups: a new correction. */
export type CorrectionStore = WorkflowStore & CatalogStore & CaseIntakeStore & LookupStore & LimitsStore;

export interface CorrectionInput {
  /** absent only for an emailed contact whose match is not known yet (opts.inbound): it is queued unclassified */
  matchId?: string;
  category: Category;
  description: string;
  proposed?: { homeGoals: number; awayGoals: number };
  reporter: Omit<Reporter, 'email'> & { email?: string };
  language?: Language;
}

/** What email-in adds to an intake: the message's guard item, the acknowledgement's thread, notes and record fields. */
export interface InboundIntake {
  extraPuts: NonNullable<CaseChange['extraPuts']>;
  inReplyTo: string;
  notes?: Note[];
  record?: Pick<Correction, 'attachments' | 'email'>;
}


const actorLabel = (a: Actor) => a.email ?? a.sub;

export function matchInfo(match: Match, seriesName?: string): MatchInfo {
  return { id: match.id, home: match.home, away: match.away, startsAt: match.startsAt, ...(seriesName ? { seriesName } : {}) };
}

/** The SLA clocks of a case arriving (or re-opening) at `at`. */
export function startSla(cal: CalendarConfig, at: Date) {
  const s = serviceStatus(cal, at);
  return {
    status: s,
    sla: {
      targetMode: s.targetMode,
      firstResponseDueAt: s.expectedResponseBy.toISOString(),
      resolutionDueAt: addOpenMinutes(cal, at, s.resolutionTargetMinutes).toISOString(),
    },
  };
}

export async function createCorrection(
  deps: Deps<CorrectionStore>,
  input: CorrectionInput,
  opts: { channel: Channel; actor?: Actor; idempotency?: { key: string; owner: string; seal: (body: Record<string, unknown>) => Record<string, unknown> }; inbound?: InboundIntake; clientIp?: string },
): Promise<CreatedCorrection> {
  const { store, clock } = deps;
  if (input.category === 'final-score' && !input.proposed) {
    throw new AppError('validation_failed', 'A final-score report needs the proposed result: add "proposed": {"homeGoals": …, "awayGoals": …}.', [{ path: 'proposed', message: 'is required when category is final-score' }]);
  }
  if (!input.reporter.email && !input.reporter.phone) {
    throw new AppError('validation_failed', 'Give the reporter an email address or a phone number, so the desk can get back to them.', [{ path: 'reporter.email', message: 'is required when there is no phone number' }]);
  }
  // an emailed contact may name no match yet: it is queued unclassified and staff classify it
  const match = input.matchId ? await findMatchForIntake(deps, input.matchId) : undefined;
  if (!match && !(opts.inbound && !input.matchId)) {
    throw new AppError('unknown_match', 'Name the match this report is about (matchId): pick it from the day\'s matches.', [{ path: 'matchId', message: 'is required' }]);
  }
  const now = clock.now();
  const receivedAt = now.toISOString();
  // Independent reads in one round trip: the reporter waits for each sequential one.
  const [series, cal, duplicateOf, earlier, limits] = await Promise.all([
    match ? store.getSeries(match.seriesId) : undefined,
    loadCalendar(store),
    match ? store.findOpenCorrection(match.id, input.category) : undefined,
    match ? reporterCasesOn(deps, match.id, contactsOf(input.reporter)) : [],
    loadLimits(store),
  ]);
  const recontactOf = recontactAmong(earlier, now);
  const { status: service, sla } = startSla(cal, now);

  const language = input.language ?? 'fi';
  const id = newId();
  const token = newTrackingToken();
  const info = match ? matchInfo(match, series?.name) : undefined;
  // Limits (contract §11): the client's slot, and whether this address gets an acknowledgement (see ./limits.ts).
  const email = input.reporter.email?.toLowerCase();
  const ackDecision = ackGuards(limits, { email, matchId: match?.id ?? '', category: input.category, caseId: id, earlier }, now);
  let guards = [...clientGuard(limits, opts.clientIp, now), ...ackDecision.guards];

  for (let attempt = 0; ; attempt++) {
    const reference = newReference();
    const correction: Correction = {
      kind: 'correction',
      id,
      reference,
      matchId: match?.id ?? '',
      seriesId: match?.seriesId ?? '',
      ...(info ? { match: info } : { unclassified: true }),
      ...opts.inbound?.record,
      category: input.category,
      description: input.description,
      ...(input.proposed ? { proposed: input.proposed } : {}),
      reporter: { ...input.reporter, ...(input.reporter.email ? { email: input.reporter.email.toLowerCase() } : {}) } as Reporter,
      language,
      channel: opts.channel,
      status: 'queued',
      version: 1,
      receivedAt,
      trackingTokenHash: hashToken(token),
      ...(duplicateOf ? { duplicateOf } : {}),
      ...(recontactOf ? { recontactOf } : {}),
      sla,
    };
    const response: CreatedCorrection = {
      id,
      reference,
      status: 'queued',
      trackingToken: token,
      receivedAt,
      expectedResponseBy: sla.firstResponseDueAt,
      service: { mode: service.mode, open: service.open, nextOpenAt: service.nextOpenAt?.toISOString() ?? null },
      ...(duplicateOf ? { duplicateOf } : {}),
      ...(recontactOf ? { recontactOf } : {}),
    };
    const emails: OutboxEmail[] = [];
    if (correction.reporter.email && guards.some(isAckGuard)) {
      emails.push(
        composeEmail({
          cause: `${id}#v1#acknowledgement`,
          caseId: id,
          reference,
          to: correction.reporter.email,
          language,
          now,
          render: renderAcknowledgement,
          ...(opts.inbound ? { inReplyTo: opts.inbound.inReplyTo } : {}),
          message: {
            kind: 'acknowledgement',
            reference,
            reporterName: correction.reporter.name,
            // an unclassified emailed contact has no match yet: the acknowledgement leaves the match row out
            match: info as MatchInfo,
            category: input.category,
            expectedResponseBy: new Date(sla.firstResponseDueAt),
            serviceOpenNow: service.open,
            nextOpenAt: service.open ? null : service.nextOpenAt,
            ...statusLink(deps, id),
          },
        }),
      );
    }
    const history: HistoryEntry[] = [
      { at: receivedAt, actor: opts.actor ? actorLabel(opts.actor) : 'reporter', action: 'create', version: 1, to: 'queued', channel: opts.channel, ...(duplicateOf ? { duplicateOf } : {}), ...(recontactOf ? { recontactOf } : {}) },
    ];
    // A re-contact takes the earlier case out of first-contact resolution, in this same transaction.
    const loss = recontactOf ? await fcrLoss(store, recontactOf, now, id) : undefined;
    const extraPuts: CaseChange['extraPuts'] = [
      { item: { PK: `REF#${reference}`, SK: 'REF', caseId: id }, condition: 'attribute_not_exists(PK)' },
      ...(match ? contactsOf(correction.reporter).map((contact) => ({ item: { PK: reporterKey(match.id, contact), SK: `${receivedAt}#${id}`, caseId: id } })) : []),
      ...(loss?.extraPuts ?? []),
      ...(opts.inbound?.extraPuts ?? []),
    ];
    try {
      await store.commitChange({
        next: correction,
        fromVersion: null,
        history,
        emails,
        extraPuts,
        ...(opts.inbound?.notes?.length ? { notes: opts.inbound.notes } : {}),
        aggregates: mergeAggregates(contactAggregates(dayOf(now), opts.channel, Boolean(recontactOf)), loss?.aggregates),
        guards,
        ...(opts.idempotency ? { idempotency: { key: opts.idempotency.key, owner: opts.idempotency.owner, response: { status: 201, body: opts.idempotency.seal(response as unknown as Record<string, unknown>) } } } : {}),
      });
    } catch (err) {
      throwIfRateLimited(err, guards, now);
      // Past the address's daily cap, or an open report of it on this match and category: stored, not acknowledged.
      if (attempt < 3 && refusedGuards(err, guards).some(isAckGuard)) {
        guards = guards.filter((g) => !isAckGuard(g));
        continue;
      }
      // On a fresh id only the reference can collide (draw another), or the idempotency record was taken over.
      if (err instanceof ConflictError && attempt < 3 && (await store.referenceTaken(reference))) continue;
      // …or a concurrent re-contact already took the earlier case out of FCR: decide again.
      if (err instanceof ConflictError && attempt < 3 && loss && !(await store.getFcrMarker(recontactOf!))?.counted) continue;
      // …or it collided with another transaction on a shared counter item: write again.
      if (attempt < 3 && transientConflict(err)) {
        await conflictPause(attempt);
        continue;
      }
      if (err instanceof ConflictError) throw new AppError('conflict', 'Another request with the same Idempotency-Key finished first. Retry with the same key to get its answer.');
      throw err;
    }
    await deliverNow(deps, emails);
    return response;
  }
}

function contactsOf(reporter: { email?: string; phone?: string }): string[] {
  return [reporter.email ? `email:${reporter.email.toLowerCase()}` : '', reporter.phone ? `phone:${reporter.phone}` : ''].filter(Boolean);
}

/** The most recent case on this match by the same email or phone, resolved within the last 14 days. */
export async function findRecontact(deps: Deps<CaseIntakeStore>, matchId: string, contacts: string[], now: Date): Promise<string | undefined> {
  return recontactAmong(await reporterCasesOn(deps, matchId, contacts), now);
}

/** The cases on this match by the same email or phone (re-contacts, and the limits' one-acknowledgement rule). */
export async function reporterCasesOn(deps: Deps<CaseIntakeStore>, matchId: string, contacts: string[]): Promise<Case[]> {
  if (contacts.length === 0) return [];
  const ids = await deps.store.findReporterCases(matchId, contacts);
  return ids.length === 0 ? [] : deps.store.getCases(ids);
}

export function recontactAmong(cases: Case[], now: Date): string | undefined {
  const since = new Date(now.getTime() - RECONTACT_WINDOW_MS).toISOString();
  const resolved = cases
    // A callback that did not reach the caller (no-answer, wrong-number) resolved nothing: not a re-contact target.
    .map((c) => ({ id: c.id, at: c.kind === 'correction' ? c.resolvedAt : c.outcome === 'resolved' ? c.completedAt : undefined }))
    .filter((c): c is { id: string; at: string } => typeof c.at === 'string' && c.at >= since)
    .sort((a, b) => (a.at < b.at ? 1 : -1));
  return resolved[0]?.id;
}

// ---------------------------------------------------------------- reporter

async function reporterCase(deps: Deps<CaseStore>, id: string, token: string | undefined): Promise<Correction> {
  if (!token) throw new AppError('unauthorized', 'Send the tracking token you got when you reported, in the X-Tracking-Token header.');
  const c = await deps.store.getCase(id);
  if (!c || c.kind !== 'correction' || !(await reporterTokenOpens(c, token, deps.clock.now()))) {
    throw new AppError('not_found', 'No correction matches this id and tracking token. Check both against the answer you got when you reported.');
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

export async function reporterReply(deps: Deps<WorkflowStore & LimitsStore>, id: string, token: string | undefined, message: string, clientIp?: string) {
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
    const history: HistoryEntry[] = [{ at, actor: 'reporter', action: t?.action ?? 'reply', version: c.version + 1, from: c.status, to: t?.to ?? c.status }];
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

/** Clocks stop while awaiting the reporter: the due times move by the open minutes spent waiting. */
export function resumeSla(cal: CalendarConfig, sla: NonNullable<Correction['sla']>, now: Date): NonNullable<Correction['sla']> {
  if (!sla.pausedAt) return sla;
  const pausedAt = new Date(sla.pausedAt);
  const move = (due: string) => {
    const d = new Date(due);
    if (d <= pausedAt) return due; // already late when paused: the breach stands
    // exact (fractional) minutes: rounding here would move the due time by up to 30 s at every pause
    return addOpenMinutes(cal, now, openMinutesBetween(cal, pausedAt, d)).toISOString();
  };
  const { pausedAt: _p, ...rest } = sla;
  return { ...rest, firstResponseDueAt: move(sla.firstResponseDueAt), resolutionDueAt: move(sla.resolutionDueAt) };
}

// ---------------------------------------------------------------- staff

type Decision = CaseDecision<Correction>;

/** Read–decide–write of a correction (see mutateCase); its emails go out once the change is committed. */
export async function mutate(deps: Deps<WorkflowStore>, id: string, expectedVersion: number | undefined, decide: (c: Correction, now: Date) => Promise<Decision> | Decision): Promise<Correction> {
  const { next, decision } = await mutateCase<Correction>(deps, 'correction', id, expectedVersion, decide);
  await deliverNow(deps, decision.emails);
  return next;
}

function refuseTransition(action: TransitionAction, c: Correction, actor: Actor): void {
  if (c.status === 'in-progress' && c.assignee && c.assignee.sub !== actor.sub && (action === 'claim' || action === 'request-info' || action === 'resolve' || action === 'escalate' || action === 'release')) {
    throw new AppError('already_claimed', `${c.assignee.name ?? c.assignee.email ?? 'Another staff member'} is working on this correction. Ask them, or pick the next one in the queue.`);
  }
  if (!canTransition(action, c.status)) {
    const allowed = TRANSITIONS[action].from.join(', ');
    throw new AppError('invalid_transition', `A correction that is ${c.status} cannot be ${pastTense[action]}; this is possible only when it is ${allowed}.`);
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

function staffTransition(c: Correction, action: TransitionAction, actor: Actor, now: Date, details: Record<string, unknown> = {}): { next: Correction; history: HistoryEntry[] } {
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
    const emails = reporterEmail(deps, c, c.version + 1, now, renderRequestInfo, { kind: 'request-info', reference: c.reference, reporterName: c.reporter.name, match: c.match!, question: message, ...statusLink(deps, c.id) });
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
    throw new AppError('validation_failed', 'A correctedResult goes only with outcome "corrected".', [{ path: 'correctedResult', message: 'is only allowed when outcome is corrected' }]);
  }
  return mutate(deps, id, expectedVersion, (c, now) => {
    refuseTransition('resolve', c, actor);
    // The official record already agrees with the proposal (recordNow): "corrected" needs nothing else.
    const byRecord = input.outcome === 'corrected' && c.recordNow === 'matches-proposal' && c.proposed;
    const message = input.message ?? (byRecord ? RECORD_AGREES[c.language](c.proposed!) : undefined);
    if (!message) throw new AppError('validation_failed', 'Write the reporter a message: "message" is required (it may be left out only when resolving as corrected a case whose official record now agrees with the proposal).', [{ path: 'message', message: 'is required' }]);
    return resolution(deps, c, now, actor, 'resolve', input.outcome, message, input.correctedResult ?? (byRecord ? c.proposed : undefined), input.duplicateOf);
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
  const emails = reporterEmail(deps, c, c.version + 1, now, renderResolution, { kind: 'resolution', reference: c.reference, reporterName: c.reporter.name, match: c.match!, outcome, message, from: action === 'decision' ? 'official' : 'staff', ...(correctedResult ? { correctedResult } : {}), ...statusLink(deps, c.id) });
  return { ...t, messages: [{ at, from: action === 'decision' ? 'official' : 'staff', message }], emails };
}

function reporterEmail<M extends Msg<'request-info' | 'resolution'>>(deps: Deps<WorkflowStore>, c: Correction, version: number, now: Date, render: (message: M, language: Language) => RenderedEmail, message: M): OutboxEmail[] {
  if (!c.reporter.email) return [];
  return [composeEmail({ cause: `${c.id}#v${version}#${message.kind}#reporter`, caseId: c.id, reference: c.reference, to: c.reporter.email, language: c.language, now, render, message })];
}

export async function escalate(deps: Deps<WorkflowStore & CatalogStore>, id: string, actor: Actor, reason: string, expectedVersion?: number) {
  const pre = await deps.store.getCase(id);
  if (!pre || pre.kind !== 'correction') throw notFound();
  if (pre.unclassified) {
    throw new AppError('invalid_transition', `This emailed correction has no match yet, so there are no series officials to escalate to. Set its match first (POST /staff/corrections/${id}/classify).`);
  }
  const [series, cal] = await Promise.all([deps.store.getSeries(pre.seriesId), loadCalendar(deps.store)]);
  const recipients: Person[] = series?.officials.length ? series.officials : cal.dutyOfficers;
  if (recipients.length === 0) {
    throw new AppError('conflict', `Nobody can receive this escalation: the series ${series?.name ?? pre.seriesId} has no officials and no duty officers are set. Ask an admin to add them (PUT /admin/series/${pre.seriesId}).`);
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
  return { ...correctionForStaff(d.record, d.history, d.notes, d.messages), official: official ?? null, differences: differences(d.record.proposed, official) };
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

/**
 * Intake of a correction (public form, staff-logged, or an emailed contact through email-in): checks, the
 * duplicate and re-contact look-ups, the limits, the SLA clocks and the acknowledgement, then the one
 * create-case path (./create-case.ts) writes it.
 */
import type { CreatedCorrection } from '../api-answers.js';
import type { Language } from '../domain/calendar-config.js';
import type { Actor, Category, Channel, Correction, Reporter } from '../domain/correction.js';
import { renderAcknowledgement } from '../domain/emails/acknowledgement.js';
import type { MatchInfo, Msg } from '../domain/emails/message-types.js';
import { hashToken, newId, newTrackingToken } from '../domain/identifiers.js';
import type { HistoryEntry, Note, OutboxEmail } from '../domain/records.js';
import { AppError } from '../errors.js';
import type { CaseIntakeStore } from '../store/cases.js';
import type { CatalogStore } from '../store/catalog.js';
import type { ExtraPut } from '../store/core.js';
import type { LimitGuard, LimitsStore } from '../store/limits.js';
import { createCase, type NewCase } from './create-case.js';
import { actorLabel, matchInfo, startSla, type WorkflowStore } from './corrections-workflow.js';
import { loadCalendar, type Deps } from './deps.js';
import type { IdempotencyHandle } from './idempotency.js';
import { ackGuards, clientGuard, isAckGuard, loadLimits, refusedGuards } from './limits.js';
import { findMatchForIntake, type LookupStore } from './match-lookup.js';
import { composeEmail, deliverNow } from './outbox.js';
import { contactsOf, recontactAmong, reporterCasesOn } from './recontacts.js';
import { statusLink } from './status-links.js';

export type { CreatedCorrection };

/** The store groups of a new correction: a change's, and matches and series, intake's look-ups, the limits. */
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
  extraPuts: ExtraPut[];
  inReplyTo: string;
  notes?: Note[];
  record?: Pick<Correction, 'attachments' | 'email'>;
}

export async function createCorrection(
  deps: Deps<CorrectionStore>,
  input: CorrectionInput,
  opts: { channel: Channel; actor?: Actor; idempotency?: IdempotencyHandle; inbound?: InboundIntake; clientIp?: string },
): Promise<CreatedCorrection> {
  const { store, clock } = deps;
  if (input.category === 'final-score' && !input.proposed) {
    throw new AppError(
      'validation_failed',
      'A final-score report needs the proposed result: add "proposed": {"homeGoals": …, "awayGoals": …}.',
      [{ path: 'proposed', message: 'is required when category is final-score' }],
    );
  }
  if (!input.reporter.email && !input.reporter.phone) {
    throw new AppError('validation_failed', 'Give the reporter an email address or a phone number, so the desk can get back to them.', [
      { path: 'reporter.email', message: 'is required when there is no phone number' },
    ]);
  }
  // an emailed contact may name no match yet: it is queued unclassified and staff classify it
  const match = input.matchId ? await findMatchForIntake(deps, input.matchId) : undefined;
  if (!match && !(opts.inbound && !input.matchId)) {
    throw new AppError('unknown_match', "Name the match this report is about (matchId): pick it from the day's matches.", [
      { path: 'matchId', message: 'is required' },
    ]);
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
  // Objects below are built by assignment in their fixed key order, not with conditional spreads after a first
  // property: V8 (Node 20) copies those on a slow path, 1–2 µs a property (issue 15). Same keys, same order.
  const reporter = { ...input.reporter } as Reporter;
  if (input.reporter.email) reporter.email = input.reporter.email.toLowerCase();
  const trackingTokenHash = hashToken(token);
  const actor = opts.actor ? actorLabel(opts.actor) : 'reporter';
  // Limits (contract §11): the client's slot, and whether this address gets an acknowledgement (see ./limits.ts).
  const ackDecision = ackGuards(
    limits,
    { email: reporter.email, matchId: match?.id ?? '', category: input.category, caseId: id, earlier },
    now,
  );

  const draft = (reference: string, guards: LimitGuard[]) => {
    const correction = { kind: 'correction', id, reference, matchId: match?.id ?? '', seriesId: match?.seriesId ?? '' } as Correction;
    if (info) correction.match = info;
    else correction.unclassified = true;
    if (opts.inbound?.record) Object.assign(correction, opts.inbound.record);
    correction.category = input.category;
    correction.description = input.description;
    if (input.proposed) correction.proposed = input.proposed;
    correction.reporter = reporter;
    correction.language = language;
    correction.channel = opts.channel;
    correction.status = 'queued';
    correction.version = 1;
    correction.receivedAt = receivedAt;
    correction.trackingTokenHash = trackingTokenHash;
    if (duplicateOf) correction.duplicateOf = duplicateOf;
    if (recontactOf) correction.recontactOf = recontactOf;
    correction.sla = sla;
    const answer: CreatedCorrection = {
      id,
      reference,
      status: 'queued',
      trackingToken: token,
      receivedAt,
      expectedResponseBy: sla.firstResponseDueAt,
      service: { mode: service.mode, open: service.open, nextOpenAt: service.nextOpenAt?.toISOString() ?? null },
    };
    if (duplicateOf) answer.duplicateOf = duplicateOf;
    if (recontactOf) answer.recontactOf = recontactOf;
    const emails: OutboxEmail[] = [];
    if (reporter.email && guards.some(isAckGuard)) {
      const message: Msg<'acknowledgement'> = {
        kind: 'acknowledgement',
        reference,
        reporterName: reporter.name,
        // an unclassified emailed contact has no match yet: the acknowledgement leaves the match row out
        match: info as MatchInfo,
        category: input.category,
        expectedResponseBy: new Date(sla.firstResponseDueAt),
        serviceOpenNow: service.open,
        nextOpenAt: service.open ? null : service.nextOpenAt,
      };
      const link = statusLink(deps, id);
      if ('statusUrl' in link) message.statusUrl = link.statusUrl;
      emails.push(
        composeEmail({
          cause: `${id}#v1#acknowledgement`,
          caseId: id,
          reference,
          to: reporter.email,
          language,
          now,
          render: renderAcknowledgement,
          inReplyTo: opts.inbound?.inReplyTo,
          message,
        }),
      );
    }
    const created: HistoryEntry = { at: receivedAt, actor, action: 'create', version: 1, to: 'queued', channel: opts.channel };
    if (duplicateOf) created.duplicateOf = duplicateOf;
    if (recontactOf) created.recontactOf = recontactOf;
    const drafted: NewCase<Correction, CreatedCorrection> = { next: correction, answer, history: [created], emails };
    if (opts.inbound) {
      drafted.notes = opts.inbound.notes;
      drafted.extraPuts = opts.inbound.extraPuts;
    }
    return drafted;
  };

  const firstGuards = clientGuard(limits, opts.clientIp, now);
  for (const g of ackDecision.guards) firstGuards.push(g);
  const result = await createCase(deps, {
    id,
    now,
    channel: opts.channel,
    recontactOf,
    reporterIndex: match ? { matchId: match.id, contacts: contactsOf(reporter) } : undefined,
    guards: firstGuards,
    idempotency: opts.idempotency,
    draft,
    // Past the address's daily cap, or an open report of it on this match and category: stored, not acknowledged.
    onConflict: (err, guards) =>
      refusedGuards(err, guards).some(isAckGuard) ? { retryWith: guards.filter((g) => !isAckGuard(g)) } : undefined,
    conflictMessage: 'Another request with the same Idempotency-Key finished first. Retry with the same key to get its answer.',
  });
  if (!('created' in result)) return result.answered;
  await deliverNow(deps, result.created.emails);
  return result.created.answer;
}

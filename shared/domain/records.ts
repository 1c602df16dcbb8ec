/** Records other than corrections: matches, series, callbacks, audit, notes, messages, outbox emails. */
import type { Language, Person } from './calendar-config.js';
import type { Actor, Channel, CorrectionStatus } from './correction.js';

/** A match's state in our own words (the results service says Fixture, Live, Played, …). */
export const MATCH_STATUSES = ['fixture', 'live', 'played', 'postponed', 'cancelled', 'other'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/**
 * A match as GET /matches lists it and intake reads it (contract §10). `startsAt` is an ISO instant;
 * its Helsinki date files it in the matches-by-date index. The official record (periods, events) of a
 * synced match is a separate item, so listing a day stays small.
 */
export interface Match {
  id: string;
  seriesId: string;
  startsAt: string;
  home: string;
  away: string;
  /** absent on matches imported by hand before statuses existed: `matchStatus()` derives one */
  status?: MatchStatus;
  homeGoals?: number;
  awayGoals?: number;
  /** where it came from: an admin import or the results service */
  source?: 'admin' | 'results';
}

export const matchStatus = (m: Match): MatchStatus =>
  m.status ?? (m.homeGoals !== undefined && m.awayGoals !== undefined ? 'played' : 'fixture');

export interface Series {
  id: string;
  name: string;
  officials: Person[];
  /** the series in the results service; `matches-sync` fetches its matches */
  results?: { competitionId: string; categoryId: string };
  updatedAt?: string;
  /** bumped by every edit; edits are conditional on it */
  version?: number;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  version: number;
  from?: CorrectionStatus | string;
  to?: CorrectionStatus | string;
  [detail: string]: unknown;
}

export interface Note {
  at: string;
  author: string;
  text: string;
}

export interface PublicMessage {
  at: string;
  from: 'staff' | 'reporter' | 'official';
  message: string;
}

export const CALLBACK_STATUSES = ['queued', 'in-progress', 'completed'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];
export const CALLBACK_OUTCOMES = ['resolved', 'no-answer', 'wrong-number'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export interface Callback {
  kind: 'callback';
  id: string;
  reference: string;
  name: string;
  phone: string;
  language: Language;
  topic: string;
  matchId?: string;
  seriesId?: string;
  channel: Channel;
  status: CallbackStatus;
  outcome?: CallbackOutcome;
  note?: string;
  assignee?: Actor;
  version: number;
  receivedAt: string;
  firstResponseAt?: string;
  completedAt?: string;
  recontactOf?: string;
  /** topics of later requests for this number while this callback was open (contract §11) */
  moreTopics?: { at: string; topic: string; matchId?: string }[];
  sla?: { targetMode: 'results' | 'general'; firstResponseDueAt: string; firstResponseBreachNotifiedAt?: string };
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'undeliverable';

export interface OutboxEmail {
  id: string;
  /** what caused it, e.g. `<caseId>#v3#resolution#reporter`: one cause, one email */
  cause: string;
  caseId?: string;
  reference: string;
  to: string;
  language: Language;
  subject: string;
  text: string;
  html: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  leaseUntil?: string;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
  /** the inbound Message-ID this email answers (email-in's acknowledgement), with angle brackets */
  inReplyTo?: string;
}

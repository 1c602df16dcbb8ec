/** Records other than corrections: matches, series, callbacks, audit, notes, messages, outbox emails. */
import type { Language, Person } from './calendar-config.js';
import type { Actor, Channel, CorrectionStatus } from './correction.js';

export interface Match {
  id: string;
  seriesId: string;
  startsAt: string;
  home: string;
  away: string;
  homeGoals?: number;
  awayGoals?: number;
}

export interface Series {
  id: string;
  name: string;
  officials: Person[];
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
}

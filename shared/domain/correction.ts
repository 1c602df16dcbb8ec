/** Corrections and callbacks: the records, and the state machine of contract §3. */
import type { Language } from './calendar-config.js';

export const CATEGORIES = ['final-score', 'period-score', 'goal', 'penalty', 'lineup', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const OUTCOMES = ['corrected', 'no-change', 'rejected', 'duplicate'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** A new contact about the same match by the same reporter this soon after a resolution is a re-contact (contract §4, §5). */
export const RECONTACT_WINDOW_DAYS = 14;
export const RECONTACT_WINDOW_MS = RECONTACT_WINDOW_DAYS * 24 * 3600_000;
export const CHANNELS = ['web', 'phone', 'email', 'social', 'callback'] as const;
export type Channel = (typeof CHANNELS)[number];
export const STAFF_CHANNELS = ['phone', 'email', 'social'] as const;

export const CORRECTION_STATUSES = ['queued', 'in-progress', 'awaiting-reporter', 'escalated', 'resolved'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];
export const OPEN_STATUSES: CorrectionStatus[] = ['queued', 'in-progress', 'awaiting-reporter', 'escalated'];

export interface Reporter {
  name: string;
  email: string;
  phone?: string;
  team?: string;
  role?: string;
}

export interface Actor {
  /** JWT subject, or 'reporter' / 'system' */
  sub: string;
  email?: string;
  name?: string;
  language?: Language;
}

export interface Correction {
  kind: 'correction';
  id: string;
  reference: string;
  matchId: string;
  seriesId: string;
  /** the match as it was when reported (for emails and views without another read) */
  match?: { id: string; home: string; away: string; startsAt: string; seriesName?: string };
  category: Category;
  description: string;
  proposed?: { homeGoals: number; awayGoals: number };
  reporter: Reporter;
  language: Language;
  channel: Channel;
  status: CorrectionStatus;
  outcome?: Outcome;
  assignee?: Actor;
  version: number;
  receivedAt: string;
  trackingTokenHash: string;
  duplicateOf?: string;
  recontactOf?: string;
  /** how often the reporter came back after a resolution */
  reopenedCount?: number;
  infoRequests?: number;
  firstResponseAt?: string;
  escalatedAt?: string;
  escalatedBy?: Actor;
  resolvedAt?: string;
  resolvedBy?: Actor;
  correctedResult?: { homeGoals: number; awayGoals: number };
  /** set by matches-sync when the official record changed to agree with `proposed`: resolving as corrected needs no other input */
  recordNow?: 'matches-proposal';
  /** SLA clocks (contract §2): due times move while awaiting the reporter */
  sla?: SlaState;
  /** addresses SES refused for this case's emails */
  undeliverable?: string[];
  /** an emailed contact whose match is not known yet (matchId and seriesId are ''): staff classify it */
  unclassified?: boolean;
  /** files kept from the reporter's emails (images, PDF); the staff view adds expiring download links */
  attachments?: AttachmentRef[];
  /** the email a contact arrived by */
  email?: { messageId: string; subject: string; quoted?: string };
}

export interface AttachmentRef {
  key: string;
  filename: string;
  contentType: string;
  size: number;
  at: string;
}

export interface SlaState {
  targetMode: 'results' | 'general';
  firstResponseDueAt: string;
  resolutionDueAt: string;
  /** set while awaiting-reporter: the clocks stop at this instant */
  pausedAt?: string;
  firstResponseBreachNotifiedAt?: string;
  resolutionBreachNotifiedAt?: string;
}

export type Action = 'create' | 'claim' | 'release' | 'request-info' | 'reply' | 'resolve' | 'escalate' | 'decision' | 'note' | 'reopen';

/** Which statuses each state-changing action may start from, and where it leads. */
export const TRANSITIONS: Record<
  Exclude<Action, 'create' | 'note' | 'reply' | 'reopen'>,
  { from: CorrectionStatus[]; to: CorrectionStatus }
> = {
  claim: { from: ['queued'], to: 'in-progress' },
  release: { from: ['in-progress'], to: 'queued' },
  'request-info': { from: ['queued', 'in-progress'], to: 'awaiting-reporter' },
  resolve: { from: ['queued', 'in-progress', 'awaiting-reporter', 'escalated'], to: 'resolved' },
  escalate: { from: ['queued', 'in-progress'], to: 'escalated' },
  decision: { from: ['escalated'], to: 'resolved' },
};

export type TransitionAction = keyof typeof TRANSITIONS;

export function canTransition(action: TransitionAction, from: CorrectionStatus): boolean {
  return TRANSITIONS[action].from.includes(from);
}

/** A reporter reply: awaiting-reporter → queued; resolved → queued (re-contact); otherwise no state change. */
export function replyTransition(from: CorrectionStatus): { to: CorrectionStatus; action: 'reply' | 'reopen' } | null {
  if (from === 'awaiting-reporter') return { to: 'queued', action: 'reply' };
  if (from === 'resolved') return { to: 'queued', action: 'reopen' };
  return null;
}

/** Staff actions that count as the first response (contract §2). */
export const FIRST_RESPONSE_ACTIONS: Action[] = ['claim', 'request-info', 'resolve', 'escalate'];

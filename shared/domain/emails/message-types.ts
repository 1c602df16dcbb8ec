/**
 * What goes into an email and what comes out: the message of each kind (the use cases build these) and the
 * rendered email (subject, plain text, HTML). Types only: nothing here is bundled.
 */

// One definition each, shared with the rest of the domain.
export type { Language } from '../calendar-config.js';
export type { Category, Outcome } from '../correction.js';
import type { Category, Outcome } from '../correction.js';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface MatchInfo {
  id: string;
  home: string;
  away: string;
  startsAt: string /* ISO instant */;
  seriesName?: string;
}

/**
 * How long a breached case has waited, both ways (contract §2): wall-clock minutes since it arrived, and the
 * open minutes its target clock has counted, next to the target (open minutes). The open-minute pair is
 * left out when the case has no target mode to read it from.
 */
export interface BreachClock {
  /** wall-clock minutes since the case arrived */
  waitedMinutes: number;
  /** open minutes counted against the target (pauses left out) */
  openMinutes?: number;
  /** the target, in open minutes */
  targetOpenMinutes?: number;
}

/** Who wrote the message in a resolution email: desk staff, or a federation official deciding an escalated case. */
export type ResolutionAuthor = 'staff' | 'official';

/** One line of a breach digest. */
export interface BreachDigestItem extends BreachClock {
  reference: string;
  breach: 'first-response' | 'resolution';
  match?: MatchInfo;
  category?: Category;
  /** further reports of the same match and category, folded into this line */
  sameCount: number;
}

export type EmailMessage =
  | {
      kind: 'acknowledgement';
      reference: string;
      reporterName: string;
      match: MatchInfo;
      category: Category;
      expectedResponseBy: Date;
      serviceOpenNow: boolean;
      nextOpenAt: Date | null;
      statusUrl?: string;
    }
  | {
      kind: 'request-info';
      reference: string;
      reporterName: string;
      match: MatchInfo;
      question: string;
      statusUrl?: string;
    }
  | {
      kind: 'resolution';
      reference: string;
      reporterName: string;
      match: MatchInfo;
      outcome: Outcome;
      message: string;
      /** who wrote `message` (default: staff); an official's message is labelled as theirs */
      from?: ResolutionAuthor;
      correctedResult?: { homeGoals: number; awayGoals: number };
      statusUrl?: string;
    }
  | {
      kind: 'escalation';
      reference: string;
      recipientName: string;
      match: MatchInfo;
      category: Category;
      description: string;
      proposed?: { homeGoals: number; awayGoals: number };
      reason: string;
      receivedAt: Date;
      waitedMinutes: number;
      escalatedBy: string;
      decisionUrl?: string;
    }
  | {
      kind: 'decision-to-staff';
      reference: string;
      recipientName: string;
      match: MatchInfo;
      decision: 'correct' | 'no-change' | 'reject';
      message: string;
      officialName: string;
      correctedResult?: { homeGoals: number; awayGoals: number };
    }
  | ({
      kind: 'first-response-breach';
      reference: string;
      recipientName: string;
      caseKind: 'correction' | 'callback';
      match?: MatchInfo;
      receivedAt: Date;
      dueAt: Date;
      status: string;
    } & BreachClock)
  | ({
      kind: 'resolution-breach';
      reference: string;
      recipientName: string;
      match: MatchInfo;
      receivedAt: Date;
      dueAt: Date;
      status: string;
    } & BreachClock)
  | {
      kind: 'breach-digest';
      /** the first case's reference (the subject names it; the body lists every case's) */
      reference: string;
      recipientName: string;
      /** one line per case; duplicates of one match and category folded into `sameCount` */
      items: BreachDigestItem[];
      /** lines left out after the first DIGEST_MAX_LINES (an email and its outbox record stay small) */
      moreLines?: number;
    };

export type Msg<K extends EmailMessage['kind']> = Extract<EmailMessage, { kind: K }>;

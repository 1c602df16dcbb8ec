/**
 * The shapes of the API's answers that the browser pages read too. Pure types (no store, no SDK), so the use
 * cases that build these answers and the typed client in web/api/client.ts share one definition.
 */
import type { Channel } from './domain/correction.js';

/** 201 of POST /corrections (contract §4) */
export interface CreatedCorrection {
  id: string;
  reference: string;
  status: 'queued';
  trackingToken: string;
  receivedAt: string;
  expectedResponseBy: string;
  service: { mode: string; open: boolean; nextOpenAt: string | null };
  duplicateOf?: string;
  recontactOf?: string;
}

/** one item of GET /staff/queue */
export interface QueueItem {
  kind: 'correction' | 'callback';
  id: string;
  reference: string;
  status: string;
  receivedAt: string;
  version: number;
  firstResponseDueAt?: string;
  /** from this instant at most 10 open minutes (the calendar's) are left before firstResponseDueAt: amber; past due: red */
  firstResponseDueSoonAt?: string;
  channel: string;
  matchId?: string;
  category?: string;
  assignee?: string;
  duplicateOf?: string;
  recontactOf?: string;
  /** an emailed contact whose match staff have not set yet (POST /staff/corrections/{id}/classify) */
  unclassified?: boolean;
  name?: string;
  topic?: string;
  /** the reporter's or caller's language, and the match as reported (the console's queue shows both) */
  language?: string;
  match?: string;
}

/** one bucket of GET /staff/reports/summary (contract §5) */
export interface ReportBucket {
  period: string;
  from: string;
  to: string;
  contacts: number;
  byChannel: Record<Channel, number>;
  resolved: number;
  firstContactResolved: number;
  fcrRate: number | null;
  recontacts: number;
  escalated: number;
  firstResponses: number;
  medianFirstResponseMinutes: number | null;
  firstResponseBreaches: number;
}

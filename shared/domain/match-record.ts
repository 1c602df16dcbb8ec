/**
 * The official record of a match, in our own words, as the results service (Torneopal "Taso") keeps it:
 * what staff see next to a reporter's claim. Home is the results service's team A.
 */
import type { MatchStatus } from './records.js';

export interface Score {
  home: number;
  away: number;
}

export const RECORD_EVENT_KINDS = ['goal', 'assist', 'penalty', 'shootout-goal', 'shootout-miss'] as const;
export type RecordEventKind = (typeof RECORD_EVENT_KINDS)[number];

export interface RecordEvent {
  id: string;
  kind: RecordEventKind;
  /** the results service's own code, e.g. `maali`, `2min` */
  code: string;
  team: 'home' | 'away';
  /** 1–3 regulation, 4 overtime, 5 shootout */
  period?: number;
  /** match clock, cumulative, `M:SS` */
  time?: string;
  player?: string;
  shirtNumber?: string;
  /** a penalty's reason code (e.g. `VFP`) */
  description?: string;
  /** an assist points at its goal */
  connectedEventId?: string;
  /** running score after a goal */
  score?: Score;
}

/** How a match ended, score by score: what the official record and the staff's view of it (./record-differences.ts) share. */
export interface Scoreline {
  /** final score (a shootout win counts one goal) */
  final?: Score;
  /** periods 1–3, as far as known */
  periods: Score[];
  /** score at the end of regulation, when the game went past it */
  regulation?: Score;
  overtime?: Score;
  shootout?: Score;
  walkover: boolean;
  /** which side forfeited or was disqualified */
  forfeitedBy?: 'home' | 'away';
}

export interface OfficialRecord extends Scoreline {
  matchId: string;
  competitionId?: string;
  categoryId?: string;
  categoryName?: string;
  status: MatchStatus;
  /** ISO instant of the Helsinki local start */
  startsAt: string;
  home: { id?: string; name: string; abbreviation?: string };
  away: { id?: string; name: string; abbreviation?: string };
  winner?: 'home' | 'away';
  events: RecordEvent[];
  /** the results service's change tracking, when it has it */
  lastModified?: string;
  versionHash?: string;
}

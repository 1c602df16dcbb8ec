/** The service calendar (contract §2) as stored and as edited through GET/PUT /admin/calendar. */
export type Language = 'fi' | 'sv' | 'en';
export type Mode = 'results' | 'general' | 'closed';

export interface Person {
  name: string;
  email: string;
  language: Language;
}

export interface CalendarConfig {
  season: {
    /** default first day of every season, 'MM-DD' local date (inclusive) */
    startMonthDay: string;
    /** default last day of every season, 'MM-DD' local date (inclusive), in the following year */
    endMonthDay: string;
    /** per-season exceptions, keyed by season id like '2026-27': local dates 'YYYY-MM-DD', inclusive */
    overrides: Record<string, { start: string; end: string }>;
  };
  /** general service: ISO weekdays (1 = Monday … 7 = Sunday), 'HH:MM' local, all year except public holidays */
  generalService: { weekdays: number[]; opens: string; closes: string };
  /** results service: in season only, on these ISO weekdays and on weekday public holidays */
  resultsService: { weekdays: number[]; onPublicHolidays: boolean; opens: string; closes: string };
  /** extra local dates 'YYYY-MM-DD' closed all day (on top of 24–26 Dec, 1 Jan, Midsummer Eve and Day) */
  extraClosedDates: string[];
  /** response targets in open minutes, chosen by the mode of the window the case arrives in (or the next one) */
  targets: {
    firstResponseMinutes: { results: number; general: number };
    resolutionMinutes: { results: number; general: number };
  };
  /** the officials on duty for first-response breaches */
  dutyOfficers: Person[];
}

export const DEFAULT_CALENDAR: CalendarConfig = {
  season: { startMonthDay: '08-15', endMonthDay: '04-30', overrides: {} },
  generalService: { weekdays: [1, 2, 3, 4, 5], opens: '09:00', closes: '16:00' },
  resultsService: { weekdays: [6, 7], onPublicHolidays: true, opens: '09:00', closes: '21:00' },
  extraClosedDates: [],
  targets: {
    firstResponseMinutes: { results: 30, general: 240 },
    resolutionMinutes: { results: 180, general: 960 },
  },
  dutyOfficers: [],
};

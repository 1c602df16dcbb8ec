/** The ports a use case works with. Handlers build them once per cold start; tests pass real adapters and a fixed clock. */
import type { ResultsService } from '../adapters/results-service.js';
import { DEFAULT_CALENDAR, type CalendarConfig } from '../domain/calendar-config.js';
import type { Clock } from '../ports/clock.js';
import type { Mailer } from '../ports/mailer.js';
import type { ConfigStore } from '../store/config.js';

/** `S`: the store groups a use case needs (no default: each use case, handler and job names its own). */
export interface Deps<S> {
  store: S;
  mailer: Mailer;
  clock: Clock;
  /** base URL for links in emails, if known */
  publicBaseUrl?: string;
  /** the federation's results service, where configured (RESULTS_API_URL) */
  results?: ResultsService;
  /** base URL of the web pages: status links in reporter emails (`/status/{id}#t=…`) */
  publicWebUrl?: string;
}

const CACHE_MS = 30_000;
let cached: { at: number; store: ConfigStore; value: CalendarConfig } | undefined;

/** The admin-edited calendar, or the contract's defaults; cached briefly per container. */
export async function loadCalendar(store: ConfigStore, fresh = false): Promise<CalendarConfig> {
  const now = Date.now();
  if (!fresh && cached && cached.store === store && now - cached.at < CACHE_MS) return cached.value;
  const value = (await store.getCalendar()) ?? DEFAULT_CALENDAR;
  cached = { at: now, store, value };
  return value;
}

export function forgetCalendar(): void {
  cached = undefined;
}

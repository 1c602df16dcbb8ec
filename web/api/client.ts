/**
 * The one typed client of the hotline API for the web pages (the report form, the status page, and later
 * the console). Request and response types come from the API's own zod schemas and use cases, so a change
 * there shows up here at type-check time. Same origin: the pages and the API share one host.
 */
import type { z } from 'zod/mini';
import type { lazyMatchSchema, lazyPublicCorrectionBody } from '../../shared/schemas.js';
import type { CreatedCorrection, QueueItem, ReportBucket } from '../../shared/api-answers.js';
import type { Language } from '../../shared/domain/calendar-config.js';
import type { Channel, CorrectionStatus, Outcome } from '../../shared/domain/correction.js';
import { takeEarly } from './early.js';

// one definition each (shared/domain): the pages name them through this client
export type { Channel, CreatedCorrection, Language, Outcome, QueueItem, ReportBucket };

export type CorrectionBody = z.infer<ReturnType<typeof lazyPublicCorrectionBody>>;
export type Category = CorrectionBody['category'];

export interface ServiceStatus {
  at: string;
  mode: 'results' | 'general' | 'closed';
  open: boolean;
  opensAt: string | null;
  closesAt: string | null;
  nextOpenAt: string | null;
  firstResponseTargetMinutes: number;
  expectedResponseBy: string;
  message: string;
}

/** GET /matches item (contract §10). */
export type MatchItem = Pick<
  z.infer<ReturnType<typeof lazyMatchSchema>>,
  'id' | 'seriesId' | 'startsAt' | 'home' | 'away' | 'homeGoals' | 'awayGoals'
> & {
  seriesName: string;
  status: string;
};

export type CaseStatus = CorrectionStatus;
export interface ReporterView {
  id: string;
  reference: string;
  status: CaseStatus;
  outcome?: Outcome;
  matchId: string;
  category: Category;
  language: Language;
  receivedAt: string;
  expectedResponseBy?: string;
  correctedResult?: { homeGoals: number; awayGoals: number };
  resolvedAt?: string;
  messages: { at: string; from: 'reporter' | 'staff' | 'official'; message: string }[];
}

export interface AltchaChallenge {
  algorithm: string;
  challenge: string;
  maxnumber?: number;
  salt: string;
  signature: string;
}

/** The API refused the request: the contract's error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** A conditional GET whose answer has not changed since the ETag we sent. */
export const NOT_MODIFIED: unique symbol = Symbol('not-modified');

/** The request never got an answer (offline, dropped connection): the caller may retry it as it was. */
export class NetworkError extends Error {}

/** The console's sign-in hands the client its ID token (sent as Bearer on staff, official and admin routes). */
let bearer: (() => Promise<string | undefined>) | undefined;
export function useBearer(get: () => Promise<string | undefined>): void {
  bearer = get;
}

async function call<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  opts: { body?: unknown; headers?: Record<string, string>; auth?: boolean; etag?: { value?: string } } = {},
): Promise<T> {
  let r: Response | undefined;
  const token = opts.auth && bearer ? await bearer() : undefined;
  // a GET the page's inline <head> script already started (web/api/early.ts)
  if (method === 'GET' && !opts.headers?.['if-none-match']) r = await takeEarly(path);
  try {
    r ??= await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...opts.headers,
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch (err) {
    throw new NetworkError(err instanceof Error ? err.message : String(err));
  }
  if (opts.etag) opts.etag.value = r.headers.get('etag') ?? opts.etag.value;
  if (r.status === 304) return NOT_MODIFIED as T;
  let body: unknown;
  try {
    body = await r.json();
  } catch {
    if (r.ok) throw new NetworkError('The answer was cut off.');
    body = undefined;
  }
  if (!r.ok) {
    const e = (body as { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } } | undefined)?.error;
    throw new ApiError(r.status, e?.code ?? 'error', e?.message ?? `HTTP ${r.status}`, e?.details ?? []);
  }
  return body as T;
}

const q = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) s.set(k, v);
  const t = s.toString();
  return t ? `?${t}` : '';
};

export const api = {
  serviceStatus: (lang: Language) => call<ServiceStatus>('GET', `/service-status${q({ lang })}`),
  matches: (date: string, filter: { q?: string; seriesId?: string } = {}) =>
    call<{ items: MatchItem[] }>('GET', `/matches${q({ date, ...filter })}`),
  challenge: () => call<AltchaChallenge>('GET', '/challenge'),
  createCorrection: (body: CorrectionBody, idempotencyKey: string, altcha?: string) =>
    call<CreatedCorrection>('POST', '/corrections', {
      body,
      headers: { 'idempotency-key': idempotencyKey, ...(altcha ? { 'x-altcha': altcha } : {}) },
    }),
  correction: (id: string, token: string) =>
    call<ReporterView>('GET', `/corrections/${encodeURIComponent(id)}`, { headers: { 'x-tracking-token': token } }),
  reply: (id: string, token: string, message: string, altcha?: string) =>
    call<{ id: string; reference: string; status: CaseStatus }>('POST', `/corrections/${encodeURIComponent(id)}/replies`, {
      body: { message },
      headers: { 'x-tracking-token': token, ...(altcha ? { 'x-altcha': altcha } : {}) },
    }),
};

// ---- the console (contract §4 staff/official/admin, §8.1): everything below is signed in ----

export type Score = { homeGoals: number; awayGoals: number };

export type QueuePage = { items: QueueItem[]; nextCursor: string | null };

export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  version: number;
  from?: string;
  to?: string;
  [k: string]: unknown;
}

/** GET /staff/corrections/{id} and GET /officials/corrections/{id}: the whole case. */
export interface StaffCase {
  id: string;
  reference: string;
  kind: 'correction';
  status: CaseStatus;
  outcome?: Outcome;
  version: number;
  matchId: string;
  seriesId: string;
  match?: { id: string; home: string; away: string; startsAt: string; seriesName?: string };
  category: Category;
  description: string;
  proposed?: Score;
  reporter: { name: string; email: string; phone?: string; team?: string; role?: string };
  language: Language;
  channel: Channel;
  assignee?: { sub: string; name?: string; email?: string };
  receivedAt: string;
  duplicateOf?: string;
  recontactOf?: string;
  correctedResult?: Score;
  firstResponseDueAt?: string;
  resolutionDueAt?: string;
  undeliverable?: string[];
  /** the official record of the match next to the claim (contract §10; shared/domain/record-differences.ts) */
  official?: {
    status: string;
    final?: { home: number; away: number };
    summary: string;
    goals?: { team: 'home' | 'away'; period?: number; time?: string; player?: string }[];
    source?: string;
  } | null;
  /** the differences in words, e.g. "reported 5–3, record 5–4" */
  differences?: string[];
  recordNow?: string;
  notes?: { at: string; author: string; text: string }[];
  messages: { at: string; from: 'reporter' | 'staff' | 'official'; message: string }[];
  history?: HistoryEntry[];
}

export interface CallbackCase {
  kind: 'callback';
  id: string;
  reference: string;
  name: string;
  phone?: string;
  topic: string;
  status: string;
  version: number;
  outcome?: string;
}

export type Person = { name: string; email: string; language: Language };
export type Calendar = import('../../shared/domain/calendar-config.js').CalendarConfig;
export interface SeriesItem {
  id: string;
  name: string;
  officials: Person[];
  results?: { competitionId: string; categoryId: string };
}
export type Limits = { perAddressPerDay: number; perPhonePerDay: number; perClientPer10Min: number };

const cid = (id: string) => encodeURIComponent(id);
const staffPost = <T = StaffCase>(path: string, body: Record<string, unknown>) => call<T>('POST', path, { body, auth: true });

export const consoleApi = {
  /** conditional: answers NOT_MODIFIED when the queue is as it was at `etag` */
  queue: async (
    filter: { status?: string; kind?: string },
    etag?: string,
  ): Promise<{ page: QueuePage | typeof NOT_MODIFIED; etag?: string }> => {
    const tag: { value?: string } = { value: etag };
    const page = await call<QueuePage | typeof NOT_MODIFIED>('GET', `/staff/queue${q({ ...filter, limit: '100' })}`, {
      auth: true,
      headers: etag ? { 'if-none-match': etag } : {},
      etag: tag,
    });
    return { page, etag: tag.value };
  },
  queueMore: (filter: { status?: string; kind?: string }, cursor: string) =>
    call<{ items: QueueItem[]; nextCursor: string | null }>('GET', `/staff/queue${q({ ...filter, limit: '100', cursor })}`, { auth: true }),
  staffCase: (id: string) => call<StaffCase>('GET', `/staff/corrections/${cid(id)}`, { auth: true }),
  claim: (id: string, expectedVersion: number) => staffPost(`/staff/corrections/${cid(id)}/claim`, { expectedVersion }),
  release: (id: string, expectedVersion: number) => staffPost(`/staff/corrections/${cid(id)}/release`, { expectedVersion }),
  requestInfo: (id: string, message: string, expectedVersion: number) =>
    staffPost(`/staff/corrections/${cid(id)}/request-info`, { message, expectedVersion }),
  resolve: (id: string, body: { outcome: Outcome; message: string; correctedResult?: Score }, expectedVersion: number) =>
    staffPost(`/staff/corrections/${cid(id)}/resolve`, { ...body, expectedVersion }),
  escalate: (id: string, reason: string, expectedVersion: number) =>
    staffPost(`/staff/corrections/${cid(id)}/escalate`, { reason, expectedVersion }),
  note: (id: string, text: string, expectedVersion: number) =>
    staffPost<unknown>(`/staff/corrections/${cid(id)}/notes`, { text, expectedVersion }),
  claimCallback: (id: string, expectedVersion?: number) =>
    staffPost<CallbackCase>(`/staff/callbacks/${cid(id)}/claim`, expectedVersion === undefined ? {} : { expectedVersion }),
  completeCallback: (id: string, outcome: string, note: string, expectedVersion?: number) =>
    staffPost<CallbackCase>(`/staff/callbacks/${cid(id)}/complete`, {
      outcome,
      ...(note ? { note } : {}),
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
    }),
  report: (from: string, to: string, period: string) =>
    call<{ buckets: ReportBucket[] }>('GET', `/staff/reports/summary${q({ from, to, period })}`, { auth: true }),
  reportCsv: async (from: string, to: string, period: string) => {
    const token = bearer ? await bearer() : undefined;
    const r = await fetch(`/staff/reports/summary${q({ from, to, period })}`, {
      headers: { accept: 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    if (!r.ok) throw new ApiError(r.status, 'error', `HTTP ${r.status}`);
    return r.text();
  },
  /** conditional, like the queue: NOT_MODIFIED while the list is as it was at `etag` */
  escalations: async (etag?: string): Promise<{ list: { items: StaffCase[] } | typeof NOT_MODIFIED; etag?: string }> => {
    const tag: { value?: string } = { value: etag };
    const list = await call<{ items: StaffCase[] } | typeof NOT_MODIFIED>('GET', '/officials/escalations', {
      auth: true,
      headers: etag ? { 'if-none-match': etag } : {},
      etag: tag,
    });
    return { list, etag: tag.value };
  },
  officialCase: (id: string) => call<StaffCase>('GET', `/officials/corrections/${cid(id)}`, { auth: true }),
  decide: (id: string, decision: 'correct' | 'no-change' | 'reject', message: string) =>
    staffPost(`/officials/corrections/${cid(id)}/decision`, { decision, message }),
  calendar: () => call<Calendar>('GET', '/admin/calendar', { auth: true }),
  putCalendar: (c: Calendar) => call<Calendar>('PUT', '/admin/calendar', { body: c, auth: true }),
  series: () => call<{ items: SeriesItem[] }>('GET', '/admin/series', { auth: true }),
  putSeries: (id: string, s: Omit<SeriesItem, 'id'>) => call<SeriesItem>('PUT', `/admin/series/${cid(id)}`, { body: s, auth: true }),
  limits: () => call<Limits>('GET', '/admin/limits', { auth: true }),
  putLimits: (l: Limits) => call<Limits>('PUT', '/admin/limits', { body: l, auth: true }),
};

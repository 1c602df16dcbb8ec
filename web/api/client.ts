/**
 * The one typed client of the hotline API for the web pages (the report form, the status page, and later
 * the console). Request and response types come from the API's own zod schemas and use cases, so a change
 * there shows up here at type-check time. Same origin: the pages and the API share one host.
 */
import type { z } from 'zod/mini';
import type { lazyMatchSchema, lazyPublicCorrectionBody } from '../../shared/schemas.js';

export type Language = 'fi' | 'sv' | 'en';
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
export type MatchItem = Pick<z.infer<ReturnType<typeof lazyMatchSchema>>, 'id' | 'seriesId' | 'startsAt' | 'home' | 'away' | 'homeGoals' | 'awayGoals'> & {
  seriesName: string;
  status: string;
};

export interface CreatedCorrection {
  id: string;
  reference: string;
  status: 'queued';
  trackingToken: string;
  receivedAt: string;
  expectedResponseBy: string;
  service: { mode: string; open: boolean; nextOpenAt: string | null };
}

export type CaseStatus = 'queued' | 'in-progress' | 'awaiting-reporter' | 'escalated' | 'resolved';
export interface ReporterView {
  id: string;
  reference: string;
  status: CaseStatus;
  outcome?: 'corrected' | 'no-change' | 'rejected' | 'duplicate';
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

/** The request never got an answer (offline, dropped connection): the caller may retry it as it was. */
export class NetworkError extends Error {}

async function call<T>(method: 'GET' | 'POST', path: string, opts: { body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  let r: Response;
  try {
    r = await fetch(path, {
      method,
      headers: { accept: 'application/json', ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch (err) {
    throw new NetworkError(err instanceof Error ? err.message : String(err));
  }
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
  matches: (date: string, filter: { q?: string; seriesId?: string } = {}) => call<{ items: MatchItem[] }>('GET', `/matches${q({ date, ...filter })}`),
  challenge: () => call<AltchaChallenge>('GET', '/challenge'),
  createCorrection: (body: CorrectionBody, idempotencyKey: string, altcha?: string) =>
    call<CreatedCorrection>('POST', '/corrections', { body, headers: { 'idempotency-key': idempotencyKey, ...(altcha ? { 'x-altcha': altcha } : {}) } }),
  correction: (id: string, token: string) => call<ReporterView>('GET', `/corrections/${encodeURIComponent(id)}`, { headers: { 'x-tracking-token': token } }),
  reply: (id: string, token: string, message: string, altcha?: string) =>
    call<{ id: string; reference: string; status: CaseStatus }>('POST', `/corrections/${encodeURIComponent(id)}/replies`, {
      body: { message },
      headers: { 'x-tracking-token': token, ...(altcha ? { 'x-altcha': altcha } : {}) },
    }),
};

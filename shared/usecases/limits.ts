/**
 * Limits on the public doors (contract §11), decided here and counted by the store in the same transaction
 * as the report or callback (../store/limits.ts). Intake (web form, email in, staff-logged) and callbacks
 * call these, so every way in shares them; the per-client (source IP) limit is added only by the public
 * HTTP routes, which know the client.
 */
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { localDateOf } from '../domain/helsinki-time.js';
import { OPEN_STATUSES } from '../domain/correction.js';
import { AppError } from '../errors.js';
import { emitMetric } from '../log.js';
import { ConflictError, epochSeconds, type Case } from '../store/core.js';
import { DEFAULT_LIMITS, guardKey, type LimitGuard, type Limits, type LimitsStore, type LimitsWriteStore } from '../store/limits.js';
import type { Deps } from './deps.js';

export const CLIENT_WINDOW_SECONDS = 600;
const DAY_TTL_SECONDS = 2 * 24 * 3600;
const ACK_ONCE_TTL_SECONDS = 60 * 24 * 3600;
const CACHE_MS = 30_000;
let cached: { at: number; store: LimitsStore; value: Limits } | undefined;

/** The limits in force, cached briefly per container (like the calendar). */
export async function loadLimits(store: LimitsStore, fresh = false): Promise<Limits> {
  const now = Date.now();
  if (!fresh && cached && cached.store === store && now - cached.at < CACHE_MS) return cached.value;
  const value = { ...DEFAULT_LIMITS, ...(await store.getLimits()) };
  cached = { at: now, store, value };
  return value;
}

export function forgetLimits(): void {
  cached = undefined;
}

export async function getLimits(deps: Deps<LimitsStore>): Promise<Limits> {
  return loadLimits(deps.store, true);
}

export async function putLimits(deps: Deps<LimitsWriteStore>, limits: Limits, actor: string): Promise<Limits> {
  await deps.store.putLimits(limits, deps.clock.now().toISOString(), actor);
  forgetLimits();
  return limits;
}

/** Seconds from `now` to the next Helsinki midnight (a daily limit opens again then). */
function secondsToNextLocalDay(now: Date): number {
  const today = localDateOf(now);
  let t = now.getTime();
  // step in hours, then minutes: no calendar arithmetic across DST changes needed
  while (localDateOf(t + 3600_000) === today) t += 3600_000;
  while (localDateOf(t + 60_000) === today) t += 60_000;
  return Math.max(1, Math.ceil((t + 60_000 - now.getTime()) / 1000));
}

/** The per-client guard of a public POST: at most `perClientPer10Min` in each fixed 10-minute slot. */
export function clientGuard(limits: Limits, clientIp: string | undefined, now: Date): LimitGuard[] {
  if (!clientIp) return [];
  const slot = Math.floor(epochSeconds(now) / CLIENT_WINDOW_SECONDS);
  return [
    {
      type: 'count',
      kind: 'client',
      subject: clientIp,
      window: String(slot),
      max: limits.perClientPer10Min,
      expiresAt: (slot + 1) * CLIENT_WINDOW_SECONDS + 3600,
    },
  ];
}

/** The per-phone guard of a callback request: at most `perPhonePerDay` a Helsinki day. */
export function phoneGuard(limits: Limits, phone: string, now: Date): LimitGuard {
  return {
    type: 'count',
    kind: 'phone',
    subject: phone,
    window: localDateOf(now),
    max: limits.perPhonePerDay,
    expiresAt: epochSeconds(now) + DAY_TTL_SECONDS,
  };
}

/**
 * Whether a new report from `email` about `matchId`/`category` is acknowledged, and the guards that count it:
 * no acknowledgement while an earlier report of the same address, match and category is open; at most
 * `perAddressPerDay` acknowledgements to one address a Helsinki day. `earlier` are the address's cases on
 * this match (read anyway for re-contacts).
 */
export function ackGuards(
  limits: Limits,
  r: { email?: string; matchId: string; category: string; caseId: string; earlier: Case[] },
  now: Date,
): { ack: boolean; guards: LimitGuard[] } {
  if (!r.email) return { ack: false, guards: [] };
  const email = r.email.toLowerCase();
  const same = r.earlier.filter((c) => c.kind === 'correction' && c.category === r.category && c.reporter.email?.toLowerCase() === email);
  if (same.some((c) => c.kind === 'correction' && OPEN_STATUSES.includes(c.status))) return { ack: false, guards: [] };
  return {
    ack: true,
    guards: [
      {
        type: 'count',
        kind: 'ack',
        subject: email,
        window: localDateOf(now),
        max: limits.perAddressPerDay,
        expiresAt: epochSeconds(now) + DAY_TTL_SECONDS,
      },
      {
        type: 'ack-once',
        email,
        matchId: r.matchId,
        category: r.category,
        caseId: r.caseId,
        replaces: same.map((c) => c.id),
        expiresAt: epochSeconds(now) + ACK_ONCE_TTL_SECONDS,
      },
    ],
  };
}

export const isAckGuard = (g: LimitGuard) => g.type === 'ack-once' || g.kind === 'ack';

/** The guards among `guards` that refused a transaction. */
export function refusedGuards(err: unknown, guards: LimitGuard[] | undefined): LimitGuard[] {
  if (!(err instanceof ConflictError) || !guards?.length) return [];
  return guards.filter((g) => err.failedKeys.includes(guardKey(g)));
}

/** The 429 of a refused client or phone guard (nothing was stored). */
export function rateLimited(g: LimitGuard, now: Date): AppError {
  const client = g.type === 'count' && g.kind === 'client';
  const retryAfter = client ? CLIENT_WINDOW_SECONDS - (epochSeconds(now) % CLIENT_WINDOW_SECONDS) : secondsToNextLocalDay(now);
  const message = client
    ? `Too many requests from your network in a short time; nothing was saved. Try again in ${Math.ceil(retryAfter / 60)} minutes.`
    : 'This phone number has asked for callbacks too many times today; nothing was saved. The desk will ' +
      'call the open request back; you can ask again tomorrow.';
  // the RateLimited alarm (infra/constructs/operations-alarms.ts) reads this: a burst of refusals is an attack or a broken client
  emitMetric('RateLimited', 1);
  return new AppError('rate_limited', message, undefined, { 'retry-after': String(retryAfter) });
}

/** Throws the 429 when a client or phone guard refused the transaction. */
export function throwIfRateLimited(err: unknown, guards: LimitGuard[] | undefined, now: Date): void {
  const hit = refusedGuards(err, guards).find((g) => !isAckGuard(g));
  if (hit) throw rateLimited(hit, now);
}

/**
 * The client's address: as the API Gateway saw it (requestContext.http.sourceIp), or, behind CloudFront, the
 * viewer's address from the header CLIENT_IP_HEADER names (the distribution's viewer-request function sets
 * `x-viewer-ip`; CloudFront's own `CloudFront-Viewer-Address` "ip:port" is read too). The header is believed only
 * on a request that carries the distribution's origin secret (ORIGIN_VERIFY_SECRET in `x-origin-verify`): a
 * caller who goes to the API's own endpoint around CloudFront is counted by its real source IP, whatever header
 * it sends. See infra/README-deploy.md, "WAF and the client IP".
 */
export function clientIpOf(req: { headers: Record<string, string>; sourceIp?: string }): string | undefined {
  const header = process.env.CLIENT_IP_HEADER?.toLowerCase();
  const viaHeader = header && fromOrigin(req.headers) ? req.headers[header]?.trim() : undefined;
  if (!viaHeader) return req.sourceIp;
  // CloudFront-Viewer-Address is always "ip:port" (IPv6 without brackets: "2001:db8::1:443", itself a valid IPv6)
  if (header !== 'cloudfront-viewer-address' && isIP(viaHeader)) return viaHeader;
  return viaHeader.includes('.') ? viaHeader.split(':')[0] : viaHeader.slice(0, viaHeader.lastIndexOf(':'));
}

function fromOrigin(headers: Record<string, string>): boolean {
  const secret = process.env.ORIGIN_VERIFY_SECRET;
  if (!secret) return true; // no distribution in front (local runs): the header is set by whoever runs the server
  const got = headers['x-origin-verify'];
  if (!got) return false;
  const [a, b] = [Buffer.from(got), Buffer.from(secret)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Idempotency-Key, keyed by route scope + key with a conditional write (Powertools ≤ 2.35 had bugs
 * #5676/#5715, so we do it here). The record is completed in the SAME transaction that creates the
 * case, so "created but not recorded" cannot happen. A refused duplicate never touches the original's
 * record: only the owner of an in-flight record may give it back.
 *
 * The stored answer must not hold the tracking token in clear (it is stored only as a hash), so the
 * token is sealed with AES-GCM under a key derived from the Idempotency-Key, which is itself stored only
 * as a hash: only a caller presenting the key can read the token back.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { IdempotencyStore } from '../store/idempotency.js';
import { newId } from '../domain/identifiers.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** Stable JSON: object keys sorted, so the same body in another key order hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What an idempotency record keeps of an answer: the answer's fields, its tracking token sealed (`sealedTrackingToken`). */
export type SealedAnswer = Record<string, unknown>;

export interface IdempotencyHandle {
  key: string;
  owner: string;
  /** any answer object (a use case's own answer type, no cast needed) → what the record may store */
  seal: (body: object) => SealedAnswer;
}

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/** `T`: the use case's own answer type (an interface is fine); a replay answers the stored answer as that type. */
export async function withIdempotency<T extends object>(
  deps: { store: IdempotencyStore; clock: Clock },
  scope: string,
  rawKey: string | undefined,
  body: unknown,
  run: (handle: IdempotencyHandle | undefined) => Promise<T>,
): Promise<{ status: number; body: T; replayed: boolean }> {
  if (rawKey === undefined) return { status: 201, body: await run(undefined), replayed: false };
  if (!IDEMPOTENCY_KEY_PATTERN.test(rawKey)) {
    throw new AppError(
      'validation_failed',
      'The Idempotency-Key header must be 8–128 characters of letters, digits and . _ : - (a UUID is ideal).',
      [{ path: 'Idempotency-Key', message: 'has an invalid format' }],
    );
  }
  const key = sha256(`${scope}\n${rawKey}`).toString('hex');
  const secret = sha256(`seal\n${scope}\n${rawKey}`);
  const bodyHash = sha256(canonicalJson(body)).toString('hex');
  const owner = newId();
  const existing = await deps.store.beginIdempotent(key, bodyHash, owner, deps.clock.now());
  if (existing) {
    if (existing.bodyHash !== bodyHash) {
      throw new AppError(
        'idempotency_key_reused',
        'This Idempotency-Key was already used with a different request body. Use a new key for a new report.',
      );
    }
    if (existing.status === 'completed' && existing.response) {
      return {
        status: Number(existing.response.status),
        body: unseal(existing.response.body as Record<string, unknown>, secret) as T,
        replayed: true,
      };
    }
    throw new AppError(
      'conflict',
      'A request with this Idempotency-Key is still being processed. Wait a few seconds and retry with the same key.',
    );
  }
  try {
    const result = await run({ key, owner, seal: (b) => seal(b, secret) });
    return { status: 201, body: result, replayed: false };
  } catch (err) {
    await deps.store.abandonIdempotent(key, owner).catch(() => undefined);
    throw err;
  }
}

function seal(body: object, secret: Buffer): SealedAnswer {
  const { trackingToken, ...rest }: Record<string, unknown> = { ...body };
  if (typeof trackingToken !== 'string') return rest;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secret, iv);
  const sealed = Buffer.concat([cipher.update(trackingToken, 'utf8'), cipher.final()]);
  return { ...rest, sealedTrackingToken: Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64') };
}

function unseal(body: SealedAnswer, secret: Buffer): Record<string, unknown> {
  const { sealedTrackingToken, ...rest } = body;
  if (typeof sealedTrackingToken !== 'string') return rest;
  const raw = Buffer.from(sealedTrackingToken, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', secret, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  const token = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  // Keep the field order of the first answer: trackingToken right after status.
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) {
    out[k] = v;
    if (k === 'status') out.trackingToken = token;
  }
  if (!('trackingToken' in out)) out.trackingToken = token;
  return out;
}

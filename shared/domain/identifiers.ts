/** Ids, phone-readable references and tracking tokens. */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

// No 0/O, 1/I/L, U/V: nothing that sounds or looks alike when read over the phone.
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

/** e.g. `TP-7K4M-Q9XA`: 12 characters, ~2^38.8 values, checked for uniqueness by a conditional write. */
export function newReference(prefix = 'TP'): string {
  const at = drawFromPool(8);
  let body = '';
  for (let i = 0; i < 8; i++) body += REFERENCE_ALPHABET[pool[at + i]! % REFERENCE_ALPHABET.length];
  return `${prefix}-${body.slice(0, 4)}-${body.slice(4)}`;
}

export const REFERENCE_PATTERN = /^[A-Z]{2}-[2-9A-Z]{4}-[2-9A-Z]{4}$/;

export const newId = (): string => randomUUID();

export function newTrackingToken(): string {
  const at = drawFromPool(24);
  return pool.toString('base64url', at, at + 24);
}

// Random bytes from the same CSPRNG, drawn 4 KiB at a time: one call per ~100 requests instead of two per
// request (each randomBytes call crosses into C++; issue 15). Bytes handed out are never handed out again.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolAt = 0;
/** The offset in `pool` of n fresh bytes (read in place: no copy per id; issue 15). */
function drawFromPool(n: number): number {
  if (poolAt + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += n;
  return at;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokenMatches(token: string | undefined, hash: string): boolean {
  if (!token || token.length > 200) return false;
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

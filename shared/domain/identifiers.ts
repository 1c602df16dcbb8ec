/** Ids, phone-readable references and tracking tokens. */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

// No 0/O, 1/I/L, U/V: nothing that sounds or looks alike when read over the phone.
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

/** e.g. `TP-7K4M-Q9XA`: 12 characters, ~2^38.8 values, checked for uniqueness by a conditional write. */
export function newReference(prefix = 'TP'): string {
  const bytes = randomBytes(8);
  let body = '';
  for (let i = 0; i < 8; i++) body += REFERENCE_ALPHABET[bytes[i]! % REFERENCE_ALPHABET.length];
  return `${prefix}-${body.slice(0, 4)}-${body.slice(4)}`;
}

export const REFERENCE_PATTERN = /^[A-Z]{2}-[2-9A-Z]{4}-[2-9A-Z]{4}$/;

export const newId = (): string => randomUUID();

export function newTrackingToken(): string {
  return randomBytes(24).toString('base64url');
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

/**
 * Keyed hashes (HMAC-SHA-256) of contacts (email addresses, phone numbers) and other subjects that a
 * key or index must find without holding the personal data itself: counters of the limits, re-contact
 * and open-callback keys, the privacy index. The key comes from configuration: in AWS a Secrets Manager
 * key derived from the hotline secret at cold start (shared/adapters/contact-key-secret.ts), here CONTACT_HMAC_KEY
 * or a fixed local default. Changing the key orphans the hashed keys (they stop matching), so rotate only
 * with a re-keying run.
 */
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

const LOCAL_DEFAULT_KEY = 'results-hotline-local-contact-key';
let key: string | undefined;

/** Installs the key read from Secrets Manager (at cold start, before any request). */
export function setContactHashKey(value: string): void {
  key = value;
}

/** A normalised contact: emails lower-cased and trimmed, phones as given (E.164 by the schemas). */
export const normaliseContact = (contact: string): string => contact.trim().toLowerCase();

/**
 * The key: installed from the hotline secret (shared/adapters/contact-key-secret.ts), or CONTACT_HMAC_KEY, or, off
 * Lambda only, the local default. In Lambda a hash with the public default key would be one anyone can recompute
 * (and would not match the other functions' keys), so it is refused.
 */
function currentKey(): string {
  const k = key ?? process.env.CONTACT_HMAC_KEY;
  if (k) return k;
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
    throw new Error(
      'The contact hash key is not installed: give this function the hotline secret (manifest `secret: ' +
        'true`) and await installContactHashKey().',
    );
  }
  return LOCAL_DEFAULT_KEY;
}

/** 32 hex characters (128 bits) of HMAC-SHA-256: stable for one key, meaningless without it. */
export function contactHash(subject: string): string {
  const k = keyFor(currentKey());
  let hash = k.recent.get(subject);
  if (hash === undefined) {
    hash = createHmac('sha256', k.key).update(normaliseContact(subject)).digest('hex').slice(0, 32);
    if (k.recent.size >= RECENT_HASHES) k.recent.clear();
    k.recent.set(subject, hash);
  }
  return hash;
}

/**
 * A request hashes the same few contacts several times (its re-contact look-up, re-contact entries, contact index
 * and limit counters: 9 HMACs of 5 subjects for a web report), each HMAC a few µs (issue 15): the last few hundred
 * hashes of this key are kept. Bounded, in this container's memory only, dropped with the key; the hash of a
 * subject under one key never changes, so a kept one is the one computed.
 */
const RECENT_HASHES = 256;

// The key imported once (a KeyObject), not from its string on every hash.
let imported: { from: string; key: KeyObject; recent: Map<string, string> } | undefined;
function keyFor(k: string): { key: KeyObject; recent: Map<string, string> } {
  if (imported?.from !== k) imported = { from: k, key: createSecretKey(Buffer.from(k, 'utf8')), recent: new Map() };
  return imported;
}

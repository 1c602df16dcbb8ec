/**
 * In Lambda the contact hash key (../domain/contact-key.ts: the HMAC in re-contact, open-callback, contact-index
 * and limit keys) is derived from the hotline secret, read once per cold start. Every function that hashes a
 * contact has the secret (manifest `secret: true` or `ses: true`) and awaits this before its work: the HTTP edge
 * (../http/lambda-http.ts) and the jobs that hash (sla-watch, email-in, privacy-retention). Off Lambda (tests,
 * `npm start`) it does nothing: CONTACT_HMAC_KEY or the local default is used.
 */
import { setContactHashKey } from '../domain/contact-key.js';
import { derivedKey } from './secrets.js';

let ready: Promise<void> | undefined;

export function installContactHashKey(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!env.AWS_LAMBDA_FUNCTION_NAME || env.CONTACT_HMAC_KEY) return Promise.resolve();
  // a function without the secret hashes no contact (contactHash refuses to in Lambda)
  if (!env.HOTLINE_SECRET_ARN && !env.HOTLINE_SECRET) return Promise.resolve();
  ready ??= derivedKey('contact-hash').then(setContactHashKey, (err: unknown) => {
    ready = undefined;
    throw err;
  });
  return ready;
}

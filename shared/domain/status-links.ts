/**
 * Status-page links in reporter emails: `{PUBLIC_WEB_URL}/status/{id}#t={token}`.
 *
 * The email is stored in the outbox with a placeholder where the token goes; the sender puts a fresh
 * token in at the moment it hands the email to SES (see fillStatusTokens in ../usecases/outbox.ts). A
 * token is `<nonce>.<mac>`: a random nonce and an HMAC of (case id, nonce) under a key derived from the
 * hotline secret. So every email carries its own token, and no token is stored anywhere, not even as a
 * hash: the server checks it by recomputing the HMAC. (The `trackingToken` of the 201 answer is random and
 * kept only as a SHA-256 hash on the case.) Either kind opens the status page while the case is open and
 * for STATUS_LINK_DAYS_AFTER_RESOLUTION days after it was resolved; a reopened case opens it again.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const STATUS_TOKEN_PLACEHOLDER = '__STATUS_TOKEN__';
export const STATUS_LINK_DAYS_AFTER_RESOLUTION = 30;
export const STATUS_LINK_PURPOSE = 'status-link';

/** The link in an email, with the placeholder the sender fills in. */
export function statusPageUrl(webUrl: string, caseId: string): string {
  return `${webUrl.replace(/\/+$/, '')}/status/${encodeURIComponent(caseId)}#t=${STATUS_TOKEN_PLACEHOLDER}`;
}

function mac(key: string, caseId: string, nonce: string): Buffer {
  return createHmac('sha256', key).update(`${caseId}\n${nonce}`).digest().subarray(0, 18);
}

export function mintStatusToken(key: string, caseId: string): string {
  const nonce = randomBytes(9).toString('base64url');
  return `${nonce}.${mac(key, caseId, nonce).toString('base64url')}`;
}

export function statusTokenValid(key: string, caseId: string, token: string | undefined): boolean {
  if (!token || token.length > 64) return false;
  const m = /^([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{24})$/.exec(token);
  if (!m) return false;
  const given = Buffer.from(m[2]!, 'base64url');
  const want = mac(key, caseId, m[1]!);
  return given.length === want.length && timingSafeEqual(given, want);
}

/** Replace every placeholder in one email's text and HTML with one fresh token. */
export function fillStatusTokens<T extends { text: string; html?: string }>(email: T, key: string, caseId: string): T {
  if (!email.text.includes(STATUS_TOKEN_PLACEHOLDER) && !email.html?.includes(STATUS_TOKEN_PLACEHOLDER)) return email;
  const token = mintStatusToken(key, caseId);
  return {
    ...email,
    text: email.text.replaceAll(STATUS_TOKEN_PLACEHOLDER, token),
    ...(email.html !== undefined ? { html: email.html.replaceAll(STATUS_TOKEN_PLACEHOLDER, token) } : {}),
  };
}

/** A link works while the case is open and for 30 days after it was resolved. */
export function statusLinkUsable(c: { status: string; resolvedAt?: string }, now: Date): boolean {
  if (c.status !== 'resolved' || !c.resolvedAt) return true;
  return now.getTime() < Date.parse(c.resolvedAt) + STATUS_LINK_DAYS_AFTER_RESOLUTION * 24 * 3600_000;
}

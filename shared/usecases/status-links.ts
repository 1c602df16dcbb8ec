/** Status-page links (../domain/status-links.ts explains the tokens) as the use cases need them. */
import { derivedKey } from '../adapters/secrets.js';
import type { Correction } from '../domain/correction.js';
import { tokenMatches } from '../domain/identifiers.js';
import { fillStatusTokens, STATUS_LINK_PURPOSE, statusLinkUsable, statusPageUrl, statusTokenValid } from '../domain/status-links.js';

/** `{statusUrl}` for an email message to a reporter, when the web address is known. */
export function statusLink(deps: { publicWebUrl?: string }, caseId: string): { statusUrl?: string } {
  return deps.publicWebUrl ? { statusUrl: statusPageUrl(deps.publicWebUrl, caseId) } : {};
}

/** The 201 answer's tracking token, or the token of an email's link, while the link may be used. */
export async function reporterTokenOpens(c: Correction, token: string | undefined, now: Date): Promise<boolean> {
  if (!token) return false;
  const known = tokenMatches(token, c.trackingTokenHash) || statusTokenValid(await derivedKey(STATUS_LINK_PURPOSE), c.id, token);
  return known && statusLinkUsable(c, now);
}

/** At send time: a fresh token in place of each placeholder of a reporter email. */
export async function withStatusToken<T extends { text: string; html?: string; caseId?: string }>(email: T): Promise<T> {
  if (!email.caseId) return email;
  return fillStatusTokens(email, await derivedKey(STATUS_LINK_PURPOSE), email.caseId);
}

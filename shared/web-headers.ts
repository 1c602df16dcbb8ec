/**
 * The security headers of the pages (contract §8), one source for the local server and the CloudFront
 * response-headers policy: no inline script or style, no framing, no referrer. `connect-src` is the page's own
 * origin (the API shares it: locally one server, in AWS one CloudFront distribution) plus, in AWS, the console's
 * Cognito managed-login domain, whose /oauth2/token the console calls from the browser (code + PKCE, refresh).
 */
export interface CspExtras {
  /** origins the pages may call besides their own (https://…) */
  connect?: string[];
  /** 'sha256-…' sources of the inline scripts / styles the build wrote into the pages (never 'unsafe-inline') */
  scripts?: string[];
  styles?: string[];
}

export function contentSecurityPolicy(extra: CspExtras = {}): string {
  const list = (first: string, more: string[] = []) => [first, ...more].join(' ');
  return [
    "default-src 'none'",
    list("script-src 'self'", extra.scripts),
    list("style-src 'self'", extra.styles),
    "img-src 'self' data:",
    list("connect-src 'self'", extra.connect),
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The local server's policy: everything, API and sign-in, on the one origin. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * Console sign-in (contract §8.1). /console/config.json says how: `local` (npm start's demo sign-in page, which
 * hands back a local ID token in the URL fragment) or `cognito` (the user pool's managed login, authorization
 * code + PKCE; MFA as the pool requires happens there). The console sends the ID token as Bearer, refreshes it a
 * minute before it expires, and signs out through the managed login's /logout. Tokens live in sessionStorage only.
 * In AWS the stack writes config.json (infra/constructs/web-distribution.ts); `apiUrl` is the pages' own origin (the
 * API is under the same CloudFront distribution), so the client keeps calling same-origin paths.
 */
import { takeEarly } from '../api/early.js';

export type AuthConfig =
  | { auth: 'local'; signIn: string }
  | { auth: 'cognito'; domain: string; clientId: string; redirectUri: string; logoutUri: string; apiUrl?: string };

export interface User {
  sub: string;
  name: string;
  email: string;
  groups: string[];
  locale?: string;
}

interface Tokens {
  idToken: string;
  refreshToken?: string;
  expiresAt: number;
}

const KEY = 'console.tokens';
const PKCE = 'console.pkce';

function b64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function claimsOf(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1] ?? '';
  const json = decodeURIComponent(
    atob(part.replace(/-/g, '+').replace(/_/g, '/'))
      .split('')
      .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .join(''),
  );
  return JSON.parse(json) as Record<string, unknown>;
}

function store(t: Tokens | undefined) {
  if (t) sessionStorage.setItem(KEY, JSON.stringify(t));
  else sessionStorage.removeItem(KEY);
}
function stored(): Tokens | undefined {
  try {
    const t = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Tokens | null;
    return t && t.expiresAt > Date.now() ? t : undefined;
  } catch {
    return undefined;
  }
}

function fromIdToken(idToken: string, refreshToken?: string): Tokens {
  const exp = Number(claimsOf(idToken).exp ?? 0) * 1000;
  return { idToken, ...(refreshToken ? { refreshToken } : {}), expiresAt: exp };
}

async function tokenCall(cfg: Extract<AuthConfig, { auth: 'cognito' }>, form: Record<string, string>) {
  const r = await fetch(`https://${cfg.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: cfg.clientId, ...form }).toString(),
  });
  if (!r.ok) throw new Error(`sign-in failed (${r.status})`);
  return (await r.json()) as { id_token: string; refresh_token?: string };
}

export class Auth {
  private refreshing?: Promise<void>;
  constructor(readonly cfg: AuthConfig) {}

  static async load(): Promise<Auth> {
    const r = (await takeEarly('/console/config.json')) ?? (await fetch('/console/config.json', { cache: 'no-store' }));
    return new Auth((await r.json()) as AuthConfig);
  }

  /** Finishes a sign-in that just came back (fragment token or ?code=), then answers the signed-in user, if any. */
  async complete(): Promise<User | undefined> {
    const hash = new URLSearchParams(location.hash.slice(1));
    const local = hash.get('id_token');
    if (this.cfg.auth === 'local' && local) {
      store(fromIdToken(local));
      history.replaceState(null, '', location.pathname + location.search);
    }
    const params = new URLSearchParams(location.search);
    const code = params.get('code');
    if (this.cfg.auth === 'cognito' && code) {
      const pkce = JSON.parse(sessionStorage.getItem(PKCE) ?? '{}') as { verifier?: string; state?: string };
      sessionStorage.removeItem(PKCE);
      if (pkce.verifier && pkce.state === params.get('state')) {
        const t = await tokenCall(this.cfg, {
          grant_type: 'authorization_code',
          code,
          redirect_uri: this.cfg.redirectUri,
          code_verifier: pkce.verifier,
        });
        store(fromIdToken(t.id_token, t.refresh_token));
      }
      history.replaceState(null, '', location.pathname);
    }
    const t = stored();
    if (!t) return undefined;
    const c = claimsOf(t.idToken);
    const groups = Array.isArray(c['cognito:groups']) ? (c['cognito:groups'] as string[]) : [];
    return {
      sub: String(c.sub),
      name: String(c.name ?? c.email ?? c.sub),
      email: String(c.email ?? ''),
      groups,
      ...(c.locale ? { locale: String(c.locale) } : {}),
    };
  }

  async signIn(): Promise<void> {
    if (this.cfg.auth === 'local') {
      location.assign(this.cfg.signIn);
      return;
    }
    const verifier = b64url(crypto.getRandomValues(new Uint8Array(48)));
    const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
    const challenge = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
    sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state }));
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: this.cfg.clientId,
      redirect_uri: this.cfg.redirectUri,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      code_challenge: challenge,
      state,
    });
    location.assign(`https://${this.cfg.domain}/oauth2/authorize?${q.toString()}`);
  }

  signOut(): void {
    store(undefined);
    if (this.cfg.auth === 'local') location.assign(this.cfg.signIn);
    else
      location.assign(
        `https://${this.cfg.domain}` +
          `/logout?${new URLSearchParams({ client_id: this.cfg.clientId, logout_uri: this.cfg.logoutUri }).toString()}`,
      );
  }

  /** The ID token for the next call, refreshed first when it has less than a minute left. */
  async token(): Promise<string | undefined> {
    const t = stored();
    if (t && t.expiresAt - Date.now() < 60_000 && t.refreshToken && this.cfg.auth === 'cognito') {
      const cfg = this.cfg;
      this.refreshing ??= tokenCall(cfg, { grant_type: 'refresh_token', refresh_token: t.refreshToken })
        .then((n) => store(fromIdToken(n.id_token, t.refreshToken)))
        .finally(() => (this.refreshing = undefined));
      await this.refreshing.catch(() => undefined);
    }
    return stored()?.idToken;
  }
}

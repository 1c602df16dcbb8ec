/**
 * A small OAuth2 server that behaves like the Cognito managed login's endpoints the console uses (issue 12):
 * `GET /oauth2/authorize` (authorization code + PKCE S256; answers with the redirect a signed-in managed-login
 * session gives), `POST /oauth2/token` (authorization_code with code_verifier, refresh_token; CORS for the console's
 * origin, form-encoded, single-use codes, `invalid_grant` otherwise) and `GET /logout` (client_id + a registered
 * logout_uri). Real HTTPS (a throw-away self-signed certificate from openssl), like the real domain. ID tokens are
 * signed with the local server's key, so the API accepts them exactly as it accepts Cognito's in AWS.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken, type LocalKeys, type TokenClaims } from '../../scripts/local/jwt.js';

export interface FakeCognitoOptions {
  keys: LocalKeys;
  clientId: string;
  redirectUris: string[];
  logoutUris: string[];
  /** the console's origin (CORS on /oauth2/token) */
  allowOrigin: string;
  user: TokenClaims;
  /** lifetime of the ID token from the code exchange, seconds (short: the console must refresh it) */
  firstTokenSeconds: number;
}

export interface OAuthCall {
  path: string;
  params: Record<string, string>;
  status: number;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  used: boolean;
}

export interface FakeCognito {
  /** host:port, as config.json's `domain` */
  domain: string;
  calls: OAuthCall[];
  /** ID tokens issued, in order */
  issued: string[];
  /** the next /oauth2/authorize redirects back with this state instead of the one it was given */
  tamperNextState?: string;
  close(): Promise<void>;
}

const b64url = (b: Buffer) => b.toString('base64url');

function selfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fake-cognito-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
}

export async function startFakeCognito(opts: FakeCognitoOptions): Promise<FakeCognito> {
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Set<string>();
  const fake: FakeCognito = { domain: '', calls: [], issued: [], close: async () => undefined };

  const server: Server = createServer(selfSignedCert(), (req, res) => {
    const url = new URL(req.url ?? '/', 'https://fake');
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const params = Object.fromEntries((req.method === 'POST' ? new URLSearchParams(body) : url.searchParams).entries());
      const answer = (status: number, headers: Record<string, string>, text = '') => {
        fake.calls.push({ path: url.pathname, params, status });
        res.writeHead(status, headers);
        res.end(text);
      };
      const json = (status: number, value: unknown) =>
        answer(
          status,
          { 'content-type': 'application/json', 'access-control-allow-origin': opts.allowOrigin, 'cache-control': 'no-store' },
          JSON.stringify(value),
        );

      if (req.method === 'GET' && url.pathname === '/oauth2/authorize') {
        const ok =
          params.response_type === 'code' &&
          params.client_id === opts.clientId &&
          opts.redirectUris.includes(params.redirect_uri ?? '') &&
          (params.scope ?? '').split(' ').includes('openid') &&
          params.code_challenge_method === 'S256' &&
          /^[A-Za-z0-9_-]{43}$/.test(params.code_challenge ?? '') &&
          !!params.state;
        if (!ok) return answer(400, { 'content-type': 'text/plain' }, 'invalid_request');
        const code = b64url(randomBytes(24));
        codes.set(code, { clientId: params.client_id!, redirectUri: params.redirect_uri!, challenge: params.code_challenge!, used: false });
        const state = fake.tamperNextState ?? params.state!;
        fake.tamperNextState = undefined;
        return answer(302, { location: `${params.redirect_uri}?${new URLSearchParams({ code, state }).toString()}` });
      }

      if (req.method === 'OPTIONS' && url.pathname === '/oauth2/token') {
        return answer(204, {
          'access-control-allow-origin': opts.allowOrigin,
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': 'content-type',
        });
      }
      if (req.method === 'POST' && url.pathname === '/oauth2/token') {
        if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
          return json(400, { error: 'invalid_request' });
        if (params.client_id !== opts.clientId) return json(400, { error: 'invalid_client' });
        void (async () => {
          if (params.grant_type === 'authorization_code') {
            const pending = codes.get(params.code ?? '');
            const verifierHash = b64url(
              createHash('sha256')
                .update(params.code_verifier ?? '')
                .digest(),
            );
            if (!pending || pending.used || pending.redirectUri !== params.redirect_uri || pending.challenge !== verifierHash) {
              return json(400, { error: 'invalid_grant' });
            }
            pending.used = true;
            const idToken = await signToken(opts.keys, { ...opts.user, expiresIn: opts.firstTokenSeconds });
            const refreshToken = b64url(randomBytes(32));
            refreshTokens.add(refreshToken);
            fake.issued.push(idToken);
            return json(200, {
              id_token: idToken,
              access_token: b64url(randomBytes(16)),
              refresh_token: refreshToken,
              expires_in: opts.firstTokenSeconds,
              token_type: 'Bearer',
            });
          }
          if (params.grant_type === 'refresh_token') {
            if (!refreshTokens.has(params.refresh_token ?? '')) return json(400, { error: 'invalid_grant' });
            const idToken = await signToken(opts.keys, { ...opts.user, expiresIn: 3600 });
            fake.issued.push(idToken);
            // as Cognito: a refresh answers new ID and access tokens, not a new refresh token
            return json(200, { id_token: idToken, access_token: b64url(randomBytes(16)), expires_in: 3600, token_type: 'Bearer' });
          }
          return json(400, { error: 'unsupported_grant_type' });
        })();
        return;
      }

      if (req.method === 'GET' && url.pathname === '/logout') {
        if (params.client_id !== opts.clientId || !opts.logoutUris.includes(params.logout_uri ?? ''))
          return answer(400, { 'content-type': 'text/plain' }, 'invalid_request');
        return answer(302, { location: params.logout_uri! });
      }
      answer(404, { 'content-type': 'text/plain' }, 'not found');
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  fake.domain = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((res) => server.close(() => res()));
  return fake;
}

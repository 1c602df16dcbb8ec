/**
 * Local JWTs shaped like Cognito ID tokens (`sub`, `cognito:groups`, `email`, `email_verified`, `token_use: id`), signed RS256
 * with a key kept in DATA_DIR, so `npm run token` and `npm start` agree. Verified like the HTTP API
 * JWT authorizer does: signature, issuer, audience, expiry; `alg: none` and other algorithms refused.
 */
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCAL_ISSUER = 'https://cognito-idp.local/results-hotline';
export const LOCAL_AUDIENCE = 'results-hotline-local';

export interface LocalKeys {
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function generateKeys(): Promise<LocalKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256' },
  };
}

export async function loadOrCreateKeys(dataDir: string): Promise<LocalKeys> {
  const file = join(dataDir, 'jwt-keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalKeys;
  mkdirSync(dataDir, { recursive: true });
  const keys = await generateKeys();
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

export interface TokenClaims {
  sub: string;
  groups: string[];
  email?: string;
  /** default true */
  emailVerified?: boolean;
  name?: string;
  locale?: string;
  /** seconds; default 8 hours */
  expiresIn?: number;
}

export async function signToken(keys: LocalKeys, claims: TokenClaims): Promise<string> {
  const key = await importJWK(keys.privateJwk, 'RS256');
  const payload: JWTPayload = { 'cognito:groups': claims.groups, token_use: 'id', client_id: LOCAL_AUDIENCE };
  if (claims.email) {
    payload.email = claims.email;
    // Cognito ID tokens carry it; officials are scoped only by a verified email (admin-created accounts are).
    payload.email_verified = claims.emailVerified ?? true;
  }
  if (claims.name) payload.name = claims.name;
  if (claims.locale) payload.locale = claims.locale;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: keys.privateJwk.kid, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (claims.expiresIn ?? 8 * 3600))
    .sign(key);
}

/** Returns the claims as the HTTP API authorizer hands them to Lambda: every value a string, arrays as "[a b]". */
export function makeVerifier(keys: LocalKeys) {
  const keyPromise = importJWK(keys.publicJwk, 'RS256');
  return async (token: string): Promise<Record<string, string>> => {
    const { payload } = await jwtVerify(token, await keyPromise, {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      algorithms: ['RS256'],
      requiredClaims: ['exp', 'sub'],
    });
    const claims: Record<string, string> = {};
    for (const [k, v] of Object.entries(payload)) claims[k] = Array.isArray(v) ? `[${v.join(' ')}]` : String(v);
    return claims;
  };
}

/**
 * The console's AWS sign-in (issue 12) in chromium against a real OAuth2 server that behaves like Cognito's managed
 * login (./fake-cognito.ts): authorization code + PKCE (S256 challenge of the verifier, the state checked on the way
 * back), the token exchange, a refresh before the ID token expires, sign-out through /logout. In front of the local
 * API + pages sits what CloudFront does in AWS: /console/config.json as the stack writes it (consoleConfig) and the
 * CSP whose connect-src names the login domain. Nothing in the page is mocked: its fetches go over the network.
 */
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleConfig } from '../../infra/constructs/web-distribution.js';
import { buildWeb } from '../../scripts/build-web.js';
import { createApiServer } from '../../scripts/local/api-server.js';
import { DEMO_USERS } from '../../scripts/local/console-signin.js';
import { generateKeys, makeVerifier } from '../../scripts/local/jwt.js';
import { contentSecurityPolicy } from '../../shared/web-headers.js';
import { createTestEnv } from '../support/harness.js';
import { testHandlerOf } from '../support/functions.js';
import { launchChromium } from './chromium.js';
import { startFakeCognito, type FakeCognito } from './fake-cognito.js';

const CLIENT_ID = 'console-client-1234';
let api: Server;
let front: Server;
let base: string;
let cognito: FakeCognito;
let browser: Browser;

/** What CloudFront adds in AWS: config.json from the bucket, the response-headers policy's CSP. */
function startFront(apiPort: number, config: () => unknown, csp: () => string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/console/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache', 'content-security-policy': csp() });
      res.end(JSON.stringify(config()));
      return;
    }
    const upstream = httpRequest({ host: '127.0.0.1', port: apiPort, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, { ...up.headers, 'content-security-policy': csp() });
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res(server)));
}

beforeAll(async () => {
  const env = await createTestEnv();
  const web = buildWeb(await mkdtemp(join(tmpdir(), 'pkce-web-')));
  const keys = await generateKeys();
  // no local demo sign-in here: config.json comes from "the stack"
  api = createApiServer({ verify: makeVerifier(keys), webRoot: web.outDir, handlerOf: testHandlerOf });
  await new Promise<void>((res) => api.listen(0, '127.0.0.1', () => res()));
  front = await startFront(
    (api.address() as AddressInfo).port,
    () =>
      consoleConfig({ domain: cognito.domain, clientId: CLIENT_ID, redirectUri: `${base}/console/`, logoutUri: `${base}/console/` }, base),
    // as the stack writes it: the build's inline blocks by hash, and the managed login's domain
    () => contentSecurityPolicy({ ...web.csp, connect: [`https://${cognito.domain}`] }),
  );
  base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  const staff = DEMO_USERS.staff;
  cognito = await startFakeCognito({
    keys,
    clientId: CLIENT_ID,
    redirectUris: [`${base}/console/`],
    logoutUris: [`${base}/console/`],
    allowOrigin: base,
    user: { ...staff, groups: [...staff.groups], locale: 'en' },
    // the console refreshes when less than a minute is left: this one has 63 s
    firstTokenSeconds: 63,
  });
  void env;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await cognito?.close();
  await new Promise((res) => front?.close(res));
  await new Promise((res) => api?.close(res));
});

async function newPage(): Promise<Page> {
  // the fake login domain's certificate is self-signed
  const ctx = await browser.newContext({ locale: 'en-GB', ignoreHTTPSErrors: true });
  return ctx.newPage();
}

const tokenCalls = () => cognito.calls.filter((c) => c.path === '/oauth2/token');

describe('console sign-in with the managed login (code + PKCE)', () => {
  it('signs in with a S256 challenge, exchanges the code with its verifier, refreshes before expiry, signs out', async () => {
    const page = await newPage();
    const bearers: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/staff/queue') bearers.push(r.headers().authorization ?? '');
    });
    await page.goto(`${base}/console/?lang=en`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('nav.console-nav', { timeout: 20_000 });

    const authorize = cognito.calls.find((c) => c.path === '/oauth2/authorize')!;
    expect(authorize.params).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${base}/console/`,
      code_challenge_method: 'S256',
    });
    expect(authorize.params.scope!.split(' ')).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
    const exchange = tokenCalls()[0]!;
    expect(exchange.status).toBe(200);
    expect(exchange.params).toMatchObject({ grant_type: 'authorization_code', client_id: CLIENT_ID, redirect_uri: `${base}/console/` });
    // the verifier the console kept is the one its challenge was made from (the server checked the S256 hash)
    expect(exchange.params.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(exchange.params.code_verifier).not.toBe(authorize.params.code_challenge);
    // the code and state are gone from the address bar; the PKCE secret is gone from storage
    const back = new URL(page.url()).searchParams;
    expect([back.has('code'), back.has('state')]).toEqual([false, false]);
    expect(await page.evaluate("sessionStorage.getItem('console.pkce')")).toBeNull();

    // the queue is called with the ID token from the exchange…
    await expect.poll(() => bearers.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(bearers[0]).toBe(`Bearer ${cognito.issued[0]}`);
    await expect.poll(() => page.locator('.service-bar').textContent(), { timeout: 15_000 }).toMatch(/Open|Closed/);
    // …and, with under a minute left, refreshed with the refresh token before the next call; the API accepts it
    await expect.poll(() => tokenCalls().filter((c) => c.params.grant_type === 'refresh_token').length, { timeout: 20_000 }).toBe(1);
    expect(tokenCalls()[1]!.params.refresh_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    await expect.poll(() => bearers.at(-1), { timeout: 15_000 }).toBe(`Bearer ${cognito.issued[1]}`);
    expect(await page.locator('.view [role=alert]').count()).toBe(0);
    // one refresh, not one per call
    await page.waitForTimeout(6_000);
    expect(tokenCalls().filter((c) => c.params.grant_type === 'refresh_token').length).toBe(1);

    // sign-out: through the managed login's /logout back to the console, signed out
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
    const logout = cognito.calls.find((c) => c.path === '/logout')!;
    expect(logout).toMatchObject({ status: 302, params: { client_id: CLIENT_ID, logout_uri: `${base}/console/` } });
    expect(await page.evaluate("sessionStorage.getItem('console.tokens')")).toBeNull();
  }, 120_000);

  it('refuses a code that comes back with another state (no token exchange), and a forged code without a pending sign-in', async () => {
    const page = await newPage();
    const before = tokenCalls().length;
    await page.goto(`${base}/console/?lang=en`);
    cognito.tamperNextState = 'forged-state';
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
    expect(cognito.calls.at(-1)!.path).toBe('/oauth2/authorize');
    expect(tokenCalls().length).toBe(before);
    expect(new URL(page.url()).searchParams.has('code')).toBe(false);
    expect(await page.evaluate("sessionStorage.getItem('console.tokens')")).toBeNull();

    await page.goto(`${base}/console/?code=stolen-code&state=any`);
    await page.getByRole('button', { name: /Sign in|Kirjaudu/ }).waitFor({ timeout: 15_000 });
    expect(tokenCalls().length).toBe(before);
    expect(await page.locator('nav.console-nav').count()).toBe(0);
  }, 60_000);
});

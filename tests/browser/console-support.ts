/**
 * The console's browser-test server: the local API + built pages + the LOCAL demo sign-in, against the suite's
 * DynamoDB Local and SES; Debian's chromium through playwright-core (Playwright's own download cannot work here).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildWeb, type WebBuild } from '../../scripts/build-web.js';
import { createApiServer } from '../../scripts/local/api-server.js';
import { testHandlerOf } from '../support/functions.js';
import { DEMO_USERS, localConsoleSignIn, type DemoUser } from '../../scripts/local/console-signin.js';
import { generateKeys, makeVerifier, signToken, type LocalKeys } from '../../scripts/local/jwt.js';
import type { Match, Series } from '../../shared/domain/records.js';
import { createTestEnv, type TestEnv } from '../support/harness.js';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });

export const CONSOLE_SERIES: Series = {
  id: 'console-series',
  name: 'Console Series',
  officials: [{ name: DEMO_USERS.official.name, email: DEMO_USERS.official.email, language: 'fi' }],
};

/** Today's Helsinki date at a Helsinki hour, as ISO (UTC). */
export function todayAt(hour: number): string {
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
  const guess = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  const shown = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', hourCycle: 'h23' }).format(guess));
  return new Date(guess.getTime() - (shown - hour) * 3600_000).toISOString();
}

export interface ConsoleEnv {
  env: TestEnv;
  base: string;
  web: WebBuild;
  keys: LocalKeys;
  matches: Match[];
  token(user: DemoUser): Promise<string>;
  /** a call to the API as a demo user (or without a token) */
  call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    user?: DemoUser,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function startConsole(): Promise<ConsoleEnv> {
  const env = await createTestEnv();
  const web = await buildWeb(await mkdtemp(join(tmpdir(), 'console-web-')));
  const keys = await generateKeys();
  const server: Server = createApiServer({
    verify: makeVerifier(keys),
    webRoot: web.outDir,
    consoleSignIn: localConsoleSignIn(keys),
    handlerOf: testHandlerOf,
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  (env as { publicWebUrl?: string }).publicWebUrl = base;
  await env.store.putSeries(CONSOLE_SERIES, undefined);
  const matches: Match[] = [
    { id: 'C-1001', seriesId: CONSOLE_SERIES.id, startsAt: todayAt(15), home: 'SPV', away: 'Classic', homeGoals: 5, awayGoals: 4 },
    { id: 'C-1002', seriesId: CONSOLE_SERIES.id, startsAt: todayAt(17), home: 'TPS', away: 'OLS' },
  ];
  await env.store.putMatches(matches);
  const token = (user: DemoUser) => {
    const u = DEMO_USERS[user];
    return signToken(keys, { ...u, groups: [...u.groups] });
  };
  const call = async <T>(method: string, path: string, body?: unknown, user?: DemoUser, headers: Record<string, string> = {}) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(user ? { authorization: `Bearer ${await token(user)}` } : {}), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return { env, base, web, keys, matches, token, call, close: () => new Promise((res) => server.close(() => res())) };
}

/** Signs in through the local sign-in page, as a person would. */
export async function signIn(page: Page, base: string, user: DemoUser, lang = 'en'): Promise<void> {
  await page.goto(`${base}/console/?lang=${lang}`);
  await page.getByRole('button', { name: /Sign in|Kirjaudu|Logga in/ }).click();
  await page.getByRole('button', { name: DEMO_USERS[user].name }).click();
  await page.waitForSelector('nav.console-nav');
}

export async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export function reportBody(matchId: string, email: string, proposed = { homeGoals: 5, awayGoals: 3 }) {
  return {
    matchId,
    category: 'final-score',
    description: 'The last goal was credited to the wrong team.',
    proposed,
    reporter: { name: 'Maija Meikäläinen', email, team: 'SPV' },
    language: 'en',
  };
}

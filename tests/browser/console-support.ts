/**
 * The console's browser-test server: the local API + built pages + the LOCAL demo sign-in, against the suite's
 * DynamoDB Local and SES (./support.ts), and Debian's chromium (./chromium.ts). `consoleSuite()` sets both up for a
 * test file.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { WebBuild } from '../../scripts/build-web.js';
import { DEMO_USERS, type DemoUser } from '../../scripts/local/console-signin.js';
import { signToken, type LocalKeys } from '../../scripts/local/jwt.js';
import type { Match, Series } from '../../shared/domain/records.js';
import type { TestEnv } from '../support/harness.js';
import { launchChromium } from './chromium.js';
import { startPagesServer, todayAt } from './support.js';

export { seriousViolations } from './chromium.js';

export const CONSOLE_SERIES: Series = {
  id: 'console-series',
  name: 'Console Series',
  officials: [{ name: DEMO_USERS.official.name, email: DEMO_USERS.official.email, language: 'fi' }],
};

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
  const { env, web, keys, server, base } = await startPagesServer({ consoleSignIn: true });
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

export type ConsoleSuite = ConsoleEnv & {
  browser: Browser;
  /** a desktop page in its own browser context (own sessionStorage: its own signed-in user) */
  newPage(locale?: string, viewport?: { width: number; height: number }): Promise<Page>;
};

/**
 * The console server and one chromium for the test file (or the describe block) that calls this: started before its
 * tests, closed after. Its fields are there once the tests run (beforeAll fills them in).
 */
export function consoleSuite(): ConsoleSuite {
  const suite = {
    newPage: async (locale = 'en-GB', viewport = { width: 1280, height: 900 }) =>
      (await suite.browser.newContext({ locale, viewport })).newPage(),
  } as ConsoleSuite;
  beforeAll(async () => {
    Object.assign(suite, await startConsole(), { browser: await launchChromium() });
  }, 120_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.close?.();
  });
  return suite;
}

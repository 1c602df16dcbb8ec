/**
 * The local server (API + built pages) for browser tests, against the suite's DynamoDB Local and SES: the report
 * pages' (startWeb) and, with the local demo sign-in, the console's (./console-support.ts).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildWeb, type WebBuild } from '../../scripts/build-web.js';
import { createApiServer } from '../../scripts/local/api-server.js';
import { localConsoleSignIn } from '../../scripts/local/console-signin.js';
import { testHandlerOf } from '../support/functions.js';
import { generateKeys, makeVerifier, type LocalKeys } from '../../scripts/local/jwt.js';
import type { Match } from '../../shared/domain/records.js';
import { createTestEnv, DEMO_SERIES, OTHER_SERIES, sentEmails, type TestEnv } from '../support/harness.js';

export interface WebEnv {
  env: TestEnv;
  base: string;
  server: Server;
  matches: Match[];
  close(): Promise<void>;
}

/** Today's Helsinki date at a Helsinki hour, as ISO (UTC). */
export function todayAt(hour: number): string {
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
  const guess = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  const shown = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', hourCycle: 'h23' }).format(guess));
  return new Date(guess.getTime() - (shown - hour) * 3600_000).toISOString();
}

export interface PagesServer {
  env: TestEnv;
  web: WebBuild;
  keys: LocalKeys;
  server: Server;
  base: string;
}

/** A fresh test table, the pages built to a temp dir, and the local API server on a free port serving both. */
export async function startPagesServer(opts: { consoleSignIn?: boolean } = {}): Promise<PagesServer> {
  const env = await createTestEnv();
  const web = buildWeb(await mkdtemp(join(tmpdir(), 'web-')));
  const keys = await generateKeys();
  const server = createApiServer({
    verify: makeVerifier(keys),
    webRoot: web.outDir,
    handlerOf: testHandlerOf,
    ...(opts.consoleSignIn ? { consoleSignIn: localConsoleSignIn(keys) } : {}),
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // emails link to the pages on this server (PUBLIC_WEB_URL)
  env.publicWebUrl = base;
  return { env, web, keys, server, base };
}

export async function startWeb(): Promise<WebEnv> {
  const { env, base, server } = await startPagesServer();
  await env.store.putSeries(DEMO_SERIES, undefined);
  await env.store.putSeries(OTHER_SERIES, undefined);
  const matches: Match[] = [
    { id: 'W-1001', seriesId: DEMO_SERIES.id, startsAt: todayAt(15), home: 'SPV', away: 'Classic', homeGoals: 5, awayGoals: 4 },
    { id: 'W-1002', seriesId: DEMO_SERIES.id, startsAt: todayAt(17), home: 'TPS', away: 'OLS' },
    { id: 'W-2001', seriesId: OTHER_SERIES.id, startsAt: todayAt(13), home: 'Koovee', away: 'Steelers', homeGoals: 2, awayGoals: 2 },
  ];
  await env.store.putMatches(matches);
  return { env, base, server, matches, close: () => new Promise((res) => server.close(() => res())) };
}

/** The status-page link of the newest email to this address whose subject matches. */
export async function statusLinkFromEmail(env: TestEnv, to: string, subject: RegExp, base: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const emails = (await sentEmails(env.sesEndpoint, to)).filter((e) => subject.test(e.subject));
    const last = emails.at(-1);
    const link = last?.body.text?.match(new RegExp(`${base.replace(/[.:/]/g, '\\$&')}/status/[^\\s#]+#t=[A-Za-z0-9._-]+`))?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email with a status link to ${to} (${subject})`);
}

export const activeName = (page: Page) =>
  page.evaluate('document.activeElement && document.activeElement.getAttribute("name")') as Promise<string | null>;

/** Keyboard only: Tab until the control named `name` has focus. */
export async function tabTo(page: Page, name: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await activeName(page)) === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached [name="${name}"]`);
}

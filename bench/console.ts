/**
 * The console's figures (issue 12): its JavaScript + CSS gzipped, the time to a usable queue with 200 open items
 * under 4× CPU slowdown (Debian chromium, CDP throttling), and the API calls per minute an idle console makes.
 * `BENCH_ONLY=console npm run bench` runs just this.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildWeb } from '../scripts/build-web.js';
import { composedHandlers, createApiServer } from '../scripts/local/api-server.js';
import { DEMO_USERS, localConsoleSignIn } from '../scripts/local/console-signin.js';
import { generateKeys, makeVerifier, signToken } from '../scripts/local/jwt.js';
import { ensureTable, freePort, startDynamoLocal, startSesLocal } from '../scripts/local/services.js';
import { makeDocumentClient } from '../shared/adapters/aws-clients.js';
import { makeSesClient } from '../shared/adapters/ses-client.js';
import { SesMailer } from '../shared/adapters/ses-mailer.js';
import { loadConfig } from '../shared/config.js';
import { systemClock } from '../shared/ports/clock.js';
import { DynamoStore } from '../shared/store/dynamo-store.js';
import { forgetCalendar } from '../shared/usecases/deps.js';

/** The few browser globals the measurements read (this file is type-checked without the DOM library). */
type BrowserGlobals = { document: { querySelectorAll(s: string): { length: number } }; performance: { now(): number } };

export interface ConsoleBench {
  jsGzipBytes: number;
  cssGzipBytes: number;
  totalGzipKB: number;
  openItems: number;
  usableQueueMs: number;
  cpuSlowdown: number;
  idleCallsPerMinute: number;
  idleSampleSeconds: number;
}

export async function benchConsole(opts: { idleSeconds: number; log: (s: string) => void }): Promise<ConsoleBench> {
  const { log } = opts;
  const web = await buildWeb(await mkdtemp(join(tmpdir(), 'bench-console-')));
  const gz = async (f: string) => gzipSync(await readFile(join(web.outDir, 'assets', f)), { level: 9 }).length;
  const jsGzipBytes = await gz(web.assets.console);
  const cssGzipBytes = await gz(web.assets.consoleCss);
  log(`  console JS ${(jsGzipBytes / 1024).toFixed(1)} KB + CSS ${(cssGzipBytes / 1024).toFixed(1)} KB gzipped (target ≤ 150 KB)`);

  const [dynamoPort, sesPort] = [await freePort(), await freePort()];
  const dynamo = await startDynamoLocal({ port: dynamoPort });
  const ses = await startSesLocal({ port: sesPort });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.SES_ENDPOINT = ses.endpoint;
  const cfg = loadConfig();
  const table = 'console-bench';
  await ensureTable(dynamo.endpoint, table);
  const store = new DynamoStore(makeDocumentClient(cfg), table);
  forgetCalendar();
  await store.putSeries({ id: 'bench', name: 'Bench series', officials: [] }, undefined);
  await store.putMatches([
    { id: 'B-1', seriesId: 'bench', startsAt: new Date().toISOString(), home: 'SPV', away: 'Classic', homeGoals: 1, awayGoals: 0 },
  ]);
  const keys = await generateKeys();
  const server = createApiServer({
    verify: makeVerifier(keys),
    webRoot: web.outDir,
    consoleSignIn: localConsoleSignIn(keys),
    handlerOf: composedHandlers({ store, mailer: new SesMailer(makeSesClient(cfg), cfg.sesFrom), clock: systemClock }),
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const openItems = 200;
    for (let i = 0; i < openItems; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_x, j) =>
          fetch(`${base}/corrections`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              matchId: 'B-1',
              category: 'other',
              description: `bench ${i + j}`,
              reporter: { name: 'Bench', email: `bench${i + j}@example.test` },
              language: 'fi',
            }),
          }).then((r) => r.text()),
        ),
      );
    }
    const u = DEMO_USERS.staff;
    const token = await signToken(keys, { ...u, groups: [...u.groups] });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    // warm the local server's handlers once, so the figure is the browser's, not a Lambda cold start
    await page.goto(`${base}/console/?lang=en#id_token=${token}`);
    await page.waitForSelector('table.queue tbody tr[data-id]', { timeout: 60_000 });
    const cdp = await page.context().newCDPSession(page);
    const cpuSlowdown = 4;
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${base}/console/?lang=en#/queue`);
      await page.waitForFunction(
        () => (globalThis as unknown as BrowserGlobals).document.querySelectorAll('table.queue tbody tr[data-id]').length >= 100,
        undefined,
        { timeout: 60_000 },
      );
      samples.push(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).performance.now()));
    }
    const usableQueueMs = Math.round(samples.sort((a, b) => a - b)[1]!);
    log(
      `  usable queue (first 100 of ${openItems} open items drawn) under ${cpuSlowdown}× CPU slowdown: ` +
        `${usableQueueMs} ms (median of 3; target ≤ 2000)`,
    );
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    let calls = 0;
    page.on('request', (r) => {
      const p = new URL(r.url()).pathname;
      if (!p.startsWith('/assets/') && !p.startsWith('/console')) calls++;
    });
    await page.waitForTimeout(opts.idleSeconds * 1000);
    const idleCallsPerMinute = Math.round((calls * 60) / opts.idleSeconds);
    log(
      `  idle console: ${calls} API calls in ${opts.idleSeconds} s → ${idleCallsPerMinute} a minute ` +
        `(queue polls with If-None-Match: 304s while nothing changes)`,
    );
    return {
      jsGzipBytes,
      cssGzipBytes,
      totalGzipKB: Math.round(((jsGzipBytes + cssGzipBytes) / 1024) * 10) / 10,
      openItems,
      usableQueueMs,
      cpuSlowdown,
      idleCallsPerMinute,
      idleSampleSeconds: opts.idleSeconds,
    };
  } finally {
    await browser.close();
    await new Promise((res) => server.close(res));
    await Promise.all([dynamo.stop(), ses.stop()]);
  }
}

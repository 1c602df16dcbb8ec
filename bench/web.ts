/**
 * The web pages (issue 10): page weight — JavaScript and CSS of `/` and `/status`, gzipped (target ≤ 60 KB
 * together) — and time until the report form can be used in Debian's chromium with 4× CPU slowdown and a slow
 * 3G profile (400 ms RTT, 400 kbit/s each way; target ≤ 2.5 s), next to the same for a blank page. The API is
 * a stub with canned answers on the same origin, so the figure is the page's own cost (the API has its own
 * benchmark). "Usable": the first match of the day is on screen, so the form can be filled in — as the page's own
 * clock sees it (./usable-probe.ts; until session 4 the bench polled with waitForSelector, whose injected script
 * cost the loading page main-thread time under the 4× slowdown).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWeb } from '../scripts/build-web.js';
import { serveWeb } from '../scripts/local/static-web.js';
import { launchChromium } from '../tests/browser/chromium.js';
import { addUsableProbe, timeToUsable } from './usable-probe.js';

const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 };

export interface WebBench {
  weight: { reportGzBytes: number; statusGzBytes: number; togetherGzBytes: number; targetGzBytes: number };
  timeToUsable: { formMs: number; blankMs: number; targetMs: number; runs: number; profile: string };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchWeb(runs: number, log: (s: string) => void): Promise<WebBench> {
  const web = buildWeb(mkdtempSync(join(tmpdir(), 'bench-web-')));
  const gz = (f: string) => gzipSync(readFileSync(join(web.outDir, 'assets', f)), { level: 9 }).length;
  const css = gz(web.assets.css);
  const reportGz = gz(web.assets.report) + css;
  const statusGz = gz(web.assets.status) + css;
  // a browser fetches the shared CSS once: "together" counts it once
  const together = gz(web.assets.report) + gz(web.assets.status) + css;

  const now = new Date();
  const canned: Record<string, unknown> = {
    '/service-status': {
      at: now.toISOString(),
      mode: 'results',
      open: true,
      opensAt: null,
      closesAt: null,
      nextOpenAt: null,
      firstResponseTargetMinutes: 30,
      expectedResponseBy: new Date(now.getTime() + 1_800_000).toISOString(),
      message: 'Päivystys on auki.',
    },
    '/matches': {
      items: Array.from({ length: 12 }, (_, i) => ({
        id: `M-${i}`,
        seriesId: 's',
        seriesName: 'F-liiga, miehet',
        startsAt: now.toISOString(),
        home: `Koti ${i}`,
        away: `Vieras ${i}`,
        status: 'played',
        homeGoals: 3,
        awayGoals: 2,
      })),
    },
    '/challenge': { algorithm: 'SHA-256', challenge: '0'.repeat(64), maxnumber: 10, salt: 'x', signature: 'y' },
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/blank') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(
        '<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>blank</title></head><body><p>blank</p></body></html>',
      );
    }
    if (canned[path]) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(canned[path]));
    }
    void serveWeb(req, res, web.outDir, path).then((served) => {
      if (!served) res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const measure = async (path: string, selector: string) => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await addUsableProbe(page, selector);
    const { painted } = await timeToUsable(page, () => page.goto(`${base}${path}`, { waitUntil: 'commit' }));
    await ctx.close();
    return painted;
  };
  const form: number[] = [];
  const blank: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      blank.push(await measure('/blank', 'p'));
      form.push(await measure('/?lang=fi', 'input[name="matchId"]'));
    }
  } finally {
    await browser.close();
    server.close();
  }
  const result: WebBench = {
    weight: { reportGzBytes: reportGz, statusGzBytes: statusGz, togetherGzBytes: together, targetGzBytes: 60 * 1024 },
    timeToUsable: {
      formMs: Math.round(median(form)),
      blankMs: Math.round(median(blank)),
      targetMs: 2500,
      runs,
      profile: '4× CPU slowdown, 400 ms RTT, 400 kbit/s down and up, no cache',
    },
  };
  log(
    `  page weight (gzip, JS+CSS): / ${(reportGz / 1024).toFixed(1)} KB, /status ` +
      `${(statusGz / 1024).toFixed(1)} KB, together ${(together / 1024).toFixed(1)} KB (target ≤ 60 KB)`,
  );
  log(
    `  time to usable form (median of ${runs}, ${result.timeToUsable.profile}): ` +
      `${result.timeToUsable.formMs} ms; blank page ${result.timeToUsable.blankMs} ms (target ≤ 2500 ms)`,
  );
  return result;
}

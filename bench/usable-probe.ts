/**
 * "Usable" as the page itself sees it, for the page benches (bench/web.ts, bench/console.ts): a script Playwright adds
 * before the page's own (addInitScript) watches the DOM; once `atLeast` elements match `selector` it notes the time,
 * and after the next frame (so they are painted) it logs both — by the page's clock, ms since its navigation began.
 * Polling from the bench instead (waitForSelector/waitForFunction) would inject Playwright's own script into the page
 * while it loads: ~100 ms of main-thread work under 4× CPU slowdown, counted against the page.
 */
import type { Page } from 'playwright-core';

const TAG = 'bench:usable';

export async function addUsableProbe(page: Page, selector: string, atLeast = 1): Promise<void> {
  await page.addInitScript({
    content: `(() => {
  const check = () => {
    if (document.querySelectorAll(${JSON.stringify(selector)}).length < ${atLeast}) return;
    obs.disconnect();
    const inDom = performance.now();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => console.debug(${JSON.stringify(TAG)}, inDom, performance.now());
      ch.port2.postMessage(0);
    });
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { childList: true, subtree: true });
})();`,
  });
}

/** Navigates with `go` and answers when the probe saw the page usable: in the DOM, and painted. */
export async function timeToUsable(page: Page, go: () => Promise<unknown>, timeout = 60_000): Promise<{ inDom: number; painted: number }> {
  const usable = page.waitForEvent('console', { predicate: (m) => m.text().startsWith(TAG), timeout });
  await go();
  const [, inDom, painted] = (await usable).text().split(' ').map(Number);
  return { inDom: inDom!, painted: painted! };
}

/** Screenshots for the README (docs/img/console-*.png): run by hand with SHOTS=1; skipped otherwise. */
import { describe, it } from 'vitest';
import { uniqueEmail } from '../support/harness.js';
import { consoleSuite, reportBody, signIn } from './console-support.js';

describe.skipIf(!process.env.SHOTS)('console screenshots', () => {
  const cx = consoleSuite();
  it('queue and case', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push(
        (await cx.call<{ id: string }>('POST', '/corrections', reportBody(i % 2 ? 'C-1002' : 'C-1001', uniqueEmail('shot')))).body.id,
      );
    await cx.call('POST', '/callbacks', {
      name: 'Kalle Kotijoukkue',
      phone: '+358401234567',
      language: 'fi',
      topic: 'Ottelun C-1001 tulos',
    });
    await cx.call('POST', `/staff/corrections/${ids[1]}/claim`, {}, 'staff2');
    const page = await cx.newPage('en-GB', { width: 1280, height: 720 });
    await signIn(page, cx.base, 'staff');
    await page.goto(`${cx.base}/console/?lang=en#/queue`);
    await page.locator('tr[data-id]').nth(4).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'docs/img/console-queue.png' });
    await page.goto(`${cx.base}/console/?lang=en#/case/${ids[0]}`);
    await page.locator('.side-by-side').waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1000);
    await page.screenshot({ path: 'docs/img/console-case.png', fullPage: false });
    await page.goto(`${cx.base}/console/?lang=fi#/reports`);
    await page.locator('table.figures').waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1000);
    await page.screenshot({ path: 'docs/img/console-reports-fi.png' });
  }, 120_000);
});

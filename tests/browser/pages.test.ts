/**
 * The report form and the status page in Debian's chromium (contract §8, issue 10): a report end to end
 * through the form, the email's link, a request for details answered on the page; Swedish and English;
 * keyboard only; axe-core finds nothing serious or critical; refused and lost requests keep the input;
 * a wrong or expired link shows a plain page. CAPTCHA=required: the pages solve ALTCHA in the background.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestInfo, resolve } from '../../shared/usecases/corrections-staff.js';
import { uniqueEmail } from '../support/harness.js';
import { launchChromium, seriousViolations } from './chromium.js';
import { startWeb, statusLinkFromEmail, tabTo, type WebEnv } from './support.js';

let web: WebEnv;
let browser: Browser;
const STAFF = { sub: 'anna', email: 'anna@salibandy.test', name: 'Anna', language: 'fi' as const };
const REF = /^TP-[2-9A-Z]{4}-[2-9A-Z]{4}$/;

beforeAll(async () => {
  process.env.CAPTCHA = 'required';
  web = await startWeb();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  delete process.env.CAPTCHA;
  await browser?.close();
  await web?.close();
});

async function newPage(locale = 'fi-FI', viewport = { width: 390, height: 844 }): Promise<Page> {
  const ctx = await browser.newContext({ locale, viewport });
  return ctx.newPage();
}

async function fillReport(page: Page, o: { email: string; category?: string; home?: string; away?: string; match?: string }) {
  await page.getByLabel(o.match ?? /SPV – Classic/).check();
  await page.selectOption('select[name="category"]', o.category ?? 'final-score');
  if (o.home !== undefined) await page.fill('input[name="proposed.homeGoals"]', o.home);
  if (o.away !== undefined) await page.fill('input[name="proposed.awayGoals"]', o.away);
  await page.fill('textarea[name="description"]', 'Viimeinen maali on kirjattu väärälle joukkueelle.');
  await page.fill('input[name="reporter.name"]', 'Maija Meikäläinen');
  await page.fill('input[name="reporter.email"]', o.email);
  await page.selectOption('select[name="reporter.team"]', 'SPV');
}

describe('report form and status page in chromium', () => {
  it('reports through the form, follows the email link, answers the request for details (Finnish)', async () => {
    const page = await newPage();
    const email = uniqueEmail('web');
    await page.goto(`${web.base}/?lang=fi`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Ilmoita virheestä ottelun tuloksessa');
    // the first call of each in-process handler may take seconds on a busy machine
    await expect.poll(() => page.locator('.service').textContent(), { timeout: 15_000 }).toContain('vastaamme viimeistään');
    await expect.poll(() => page.locator('label', { hasText: 'SPV – Classic' }).textContent()).toContain('virallinen tulos 5–4');
    // the controls carry the API's field paths (contract §8)
    for (const name of [
      'matchId',
      'category',
      'description',
      'reporter.name',
      'reporter.email',
      'reporter.phone',
      'reporter.team',
      'language',
    ]) {
      expect(await page.locator(`[name="${name}"]`).count(), name).toBeGreaterThan(0);
    }
    await fillReport(page, { email, home: '5', away: '3' });
    expect(await page.locator('[name="proposed.homeGoals"]').count()).toBe(1);
    const posts: { key?: string; altcha?: string }[] = [];
    page.on(
      'request',
      (r) => r.method() === 'POST' && posts.push({ key: r.headers()['idempotency-key'], altcha: r.headers()['x-altcha'] }),
    );
    await page.getByRole('button', { name: 'Lähetä ilmoitus' }).click();
    const reference = (await page.locator('.reference').textContent({ timeout: 30_000 }))!;
    expect(reference).toMatch(REF);
    expect(await page.locator('.done').textContent()).toContain('Vastaamme viimeistään');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.key).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
    expect(posts[0]!.altcha).toBeTruthy();
    expect(await seriousViolations(page)).toEqual([]);

    // the acknowledgement email links to the status page, with its own token in the fragment
    const ackLink = await statusLinkFromEmail(web.env, email, new RegExp(reference), web.base);
    const id = new URL(ackLink).pathname.split('/').pop()!;
    const c = await web.env.store.getCase(id);
    expect(c).toMatchObject({
      reference,
      status: 'queued',
      matchId: 'W-1001',
      proposed: { homeGoals: 5, awayGoals: 3 },
      reporter: { team: 'SPV' },
    });
    const status = await newPage('fi-FI', { width: 1280, height: 900 });
    const seen: string[] = [];
    status.on('request', (r) => seen.push(r.url()));
    await status.goto(ackLink);
    await expect.poll(() => status.locator('.state-text').textContent()).toContain('Jonossa');
    expect(seen.some((u) => u.includes('#') || u.includes(new URL(ackLink).hash.slice(3)))).toBe(false); // the token never leaves in a URL

    // staff ask for details; the email's link opens the page with the question and a reply box
    await requestInfo(web.env, id, STAFF, 'Kumpi pelaaja teki viimeisen maalin?');
    const askLink = await statusLinkFromEmail(web.env, email, /lisätietoja/, web.base);
    expect(askLink).not.toBe(ackLink); // a fresh token per email
    await status.goto(askLink);
    await expect.poll(() => status.locator('.state-text').textContent()).toContain('Odottaa vastaustasi');
    expect(await status.locator('.messages').textContent()).toContain('Kumpi pelaaja teki viimeisen maalin?');
    expect(await seriousViolations(status)).toEqual([]);
    await status.getByLabel(/Vastauksesi/).fill('Numero 17, Virtanen.');
    await status.getByRole('button', { name: 'Lähetä vastaus' }).click();
    await expect.poll(() => status.locator('.notice').textContent()).toContain('Vastauksesi on lähetetty');
    expect(await status.locator('.messages').textContent()).toContain('Numero 17, Virtanen.');
    expect((await web.env.store.getCase(id))!.status).toBe('queued');
    expect(await seriousViolations(status)).toEqual([]);
  }, 180_000);

  it('speaks Swedish and English: ?lang, the browser language, and the switch keeps what was typed', async () => {
    const sv = await newPage('sv-FI');
    await sv.goto(`${web.base}/`);
    await expect.poll(() => sv.locator('h1').textContent()).toBe('Anmäl ett fel i ett matchresultat');
    expect(await sv.locator('html').getAttribute('lang')).toBe('sv');
    await expect.poll(() => sv.locator('.service h2').textContent()).toBe('Resultatjouren');
    await sv.fill('input[name="reporter.name"]', 'Sven Svensson');
    await sv.getByRole('link', { name: 'English' }).click();
    await expect.poll(() => sv.locator('h1').textContent()).toBe('Report an error in a match result');
    expect(sv.url()).toContain('lang=en');
    expect(await sv.inputValue('input[name="reporter.name"]')).toBe('Sven Svensson');
    expect(await seriousViolations(sv)).toEqual([]);

    const en = await newPage('de-DE');
    await en.goto(`${web.base}/?lang=en`);
    await expect.poll(() => en.locator('label', { hasText: 'SPV – Classic' }).textContent()).toContain('official result 5–4');
    const email = uniqueEmail('en');
    await fillReport(en, { email, home: '5', away: '3' });
    await en.selectOption('select[name="language"]', 'en');
    await en.getByRole('button', { name: 'Send the report' }).click();
    expect(await en.locator('.reference').textContent({ timeout: 30_000 })).toMatch(REF);
    await en.locator('a.status-link').click();
    await expect.poll(() => en.locator('.state-text').textContent()).toContain('In the queue');
    expect(await seriousViolations(en)).toEqual([]);

    const fallback = await newPage('de-DE');
    await fallback.goto(`${web.base}/`);
    await expect.poll(() => fallback.locator('html').getAttribute('lang')).toBe('fi');
  }, 180_000);

  it('works with the keyboard alone', async () => {
    const page = await newPage();
    await page.goto(`${web.base}/?lang=fi`);
    await page.locator('input[name="matchId"]').first().waitFor();
    await tabTo(page, 'matchId');
    await page.keyboard.press('Space');
    expect(await page.locator('input[name="matchId"]:checked').count()).toBe(1);
    await tabTo(page, 'category');
    await page.keyboard.press('ArrowDown'); // "Lopputulos" (final score)
    await expect.poll(() => page.locator('input[name="proposed.homeGoals"]').count()).toBe(1);
    await tabTo(page, 'proposed.homeGoals');
    await page.keyboard.type('2');
    await tabTo(page, 'proposed.awayGoals');
    await page.keyboard.type('1');
    await tabTo(page, 'description');
    await page.keyboard.type('Erätulokset 1–0, 1–1, 0–0.');
    await tabTo(page, 'reporter.name');
    await page.keyboard.type('Keijo Näppäimistö');
    await tabTo(page, 'reporter.email');
    await page.keyboard.type(uniqueEmail('kbd'));
    await page.keyboard.press('Enter');
    expect(await page.locator('.reference').textContent({ timeout: 30_000 })).toMatch(REF);
    // focus moved to the confirmation; the status link is reachable by Tab
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('done-h');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.className')).toBe('status-link');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.state-text').textContent()).toContain('Jonossa');
  }, 180_000);

  it(
    'a refused submit shows the reason next to the field and keeps everything typed; a lost connection ' + 'retries with the same key',
    async () => {
      const page = await newPage();
      await page.goto(`${web.base}/?lang=fi`);
      await page.locator('input[name="matchId"]').first().waitFor();
      const email = uniqueEmail('refused');
      await fillReport(page, { email }); // final score without the proposed result: the API refuses it
      await page.fill('input[name="reporter.phone"]', '040 123');
      await page.getByRole('button', { name: 'Lähetä ilmoitus' }).click();
      await expect.poll(() => page.locator('.alert').textContent(), { timeout: 30_000 }).toContain('Ilmoitusta ei lähetetty');
      const errors = await page.locator('[data-error-for]').evaluateAll((els) => els.map((e) => e.getAttribute('data-error-for')));
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.some((e) => e === 'proposed' || e === 'reporter.phone')).toBe(true);
      expect(await page.inputValue('textarea[name="description"]')).toBe('Viimeinen maali on kirjattu väärälle joukkueelle.');
      expect(await page.inputValue('input[name="reporter.email"]')).toBe(email);
      expect(await page.inputValue('input[name="reporter.phone"]')).toBe('040 123');
      expect(await page.locator('input[name="matchId"]:checked').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);

      // fix it; the first send is answered by the server but the answer never arrives
      await page.fill('input[name="reporter.phone"]', '');
      await page.fill('input[name="proposed.homeGoals"]', '5');
      await page.fill('input[name="proposed.awayGoals"]', '3');
      const keys: string[] = [];
      let dropped = false;
      await page.route('**/corrections', async (route) => {
        keys.push(route.request().headers()['idempotency-key']!);
        if (dropped) return route.continue();
        dropped = true;
        await route.fetch(); // reaches the API, which stores the report…
        await route.abort('connectionreset'); // …but the phone never hears back
      });
      await page.getByRole('button', { name: 'Lähetä ilmoitus' }).click();
      await expect.poll(() => page.locator('.alert').textContent(), { timeout: 30_000 }).toContain('Yhteys katkesi');
      expect(await page.inputValue('input[name="reporter.email"]')).toBe(email);
      await page.getByRole('button', { name: 'Yritä uudelleen' }).click();
      const reference = (await page.locator('.reference').textContent({ timeout: 30_000 }))!;
      expect(reference).toMatch(REF);
      expect(keys).toHaveLength(2);
      expect(keys[1]).toBe(keys[0]);
      // one report, one acknowledgement
      const link = await statusLinkFromEmail(web.env, email, new RegExp(reference), web.base);
      expect(link).toContain('/status/');
      const queue = await web.env.store.listQueue({ limit: 200 }).catch(() => undefined);
      if (queue) expect(queue.items.filter((i: { reference: string }) => i.reference === reference)).toHaveLength(1);
    },
    180_000,
  );

  it('a wrong or expired link shows a plain page in the right language, never JSON', async () => {
    const page = await newPage('sv-FI');
    await page.goto(`${web.base}/status/00000000-0000-0000-0000-000000000000?lang=en#t=nonsense`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('This link no longer works');
    // (the page's own code is inline in its HTML: look at what the page shows)
    expect(await page.locator('body').innerText()).not.toContain('"error"');
    expect(await seriousViolations(page)).toEqual([]);

    // a resolved case: the link works for 30 days, then it does not
    const email = uniqueEmail('expiry');
    await page.goto(`${web.base}/?lang=sv`);
    await page.locator('input[name="matchId"]').first().waitFor();
    await fillReport(page, { email, home: '5', away: '3' });
    await page.getByRole('button', { name: 'Skicka anmälan' }).click();
    const reference = (await page.locator('.reference').textContent({ timeout: 30_000 }))!;
    const link = await statusLinkFromEmail(web.env, email, new RegExp(reference), web.base);
    const id = new URL(link).pathname.split('/').pop()!;
    const now = Date.now();
    web.env.setNow(new Date(now));
    await resolve(web.env, id, STAFF, {
      outcome: 'corrected',
      message: 'Rättat till 5–3.',
      correctedResult: { homeGoals: 5, awayGoals: 3 },
    });
    const resolvedLink = await statusLinkFromEmail(web.env, email, /Rättelsen är gjord/, web.base);
    web.env.setNow(new Date(now + 29 * 24 * 3600_000));
    await page.goto(resolvedLink);
    await expect.poll(() => page.locator('.state-text').textContent()).toContain('Behandlad');
    expect(await page.locator('.reply').count()).toBe(1); // reopen box
    web.env.setNow(new Date(now + 31 * 24 * 3600_000));
    await page.goto(link);
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Den här länken fungerar inte längre');
    expect(await seriousViolations(page)).toEqual([]);
  }, 180_000);
});

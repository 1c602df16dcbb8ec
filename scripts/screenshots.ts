/**
 * README screenshots of the pages (docs/img/*.png) from a running `npm start`:
 * `npx tsx scripts/screenshots.ts [http://localhost:3000]`. Fills the form on a demo match of today.
 */
import { launchChromium } from '../tests/browser/chromium.js';

const base = process.argv[2] ?? 'http://localhost:3000';
const browser = await launchChromium();
try {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'fi-FI' });
  await phone.goto(`${base}/`);
  await phone.locator('input[name="matchId"]').first().waitFor();
  await phone.locator('input[name="matchId"]').first().check();
  await phone.selectOption('select[name="category"]', 'final-score');
  await phone.fill('input[name="proposed.homeGoals"]', '5');
  await phone.fill('input[name="proposed.awayGoals"]', '3');
  await phone.fill(
    'textarea[name="description"]',
    'Pöytäkirjassa kotijoukkueen viimeinen maali on kirjattu vierasjoukkueelle. Oikea tulos on 5–3.',
  );
  await phone.fill('input[name="reporter.name"]', 'Maija Meikäläinen');
  await phone.fill('input[name="reporter.email"]', 'maija@example.test');
  await phone.evaluate('document.activeElement && document.activeElement.blur()');
  await phone.evaluate('document.querySelector("fieldset.matches").scrollIntoView()');
  await phone.waitForTimeout(300);
  await phone.screenshot({ path: 'docs/img/report-form-phone.png' });
  await phone.locator('button[type="submit"]').click();
  await phone.locator('.reference').waitFor();
  await phone.screenshot({ path: 'docs/img/report-sent-phone.png' });
  const statusUrl = await phone.locator('a.status-link').getAttribute('href');
  const desktop = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'sv-FI' });
  await desktop.goto(`${base}${statusUrl!.replace('lang=fi', 'lang=sv')}`);
  await desktop.locator('.state-text').waitFor();
  await desktop.screenshot({ path: 'docs/img/status-desktop-sv.png' });
  console.log('wrote docs/img/report-form-phone.png, report-sent-phone.png, status-desktop-sv.png');
} finally {
  await browser.close();
}

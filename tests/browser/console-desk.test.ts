/**
 * The console's desk in chromium (issue 12, the parts after the first wave): an official's list of escalated cases
 * refreshes itself with conditional requests (304 while nothing changed, a new escalation shows without a reload);
 * a staff member sees a callback request arrive, claims it to get the number as a tel: link, and completes it with
 * an outcome and a note, which the record keeps. axe finds nothing serious on either screen.
 */
import { describe, expect, it } from 'vitest';
import type { Callback } from '../../shared/domain/records.js';
import { uniqueEmail } from '../support/harness.js';
import { consoleSuite, reportBody, seriousViolations, signIn } from './console-support.js';

const cx = consoleSuite();

const eventually = <T>(fn: () => Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout });

describe('the desk in chromium', () => {
  it("an official's escalated cases refresh themselves: 304 while unchanged, a new escalation appears without a reload", async () => {
    type Created = { id: string; reference: string };
    const first = (await cx.call<Created>('POST', '/corrections', reportBody('C-1001', uniqueEmail('esc')))).body;
    expect(
      (await cx.call('POST', `/staff/corrections/${first.id}/escalate`, { reason: 'Needs the referee report.' }, 'staff')).status,
    ).toBe(200);

    const page = await cx.newPage();
    const answers: number[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/officials/escalations') answers.push(r.status());
    });
    const navigations: string[] = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));
    await signIn(page, cx.base, 'official', 'en');
    await page.locator('a', { hasText: first.reference }).waitFor();
    const loadedAt = navigations.length;
    // the next polls find nothing new: conditional requests answered 304 with no body
    await eventually(async () => answers.filter((s) => s === 304).length, 25_000).toBeGreaterThan(0);

    const second = (await cx.call<Created>('POST', '/corrections', reportBody('C-1002', uniqueEmail('esc2')))).body;
    expect(
      (await cx.call('POST', `/staff/corrections/${second.id}/escalate`, { reason: 'Conflicting score sheets.' }, 'staff')).status,
    ).toBe(200);
    await page.locator('a', { hasText: second.reference }).waitFor({ timeout: 15_000 });
    expect(navigations.length).toBe(loadedAt);
    expect(await page.locator('ul.escalations li').count()).toBeGreaterThanOrEqual(2);
    expect(await seriousViolations(page)).toEqual([]);
  }, 90_000);

  it('a staff member sees a callback request, calls through the tel: link, completes it with an outcome and a note', async () => {
    const page = await cx.newPage();
    await signIn(page, cx.base, 'staff', 'en');
    await page.goto(`${cx.base}/console/?lang=en#/callbacks`);
    await page.locator('h1', { hasText: 'Callbacks' }).waitFor();

    const phone = `+35840${String(Date.now()).slice(-7)}`;
    const asked = await cx.call<{ id: string; reference: string }>('POST', '/callbacks', {
      name: 'Kalle Kotijoukkue',
      phone,
      language: 'en',
      topic: 'Score of C-1001',
    });
    expect(asked.status).toBe(201);
    // it arrives without a reload (the list polls); its number shows only once claimed
    const card = page.locator('article.callback', { hasText: asked.body.reference });
    await card.waitFor({ timeout: 20_000 });
    expect(await card.textContent()).toContain('Score of C-1001');
    expect(await card.locator('a[href^="tel:"]').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await card.getByRole('button', { name: 'Claim' }).click();
    const tel = card.locator('a.tel');
    await tel.waitFor();
    expect(await tel.getAttribute('href')).toBe(`tel:${phone}`);
    expect(await tel.textContent()).toBe(`Call ${phone}`);
    // "calls": following the link hands the number to the phone app (the browser fires no page navigation for tel:)
    await tel.focus();
    expect(await page.evaluate('document.activeElement && document.activeElement.getAttribute("href")')).toBe(`tel:${phone}`);

    await card.locator('select[name="outcome"]').selectOption('resolved');
    await card.locator('textarea[name="note"]').fill('Explained the protest procedure; they will email the score sheet.');
    await card.getByRole('button', { name: 'Complete' }).click();
    await eventually(() => page.locator('.ok').first().textContent()).toBe('Saved.');
    // it leaves the list, and the record keeps the outcome and the note
    await eventually(() => page.locator('article.callback', { hasText: asked.body.reference }).count()).toBe(0);
    const stored = await cx.env.store.getCaseWithDetails(asked.body.id);
    const record = stored!.record as Callback;
    expect(record).toMatchObject({
      status: 'completed',
      outcome: 'resolved',
      note: 'Explained the protest procedure; they will email the score sheet.',
    });
    expect(stored!.history.map((h) => h.action)).toEqual(expect.arrayContaining(['claim', 'complete']));
    expect(await seriousViolations(page)).toEqual([]);
  }, 90_000);
});

/**
 * The desk's console in Debian's chromium (contract §8.1, issue 12): a staff member signs in locally, sees a new
 * report arrive without reloading, claims it with the keyboard, asks for details, sees the answer, resolves it;
 * a second session claiming the same case sees the conflict; an official decides an escalation; an admin sees the
 * calendar's validation message at its field; the reports page draws its charts; axe finds nothing serious.
 */
import { describe, expect, it } from 'vitest';
import { uniqueEmail } from '../support/harness.js';
import { consoleSuite, reportBody, seriousViolations, signIn } from './console-support.js';

const cx = consoleSuite();

/** The local server answers in-process Lambda handlers: a first call of each can take seconds on a busy machine. */
const eventually = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000 });

type Created = { id: string; reference: string; trackingToken: string };
const report = async (email = uniqueEmail('console'), matchId = 'C-1001') =>
  (await cx.call<Created>('POST', '/corrections', reportBody(matchId, email))).body;

describe('the console in chromium', () => {
  it('a staff member works a report from arrival to resolution, keyboard first, without reloading', async () => {
    const page = await cx.newPage();
    await signIn(page, cx.base, 'staff');
    // the language follows the user's locale (fi for the demo staff member), switchable in place
    await eventually(() => page.locator('h1').first().textContent()).toContain('Jono');
    await page.locator('nav.lang a', { hasText: 'English' }).click();
    await eventually(() => page.locator('h1').first().textContent()).toContain('Queue');
    await eventually(() => page.locator('.service-bar').textContent()).toMatch(/Open|Closed/);
    const navigations: string[] = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));

    const created = await report();
    // a new report appears within 15 s, with no reload
    await page.locator('tr', { hasText: created.reference }).waitFor({ timeout: 15_000 });
    expect(navigations.every((u) => new URL(u).pathname === '/console/')).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    // keyboard: j/k to the row, c claims it, Enter opens it
    await page.locator('h1').first().click();
    for (let i = 0; i < 50; i++) {
      if (((await page.locator('tr.selected').textContent()) ?? '').includes(created.reference)) break;
      await page.keyboard.press('j');
    }
    expect(await page.locator('tr.selected').textContent()).toContain(created.reference);
    await page.locator('h1').first().click();
    await page.keyboard.press('c');
    await eventually(() => page.locator('.note').textContent()).toContain(`You claimed ${created.reference}`);
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('h1').first().textContent()).toBe(created.reference);
    await eventually(() => page.locator('.facts .status').textContent()).toBe('In progress');
    expect(await page.locator('.side-by-side').textContent()).toContain('5–3');
    expect(await seriousViolations(page)).toEqual([]);

    // ask for details; the reporter's answer arrives by itself
    await page.locator('form', { hasText: 'Ask for details' }).locator('textarea').fill('Which player scored the last goal?');
    await page.getByRole('button', { name: 'Ask for details' }).click();
    await eventually(() => page.locator('.facts .status').textContent()).toBe('Awaiting reporter');
    const reply = await cx.call('POST', `/corrections/${created.id}/replies`, { message: 'Number 17, Virtanen.' }, undefined, {
      'x-tracking-token': created.trackingToken,
    });
    expect(reply.status).toBeLessThan(300);
    await eventually(() => page.locator('.messages').textContent()).toContain('Number 17, Virtanen.');
    expect(await page.locator('.facts .status').textContent()).toBe('Queued');

    // resolve: corrected result prefilled from the proposal
    expect(await page.inputValue('input[name="correctedResult.homeGoals"]')).toBe('5');
    expect(await page.inputValue('input[name="correctedResult.awayGoals"]')).toBe('3');
    await page.locator('form', { hasText: 'Outcome' }).locator('textarea[name="message"]').fill('Corrected to 5–3. Thank you!');
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await eventually(() => page.locator('.facts .status').textContent()).toBe('Resolved · Corrected');
    const history = (await page.locator('.history').textContent()) ?? '';
    for (const action of ['claim', 'request-info', 'resolve']) expect(history).toContain(action);
  }, 120_000);

  it('a second session claiming the same case sees who changed it and can reload', async () => {
    const created = await report();
    const a = await cx.newPage();
    const b = await cx.newPage('sv-SE');
    await signIn(a, cx.base, 'staff');
    await signIn(b, cx.base, 'staff2', 'sv');
    await a.goto(`${cx.base}/console/?lang=en#/case/${created.id}`);
    await b.goto(`${cx.base}/console/?lang=sv#/case/${created.id}`);
    await a.getByRole('button', { name: 'Claim' }).waitFor();
    await b.getByRole('button', { name: 'Ta ärendet' }).click();
    await eventually(() => b.locator('.facts .status').textContent()).toBe('Under arbete');
    await a.getByRole('button', { name: 'Claim' }).click();
    const alert = a.locator('.conflict');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Someone else changed this case first');
    expect(await alert.textContent()).toMatch(/siiri\.staff@salibandy\.example: claim/);
    expect(await seriousViolations(a)).toEqual([]);
    await a.getByRole('button', { name: 'Reload the case' }).click();
    await eventually(() => a.locator('.facts').textContent()).toContain('Siiri Staff');
  }, 90_000);

  it('an official decides an escalation of their series', async () => {
    const created = await report();
    expect(
      (await cx.call('POST', `/staff/corrections/${created.id}/escalate`, { reason: 'Needs the referee report.' }, 'staff')).status,
    ).toBe(200);
    const page = await cx.newPage('fi-FI');
    await signIn(page, cx.base, 'official', 'fi');
    await page.locator('a', { hasText: created.reference }).click();
    await eventually(() => page.locator('h1').first().textContent()).toBe(created.reference);
    expect(await seriousViolations(page)).toEqual([]);
    await page.selectOption('select[name="decision"]', 'correct');
    await page.fill('textarea[name="message"]', 'Tulos korjataan 5–3.');
    await page.getByRole('button', { name: 'Päätä' }).click();
    await eventually(() => page.locator('.ok').textContent()).toContain('Ratkaistu');
    const after = await cx.call<{ status: string; outcome: string }>('GET', `/staff/corrections/${created.id}`, undefined, 'staff');
    expect(after.body).toMatchObject({ status: 'resolved', outcome: 'corrected' });
  }, 90_000);

  it('an admin edits the calendar and sees the validation message at the field', async () => {
    const page = await cx.newPage();
    await signIn(page, cx.base, 'admin');
    await page.goto(`${cx.base}/console/?lang=en#/admin`);
    const opens = page.locator('input[name="resultsService.opens"]');
    await opens.fill('25:00');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.locator('[aria-invalid="true"][name="resultsService.opens"]').waitFor();
    const describedBy = await opens.getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy}`).textContent()).toBeTruthy();
    expect(await page.locator('[role="alert"]').first().textContent()).toContain('The calendar was not saved');
    expect(await seriousViolations(page)).toEqual([]);
    await opens.fill('10:00');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await eventually(() => page.locator('.ok').first().textContent()).toBe('Saved.');
    const cal = await cx.call<{ resultsService: { opens: string } }>('GET', '/admin/calendar', undefined, 'admin');
    expect(cal.body.resultsService.opens).toBe('10:00');
  }, 90_000);

  it('the reports page draws its charts from real data, with a table and text alternatives', async () => {
    const page = await cx.newPage();
    await signIn(page, cx.base, 'staff');
    await page.goto(`${cx.base}/console/?lang=en#/reports`);
    await page.locator('table.figures').waitFor();
    expect(await page.locator('figure.chart canvas').count()).toBe(4);
    const total = await page.locator('table.figures tbody tr').last().locator('td').first().textContent();
    expect(Number(total)).toBeGreaterThan(0);
    expect(await page.locator('figure.chart').first().getAttribute('aria-describedby')).toBeTruthy();
    expect(await seriousViolations(page)).toEqual([]);
  }, 90_000);
});

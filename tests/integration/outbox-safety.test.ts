/**
 * Issue 11: the outbox never sends an email twice when SES accepted it but recording that failed; stored
 * errors hold no SES message text; names with links are refused.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { SesMailer } from '../../shared/adapters/ses-mailer.js';
import { deliverOne } from '../../shared/usecases/outbox.js';
import { recordSesFeedback } from '../../shared/usecases/ses-events.js';
import { outboxId } from '../../shared/store/core.js';
import { expectError, report, reportBody } from '../support/api.js';
import { createTestEnv, seedBasics, sentEmails, uniqueEmail, type TestEnv } from '../support/harness.js';

let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
  await seedBasics(env);
});

describe('outbox: SES accepted, marking failed', () => {
  it('the lease expiry does not send it again; SES’s Send event confirms it', async () => {
    const email = uniqueEmail();
    // Fault injected only on the mark: every markOutboxSent fails, as if the function died right after SES answered.
    const realMark = env.store.markOutboxSent.bind(env.store);
    env.store.markOutboxSent = () => Promise.reject(Object.assign(new Error('injected: write failed'), { name: 'InternalServerError' }));
    const r = await report(reportBody({ reporter: { email } }));
    expect(r.status).toBe(201);
    const id = outboxId(`${r.body.id}#v1#acknowledgement`);
    expect(await sentEmails(env.sesEndpoint, email)).toHaveLength(1);
    expect((await env.store.getOutbox(id))?.status).toBe('pending');
    env.store.markOutboxSent = realMark;
    // After the 60 s lease the outbox job picks it up again…
    env.setNow('2026-11-21T10:02:00Z');
    expect(await deliverOne(env, id)).toBe('skipped');
    // (within the 15 minutes SES has to confirm it: after that an unconfirmed email counts as never taken)
    env.setNow('2026-11-21T10:12:00Z');
    expect(await deliverOne(env, id)).toBe('skipped');
    // …and sends nothing: one email, held in `sending`
    expect(await sentEmails(env.sesEndpoint, email)).toHaveLength(1);
    expect((await env.store.getOutbox(id))?.status).toBe('sending');
    await recordSesFeedback(env, { eventType: 'Send', mail: { messageId: 'ses-1', tags: { outboxId: [id] } } } as never);
    expect((await env.store.getOutbox(id))?.status).toBe('sent');
  });
});

describe('stored SES errors', () => {
  it('keep the error name and status, not SES’s message naming the address', async () => {
    const email = uniqueEmail('bad');
    const failing = {
      send: () =>
        Promise.reject(
          Object.assign(new Error(`Email address is not verified. The following identities failed the check: ${email}`), {
            name: 'MessageRejected',
            $metadata: { httpStatusCode: 400 },
          }),
        ),
    };
    const mailer = new SesMailer(failing as never, 'from@example.test');
    const realMailer = env.mailer;
    env.mailer = mailer; // the installed deps: the handler's immediate send goes through it
    const r = await report(reportBody({ reporter: { email } }));
    env.mailer = realMailer;
    const id = outboxId(`${r.body.id}#v1#acknowledgement`);
    const stored = (await env.store.getOutbox(id))?.lastError ?? '';
    expect(stored).toBe('MessageRejected (HTTP 400)');
    expect(stored).not.toContain(email);
    expect(stored).not.toContain('not verified');
  });
});

describe('names with links', () => {
  it.each(['Matti https://evil.example', 'www.voita-palkinto.fi', 'Klikkaa tästä: bit.ly/x', 'Anna <a href=//x.com>'])(
    'refuses %s (400, nothing stored)',
    async (name) => {
      const r = await report(reportBody({ reporter: { name, email: uniqueEmail() } }));
      expectError(r, 400, 'validation_failed');
      expect(JSON.stringify(r.body)).toContain('web address');
    },
  );

  it('accepts ordinary names', async () => {
    for (const name of ['Matti J. Meikäläinen', "Anna-Liisa O'Neill", 'Åsa Ö. Lindström'])
      expect((await report(reportBody({ reporter: { name, email: uniqueEmail() } }))).status).toBe(201);
  });
});

/**
 * The outbox's retry schedule under an SES that keeps throttling (the fault injected on the real SES
 * client, everything else real): backoff 1, 2, 4 … minutes capped at an hour, and after the 12th failed
 * attempt the email is given up as undeliverable and the address shown on the case.
 */
import { SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { emailOutbox } from '../support/functions.js';
import { makeSesClient } from '../../shared/adapters/ses-client.js';
import { SesMailer } from '../../shared/adapters/ses-mailer.js';
import { loadConfig } from '../../shared/config.js';
import { outboxId } from '../../shared/store/core.js';
import { reported, staffView } from '../support/api.js';
import { mockPassThrough } from '../support/hardening-mocks.js';
import { createTestEnv, seedBasics, sentEmails } from '../support/harness.js';

const drain = (time: string) =>
  emailOutbox({ 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time, detail: { job: 'email-outbox' } });

describe('outbox: backoff cap and giving up', () => {
  it('retries after 1, 2, 4, 8, 16, 32, then 60, 60 … minutes; the 12th failure makes it undeliverable', async () => {
    const T0 = '2026-11-21T10:00:00.000Z';
    const env = await createTestEnv({ now: T0 });
    await seedBasics(env);
    const client = makeSesClient(loadConfig());
    const { mock, passedThrough } = mockPassThrough(client);
    mock
      .on(SendEmailCommand)
      .rejects(new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 429 } }));
    env.mailer = new SesMailer(client, 'tulospalvelu@salibandy.test');

    const c = await reported({ matchId: 'M-1001', category: 'goal' });
    const id = outboxId(`${c.id}#v1#acknowledgement`);
    const gaps: number[] = [];
    let e = await env.store.getOutbox(id);
    let last = T0;
    while (e?.status === 'pending') {
      gaps.push((Date.parse(e.nextAttemptAt) - Date.parse(last)) / 60_000);
      last = e.nextAttemptAt;
      // a minute early nothing happens; on time one attempt is made
      expect(await drain(new Date(Date.parse(e.nextAttemptAt) - 60_000).toISOString())).toMatchObject({
        sent: 0,
        retry: 0,
        undeliverable: 0,
      });
      const r = await drain(e.nextAttemptAt);
      expect(r.retry + r.undeliverable).toBe(1);
      e = await env.store.getOutbox(id);
      expect(gaps.length).toBeLessThan(20);
    }
    expect(gaps).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60]);
    expect(e).toMatchObject({ status: 'undeliverable', attempts: 12 });
    expect(e?.lastError).toContain('TooManyRequestsException');
    expect(mock.commandCalls(SendEmailCommand)).toHaveLength(12);
    expect(passedThrough(SendEmailCommand)).toBe(0);
    expect((await staffView(c.id)).body.undeliverable).toEqual([c.email]);
    // given up: later runs leave it alone
    expect(await drain('2026-11-23T10:00:00.000Z')).toMatchObject({ sent: 0, retry: 0, undeliverable: 0, skipped: 0 });
    expect(mock.commandCalls(SendEmailCommand)).toHaveLength(12);
    expect(await sentEmails(env.sesEndpoint, c.email)).toEqual([]);
    mock.restore();
  });
});

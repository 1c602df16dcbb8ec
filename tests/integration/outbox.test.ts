/**
 * The email outbox under failure: an SES outage (a private local SES, stopped and restarted), throttling
 * and permanent rejections (aws-sdk-client-mock on the real SES client: only the fault is mocked, every other
 * send reaches the local SES), two email-outbox runs racing over one due email, and SES bounce/complaint events.
 */
import { MessageRejected, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emailOutbox } from '../support/functions.js';
import { publicCorrections } from '../support/functions.js';
import { sesEvents } from '../support/functions.js';
import { staffCorrections } from '../support/functions.js';
import { makeSesClient } from '../../shared/adapters/ses-client.js';
import { SesMailer } from '../../shared/adapters/ses-mailer.js';
import { loadConfig } from '../../shared/config.js';
import { outboxId } from '../../shared/store/core.js';
import { freePort, startSesLocal } from '../../scripts/local/services.js';
import { call, staffClaims } from '../support/events.js';
import { mockPassThrough, until } from '../support/hardening-mocks.js';
import { createTestEnv, seedBasics, sentEmails, uniqueEmail, type TestEnv } from '../support/harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const tick = (time: string) => ({
  version: '0',
  id: 'exec',
  'detail-type': 'Scheduled Event',
  source: 'aws.scheduler',
  time,
  detail: { job: 'email-outbox' },
});
const drain = (time: string) => emailOutbox(tick(time));

async function report(env: TestEnv, email = uniqueEmail()) {
  const r = await call(publicCorrections as never, 'POST /corrections', {
    body: {
      matchId: 'M-1001',
      category: 'final-score',
      description: 'Lopputulos väärin',
      proposed: { homeGoals: 5, awayGoals: 3 },
      reporter: { name: 'Maija', email },
      language: 'fi',
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { ...(r.body as { id: string; reference: string }), email, ackId: outboxId(`${r.body.id}#v1#acknowledgement`) };
}

const staffView = async (id: string) =>
  (await call(staffCorrections as never, 'GET /staff/corrections/{id}', { pathParameters: { id }, claims: staffClaims() })).body;

describe('SES outage', () => {
  it('keeps the acknowledgement in the outbox, answers 201, and the job sends it exactly once when SES is back', async () => {
    const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    const port = await freePort();
    let ses = await startSesLocal({ port });
    env.mailer = new SesMailer(makeSesClient({ ...loadConfig(), sesEndpoint: ses.endpoint }), 'tulospalvelu@salibandy.test');
    await ses.stop();
    try {
      const c = await report(env);
      const pending = await env.store.getOutbox(c.ackId);
      expect(pending).toMatchObject({
        status: 'pending',
        attempts: 1,
        nextAttemptAt: '2026-11-21T10:01:00.000Z',
        to: c.email,
        reference: c.reference,
      });
      expect(pending?.lastError).toBeTruthy();

      ses = await startSesLocal({ port });
      expect(await drain('2026-11-21T10:00:30Z')).toMatchObject({ sent: 0 }); // not due yet (backoff)
      expect(await drain('2026-11-21T10:01:00Z')).toMatchObject({ sent: 1, retry: 0, undeliverable: 0 });
      expect(await drain('2026-11-21T10:02:00Z')).toMatchObject({ sent: 0 });
      const mails = await sentEmails(ses.endpoint, c.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toContain(c.reference);
      expect(await env.store.getOutbox(c.ackId)).toMatchObject({ status: 'sent', attempts: 2 });
    } finally {
      await ses.stop();
    }
  });
});

/** The SES client the mailer sends through, to the run's local SES, with faults injected only where a test asks. */
function sesWithFaults(env: TestEnv) {
  const client = makeSesClient(loadConfig());
  const m = mockPassThrough(client);
  env.mailer = new SesMailer(client, 'tulospalvelu@salibandy.test');
  return m;
}

describe('SES errors (faults injected on the real SES client; everything else reaches the local SES)', () => {
  it('throttling: rescheduled with growing backoff, then sent exactly once', async () => {
    const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    const { mock: ses, passedThrough } = sesWithFaults(env);
    const throttled = () => new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 429 } });
    ses.on(SendEmailCommand).rejectsOnce(throttled()).rejectsOnce(throttled());

    const c = await report(env);
    let e = await env.store.getOutbox(c.ackId);
    expect(e).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: '2026-11-21T10:01:00.000Z' });
    expect(e?.lastError).toContain('TooManyRequestsException');

    expect(await drain('2026-11-21T10:00:40Z')).toMatchObject({ sent: 0, retry: 0 });
    expect(await drain('2026-11-21T10:01:00Z')).toMatchObject({ sent: 0, retry: 1 });
    e = await env.store.getOutbox(c.ackId);
    expect(e).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: '2026-11-21T10:03:00.000Z' }); // 2 minutes after the 2nd try

    expect(await drain('2026-11-21T10:02:00Z')).toMatchObject({ sent: 0 });
    expect(await drain('2026-11-21T10:03:00Z')).toMatchObject({ sent: 1 });
    expect(await drain('2026-11-21T10:04:00Z')).toMatchObject({ sent: 0, retry: 0 });
    const sends = ses.commandCalls(SendEmailCommand);
    expect(sends).toHaveLength(3);
    expect(passedThrough(SendEmailCommand)).toBe(1); // the two faults, then the one real send
    expect(sends.filter((s) => s.args[0].input.Destination?.ToAddresses?.includes(c.email))).toHaveLength(3);
    expect(sends[2]!.args[0].input.EmailTags).toEqual([{ Name: 'outboxId', Value: c.ackId }]);
    const mails = await sentEmails(env.sesEndpoint, c.email);
    expect(mails).toHaveLength(1);
    expect(await env.store.getOutbox(c.ackId)).toMatchObject({ status: 'sent', messageId: mails[0]!.messageId, attempts: 3 });
    ses.restore();
  });

  it('a permanent rejection makes the email undeliverable and shows the address on the case', async () => {
    const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    const { mock: ses, passedThrough } = sesWithFaults(env);
    ses
      .on(SendEmailCommand)
      .rejects(new MessageRejected({ message: 'Email address is on the suppression list.', $metadata: { httpStatusCode: 400 } }));

    const c = await report(env);
    const e = await env.store.getOutbox(c.ackId);
    expect(e).toMatchObject({ status: 'undeliverable', attempts: 1 });
    expect(e?.lastError).toContain('MessageRejected');
    expect((await staffView(c.id)).undeliverable).toEqual([c.email]);

    expect(await drain('2026-11-21T10:30:00Z')).toMatchObject({ sent: 0, retry: 0, undeliverable: 0 });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(passedThrough(SendEmailCommand)).toBe(0);
    expect(await sentEmails(env.sesEndpoint, c.email)).toEqual([]);
    ses.restore();
  });
});

describe('concurrent drain', () => {
  it('two live email-outbox runs over one due email: the lease lets one send it; one email', async () => {
    const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    const { mock: ses, real } = sesWithFaults(env);
    // the immediate send fails: the acknowledgement waits in the outbox, due at 10:01
    ses
      .on(SendEmailCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 429 } }));
    const c = await report(env);
    expect(await env.store.getOutbox(c.ackId)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: '2026-11-21T10:01:00.000Z' });

    // Both runs start together. A send is held until the other run has either finished or reached SES
    // itself, so the two really overlap: without the lease both would send.
    let sending = 0;
    let finished = 0;
    ses.on(SendEmailCommand).callsFake(async (input: ConstructorParameters<typeof SendEmailCommand>[0]) => {
      sending++;
      await until(() => sending + finished >= 2);
      return real(new SendEmailCommand(input));
    });
    const run = async () => {
      try {
        return await drain('2026-11-21T10:01:00Z');
      } finally {
        finished++;
      }
    };
    const results = await Promise.all([run(), run()]);
    // one sent it; the other saw it due, could not lease it and skipped it
    expect(results.map((r) => [r.sent, r.skipped]).sort()).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(sending).toBe(1);
    expect(await sentEmails(env.sesEndpoint, c.email)).toHaveLength(1);
    expect(await env.store.getOutbox(c.ackId)).toMatchObject({ status: 'sent', attempts: 2 });
    ses.restore();
  });
});

describe('ses-events: bounces and complaints', () => {
  const sample = JSON.parse(readFileSync(resolve(ROOT, 'events/ses-bounce.json'), 'utf8')) as { Records: { Sns: { Message: string } }[] };
  const sesMessage = JSON.parse(sample.Records[0]!.Sns.Message) as Record<string, any>;

  function snsBounce(id: string, to: string, bounceType = 'Permanent') {
    const m = structuredClone(sesMessage);
    m.mail.tags.outboxId = [id];
    m.mail.destination = [to];
    m.bounce.bounceType = bounceType;
    m.bounce.bouncedRecipients = [{ emailAddress: to, action: 'failed', status: '5.1.1' }];
    const event = structuredClone(sample);
    event.Records[0]!.Sns.Message = JSON.stringify(m);
    return event;
  }

  it('a bounce after sending is recorded on the sent email and the address on the case (SNS-wrapped)', async () => {
    const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    const c = await report(env);
    expect(await env.store.getOutbox(c.ackId)).toMatchObject({ status: 'sent' });

    const r = await sesEvents(snsBounce(c.ackId, c.email) as never);
    expect(r).toEqual({
      processed: 1,
      results: [{ type: 'bounce', outboxId: c.ackId, caseId: c.id, recipients: [c.email], status: 'sent' }],
    });
    const e = (await env.store.getOutbox(c.ackId)) as unknown as Record<string, any>;
    expect(e.status).toBe('sent');
    expect(e.bounced).toMatchObject({ type: 'Permanent', subType: 'General', recipients: [c.email] });
    expect((await staffView(c.id)).undeliverable).toEqual([c.email]);

    // delivered again (SNS is at-least-once): nothing changes
    await sesEvents(snsBounce(c.ackId, c.email) as never);
    expect((await staffView(c.id)).undeliverable).toEqual([c.email]);
  });

  it('a bounce of a still pending email makes it undeliverable (EventBridge shape); transient bounces only note it', async () => {
    const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    const port = await freePort();
    const ses = await startSesLocal({ port });
    env.mailer = new SesMailer(makeSesClient({ ...loadConfig(), sesEndpoint: ses.endpoint }), 'tulospalvelu@salibandy.test');
    await ses.stop(); // the acknowledgements stay pending
    const a = await report(env);
    const b = await report(env);

    const transient = snsBounce(b.ackId, b.email, 'Transient');
    const tr = await sesEvents(transient as never);
    expect(tr.results[0]).toMatchObject({ type: 'bounce', status: 'pending' });
    expect((await staffView(b.id)).undeliverable).toBeUndefined();

    const eventBridge = JSON.parse(readFileSync(resolve(ROOT, 'events/ses-bounce-eventbridge.json'), 'utf8')) as Record<string, any>;
    eventBridge.detail.mail.tags.outboxId = [a.ackId];
    eventBridge.detail.bounce.bouncedRecipients = [{ emailAddress: `Maija <${a.email.toUpperCase()}>` }];
    const r = await sesEvents(eventBridge as never);
    expect(r.results[0]).toMatchObject({ type: 'bounce', outboxId: a.ackId, caseId: a.id, status: 'undeliverable', recipients: [a.email] });
    expect((await staffView(a.id)).undeliverable).toEqual([a.email]);
    // the job no longer tries it; the transiently bounced one stays pending
    expect((await env.store.listOutboxDue('2026-11-21T12:00:00.000Z')).map((e) => e.id)).toEqual([b.ackId]);
  });

  it('records complaints; ignores other events and emails that are not ours', async () => {
    const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    const c = await report(env);
    const complaint = {
      eventType: 'Complaint',
      complaint: {
        complainedRecipients: [{ emailAddress: c.email }],
        timestamp: '2026-11-21T10:10:00.000Z',
        feedbackId: 'f-1',
        complaintFeedbackType: 'abuse',
      },
      mail: { messageId: 'm-1', destination: [c.email], tags: { outboxId: [c.ackId] } },
    };
    const r = await sesEvents({ source: 'aws.ses', 'detail-type': 'Email Complaint Received', detail: complaint } as never);
    expect(r.results).toEqual([{ type: 'complaint', outboxId: c.ackId, caseId: c.id, recipients: [c.email], status: 'sent' }]);
    expect((await env.store.getOutbox(c.ackId)) as unknown).toMatchObject({
      status: 'sent',
      complained: { feedbackType: 'abuse', recipients: [c.email] },
    });
    expect((await staffView(c.id)).undeliverable).toEqual([c.email]);

    const other = await sesEvents({ eventType: 'Delivery', mail: { tags: { outboxId: [c.ackId] } } } as never);
    expect(other).toEqual({ processed: 0, results: [{ type: 'ignored', reason: 'event type Delivery' }] });
    const untagged = await sesEvents(snsBounce('0'.repeat(32), 'x@example.test') as never);
    expect(untagged.results[0]).toMatchObject({ type: 'bounce', reason: 'unknown outbox email' });
  });
});

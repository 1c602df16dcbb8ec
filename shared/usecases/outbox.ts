/**
 * The email outbox: every email is a record written with the change that causes it; it is sent at
 * once when SES answers, else kept and retried with backoff by the email-outbox job. A lease stops the
 * immediate send and the job from sending the same record twice.
 */
import type { Language } from '../domain/calendar-config.js';
import type { RenderedEmail } from '../domain/emails/message-types.js';
import type { OutboxEmail } from '../domain/records.js';
import { log, emitMetric } from '../log.js';
import type { Clock } from '../ports/clock.js';
import { PermanentSendError, type Mailer } from '../ports/mailer.js';
import { outboxId } from '../store/core.js';
import type { OutboxQueueStore, OutboxStore } from '../store/outbox.js';
import { withStatusToken } from './status-links.js';

const LEASE_SECONDS = 60;
export const MAX_ATTEMPTS = 12;

/**
 * The outbox record of one email. `render` is the renderer of the message's kind (domain/emails/*), so a
 * function bundles only the kinds it sends; it renders in the recipient's `language`.
 */
export function composeEmail<M>(args: {
  cause: string;
  caseId?: string;
  reference: string;
  to: string;
  language: Language;
  message: M;
  render: (message: M, language: Language) => RenderedEmail;
  now: Date;
  inReplyTo?: string;
}): OutboxEmail {
  const rendered = args.render(args.message, args.language);
  const at = args.now.toISOString();
  const email: OutboxEmail = {
    id: outboxId(args.cause),
    cause: args.cause,
    caseId: args.caseId,
    reference: args.reference,
    to: args.to.toLowerCase(),
    language: args.language,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    status: 'pending',
    attempts: 0,
    createdAt: at,
    nextAttemptAt: at,
  };
  // assigned, not a conditional spread (V8's slow path; issue 15)
  if (args.inReplyTo) email.inReplyTo = args.inReplyTo;
  return email;
}

/** Backoff after n failed attempts: 1, 2, 4 … minutes, at most an hour. */
export const backoffMinutes = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1));

export type DeliveryResult = 'sent' | 'retry' | 'undeliverable' | 'skipped';

export async function deliverOne(deps: { store: OutboxStore; mailer: Mailer; clock: Clock }, id: string): Promise<DeliveryResult> {
  const now = deps.clock.now();
  const email = await deps.store.leaseOutbox(id, now, LEASE_SECONDS);
  if (!email) return 'skipped';
  if (email.abandonedLease) {
    // The last sender leased it and never recorded an outcome: SES may well have accepted it. Sending again
    // could mail the person twice, so it waits in `sending` for SES's own Send/Delivery event (ses-events);
    // with no event within UNCONFIRMED_RESEND_MINUTES SES never took it, and it is sent then (never lost).
    await deps.store.holdOutboxUnconfirmed(email.id, now);
    log.warn('email outcome unknown; held for SES confirmation, not re-sent', { outboxId: email.id, reference: email.reference });
    return 'skipped';
  }
  let messageId: string;
  try {
    // the status-page link's token is made now, so the stored email never holds one (domain/status-links.ts)
    const body = await withStatusToken({ text: email.text, html: email.html, caseId: email.caseId });
    messageId = await deps.mailer.send({
      to: email.to,
      subject: email.subject,
      text: body.text,
      html: body.html,
      outboxId: email.id,
      ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
    });
  } catch (err) {
    // SES messages can name the address: store and log only the error's name and HTTP status (contract §12).
    const message = errorLabel(err);
    if (err instanceof PermanentSendError || email.attempts >= MAX_ATTEMPTS) {
      await deps.store.markOutboxUndeliverable(email.id, message);
      if (email.caseId) await deps.store.markCaseUndeliverable(email.caseId, email.to);
      log.warn('email undeliverable', { outboxId: email.id, reference: email.reference, error: message });
      return 'undeliverable';
    }
    const next = new Date(now.getTime() + backoffMinutes(email.attempts) * 60_000).toISOString();
    await deps.store.rescheduleOutbox(email.id, next, message);
    log.warn('email send failed, will retry', {
      outboxId: email.id,
      reference: email.reference,
      attempts: email.attempts,
      nextAttemptAt: next,
      error: message,
    });
    return 'retry';
  }
  // SES accepted it: record that, retrying a failed write a few times (the lease holds meanwhile).
  for (let attempt = 0; ; attempt++) {
    try {
      await deps.store.markOutboxSent(email.id, messageId, deps.clock.now());
      break;
    } catch (err) {
      if (attempt >= 2) throw err;
      await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
    }
  }
  // email-in threads a reply to this email back to its case by the Message-ID SES gave it.
  if (email.caseId) await deps.store.rememberSentMessage(messageId, email.caseId, deps.clock.now());
  return 'sent';
}

/** An error as stored and logged: its name and HTTP status, never its message (which may name the address). */
export function errorLabel(err: unknown): string {
  // The mailer's permanent errors carry an already sanitised "name (HTTP status)".
  if (err instanceof PermanentSendError) return err.message;
  const name = err instanceof Error ? err.name : typeof err;
  const status = (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return status ? `${name} (HTTP ${status})` : name;
}

/** Right after a change commits: try to send its emails now. Failures are left for the job. */
export async function deliverNow(
  deps: { store: OutboxStore; mailer: Mailer; clock: Clock },
  emails: OutboxEmail[] | undefined,
): Promise<void> {
  if (!emails?.length) return;
  await Promise.all(
    emails.map((e) =>
      deliverOne(deps, e.id).catch((err: unknown) => {
        log.warn('immediate email send failed; the outbox job will retry', { outboxId: e.id, error: errorLabel(err) });
      }),
    ),
  );
}

/** The email-outbox job: everything due, oldest first. */
export async function drainOutbox(
  deps: { store: OutboxStore & OutboxQueueStore; mailer: Mailer; clock: Clock },
  maxBatches = 10,
): Promise<Record<DeliveryResult, number>> {
  const counts: Record<DeliveryResult, number> = { sent: 0, retry: 0, undeliverable: 0, skipped: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const due = await deps.store.listOutboxDue(deps.clock.now().toISOString(), 25);
    if (due.length === 0) break;
    let progressed = 0;
    for (const e of due) {
      const r = await deliverOne(deps, e.id);
      counts[r]++;
      if (r !== 'skipped') progressed++;
    }
    if (progressed === 0) break;
  }
  const oldest = await deps.store.oldestPendingOutbox();
  emitMetric(
    'OutboxOldestPendingMinutes',
    oldest ? Math.max(0, (deps.clock.now().getTime() - Date.parse(oldest.createdAt)) / 60000) : 0,
    'None',
  );
  return counts;
}

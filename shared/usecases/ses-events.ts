/**
 * SES feedback (bounces and complaints) on our emails. Each email carries the message tag `outboxId`
 * (see SesMailer), so a notification leads back to its outbox record and, through it, to the case.
 *
 * - Bounce, `Permanent` or `Undetermined`: an email still pending becomes `undeliverable`; a sent one keeps
 *   `sent` and gets `bounced: {at, type, subType, recipients}`. The address is added to the case's
 *   `undeliverable` list, which the staff view shows (staff then phone the reporter instead).
 * - Bounce, `Transient` (mailbox full, …): only recorded on the outbox email; the address may work later.
 * - Complaint: recorded as `complained` on the email, and the address added to the case's `undeliverable`
 *   list too: SES's suppression list drops further mail to an address that complained.
 * Everything else (Delivery, Send, Open, …) is ignored. Recording is idempotent (SET / string-set ADD).
 */
import { log } from '../log.js';
import type { OutboxFeedbackStore, OutboxStore } from '../store/outbox.js';

/** The SES event (event publishing: `eventType`) or notification (identity notifications: `notificationType`). */
export interface SesMessage {
  eventType?: string;
  notificationType?: string;
  mail?: { messageId?: string; timestamp?: string; destination?: string[]; tags?: Record<string, string[] | string | undefined> };
  bounce?: {
    bounceType?: string;
    bounceSubType?: string;
    timestamp?: string;
    feedbackId?: string;
    bouncedRecipients?: { emailAddress?: string; diagnosticCode?: string }[];
  };
  complaint?: {
    timestamp?: string;
    feedbackId?: string;
    complaintFeedbackType?: string;
    complainedRecipients?: { emailAddress?: string }[];
  };
}

export interface SesFeedbackResult {
  type: 'bounce' | 'complaint' | 'ignored';
  outboxId?: string;
  caseId?: string;
  recipients?: string[];
  /** the outbox email's status after recording */
  status?: string;
  reason?: string;
}

const address = (a: string | undefined) => {
  if (!a) return undefined;
  const m = /<([^>]+)>/.exec(a);
  return (m ? m[1]! : a).trim().toLowerCase() || undefined;
};

function outboxIdOf(m: SesMessage): string | undefined {
  const tag = m.mail?.tags?.outboxId;
  const v = Array.isArray(tag) ? tag[0] : tag;
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export async function recordSesFeedback(
  deps: { store: OutboxFeedbackStore & OutboxStore; clock: { now(): Date } },
  m: SesMessage,
): Promise<SesFeedbackResult> {
  const kind = m.eventType ?? m.notificationType;
  if (kind === 'Send' || kind === 'Delivery') return confirmHeld(deps, m);
  if (kind !== 'Bounce' && kind !== 'Complaint') return { type: 'ignored', reason: `event type ${kind ?? 'missing'}` };
  const type = kind === 'Bounce' ? 'bounce' : 'complaint';
  const outboxId = outboxIdOf(m);
  if (!outboxId) {
    log.warn('SES feedback without an outboxId tag; not ours or sent without tags', { type, messageId: m.mail?.messageId });
    return { type: 'ignored', reason: 'no outboxId tag' };
  }
  const now = deps.clock.now().toISOString();
  let permanent: boolean;
  let info: Record<string, unknown>;
  let recipients: string[];
  if (type === 'bounce') {
    const b = m.bounce ?? {};
    recipients = (b.bouncedRecipients ?? []).map((r) => address(r.emailAddress)).filter((a): a is string => Boolean(a));
    permanent = b.bounceType !== 'Transient';
    info = {
      at: b.timestamp ?? now,
      type: b.bounceType ?? 'Undetermined',
      ...(b.bounceSubType ? { subType: b.bounceSubType } : {}),
      recipients,
      ...(m.mail?.messageId ? { messageId: m.mail.messageId } : {}),
    };
  } else {
    const c = m.complaint ?? {};
    recipients = (c.complainedRecipients ?? []).map((r) => address(r.emailAddress)).filter((a): a is string => Boolean(a));
    permanent = true;
    info = {
      at: c.timestamp ?? now,
      ...(c.complaintFeedbackType ? { feedbackType: c.complaintFeedbackType } : {}),
      recipients,
      ...(m.mail?.messageId ? { messageId: m.mail.messageId } : {}),
    };
  }
  const email = await deps.store.recordOutboxFeedback(
    outboxId,
    type === 'bounce' ? 'bounced' : 'complained',
    info,
    type === 'bounce' && permanent,
  );
  if (!email) {
    log.warn('SES feedback for an outbox email we do not have (expired or another stage)', { type, outboxId });
    return { type, outboxId, recipients, reason: 'unknown outbox email' };
  }
  if (recipients.length === 0) recipients = [email.to];
  if (permanent && email.caseId) {
    for (const r of recipients) await deps.store.markCaseUndeliverable(email.caseId, r);
  }
  log.warn(`SES ${type} recorded`, { outboxId, caseId: email.caseId, reference: email.reference, permanent, status: email.status });
  return { type, outboxId, ...(email.caseId ? { caseId: email.caseId } : {}), recipients, status: email.status };
}

/** An email held in `sending` (its sender died after SES accepted it, see deliverOne) is confirmed sent by SES's own event. */
async function confirmHeld(deps: { store: OutboxStore; clock: { now(): Date } }, m: SesMessage): Promise<SesFeedbackResult> {
  const outboxId = outboxIdOf(m);
  const email = outboxId ? await deps.store.getOutbox(outboxId) : undefined;
  if (!email || email.status !== 'sending') return { type: 'ignored', reason: `event type ${m.eventType ?? m.notificationType}` };
  await deps.store.markOutboxSent(email.id, m.mail?.messageId ?? 'unknown', deps.clock.now());
  return { type: 'ignored', reason: 'confirmed a held email as sent' };
}

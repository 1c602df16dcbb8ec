/** Sending one email. The SES adapter implements it; failures say whether a retry can help. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** our outbox id, sent as a message tag so SES events can be matched back */
  outboxId: string;
  /** the Message-ID (with angle brackets) this email answers: sent as In-Reply-To and References, so it joins that thread */
  inReplyTo?: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<string>;
}

/** SES said no for good (bad address, rejected): retrying will not help. */
export class PermanentSendError extends Error {
  override name = 'PermanentSendError';
}

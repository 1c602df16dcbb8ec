import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { PermanentSendError, type Mailer, type OutgoingEmail } from '../ports/mailer.js';

const PERMANENT = new Set([
  'MessageRejected',
  'BadRequestException',
  'NotFoundException',
  'AccountSuspendedException',
  'MailFromDomainNotVerifiedException',
]);

/**
 * Every email we send is automatic (RFC 3834): `Auto-Submitted` tells other robots (autoresponders, another
 * hotline) never to answer it, and our own email-in drops such mail, so no loop can start. An answer to an
 * inbound email joins its thread.
 */
function threadHeaders(inReplyTo: string | undefined) {
  if (!inReplyTo) return [{ Name: 'Auto-Submitted', Value: 'auto-generated' }];
  return [
    { Name: 'Auto-Submitted', Value: 'auto-replied' },
    { Name: 'In-Reply-To', Value: inReplyTo },
    { Name: 'References', Value: inReplyTo },
  ];
}

export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly from: string,
    private readonly configurationSet?: string,
    /** INBOUND_ADDRESS: every email says "reply to this email", so replies go where email-in receives them */
    private readonly replyTo: string = from,
  ) {}

  async send(email: OutgoingEmail): Promise<string> {
    try {
      const r = await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: this.from,
          Destination: { ToAddresses: [email.to] },
          ReplyToAddresses: [this.replyTo],
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
              Headers: threadHeaders(email.inReplyTo),
            },
          },
          EmailTags: [{ Name: 'outboxId', Value: email.outboxId }],
          ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
        }),
      );
      return r.MessageId ?? 'unknown';
    } catch (err) {
      const name = (err as { name?: string }).name ?? '';
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      // SES answers 400 for an address it will never accept; 429/5xx and network errors are worth a retry.
      if (PERMANENT.has(name) || (status === 400 && name !== 'TooManyRequestsException' && name !== 'LimitExceededException')) {
        // Only the name and status: SES's message can quote the address (contract §12).
        throw new PermanentSendError(`${name} (HTTP ${status ?? '?'})`);
      }
      throw err;
    }
  }
}

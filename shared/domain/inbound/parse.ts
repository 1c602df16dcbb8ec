/**
 * An inbound email, parsed with mailparser: sender, threading headers, the new text apart from the quoted
 * history (plain part, else the HTML part as text), the automation verdict and the attachments. Pure: the
 * raw message in, a plain object out (no store, no clock).
 */
import { simpleParser, type AddressObject } from 'mailparser';
import { dropReason, type DropReason, type HeaderValues } from './automated.js';
import { messageIdLocalPart } from './hints.js';
import { splitQuoted } from './quote.js';

export interface InboundAttachment {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
}

export interface InboundMessage {
  /** the Message-ID without angle brackets; a stable digest of the message when it has none */
  messageId: string;
  from?: { address: string; name?: string };
  subject: string;
  /** every id in In-Reply-To and References, newest first, without angle brackets */
  threadIds: string[];
  /** the new text (quoted history removed) */
  text: string;
  /** the quoted history, kept apart */
  quoted: string;
  /** why this message must be neither a case nor answered, if so */
  drop?: DropReason;
  attachments: InboundAttachment[];
}

const ids = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : v ? [v] : []).flatMap((s) => s.match(/<[^>]+>|[^\s<>,]+@[^\s<>,]+/g) ?? []).map((s) => s.replace(/^<|>$/g, ''));

function firstAddress(a: AddressObject | AddressObject[] | undefined): { address: string; name?: string } | undefined {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const obj of list) {
    for (const v of obj.value) {
      if (v.address) return { address: v.address.toLowerCase(), ...(v.name ? { name: v.name } : {}) };
    }
  }
  return undefined;
}

export async function parseInbound(raw: Buffer | string, opts: { ownAddresses: string[]; fallbackId: string }): Promise<InboundMessage> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  const headerValues: HeaderValues = (name) =>
    mail.headerLines
      .filter((h) => h.key === name)
      .map((h) =>
        h.line
          .slice(h.line.indexOf(':') + 1)
          .replace(/\r?\n[ \t]+/g, ' ')
          .trim(),
      );
  const from = firstAddress(mail.from);
  const body = (mail.text ?? '').replace(/\u00a0/g, ' ');
  const { text, quoted } = splitQuoted(body);
  const threadIds = [...ids(mail.inReplyTo), ...ids(mail.references).reverse()];
  const drop = dropReason(headerValues, from?.address, opts.ownAddresses);
  return {
    messageId: mail.messageId ? mail.messageId.replace(/^<|>$/g, '') : opts.fallbackId,
    ...(from ? { from } : {}),
    subject: (mail.subject ?? '').trim(),
    threadIds: [...new Set(threadIds)],
    text,
    quoted,
    ...(drop ? { drop } : {}),
    attachments: mail.attachments
      .filter((a) => a.contentDisposition !== 'inline' || !a.related)
      .map((a) => ({
        filename: a.filename ?? 'attachment',
        contentType: (a.contentType ?? 'application/octet-stream').toLowerCase(),
        size: a.size ?? a.content.length,
        content: a.content,
      })),
  };
}

export { messageIdLocalPart };

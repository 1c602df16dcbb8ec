/**
 * Email in (contract §9): one raw message → dropped, a reporter's reply, or a new contact (channel `email`).
 * - Never a case, never answered: auto-replies, bulk mail, bounces, our own address, SES spam/virus FAIL.
 * - A reply: answers one of our emails (In-Reply-To/References → the Message-IDs we recorded when sending), or
 *   names a case's reference, AND comes from that case's reporter; the same effect as POST /corrections/{id}/replies.
 * - Otherwise a new contact through the same intake as POST /corrections (arrival = receipt time), its match
 *   found from a match id or both teams on a date in the text, else queued unclassified for staff to classify.
 * - Exactly once per Message-ID: a guard item in the same transaction as the case or the reply.
 */
import { createHash } from 'node:crypto';
import { refusalNote, safeFilename, sortAttachments, type RefusedAttachment } from '../domain/inbound/attachments.js';
import { findDates, findReferences, matchIdCandidates, messageIdLocalPart, namesBothTeams } from '../domain/inbound/hints.js';
import { guessLanguage } from '../domain/inbound/language.js';
import { parseInbound, type InboundMessage } from '../domain/inbound/parse.js';
import type { AttachmentRef, Correction } from '../domain/correction.js';
import type { Note } from '../domain/records.js';
import { AppError, notFound } from '../errors.js';
import { log } from '../log.js';
import { fixedClock } from '../ports/clock.js';
import type { AttachmentStorage } from '../ports/attachments.js';
import type { InboundStore } from '../store/inbound.js';
import { createCorrection, type CorrectionStore } from './corrections-intake.js';
import { recordReporterReply } from './corrections-reporter.js';
import type { Deps } from './deps.js';

export type EmailInStore = CorrectionStore & InboundStore;

export interface EmailInDeps extends Deps<EmailInStore> {
  attachments: AttachmentStorage;
  /** the hotline's own addresses (INBOUND_ADDRESS, SES_FROM): mail from them is never answered */
  ownAddresses: string[];
}

export type EmailInResult =
  | { outcome: 'dropped'; reason: string }
  | { outcome: 'duplicate'; caseId?: string }
  | { outcome: 'reply'; caseId: string; reference: string; status: string; attachmentsKept: number; attachmentsRefused: number }
  | {
      outcome: 'new-contact';
      caseId: string;
      reference: string;
      matchId?: string;
      language: string;
      attachmentsKept: number;
      attachmentsRefused: number;
    };

const MAX_TEXT = 20_000;
const SYSTEM = 'email-in';
const hash = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

class AlreadyHandled extends Error {}

export async function receiveEmail(deps: EmailInDeps, raw: Buffer, receivedAt: Date): Promise<EmailInResult> {
  const msg = await parseInbound(raw, { ownAddresses: deps.ownAddresses, fallbackId: `sha256:${hash(raw)}` });
  if (msg.drop) {
    await deps.store.recordDropped(msg.messageId, msg.drop, receivedAt);
    log.info('email-in: dropped', { reason: msg.drop });
    return { outcome: 'dropped', reason: msg.drop };
  }
  const seen = await deps.store.inboundHandled(msg.messageId);
  if (seen) return { outcome: 'duplicate', ...(seen.caseId ? { caseId: seen.caseId } : {}) };

  const sender = msg.from!.address;
  const target = await findReplyTarget(deps, msg, sender);
  const files = await keepAttachments(deps, msg, receivedAt);
  try {
    return target ? await reply(deps, msg, target, files, receivedAt) : await newContact(deps, msg, files, receivedAt);
  } catch (err) {
    // A concurrent delivery of the same message won the guard item: this one did nothing.
    if (
      err instanceof AlreadyHandled ||
      (err instanceof AppError && err.code === 'conflict' && (await deps.store.inboundHandled(msg.messageId)))
    ) {
      const again = await deps.store.inboundHandled(msg.messageId);
      return { outcome: 'duplicate', ...(again?.caseId ? { caseId: again.caseId } : {}) };
    }
    throw err;
  }
}

/** The sender's own case this message answers: by our Message-IDs in its thread headers, else by a reference it names. */
async function findReplyTarget(deps: EmailInDeps, msg: InboundMessage, sender: string): Promise<Correction | undefined> {
  const own = async (id: string | undefined) => {
    const c = id ? await deps.store.getCase(id) : undefined;
    // Never attach a stranger's mail to someone's case: only the case's reporter may reply by email.
    return c && c.kind === 'correction' && c.reporter.email?.toLowerCase() === sender ? c : undefined;
  };
  const byThread = await own(await deps.store.caseOfSentMessages(msg.threadIds.map(messageIdLocalPart)));
  if (byThread) return byThread;
  for (const ref of findReferences(`${msg.subject}\n${msg.text}\n${msg.quoted}`).slice(0, 5)) {
    const c = await own(await deps.store.caseIdByReference(ref));
    if (c) return c;
  }
  return undefined;
}

interface KeptFiles {
  kept: AttachmentRef[];
  refused: RefusedAttachment[];
}

async function keepAttachments(deps: EmailInDeps, msg: InboundMessage, at: Date): Promise<KeptFiles> {
  const { kept, refused } = sortAttachments(msg.attachments);
  // attachments/ (not inbound/, where SES stores raw mail and whose new objects start email-in)
  const prefix = `attachments/${hash(msg.messageId).slice(0, 32)}`;
  const refs = await Promise.all(
    kept.map(async (a, i) => {
      // keyed by the message, so a redelivery overwrites the same objects
      const key = `${prefix}/${i + 1}-${safeFilename(a.filename)}`;
      await deps.attachments.put(key, a.content, a.contentType);
      return { key, filename: a.filename, contentType: a.contentType, size: a.size, at: at.toISOString() };
    }),
  );
  return { kept: refs, refused };
}

const textOf = (msg: InboundMessage) => (msg.text || msg.subject || '(no text)').slice(0, MAX_TEXT);
const notesOf = (files: KeptFiles, at: Date): Note[] =>
  files.refused.length ? [{ at: at.toISOString(), author: SYSTEM, text: refusalNote(files.refused) }] : [];

async function reply(
  deps: EmailInDeps,
  msg: InboundMessage,
  target: Correction,
  files: KeptFiles,
  receivedAt: Date,
): Promise<EmailInResult> {
  const guard = deps.store.inboundGuard(msg.messageId, { outcome: 'reply', caseId: target.id, at: receivedAt.toISOString() });
  const next = await recordReporterReply(
    deps,
    target.id,
    textOf(msg),
    async (c) => {
      if (c.kind !== 'correction' || c.reporter.email?.toLowerCase() !== msg.from!.address) throw notFound();
      // a lost race re-decides: if the same message was handled meanwhile, stop here
      if (await deps.store.inboundHandled(msg.messageId)) throw new AlreadyHandled();
    },
    (c, decision) => {
      decision.extraPuts = [...(decision.extraPuts ?? []), guard];
      decision.history = decision.history.map((h) => ({ ...h, channel: 'email' }));
      if (files.kept.length) decision.next.attachments = [...(c.attachments ?? []), ...files.kept];
      const notes = notesOf(files, receivedAt);
      if (notes.length) decision.notes = notes;
    },
  );
  return {
    outcome: 'reply',
    caseId: next.id,
    reference: next.reference,
    status: next.status,
    attachmentsKept: files.kept.length,
    attachmentsRefused: files.refused.length,
  };
}

/** The one known match the text names: by its id, else by both teams on a date it names. */
async function findMatch(deps: EmailInDeps, text: string, receivedAt: Date): Promise<string | undefined> {
  for (const id of matchIdCandidates(text)) if (await deps.store.getMatch(id)) return id;
  const found = new Set<string>();
  for (const day of findDates(text, receivedAt)) {
    for (const id of await deps.store.matchIdsOnDay(day)) {
      const m = await deps.store.getMatch(id);
      if (m && namesBothTeams(text, m.home, m.away)) found.add(m.id);
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

async function newContact(deps: EmailInDeps, msg: InboundMessage, files: KeptFiles, receivedAt: Date): Promise<EmailInResult> {
  const searchable = `${msg.subject}\n${msg.text}`;
  const matchId = await findMatch(deps, searchable, receivedAt);
  const language = guessLanguage(searchable);
  const from = msg.from!;
  const name = (from.name ?? '').trim() || from.address.slice(0, from.address.indexOf('@'));
  const guard = deps.store.inboundGuard(msg.messageId, { outcome: 'new-contact', at: receivedAt.toISOString() });
  // Same intake as POST /corrections (duplicates, re-contacts, limits, acknowledgement); arrival = receipt time.
  const created = await createCorrection(
    { ...deps, clock: fixedClock(receivedAt) },
    {
      ...(matchId ? { matchId } : {}),
      category: 'other',
      description: textOf(msg),
      reporter: { name: name.slice(0, 200), email: from.address },
      language,
    },
    {
      channel: 'email',
      inbound: {
        extraPuts: [guard],
        inReplyTo: `<${msg.messageId}>`,
        notes: notesOf(files, receivedAt),
        record: {
          ...(files.kept.length ? { attachments: files.kept } : {}),
          email: {
            messageId: msg.messageId,
            subject: msg.subject.slice(0, 500),
            ...(msg.quoted ? { quoted: msg.quoted.slice(0, MAX_TEXT) } : {}),
          },
        },
      },
    },
  );
  log.info('email-in: new contact', { caseId: created.id, reference: created.reference, classified: Boolean(matchId) });
  return {
    outcome: 'new-contact',
    caseId: created.id,
    reference: created.reference,
    ...(matchId ? { matchId } : {}),
    language,
    attachmentsKept: files.kept.length,
    attachmentsRefused: files.refused.length,
  };
}

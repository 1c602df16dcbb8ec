/**
 * email-in: each inbound email becomes a reporter's reply, a new contact (channel `email`), or nothing
 * (auto-replies, bulk, bounces, our own address, spam/virus) — shared/usecases/email-in.ts.
 *
 * Accepted events (one invocation may carry several records):
 * 1. S3 object notification, as the inbound bucket sends it when SES's S3 action has stored a message
 *    (events/email-in.json): {"Records": [{"eventSource": "aws:s3", "eventTime", "s3": {"bucket": {"name"}, "object": {"key"}}}]}.
 *    Arrival = `eventTime` (when SES stored it). Locally the object is read from DATA_DIR/inbound/<key>, else
 *    from <key> relative to the working directory (so the sample event can name a fixture .eml).
 * 2. EventBridge "Object Created" from the mail bucket (how the CDK stack wires it): {"source": "aws.s3", "time",
 *    "detail": {"bucket": {"name"}, "object": {"key"}}}; arrival = `time`.
 * 3. SES receipt-rule Lambda action (InvocationType Event), after an S3 action with INBOUND_BUCKET/INBOUND_PREFIX:
 *    {"Records": [{"eventSource": "aws:ses", "ses": {"mail": {"messageId", "timestamp"}, "receipt": {"spamVerdict", "virusVerdict"}}}]};
 *    a FAIL verdict drops the message without reading it.
 * Answers `{results: [...]}`, one per record. A store failure throws, so Lambda retries; the guard item makes a retry harmless.
 */
import { installContactHashKey } from '../../shared/adapters/contact-key-secret.js';
import { loadConfig } from '../../shared/config.js';
import { log } from '../../shared/log.js';
import type { AttachmentStorage, RawMailSource } from '../../shared/ports/attachments.js';
import { CaseIntakeStore, CaseStore } from '../../shared/store/cases.js';
import { CatalogStore } from '../../shared/store/catalog.js';
import { ConfigStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { InboundStore } from '../../shared/store/inbound.js';
import { OutboxStore } from '../../shared/store/outbox.js';
import { MatchRecordStore } from '../../shared/store/matches.js';
import { LimitsStore } from '../../shared/store/limits.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { receiveEmail, type EmailInResult, type EmailInStore } from '../../shared/usecases/email-in.js';
import { depsFromEnv } from '../../shared/wiring/deps.js';
import { mailStorageFromEnv } from '../../shared/wiring/mail-storage.js';
import { sesMailer } from '../../shared/wiring/ses.js';

/** The store groups of receiving an email (the use case's parameter type checks it). */
const InboundMailStore = composeStore(
  CaseStore,
  CaseIntakeStore,
  CatalogStore,
  ConfigStore,
  OutboxStore,
  InboundStore,
  MatchRecordStore,
  LimitsStore,
);

interface S3Record {
  eventSource?: string;
  eventTime?: string;
  s3?: { bucket?: { name?: string }; object?: { key?: string } };
}
interface SesRecord {
  eventSource?: string;
  ses?: {
    mail?: { messageId?: string; timestamp?: string };
    receipt?: { spamVerdict?: { status?: string }; virusVerdict?: { status?: string } };
  };
}
export interface EmailInEvent {
  Records?: (S3Record & SesRecord)[];
  /** EventBridge "Object Created" (the AWS wiring: the bucket publishes to EventBridge) */
  source?: string;
  time?: string;
  detail?: { bucket?: { name?: string }; object?: { key?: string } };
}

/** The records of any accepted event shape; an EventBridge S3 event becomes one S3 record. */
function recordsOf(event: EmailInEvent): (S3Record & SesRecord)[] {
  if (event?.source === 'aws.s3' && event.detail)
    return [
      {
        eventSource: 'aws:s3',
        eventTime: event.time,
        s3: { bucket: { name: event.detail.bucket?.name }, object: { key: event.detail.object?.key } },
      },
    ];
  return event?.Records ?? [];
}

export interface EmailInDeps extends Deps<EmailInStore> {
  /** where the raw messages are (S3, or DATA_DIR/inbound locally) */
  source: RawMailSource;
  /** where the files kept from them go */
  attachments: AttachmentStorage;
  /** our own addresses: mail from them is never answered */
  ownAddresses: string[];
  /** SES Lambda action: where the S3 action stored the message */
  inboundBucket?: string;
  inboundPrefix?: string;
}

/** The composition root: the handler from its dependencies (tests, the bench and the local SMTP server build it with theirs). */
export function makeHandler(deps: EmailInDeps) {
  return async (event: EmailInEvent): Promise<{ results: (EmailInResult | { outcome: 'skipped'; reason: string })[] }> => {
    const results: (EmailInResult | { outcome: 'skipped'; reason: string })[] = [];
    await installContactHashKey(); // new contacts and limits hash the sender's address
    for (const r of recordsOf(event)) {
      let bucket: string | undefined;
      let key: string | undefined;
      let at: string | undefined;
      if (r.ses) {
        const verdicts = [r.ses.receipt?.spamVerdict?.status, r.ses.receipt?.virusVerdict?.status];
        if (verdicts.includes('FAIL')) {
          results.push({ outcome: 'dropped', reason: verdicts[1] === 'FAIL' ? 'virus' : 'spam' });
          continue;
        }
        bucket = deps.inboundBucket;
        key = r.ses.mail?.messageId ? `${deps.inboundPrefix ?? ''}${r.ses.mail.messageId}` : undefined;
        at = r.ses.mail?.timestamp;
      } else if (r.s3) {
        bucket = r.s3.bucket?.name;
        key = r.s3.object?.key;
        at = r.eventTime;
      }
      if (!bucket || !key) {
        log.error('email-in: a record names no stored message; skipped', { eventSource: r.eventSource });
        results.push({ outcome: 'skipped', reason: 'no bucket/key in the record' });
        continue;
      }
      const raw = await deps.source.get(bucket, key);
      const receivedAt = at && !Number.isNaN(Date.parse(at)) ? new Date(at) : new Date();
      results.push(await receiveEmail(deps, raw, receivedAt));
    }
    return { results };
  };
}

/** Built once per cold start (in Lambda at init) from the environment: SES answers, the mail bucket holds the messages. */
export function buildDeps(): EmailInDeps {
  const cfg = loadConfig();
  const { source, attachments } = mailStorageFromEnv();
  return {
    ...depsFromEnv(InboundMailStore, { mailer: sesMailer }, cfg),
    source,
    attachments,
    ownAddresses: [...new Set([cfg.inboundAddress, cfg.sesFrom].map((a) => a.toLowerCase()))],
    ...(process.env.INBOUND_BUCKET ? { inboundBucket: process.env.INBOUND_BUCKET } : {}),
    ...(process.env.INBOUND_PREFIX ? { inboundPrefix: process.env.INBOUND_PREFIX } : {}),
  };
}

export const handler = makeHandler(buildDeps());

/**
 * email-in's storage adapters, from the environment: in AWS (ATTACHMENTS_BUCKET set) S3 for raw messages
 * and attachments; on this machine folders under DATA_DIR, with signed links the local server serves.
 * Tests and the local tools may install their own (setMailStorage).
 */
import { LocalAttachmentStorage, LocalRawMailSource } from './adapters/local-mail.js';
import { makeS3Client, S3AttachmentStorage, S3RawMailSource } from './adapters/s3-mail.js';
import type { AttachmentStorage, RawMailSource } from './ports/attachments.js';

let installed: { attachments: AttachmentStorage; source: RawMailSource } | undefined;
let built: { attachments: AttachmentStorage; source: RawMailSource } | undefined;

function fromEnv() {
  const bucket = process.env.ATTACHMENTS_BUCKET;
  if (bucket) {
    const s3 = makeS3Client(process.env.AWS_REGION ?? 'eu-north-1');
    return { attachments: new S3AttachmentStorage(s3, bucket), source: new S3RawMailSource(s3) };
  }
  const dataDir = process.env.DATA_DIR ?? '.data';
  const base = process.env.PUBLIC_BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  return { attachments: new LocalAttachmentStorage(dataDir, base), source: new LocalRawMailSource(dataDir) };
}

export const attachmentStorage = (): AttachmentStorage => (installed ?? (built ??= fromEnv())).attachments;
export const rawMailSource = (): RawMailSource => (installed ?? (built ??= fromEnv())).source;

export function setMailStorage(next: { attachments: AttachmentStorage; source: RawMailSource } | undefined): void {
  installed = next;
  built = undefined;
}

/**
 * Where inbound mail and its attachments are kept, from the environment: in AWS (ATTACHMENTS_BUCKET set) S3
 * for raw messages and attachments; on this machine folders under DATA_DIR, with signed links the local
 * server serves (the signing secret is kept in DATA_DIR, so every instance built here signs alike).
 */
import { LocalAttachmentStorage, LocalRawMailSource } from '../adapters/local-mail.js';
import { makeS3Client, S3AttachmentStorage, S3RawMailSource } from '../adapters/s3-mail.js';
import type { AttachmentStorage, RawMailSource } from '../ports/attachments.js';

export interface MailStorage {
  attachments: AttachmentStorage;
  source: RawMailSource;
}

export function mailStorageFromEnv(env: NodeJS.ProcessEnv = process.env): MailStorage {
  const bucket = env.ATTACHMENTS_BUCKET;
  if (bucket) {
    const s3 = makeS3Client(env.AWS_REGION ?? 'eu-north-1');
    return { attachments: new S3AttachmentStorage(s3, bucket), source: new S3RawMailSource(s3) };
  }
  const dataDir = env.DATA_DIR ?? '.data';
  const base = env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT ?? 3000}`;
  return { attachments: new LocalAttachmentStorage(dataDir, base), source: new LocalRawMailSource(dataDir) };
}

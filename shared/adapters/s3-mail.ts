/** S3 adapters of email-in: the raw messages SES's S3 action stores, and the kept attachments (presigned download links). */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { AttachmentStorage, RawMailSource } from '../ports/attachments.js';

export class S3RawMailSource implements RawMailSource {
  constructor(private readonly s3: S3Client) {}
  async get(bucket: string, key: string): Promise<Buffer> {
    const r = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await r.Body!.transformToByteArray());
  }
}

export class S3AttachmentStorage implements AttachmentStorage {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}
  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }
  async downloadUrl(key: string, filename: string, contentType: string, expiresInSeconds: number): Promise<string> {
    const disposition = `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({ Bucket: this.bucket, Key: key, ResponseContentDisposition: disposition, ResponseContentType: contentType }),
      { expiresIn: expiresInSeconds },
    );
  }
}

export const makeS3Client = (region: string) => new S3Client({ region, maxAttempts: 3 });

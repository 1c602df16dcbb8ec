/** Where inbound email lands and where its kept attachments live: S3 in AWS, a folder under DATA_DIR on this machine. */
export interface AttachmentStorage {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** a download link that expires (a presigned URL in AWS; a signed local URL served by `npm start`) */
  downloadUrl(key: string, filename: string, contentType: string, expiresInSeconds: number): Promise<string>;
}

/** The raw message of an S3 object notification (SES's S3 action wrote it; locally the SMTP server did). */
export interface RawMailSource {
  get(bucket: string, key: string): Promise<Buffer>;
}

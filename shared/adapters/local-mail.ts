/**
 * Local stand-ins for S3 in email-in (`npm start`, `npm run invoke`, tests): a folder for raw messages and
 * one for attachments, under DATA_DIR. Download links are signed (HMAC with a secret kept in DATA_DIR) and
 * expire; the local API server serves them at /local/attachments/….
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { AttachmentStorage, RawMailSource } from '../ports/attachments.js';

/** The bucket name local S3 events carry: messages from the local SMTP server are in DATA_DIR/inbound. */
export const LOCAL_INBOUND_BUCKET = 'local-inbound';

function inside(root: string, key: string): string {
  const path = resolve(root, key);
  if (!path.startsWith(resolve(root) + sep)) throw new Error('object key leaves its folder');
  return path;
}

/**
 * Reads `key` from DATA_DIR/inbound (where the local SMTP server writes each message, as SES's S3 action
 * would); a key not found there is read relative to the working directory, so a sample event can name a
 * fixture (events/email-in.json names tests/fixtures/email/new-report-fi.eml).
 */
export class LocalRawMailSource implements RawMailSource {
  constructor(private readonly dataDir: string) {}
  async get(_bucket: string, key: string): Promise<Buffer> {
    const decoded = decodeURIComponent(key.replace(/\+/g, ' '));
    const inbound = inside(join(this.dataDir, 'inbound'), decoded);
    if (existsSync(inbound)) return readFile(inbound);
    return readFile(inside(process.cwd(), decoded));
  }
  async put(key: string, raw: Buffer): Promise<void> {
    const path = inside(join(this.dataDir, 'inbound'), key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, raw);
  }
}

function localSecret(dataDir: string): Buffer {
  const file = join(dataDir, 'attachment-link.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

const sign = (secret: Buffer, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

export class LocalAttachmentStorage implements AttachmentStorage {
  constructor(
    private readonly dataDir: string,
    private readonly baseUrl: string,
  ) {}
  private get root() {
    return join(this.dataDir, 'attachments');
  }
  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    const path = inside(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, body);
    await writeFile(`${path}.type`, contentType);
  }
  async downloadUrl(key: string, filename: string, _contentType: string, expiresInSeconds: number): Promise<string> {
    const exp = Math.floor(Date.now() / 1000) + expiresInSeconds;
    const sig = sign(localSecret(this.dataDir), `${key}\n${filename}\n${exp}`);
    return (
      `${this.baseUrl}/local/attachments/${key.split('/').map(encodeURIComponent).join('/')}` +
      `?name=${encodeURIComponent(filename)}&exp=${exp}&sig=${sig}`
    );
  }
  /** The local server's check of a download link: the file and its type, or undefined when the link is bad or expired. */
  async open(
    key: string,
    filename: string,
    exp: number,
    sig: string,
    now = Date.now(),
  ): Promise<{ body: Buffer; contentType: string } | undefined> {
    if (!Number.isFinite(exp) || exp * 1000 < now) return undefined;
    const want = Buffer.from(sign(localSecret(this.dataDir), `${key}\n${filename}\n${exp}`));
    const got = Buffer.from(sig);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return undefined;
    try {
      const path = inside(this.root, key);
      return {
        body: await readFile(path),
        contentType: (await readFile(`${path}.type`, 'utf8').catch(() => 'application/octet-stream')).trim(),
      };
    } catch {
      return undefined;
    }
  }
}

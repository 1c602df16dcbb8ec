/**
 * The local SMTP server of `npm start` (contract §9): 127.0.0.1 only, no authentication, the message size
 * limited at SMTP level. Each message is stored as SES's S3 action would store it (DATA_DIR/inbound/<key>)
 * and handed to the email-in handler as an S3 object notification, the same path as in AWS. The SMTP answer
 * waits for the handler: 250 when handled, 451 (try again later) when it failed, so nothing is lost.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { LOCAL_INBOUND_BUCKET, LocalRawMailSource } from '../../shared/adapters/local-mail.js';
import { MAX_ATTACHMENT_BYTES } from '../../shared/domain/inbound/attachments.js';

/** 10 MiB of attachments, base64-encoded (4/3), plus room for the text and headers: larger messages are refused at SMTP. */
export const SMTP_MAX_BYTES = Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 512 * 1024;

export interface RunningSmtp {
  port: number;
  server: SMTPServer;
  stop(): Promise<void>;
}

export function s3Event(bucket: string, key: string, at: Date, size: number) {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'eu-north-1',
        eventTime: at.toISOString(),
        eventName: 'ObjectCreated:Put',
        s3: { s3SchemaVersion: '1.0', bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` }, object: { key, size } },
      },
    ],
  };
}

export async function startSmtpServer(opts: {
  port: number;
  dataDir: string;
  deliver: (event: ReturnType<typeof s3Event>) => Promise<unknown>;
  maxBytes?: number;
  log?: (line: string) => void;
}): Promise<RunningSmtp> {
  const store = new LocalRawMailSource(opts.dataDir);
  const maxBytes = opts.maxBytes ?? SMTP_MAX_BYTES;
  const server = new SMTPServer({
    name: 'localhost',
    banner: 'results-hotline local email-in',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          const err = Object.assign(new Error(`Message too large: at most ${maxBytes} bytes (10 MB of attachments)`), {
            responseCode: 552,
          });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks);
        const at = new Date();
        const key = `${at.toISOString().slice(0, 10)}/${randomUUID()}.eml`;
        store
          .put(key, raw)
          .then(() => opts.deliver(s3Event(LOCAL_INBOUND_BUCKET, key, at, raw.length)))
          .then((result) => {
            opts.log?.(`[smtp] ${key} → ${JSON.stringify(result)}`);
            callback(null, 'Message accepted');
          })
          .catch((err: unknown) => {
            opts.log?.(`[smtp] ${key} failed: ${String(err)}`);
            callback(Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 }));
          });
      });
    },
  });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(opts.port, '127.0.0.1', () => res());
  });
  server.on('error', (err) => opts.log?.(`[smtp] ${String(err)}`));
  const port = (server.server.address() as AddressInfo).port;
  return { port, server, stop: () => new Promise((res) => server.close(() => res())) };
}

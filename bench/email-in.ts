/**
 * Email in: messages per second from SMTP to a stored case (real SMTP server, DynamoDB Local, local SES, the
 * acknowledgement sent), at 1 and 8 concurrent senders; and peak RSS of a fresh process parsing a message with a
 * 10 MB attachment (Lambda has 256 MB; target ≤ 160 MB).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import nodemailer from 'nodemailer';
import { LocalAttachmentStorage, LocalRawMailSource } from '../shared/adapters/local-mail.js';
import { makeHandler as makeEmailIn } from '../functions/email-in/handler.js';
import { startSmtpServer } from '../scripts/local/smtp.js';
import { startBenchStack } from './local-stack.js';

export interface EmailInBench {
  throughput: { senders: number; messages: number; messagesPerSecond: number; handlerP50Ms: number; errors: number }[];
  parse10MbPeakRssMb: number;
  parseTargetMb: number;
}

export async function benchEmailIn(opts: { perRun: number; log: (s: string) => void }): Promise<EmailInBench> {
  const { cfg, store, deps, stop } = await startBenchStack('bench-email-in');
  await store.putSeries({ id: 's1', name: 'F-liiga', officials: [] }, undefined);
  await store.putMatches([{ id: 'M-1001', seriesId: 's1', startsAt: '2026-11-21T14:00:00.000Z', home: 'SPV', away: 'Classic' }]);
  const dir = mkdtempSync(join(tmpdir(), 'bench-email-in-'));
  const handler = makeEmailIn({
    ...deps,
    source: new LocalRawMailSource(dir),
    attachments: new LocalAttachmentStorage(dir, 'http://localhost'),
    ownAddresses: [cfg.sesFrom],
  });
  let failures = 0;
  const handlerMs: number[] = [];
  const smtp = await startSmtpServer({
    port: 0,
    dataDir: dir,
    deliver: async (e) => {
      const t0 = performance.now();
      const r = await handler(e);
      handlerMs.push(performance.now() - t0);
      if (r.results[0]?.outcome !== 'new-contact') failures++;
      return r;
    },
  });
  // DynamoDB Local's JVM is slow until warm: a short unmeasured run first
  const warm = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
  for (let i = 0; i < 10; i++)
    await warm.sendMail({ from: `warm-${i}@club.example`, to: cfg.sesFrom, subject: 'x', text: 'ottelu M-1001' });
  warm.close();
  const throughput: EmailInBench['throughput'] = [];
  try {
    for (const senders of [1, 8]) {
      const transports = Array.from({ length: senders }, () =>
        nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1 }),
      );
      let next = 0;
      let errors = 0;
      failures = 0;
      handlerMs.length = 0;
      const started = performance.now();
      await Promise.all(
        transports.map(async (t, s) => {
          while (next < opts.perRun) {
            const n = next++;
            await t
              .sendMail({
                from: `sender${s}-${n}@club.example`,
                to: cfg.sesFrom,
                subject: 'Tulosvirhe',
                text: `Hei, ottelun M-1001 tulos on väärin (${senders}/${n}).`,
              })
              .catch(() => errors++);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      transports.forEach((t) => t.close());
      const sorted = [...handlerMs].sort((a, b) => a - b);
      const row = {
        senders,
        messages: opts.perRun,
        messagesPerSecond: opts.perRun / seconds,
        handlerP50Ms: sorted[Math.floor(sorted.length / 2)] ?? 0,
        errors: errors + failures,
      };
      throughput.push(row);
      opts.log(
        `  ${senders} sender(s): ${row.messagesPerSecond.toFixed(1)} messages/s SMTP → case + ` +
          `acknowledgement (${row.messages} messages, handler p50 ${row.handlerP50Ms.toFixed(0)} ms, ` +
          `${row.errors} errors)`,
      );
    }
  } finally {
    await smtp.stop();
    await stop();
  }
  // as Lambda runs it: a bundle in plain node (tsx's loader alone would add ~70 MB)
  const bundle = join(dir, 'parse-child.mjs');
  await build({
    entryPoints: [resolve(import.meta.dirname, 'email-parse-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    logLevel: 'error',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  const pdf = Buffer.alloc(10 * 1024 * 1024, 0x25)
    .toString('base64')
    .replace(/(.{76})/g, '$1\r\n');
  const eml = join(dir, 'big.eml');
  writeFileSync(
    eml,
    `From: a@b.example\r\nTo: t@x.example\r\nSubject: big\r\nMessage-ID: ` +
      `<big@b.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; ` +
      `boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nLiitteenä ` +
      `pöytäkirja.\r\n--b\r\nContent-Type: application/pdf; name="p.pdf"\r\nContent-Disposition: ` +
      `attachment; filename="p.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${pdf}\r\n--b--\r\n`,
  );
  const child = JSON.parse(execFileSync(process.execPath, [bundle, eml], { encoding: 'utf8' })) as {
    peakRssMb: number;
    baselineRssMb: number;
  };
  opts.log(
    `  peak RSS parsing a message with a 10 MB attachment: ${child.peakRssMb.toFixed(0)} MB (before ` +
      `parsing, with the raw message: ${child.baselineRssMb.toFixed(0)} MB; target ≤ 160 MB)`,
  );
  return { throughput, parse10MbPeakRssMb: child.peakRssMb, parseTargetMb: 160 };
}

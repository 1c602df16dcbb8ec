/**
 * Email in, against a real SMTP server (scripts/local/smtp.ts, as `npm start` runs it) and real messages
 * sent with nodemailer: new contacts, replies by thread and by reference, strangers, robots, encodings,
 * attachments at and over the limit, and exactly-once delivery. DynamoDB Local and the local SES are real.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHandler as makeEmailIn } from '../../functions/email-in/handler.js';
import { staffQueue } from '../support/functions.js';
import { LocalAttachmentStorage, LocalRawMailSource } from '../../shared/adapters/local-mail.js';
import { loadConfig } from '../../shared/config.js';
import { forgetLimits, putLimits } from '../../shared/usecases/limits.js';
import { startSmtpServer, type RunningSmtp } from '../../scripts/local/smtp.js';
import { handlers, staff, staffView } from '../support/api.js';
import { call, staffClaims } from '../support/events.js';
import { createTestEnv, seedBasics, uniqueEmail, type TestEnv } from '../support/harness.js';

const HOTLINE = loadConfig().sesFrom;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/email/${name}`, import.meta.url));

interface StoredEmail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
  replyTo?: string[];
  headers?: { name: string; value: string }[];
}

async function emailsTo(env: TestEnv, to: string): Promise<StoredEmail[]> {
  const r = await fetch(`${env.sesEndpoint}/store`);
  return ((await r.json()) as { emails: StoredEmail[] }).emails.filter((e) => e.destination.to.includes(to));
}
const header = (e: StoredEmail, name: string) => e.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

async function hotline(env: TestEnv, own: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'email-in-'));
  const attachments = new LocalAttachmentStorage(dir, 'http://localhost:1');
  // email-in built by its composition root from this hotline's deps: its table, mail folder and addresses
  const handler = makeEmailIn({ ...env, source: new LocalRawMailSource(dir), attachments, ownAddresses: own });
  const results: unknown[] = [];
  const smtp = await startSmtpServer({
    port: 0,
    dataDir: dir,
    deliver: async (e) => (results.push(...(await handler(e)).results), results.at(-1)),
    log: (l) => l.includes('failed') && console.error(l),
  });
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
  return { dir, attachments, smtp, results, transport, send: (m: nodemailer.SendMailOptions) => transport.sendMail({ to: own[0], ...m }) };
}

let env: TestEnv;
let h: Awaited<ReturnType<typeof hotline>>;
const servers: RunningSmtp[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  await seedBasics(env);
  h = await hotline(env, [HOTLINE]);
  servers.push(h.smtp);
  // staff-corrections links the files this hotline's email-in kept
  env.attachments = h.attachments;
  env.source = new LocalRawMailSource(h.dir);
});
afterAll(async () => {
  for (const s of servers) await s.stop();
});

const lastResult = () =>
  h.results.at(-1) as { outcome: string; caseId?: string; reference?: string; reason?: string; matchId?: string; language?: string };
const view = async (id: string) => (await staffView(id)).body as Record<string, any>;

async function newReport(
  from = uniqueEmail('matti'),
  text = 'Hei, ottelun M-1001 lopputulos on väärin: oikea tulos on 4–4. Terveisin Matti',
  messageId?: string,
) {
  const info = await h.send({
    from: `Matti Meikäläinen <${from}>`,
    subject: 'Virhe ottelun tuloksessa',
    text,
    ...(messageId ? { messageId } : {}),
  });
  const r = lastResult();
  expect(r.outcome, JSON.stringify(r)).toBe('new-contact');
  return { from, caseId: r.caseId!, reference: r.reference!, messageId: info.messageId };
}

describe('email in over SMTP', () => {
  it('a new report in Finnish naming the match joins the queue (channel email) and is acknowledged in the same thread', async () => {
    const { from, caseId, reference, messageId } = await newReport();
    const c = await view(caseId);
    expect(c).toMatchObject({
      channel: 'email',
      matchId: 'M-1001',
      language: 'fi',
      status: 'queued',
      reporter: { name: 'Matti Meikäläinen', email: from },
    });
    expect(c.description).toContain('oikea tulos on 4–4');
    expect(c.unclassified).toBeUndefined();
    const queue = await call(staffQueue as never, 'GET /staff/queue', { claims: staffClaims() });
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(caseId);
    const [ack] = await emailsTo(env, from);
    expect(ack!.subject).toContain(reference);
    expect(header(ack!, 'In-Reply-To')).toBe(messageId);
    expect(header(ack!, 'Auto-Submitted')).toBe('auto-replied');
    expect(ack!.replyTo).toEqual([HOTLINE]);
  });

  it('a reply with In-Reply-To to our email goes back to the queue from awaiting-reporter', async () => {
    const { from, caseId } = await newReport();
    expect((await staff('request-info', caseId, { message: 'Kuka teki maalin?' })).status).toBe(200);
    const question = (await emailsTo(env, from)).find((e) => e.body.text?.includes('Kuka teki maalin?'))!;
    await h.send({
      from,
      subject: 'Re: lisätietoja',
      text: 'Maalin teki #17.\n\nla 21.11.2026 klo 18.05 Tulospalvelu <x@y> kirjoitti:\n> Kuka teki maalin?',
      inReplyTo: `<${question.messageId}@eu-north-1.amazonses.com>`,
    });
    expect(lastResult()).toMatchObject({ outcome: 'reply', caseId, status: 'queued' });
    const c = await view(caseId);
    expect(c.messages.at(-1)).toMatchObject({ from: 'reporter', message: 'Maalin teki #17.' });
  });

  it('a reply naming only the reference (no thread headers) is a reply; the same from another address is a new contact', async () => {
    const { from, caseId, reference } = await newReport();
    await h.send({ from, subject: `Re: tunnus ${reference}`, text: 'Lisäys: jatkoaika 65.00.' });
    expect(lastResult()).toMatchObject({ outcome: 'reply', caseId });
    const stranger = uniqueEmail('stranger');
    await h.send({ from: stranger, subject: `Re: tunnus ${reference}`, text: 'Tämä on minun asiani.' });
    const r = lastResult();
    expect(r.outcome).toBe('new-contact');
    expect(r.caseId).not.toBe(caseId);
    expect((await view(caseId)).messages.map((m: { message: string }) => m.message)).not.toContain('Tämä on minun asiani.');
  });

  it('an auto-reply is dropped: no case, no answer', async () => {
    const from = uniqueEmail('away');
    await h.send({ from, subject: 'Poissa', text: 'Olen lomalla.', headers: { 'Auto-Submitted': 'auto-replied' } });
    expect(lastResult()).toEqual({ outcome: 'dropped', reason: 'auto-submitted' });
    await h.send({ from, subject: 'Poissa', text: 'Olen lomalla.', headers: { Precedence: 'bulk' } });
    expect(lastResult()).toEqual({ outcome: 'dropped', reason: 'precedence' });
    await h.send({ from: HOTLINE, subject: 'me', text: 'Oma viesti.' });
    expect(lastResult()).toEqual({ outcome: 'dropped', reason: 'own-address' });
    expect(await emailsTo(env, from)).toEqual([]);
  });

  it("two hotlines' automatic answers do not ping-pong", async () => {
    const envB = await createTestEnv({ install: false });
    const B = 'tulospalvelu@other-hotline.test';
    const b = await hotline(envB, [B]);
    servers.push(b.smtp);
    // Hotline B's address writes to us (say, a person there): we open a case and acknowledge to B.
    const { caseId } = await newReport(B);
    const acks = await emailsTo(env, B);
    expect(acks).toHaveLength(1);
    // Our acknowledgement arrives at B, exactly as we sent it: B must neither open a case nor answer.
    const ack = acks[0]!;
    await b.transport.sendMail({
      from: HOTLINE,
      to: B,
      subject: ack.subject,
      text: ack.body.text,
      headers: Object.fromEntries((ack.headers ?? []).map((x) => [x.name, x.value])),
    });
    expect(b.results.at(-1)).toMatchObject({ outcome: 'dropped' });
    expect(await emailsTo(envB, HOTLINE)).toEqual([]);
    // And were B's robot to answer anyway, its auto-reply would be dropped here.
    await h.send({ from: B, subject: `Automatic reply: ${ack.subject}`, text: 'Thanks', headers: { 'Auto-Submitted': 'auto-replied' } });
    expect(lastResult()).toMatchObject({ outcome: 'dropped' });
    expect(await emailsTo(env, B)).toHaveLength(1);
    expect((await view(caseId)).messages).toEqual([]);
  });

  it('an HTML-only body is read as text; both teams on a date find the match', async () => {
    const from = uniqueEmail('liisa');
    await h.send({
      from,
      subject: 'Tulosvirhe',
      html: '<p>Hei, ottelun <b>TPS &ndash; OLS</b> 21.11. tulos on v&auml;&auml;rin.</p><p>Oikea tulos on 3&ndash;2.</p>',
    });
    const r = lastResult();
    expect(r).toMatchObject({ outcome: 'new-contact', matchId: 'M-1002' });
    expect((await view(r.caseId!)).description).toContain('TPS – OLS 21.11. tulos on väärin.');
  });

  it('an ISO-8859-1 body decodes', async () => {
    await h.transport.sendMail({
      envelope: { from: 'pekka@seura.example', to: HOTLINE },
      raw: Buffer.from(fixture('iso-8859-1.eml').toString('latin1').replace('latin1-1@', `latin1-${Date.now()}@`), 'latin1'),
    } as never);
    const r = lastResult();
    expect(r).toMatchObject({ outcome: 'new-contact', matchId: 'M-1002' });
    expect((await view(r.caseId!)).description).toContain('jäähy merkittiin väärälle pelaajalle');
  });

  it('a message naming no match is queued unclassified; classify completes it', async () => {
    const from = uniqueEmail('anna');
    await h.send({
      from,
      subject: 'Resultat',
      text: 'Hej! Resultatet i vår match i lördags är fel, det ska vara 3–2. Vänliga hälsningar Anna',
    });
    const r = lastResult();
    expect(r).toMatchObject({ outcome: 'new-contact', language: 'sv' });
    expect(await view(r.caseId!)).toMatchObject({ unclassified: true, matchId: '', category: 'other' });
    const queue = await call(staffQueue as never, 'GET /staff/queue', { claims: staffClaims() });
    expect(queue.body.items.find((i: { id: string }) => i.id === r.caseId)).toMatchObject({ channel: 'email', unclassified: true });
    const [ack] = await emailsTo(env, from);
    expect(ack!.subject).toContain('Din anmälan har tagits emot');
    const bad = await call(handlers.staffCorrections, 'POST /staff/corrections/{id}/classify', {
      pathParameters: { id: r.caseId! },
      body: { matchId: 'NOPE-1' },
      claims: staffClaims(),
    });
    expect(bad.status).toBe(422);
    const ok = await call(handlers.staffCorrections, 'POST /staff/corrections/{id}/classify', {
      pathParameters: { id: r.caseId! },
      body: { matchId: 'M-1002', category: 'final-score' },
      claims: staffClaims(),
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      matchId: 'M-1002',
      seriesId: 'f-liiga-m',
      category: 'final-score',
      match: { home: 'TPS', away: 'OLS' },
    });
    expect(ok.body.unclassified).toBeUndefined();
    expect(ok.body.history.at(-1)).toMatchObject({ action: 'classify', matchId: 'M-1002', category: 'final-score' });
    const empty = await call(handlers.staffCorrections, 'POST /staff/corrections/{id}/classify', {
      pathParameters: { id: r.caseId! },
      body: {},
      claims: staffClaims(),
    });
    expect(empty.status).toBe(400);
  });

  it('a 9 MB PDF is kept and listed with an expiring link; a zip is refused with a note, the text kept', async () => {
    const from = uniqueEmail('pdf');
    await h.send({
      from,
      subject: 'Pöytäkirja',
      text: 'Liitteenä pöytäkirja ottelusta M-1001.',
      attachments: [
        { filename: 'pöytäkirja.pdf', content: Buffer.alloc(9 * 1024 * 1024, 0x25), contentType: 'application/pdf' },
        { filename: 'kuvat.zip', content: Buffer.from('PK'), contentType: 'application/zip' },
      ],
    });
    const r = lastResult();
    expect(r).toMatchObject({ outcome: 'new-contact', attachmentsKept: 1, attachmentsRefused: 1 });
    const c = await view(r.caseId!);
    expect(c.description).toBe('Liitteenä pöytäkirja ottelusta M-1001.');
    expect(c.attachments).toEqual([
      expect.objectContaining({
        filename: 'pöytäkirja.pdf',
        contentType: 'application/pdf',
        size: 9 * 1024 * 1024,
        url: expect.stringContaining('/local/attachments/'),
        urlExpiresAt: expect.any(String),
      }),
    ]);
    expect(c.attachments[0].key).toBeUndefined();
    expect(c.notes[0].text).toMatch(/kuvat\.zip.*only images and PDF/);
    const url = new URL(c.attachments[0].url);
    const key = url.pathname.slice('/local/attachments/'.length).split('/').map(decodeURIComponent).join('/');
    const q = url.searchParams;
    const file = await h.attachments.open(key, q.get('name')!, Number(q.get('exp')), q.get('sig')!);
    expect(file?.body.length).toBe(9 * 1024 * 1024);
    expect(await h.attachments.open(key, q.get('name')!, Number(q.get('exp')), q.get('sig')!, Date.now() + 16 * 60_000)).toBeUndefined();
    expect(await h.attachments.open(key, q.get('name')!, Number(q.get('exp')), 'forged')).toBeUndefined();
  });

  it('an 11 MB attachment is refused at SMTP (552) and nothing is stored', async () => {
    const before = h.results.length;
    const sending = h.send({
      from: uniqueEmail('big'),
      subject: 'Iso',
      text: 'Iso liite',
      attachments: [{ filename: 'iso.pdf', content: Buffer.alloc(11 * 1024 * 1024, 0x25), contentType: 'application/pdf' }],
    });
    await expect(sending).rejects.toMatchObject({ responseCode: 552 });
    expect(h.results.length).toBe(before);
  });

  it('the same Message-ID delivered twice (and twice at once) makes one case', async () => {
    const id = `<dup-${Date.now()}@seura.example>`;
    const { caseId } = await newReport(uniqueEmail('dup'), 'Ottelu M-1001: tulos väärin.', id);
    await h.send({ from: uniqueEmail('dup'), subject: 'x', text: 'Ottelu M-1001: tulos väärin.', messageId: id });
    expect(lastResult()).toEqual({ outcome: 'duplicate' });
    const id2 = `<dup2-${Date.now()}@seura.example>`;
    const from = uniqueEmail('dup2');
    await Promise.all([1, 2, 3].map(() => h.send({ from, subject: 'x', text: 'Ottelu M-1001: tulos väärin.', messageId: id2 })));
    const outcomes = h.results
      .slice(-3)
      .map((r) => (r as { outcome: string }).outcome)
      .sort();
    expect(outcomes).toEqual(['duplicate', 'duplicate', 'new-contact']);
    expect(await emailsTo(env, from)).toHaveLength(1);
    expect(caseId).toBeTruthy();
  });

  it('a flood from one sender is queued whole, acknowledged at most perAddressPerDay times (limits of contract §11)', async () => {
    // a cap below the three distinct (address, match, category) triples of the flood, so the cap is what stops acks
    await putLimits(env, { perAddressPerDay: 2, perPhonePerDay: 3, perClientPer10Min: 30 }, 'test');
    forgetLimits();
    const from = uniqueEmail('flood');
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      // each names another match (the two seeded ones, by id) or none, so ack-once alone cannot explain the cap
      const text =
        i % 3 === 0
          ? `Ottelun M-1001 tulos on väärin (${i}).`
          : i % 3 === 1
            ? `Ottelun M-1002 tulos on väärin (${i}).`
            : `Tulos on väärin (${i}).`;
      const r = await newReport(from, text);
      ids.push(r.caseId);
    }
    expect(new Set(ids).size).toBe(8); // every message is a case in the queue
    const acks = await emailsTo(env, from);
    expect(acks).toHaveLength(2); // three distinct triples, capped at perAddressPerDay = 2
    await putLimits(env, { perAddressPerDay: 5, perPhonePerDay: 3, perClientPer10Min: 30 }, 'test');
    forgetLimits();
  });
});

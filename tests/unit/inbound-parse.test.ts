import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sortAttachments } from '../../shared/domain/inbound/attachments.js';
import { findDates, findReferences, matchIdCandidates, messageIdLocalPart, namesBothTeams } from '../../shared/domain/inbound/hints.js';
import { guessLanguage } from '../../shared/domain/inbound/language.js';
import { parseInbound } from '../../shared/domain/inbound/parse.js';
import { splitQuoted } from '../../shared/domain/inbound/quote.js';

const OWN = ['tulospalvelu@salibandy.example'];
const fixture = (name: string) => readFileSync(new URL(`../fixtures/email/${name}`, import.meta.url));
const parse = (name: string) => parseInbound(fixture(name), { ownAddresses: OWN, fallbackId: 'x' });

describe('parsing inbound email (.eml fixtures)', () => {
  it('quoted-printable UTF-8 body and encoded-word sender and subject', async () => {
    const m = await parse('new-report-fi.eml');
    expect(m.messageId).toBe('new-report-fi-1@seura.example');
    expect(m.from).toEqual({ address: 'matti@seura.example', name: 'Matti Meikäläinen' });
    expect(m.subject).toBe('Virhe ottelun tuloksessa');
    expect(m.text).toContain('lopputulos on väärin: SPV voitti 5–4, mutta oikea tulos on 4–4');
    expect(m.quoted).toBe('');
    expect(m.drop).toBeUndefined();
    expect(guessLanguage(m.text)).toBe('fi');
  });

  it('Finnish reply: "kirjoitti:" header wrapped over two lines starts the quoted history; threading ids read', async () => {
    const m = await parse('reply-fi-quoted.eml');
    expect(m.text).toBe('Maali tehtiin 59.12, ei 58.12.');
    expect(m.quoted).toMatch(/^la 21\.11\.2026 klo 18\.05 Tulospalvelu/);
    expect(m.quoted).toContain('> Kiitos ilmoituksestasi!');
    expect(m.threadIds).toEqual(['ses-123456789@eu-north-1.amazonses.com']);
    expect(messageIdLocalPart(m.threadIds[0]!)).toBe('ses-123456789');
  });

  it('Swedish reply: base64 body, ISO-8859-1 encoded-word subject, "skrev:" history, reference in the subject', async () => {
    const m = await parse('reply-sv-base64.eml');
    expect(m.subject).toBe('Sv: Ärende TP-7K4M-Q9XA');
    expect(m.text).toBe('Hej!\n\nMålet gjordes av nummer 17, inte 71.');
    expect(m.quoted).toMatch(/skrev Tulospalvelu/);
    expect(findReferences(m.subject)).toEqual(['TP-7K4M-Q9XA']);
    expect(guessLanguage(m.text)).toBe('sv');
  });

  it('English reply: "On … wrote:" wrapped by the client', async () => {
    const m = await parse('reply-en-wrapped.eml');
    expect(m.text).toBe('The period score should be 2-1, thanks.');
    expect(m.quoted).toMatch(/^On Sat, 21 Nov 2026/);
    expect(guessLanguage(m.text)).toBe('en');
  });

  it('HTML-only body becomes text', async () => {
    const m = await parse('html-only.eml');
    expect(m.text).toContain('ottelun TPS – OLS 21.11. tulos on väärin.');
    expect(m.text).toContain('Oikea tulos on 3–2.');
    expect(m.text).not.toContain('<');
  });

  it('ISO-8859-1 and Windows-1252 bodies decode', async () => {
    expect((await parse('iso-8859-1.eml')).text).toContain('jäähy merkittiin väärälle pelaajalle ottelussa M-1002. Åland');
    expect((await parse('iso-8859-1.eml')).subject).toBe('Jäähy väärin');
    expect((await parse('windows-1252.eml')).text).toBe('Pelaaja “Virtanen” puuttuu kokoonpanosta – lisämaksu 5 €.');
  });

  it('auto-replies, bulk mail, bounces, SES spam verdicts and our own address are dropped', async () => {
    expect((await parse('auto-reply.eml')).drop).toBe('auto-submitted');
    expect((await parse('bulk.eml')).drop).toBe('precedence');
    expect((await parse('bounce.eml')).drop).toBe('bounce-sender');
    expect((await parse('spam-fail.eml')).drop).toBe('spam');
    const own = await parseInbound(Buffer.from('From: tulospalvelu@salibandy.example\r\nSubject: x\r\n\r\nhi\r\n'), {
      ownAddresses: OWN,
      fallbackId: 'f',
    });
    expect(own.drop).toBe('own-address');
    expect(own.messageId).toBe('f');
    const x = await parseInbound(Buffer.from('From: a@b.example\r\nX-Autorespond: yes\r\nSubject: x\r\n\r\nhi\r\n'), {
      ownAddresses: OWN,
      fallbackId: 'f',
    });
    expect(x.drop).toBe('x-autorespond');
    const no = await parseInbound(Buffer.from('From: a@b.example\r\nAuto-Submitted: no\r\nSubject: x\r\n\r\nhi\r\n'), {
      ownAddresses: OWN,
      fallbackId: 'f',
    });
    expect(no.drop).toBeUndefined();
  });

  it('attachments: PDF kept, zip refused; over 10 MB refused by size', async () => {
    const m = await parse('attachments.eml');
    expect(m.subject).toBe('Pöytäkirja');
    const { kept, refused } = sortAttachments(m.attachments);
    expect(kept.map((a) => a.filename)).toEqual(['poytakirja.pdf']);
    expect(refused).toEqual([expect.objectContaining({ filename: 'kuvat.zip', reason: 'type' })]);
    const big = { filename: 'b.pdf', contentType: 'application/pdf', size: 11 * 1024 * 1024, content: Buffer.alloc(0) };
    expect(sortAttachments([big]).refused[0]!.reason).toBe('size');
  });
});

describe('text hints', () => {
  it('match ids, dates and team names', () => {
    expect(matchIdCandidates('ottelu M-1001 ja 4412345, ei TP-7K4M-Q9XA, klo 18.05')).toEqual(['M-1001', '4412345']);
    expect(findDates('ottelu 21.11. ja 2026-11-22', new Date('2026-11-30T10:00:00Z'))).toEqual(['2026-11-22', '2026-11-21']);
    expect(findDates('ottelu 28.12.', new Date('2027-01-05T10:00:00Z'))).toEqual(['2026-12-28']);
    expect(namesBothTeams('SPV – Classic oli hyvä', 'SPV', 'Classic')).toBe(true);
    expect(namesBothTeams('SPVX – Classic', 'SPV', 'Classic')).toBe(false);
  });

  it('quoted history: Outlook header block and a trailing ">" block; an inline quote stays', () => {
    expect(splitQuoted('Uusi teksti\n\nLähettäjä: Tulospalvelu\nLähetetty: 21.11.2026\nAihe: x\n\nvanha').text).toBe('Uusi teksti');
    expect(splitQuoted('Uusi\n> vanha\n> rivi\n').quoted).toBe('> vanha\n> rivi');
    expect(splitQuoted('> lainaus\nvastaus tähän').quoted).toBe('');
  });
});

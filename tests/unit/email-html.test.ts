/**
 * The HTML body of an email (shared/domain/emails/render.ts) is built by concatenation since session 5 (issue 15): for
 * any blocks it is the text the earlier implementation gave (an array of lines joined with newlines), kept here as
 * the reference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../shared/domain/emails/layout.js';
import type { Language } from '../../shared/domain/emails/message-types.js';
import { renderDraft } from '../../shared/domain/emails/render.js';

// ---- the earlier renderHtml, verbatim (with its helpers) ----
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
const normaliseNewlines = (text: string) => text.replace(/\r\n?/g, '\n');
const multilineHtml = (value: string) => escapeHtml(normaliseNewlines(value).trim()).replace(/\n/g, '<br>\n');
const P_STYLE = 'margin:0 0 16px 0;';
const QUOTE_STYLE = 'margin:0 0 16px 0;padding:8px 12px;border-left:4px solid #c8d2dc;background:#f4f6f8;';
const TH_STYLE = 'text-align:left;padding:2px 16px 2px 0;vertical-align:top;font-weight:600;';
const TD_STYLE = 'padding:2px 0;';
const BODY_STYLE = 'margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;';

function referenceHtml(subject: string, blocks: readonly Block[], lang: Language): string {
  const body: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'p':
        body.push(`<p style="${P_STYLE}">${escapeHtml(b.text)}</p>`);
        break;
      case 'quote':
        body.push(
          `<p style="margin:0 0 4px 0;"><strong>${escapeHtml(b.heading)}</strong></p>`,
          `<blockquote style="${QUOTE_STYLE}">${multilineHtml(b.text) || '–'}</blockquote>`,
        );
        break;
      case 'facts':
        body.push(
          `<table role="presentation" style="${P_STYLE}border-collapse:collapse;">`,
          ...b.rows.map(
            ([k, v]) => `<tr><th scope="row" style="${TH_STYLE}">${escapeHtml(k)}</th><td style="${TD_STYLE}">${escapeHtml(v)}</td></tr>`,
          ),
          '</table>',
        );
        break;
      case 'list':
        body.push(`<ul style="${P_STYLE}">`, ...b.items.map((item) => `<li>${escapeHtml(item)}</li>`), '</ul>');
        break;
      case 'link':
        body.push(`<p style="${P_STYLE}">${escapeHtml(b.text)}<br>\n<a href="${escapeHtml(b.url)}">${escapeHtml(b.url)}</a></p>`);
        break;
      case 'signature':
        body.push(`<p style="${P_STYLE}">${b.lines.map(escapeHtml).join('<br>\n')}</p>`);
        break;
    }
  }
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title>`,
    '</head>',
    `<body style="${BODY_STYLE}">`,
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
// ---- end of the reference ----

const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('', ' a\r\nb\rc ', '<&>"\'', 'Ä–ö'));
const block: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ type: fc.constant('p' as const), text }),
  fc.record({ type: fc.constant('quote' as const), heading: text, text }),
  fc.record({ type: fc.constant('facts' as const), rows: fc.array(fc.tuple(text, text), { maxLength: 4 }) }),
  fc.record({ type: fc.constant('list' as const), items: fc.array(text, { maxLength: 4 }) }),
  fc.record({ type: fc.constant('link' as const), text, url: text }),
  fc.record({ type: fc.constant('signature' as const), lines: fc.array(text, { maxLength: 4 }) }),
);

describe('email HTML', () => {
  it('is the text the joined-lines implementation gave, for any blocks', () => {
    fc.assert(
      fc.property(text, fc.array(block, { maxLength: 8 }), fc.constantFrom<Language>('fi', 'sv', 'en'), (subject, blocks, lang) => {
        const r = renderDraft(() => ({ subject, blocks }), {}, lang);
        expect(r.html).toBe(referenceHtml(r.subject, blocks, lang));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('oneLine', () => {
  it('is the two replaces and a trim it always was, for any value', async () => {
    const { oneLine } = await import('../../shared/domain/emails/format.js');
    const reference = (s: string) =>
      s
        .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
        .replace(/\s{2,}/g, ' ')
        .trim();
    const value = fc.oneof(
      fc.constantFrom('a  b', 'x\u00a0 y', '\u3000\u3000z', ' lead', 'trail ', 'a\tb', 'Ä – Ö', ''),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc
        .array(fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u0001', '\u007f', 'a', 'Ä', '–'), {
          maxLength: 12,
        })
        .map((a) => a.join('')),
    );
    fc.assert(
      fc.property(value, (s) => {
        expect(oneLine(s)).toBe(reference(s));
      }),
      { numRuns: 3000 },
    );
  });
});

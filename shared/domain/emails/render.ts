/**
 * Blocks → email: the plain-text body (complete on its own) and the HTML body (every value escaped) are both
 * made from one list of blocks, so the two never drift apart.
 */
import { oneLine } from './format.js';
import { FEDERATION_NAME, type Block, type Draft } from './layout.js';
import type { Language, RenderedEmail } from './message-types.js';

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function renderText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'p':
        out.push(b.text);
        break;
      case 'quote': {
        const body = normaliseNewlines(b.text).trim();
        const quoted = (body || '–')
          .split('\n')
          .map((line) => (line ? `> ${line}` : '>'))
          .join('\n');
        out.push(`${b.heading}\n${quoted}`);
        break;
      }
      case 'facts':
        out.push(b.rows.map(([k, v]) => `${k}: ${v}`).join('\n'));
        break;
      case 'list':
        out.push(b.items.map((item) => `- ${item}`).join('\n'));
        break;
      case 'link':
        out.push(`${b.text}\n${b.url}`);
        break;
      case 'signature':
        out.push(b.lines.join('\n'));
        break;
    }
  }
  return `${out.join('\n\n')}\n`;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const HTML_SPECIAL = /[&<>"']/;

function escapeHtml(value: string): string {
  // most texts have nothing to escape: a test is far cheaper than a replace with a callback (issue 15)
  return HTML_SPECIAL.test(value) ? value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c) : value;
}

function multilineHtml(value: string): string {
  return escapeHtml(normaliseNewlines(value).trim()).replace(/\n/g, '<br>\n');
}

const P_STYLE = 'margin:0 0 16px 0;';
const QUOTE_STYLE = 'margin:0 0 16px 0;padding:8px 12px;border-left:4px solid #c8d2dc;background:#f4f6f8;';
const TH_STYLE = 'text-align:left;padding:2px 16px 2px 0;vertical-align:top;font-weight:600;';
const TD_STYLE = 'padding:2px 0;';
const BODY_STYLE = 'margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;';

/**
 * One line per element, each followed by a newline: built by concatenation, not as an array of lines spread into
 * another and joined (every acknowledgement renders this; issue 15). The text is the one the joined array gave.
 */
function renderHtml(subject: string, blocks: readonly Block[], lang: Language): string {
  let out =
    '<!DOCTYPE html>\n' +
    `<html lang="${lang}">\n` +
    '<head>\n' +
    '<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>${escapeHtml(subject)}</title>\n` +
    '</head>\n' +
    `<body style="${BODY_STYLE}">\n`;
  for (const b of blocks) {
    switch (b.type) {
      case 'p':
        out += `<p style="${P_STYLE}">${escapeHtml(b.text)}</p>\n`;
        break;
      case 'quote':
        out += `<p style="margin:0 0 4px 0;"><strong>${escapeHtml(b.heading)}</strong></p>\n`;
        out += `<blockquote style="${QUOTE_STYLE}">${multilineHtml(b.text) || '–'}</blockquote>\n`;
        break;
      case 'facts':
        out += `<table role="presentation" style="${P_STYLE}border-collapse:collapse;">\n`;
        for (const [k, v] of b.rows)
          out += `<tr><th scope="row" style="${TH_STYLE}">${escapeHtml(k)}</th><td style="${TD_STYLE}">${escapeHtml(v)}</td></tr>\n`;
        out += '</table>\n';
        break;
      case 'list':
        out += `<ul style="${P_STYLE}">\n`;
        for (const item of b.items) out += `<li>${escapeHtml(item)}</li>\n`;
        out += '</ul>\n';
        break;
      case 'link':
        out += `<p style="${P_STYLE}">${escapeHtml(b.text)}<br>\n<a href="${escapeHtml(b.url)}">${escapeHtml(b.url)}</a></p>\n`;
        break;
      case 'signature': {
        let lines = '';
        for (let i = 0; i < b.lines.length; i++) lines += (i === 0 ? '' : '<br>\n') + escapeHtml(b.lines[i]!);
        out += `<p style="${P_STYLE}">${lines}</p>\n`;
        break;
      }
    }
  }
  return out + '</body>\n</html>\n';
}

/** Renders a kind's draft: an unknown language falls back to Finnish; the subject is one clean line. */
export function renderDraft<M>(draft: (message: M, lang: Language) => Draft, message: M, language: Language): RenderedEmail {
  const lang: Language = language in FEDERATION_NAME ? language : 'fi';
  const { subject, blocks } = draft(message, lang);
  const cleanSubject = oneLine(subject);
  return { subject: cleanSubject, text: renderText(blocks), html: renderHtml(cleanSubject, blocks, lang) };
}

/**
 * The common core of the hotline's emails, in Finnish (primary), Finland Swedish and English: message
 * types, dates in Europe/Helsinki local time (through the one time module, ../helsinki-time.ts), labels,
 * content blocks and their rendering. No runtime dependencies.
 *
 * Every email is built as a small list of content blocks, from which both the plain-text body (complete
 * on its own) and the HTML body (every value escaped) are produced, so the two never drift apart. Each
 * kind of email has its own module next to this one (a function bundles only the kinds it sends);
 * ../emails.ts gathers them all, with `renderEmail` for any message.
 */

import { helsinkiParts, pad2 } from '../helsinki-time.js';

// One definition each, shared with the rest of the domain (type-only: nothing is bundled for them).
export type { Language } from '../calendar-config.js';
export type { Category, Outcome } from '../correction.js';
import type { Category, Outcome } from '../correction.js';
import type { Language } from '../calendar-config.js';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}


export interface MatchInfo {
  id: string;
  home: string;
  away: string;
  startsAt: string /* ISO instant */;
  seriesName?: string;
}

export type EmailMessage =
  | {
      kind: 'acknowledgement';
      reference: string;
      reporterName: string;
      match: MatchInfo;
      category: Category;
      expectedResponseBy: Date;
      serviceOpenNow: boolean;
      nextOpenAt: Date | null;
      statusUrl?: string;
    }
  | {
      kind: 'request-info';
      reference: string;
      reporterName: string;
      match: MatchInfo;
      question: string;
      statusUrl?: string;
    }
  | {
      kind: 'resolution';
      reference: string;
      reporterName: string;
      match: MatchInfo;
      outcome: Outcome;
      message: string;
      correctedResult?: { homeGoals: number; awayGoals: number };
      statusUrl?: string;
    }
  | {
      kind: 'escalation';
      reference: string;
      recipientName: string;
      match: MatchInfo;
      category: Category;
      description: string;
      proposed?: { homeGoals: number; awayGoals: number };
      reason: string;
      receivedAt: Date;
      waitedMinutes: number;
      escalatedBy: string;
      decisionUrl?: string;
    }
  | {
      kind: 'decision-to-staff';
      reference: string;
      recipientName: string;
      match: MatchInfo;
      decision: 'correct' | 'no-change' | 'reject';
      message: string;
      officialName: string;
    }
  | {
      kind: 'first-response-breach';
      reference: string;
      recipientName: string;
      caseKind: 'correction' | 'callback';
      match?: MatchInfo;
      receivedAt: Date;
      dueAt: Date;
      waitedMinutes: number;
      status: string;
    }
  | {
      kind: 'resolution-breach';
      reference: string;
      recipientName: string;
      match: MatchInfo;
      receivedAt: Date;
      dueAt: Date;
      waitedMinutes: number;
      status: string;
    }
  | {
      kind: 'breach-digest';
      /** the first case's reference (the subject names it; the body lists every case's) */
      reference: string;
      recipientName: string;
      /** one line per case; duplicates of one match and category folded into `sameCount` */
      items: { reference: string; breach: 'first-response' | 'resolution'; match?: MatchInfo; category?: Category; waitedMinutes: number; sameCount: number }[];
    };

export const FEDERATION_NAME: Record<Language, string> = {
  fi: 'Suomen Salibandyliitto',
  sv: 'Finlands Innebandyförbund',
  en: 'Finnish Floorball Federation',
};

const RESULTS_SERVICE: Record<Language, string> = {
  fi: 'Salibandyliiton tulospalvelu',
  sv: 'Innebandyförbundets resultattjänst',
  en: 'The Finnish Floorball Federation results service',
};

// ---------------------------------------------------------------------------
// Dates and durations
// ---------------------------------------------------------------------------


const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const UNKNOWN_TIME: Record<Language, string> = {
  fi: '(ajankohta ei tiedossa)',
  sv: '(tidpunkten okänd)',
  en: '(time unknown)',
};

export function isValidDate(at: unknown): at is Date {
  return at instanceof Date && Number.isFinite(at.getTime());
}


/**
 * Local Helsinki date and time in the language's conventions:
 * fi `23.11.2026 klo 14.30`, sv `23.11.2026 kl. 14.30`,
 * en `23 November 2026 at 14:30 (Finnish time)`.
 */
export function formatLocalDateTime(at: Date, language: Language): string {
  if (!isValidDate(at)) return UNKNOWN_TIME[language];
  const p = helsinkiParts(at);
  const date = `${p.day}.${p.month}.${p.year}`;
  switch (language) {
    case 'fi':
      return `${date} klo ${p.hour}.${pad2(p.minute)}`;
    case 'sv':
      return `${date} kl. ${p.hour}.${pad2(p.minute)}`;
    case 'en':
      return `${p.day} ${EN_MONTHS[p.month - 1] ?? ''} ${p.year} at ${pad2(p.hour)}:${pad2(p.minute)} (Finnish time)`;
  }
}

const DURATION_UNITS: Record<Language, { hour: [string, string]; minute: [string, string] }> = {
  fi: { hour: ['tunti', 'tuntia'], minute: ['minuutti', 'minuuttia'] },
  sv: { hour: ['timme', 'timmar'], minute: ['minut', 'minuter'] },
  en: { hour: ['hour', 'hours'], minute: ['minute', 'minutes'] },
};

/**
 * A duration given in minutes, e.g. fi `2 tuntia 15 minuuttia`,
 * sv `2 timmar 15 minuter`, en `2 hours 15 minutes`. Non-finite or negative
 * input is treated as zero; fractions are rounded to whole minutes.
 */
export function formatDuration(minutes: number, language: Language): string {
  const total = Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes) : 0;
  const hours = Math.floor(total / 60);
  const mins = total % 60;
  const units = DURATION_UNITS[language];
  const unit = (n: number, [one, many]: [string, string]): string => `${n} ${n === 1 ? one : many}`;
  if (hours === 0) return unit(mins, units.minute);
  if (mins === 0) return unit(hours, units.hour);
  return `${unit(hours, units.hour)} ${unit(mins, units.minute)}`;
}

// ---------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------

const CATEGORY_LABELS: Record<Language, Record<Category, string>> = {
  fi: {
    'final-score': 'Lopputulos',
    'period-score': 'Erätulos',
    goal: 'Maalintekijä tai syöttäjä',
    penalty: 'Rangaistus',
    lineup: 'Kokoonpano',
    other: 'Muu korjaus',
  },
  sv: {
    'final-score': 'Slutresultat',
    'period-score': 'Periodresultat',
    goal: 'Målskytt eller assist',
    penalty: 'Utvisning',
    lineup: 'Laguppställning',
    other: 'Annan rättelse',
  },
  en: {
    'final-score': 'Final score',
    'period-score': 'Period score',
    goal: 'Goal scorer or assist',
    penalty: 'Penalty',
    lineup: 'Line-up',
    other: 'Other correction',
  },
};

export function categoryLabel(category: Category, language: Language): string {
  return CATEGORY_LABELS[language][category] ?? CATEGORY_LABELS[language].other;
}

// ---------------------------------------------------------------------------
// Content blocks
// ---------------------------------------------------------------------------

export type Block =
  | { type: 'p'; text: string }
  /** A heading line followed by a quoted, user-provided multi-line text. */
  | { type: 'quote'; heading: string; text: string }
  | { type: 'facts'; rows: ReadonlyArray<readonly [string, string]> }
  | { type: 'list'; items: readonly string[] }
  /** A sentence followed by a URL (rendered as a link when it is http(s)). */
  | { type: 'link'; text: string; url: string }
  | { type: 'signature'; lines: readonly string[] };

/** Any value that reaches an email goes through here: never `undefined`/`null`. */
export function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return '';
}

/** A single-line version of a user value (no line breaks or control characters). */
export function oneLine(value: unknown): string {
  return str(value).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

function isScore(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

export function scoreLine(match: MatchInfo | undefined, score: { homeGoals: number; awayGoals: number } | undefined): string | null {
  if (!match || !score || !isScore(score.homeGoals) || !isScore(score.awayGoals)) return null;
  return `${oneLine(match.home)} ${score.homeGoals}–${score.awayGoals} ${oneLine(match.away)}`;
}

const MATCH_UNKNOWN: Record<Language, string> = { fi: '(ottelu ei vielä tiedossa)', sv: '(matchen ännu okänd)', en: '(match not yet identified)' };

export function matchLine(match: MatchInfo | undefined, language: Language): string {
  // an emailed contact may not name its match until staff classify it
  if (!match) return MATCH_UNKNOWN[language] ?? MATCH_UNKNOWN.fi;
  const teams = `${oneLine(match.home)} – ${oneLine(match.away)}`;
  const startsAt = new Date(str(match.startsAt));
  return isValidDate(startsAt) ? `${teams}, ${formatLocalDateTime(startsAt, language)}` : teams;
}

export const FACT_LABELS: Record<
  Language,
  {
    reference: string;
    match: string;
    series: string;
    category: string;
    proposed: string;
    corrected: string;
    received: string;
    waited: string;
    escalatedBy: string;
    decision: string;
    official: string;
    caseKind: string;
    due: string;
    status: string;
  }
> = {
  fi: {
    reference: 'Tunnus',
    match: 'Ottelu',
    series: 'Sarja',
    category: 'Korjattava tieto',
    proposed: 'Ehdotettu tulos',
    corrected: 'Korjattu tulos',
    received: 'Saapunut',
    waited: 'Odottanut',
    escalatedBy: 'Siirtänyt',
    decision: 'Päätös',
    official: 'Päätöksen tekijä',
    caseKind: 'Tyyppi',
    due: 'Tavoiteaika',
    status: 'Nykyinen tila',
  },
  sv: {
    reference: 'Ärendenummer',
    match: 'Match',
    series: 'Serie',
    category: 'Gäller',
    proposed: 'Föreslaget resultat',
    corrected: 'Rättat resultat',
    received: 'Inkom',
    waited: 'Har väntat',
    escalatedBy: 'Överlämnat av',
    decision: 'Beslut',
    official: 'Beslutsfattare',
    caseKind: 'Typ',
    due: 'Målsatt tid',
    status: 'Nuvarande status',
  },
  en: {
    reference: 'Reference',
    match: 'Match',
    series: 'Series',
    category: 'Reported issue',
    proposed: 'Proposed result',
    corrected: 'Corrected result',
    received: 'Received',
    waited: 'Waiting time',
    escalatedBy: 'Escalated by',
    decision: 'Decision',
    official: 'Decided by',
    caseKind: 'Type',
    due: 'Target time',
    status: 'Current status',
  },
};

/** Reference, match and (when known) series rows shared by most emails. */
export function caseFacts(reference: string, match: MatchInfo | undefined, language: Language): Array<[string, string]> {
  const l = FACT_LABELS[language];
  const rows: Array<[string, string]> = [[l.reference, reference]];
  if (match) {
    rows.push([l.match, matchLine(match, language)]);
    const series = oneLine(match.seriesName);
    if (series) rows.push([l.series, series]);
  }
  return rows;
}

export function greeting(name: unknown, language: Language): Block {
  const n = oneLine(name);
  switch (language) {
    case 'fi':
      return { type: 'p', text: n ? `Hei ${n},` : 'Hei,' };
    case 'sv':
      return { type: 'p', text: n ? `Hej ${n}!` : 'Hej!' };
    case 'en':
      return { type: 'p', text: n ? `Hello ${n},` : 'Hello,' };
  }
}

const REGARDS: Record<Language, string> = {
  fi: 'Ystävällisin terveisin',
  sv: 'Med vänliga hälsningar',
  en: 'Kind regards,',
};

export function signature(language: Language): Block {
  const lines = [REGARDS[language], RESULTS_SERVICE[language]];
  if (language !== 'en') lines.push(FEDERATION_NAME[language]);
  return { type: 'signature', lines };
}

export const AUTOMATED_NOTE: Record<Language, string> = {
  fi: 'Tämä on tulospalvelun automaattisesti lähettämä viesti.',
  sv: 'Detta är ett automatiskt meddelande från resultattjänsten.',
  en: 'This is an automated message from the results service.',
};

/** Text rendering of a URL: only http(s) URLs are kept, as a single line. */
export function cleanUrl(url: unknown): string | null {
  const u = oneLine(url);
  return /^https?:\/\/\S+$/i.test(u) ? u : null;
}

// ---------------------------------------------------------------------------
// Drafts: each kind's module turns its message into a subject and blocks
// ---------------------------------------------------------------------------

export interface Draft {
  subject: string;
  blocks: Block[];
}

export type Msg<K extends EmailMessage['kind']> = Extract<EmailMessage, { kind: K }>;

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

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

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

function multilineHtml(value: string): string {
  return escapeHtml(normaliseNewlines(value).trim()).replace(/\n/g, '<br>\n');
}

const P_STYLE = 'margin:0 0 16px 0;';

function renderHtml(subject: string, blocks: readonly Block[], lang: Language): string {
  const body: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'p':
        body.push(`<p style="${P_STYLE}">${escapeHtml(b.text)}</p>`);
        break;
      case 'quote':
        body.push(
          `<p style="margin:0 0 4px 0;"><strong>${escapeHtml(b.heading)}</strong></p>`,
          `<blockquote style="margin:0 0 16px 0;padding:8px 12px;border-left:4px solid #c8d2dc;background:#f4f6f8;">${multilineHtml(b.text) || '–'}</blockquote>`,
        );
        break;
      case 'facts':
        body.push(
          `<table role="presentation" style="${P_STYLE}border-collapse:collapse;">`,
          ...b.rows.map(
            ([k, v]) =>
              `<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0;vertical-align:top;font-weight:600;">${escapeHtml(k)}</th><td style="padding:2px 0;">${escapeHtml(v)}</td></tr>`,
          ),
          '</table>',
        );
        break;
      case 'list':
        body.push(`<ul style="${P_STYLE}">`, ...b.items.map((item) => `<li>${escapeHtml(item)}</li>`), '</ul>');
        break;
      case 'link':
        body.push(
          `<p style="${P_STYLE}">${escapeHtml(b.text)}<br>\n<a href="${escapeHtml(b.url)}">${escapeHtml(b.url)}</a></p>`,
        );
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
    '<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;">',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Renders a kind's draft: an unknown language falls back to Finnish; the subject is one clean line. */
export function renderDraft<M>(draft: (message: M, lang: Language) => Draft, message: M, language: Language): RenderedEmail {
  const lang: Language = language in FEDERATION_NAME ? language : 'fi';
  const { subject, blocks } = draft(message, lang);
  const cleanSubject = oneLine(subject);
  return { subject: cleanSubject, text: renderText(blocks), html: renderHtml(cleanSubject, blocks, lang) };
}

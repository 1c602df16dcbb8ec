/**
 * The shape of every email: a subject and a small list of content blocks (from which ./render.ts makes both
 * the plain text and the HTML), the labels and sign-offs they share, and the two layouts: a letter to a
 * reporter, and a notice to staff or officials (escalation, decision, breaches).
 *
 * Translations: each email module keeps its texts in one typed record per language,
 * `const TEXT: Record<Language, {...}>` (texts that take values are functions), and reads `TEXT[lang]`.
 */
import { oneLine, matchLine } from './format.js';
import type { Language, MatchInfo } from './message-types.js';

export type Block =
  | { type: 'p'; text: string }
  /** A heading line followed by a quoted, user-provided multi-line text. */
  | { type: 'quote'; heading: string; text: string }
  | { type: 'facts'; rows: ReadonlyArray<readonly [string, string]> }
  | { type: 'list'; items: readonly string[] }
  /** A sentence followed by a URL (rendered as a link when it is http(s)). */
  | { type: 'link'; text: string; url: string }
  | { type: 'signature'; lines: readonly string[] };

/** What each kind's module makes of its message: a subject and the blocks of the body. */
export interface Draft {
  subject: string;
  blocks: Block[];
}

export const FEDERATION_NAME: Record<Language, string> = {
  fi: 'Suomen Salibandyliitto',
  sv: 'Finlands Innebandyförbund',
  en: 'Finnish Floorball Federation',
};

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

interface LetterText {
  hello: (name: string) => string;
  regards: string;
  /** the results service, signing */
  service: string;
  /** whether the federation's name follows the service's in the signature */
  federation: boolean;
  /** the last line of a staff notice */
  automated: string;
}

const LETTER: Record<Language, LetterText> = {
  fi: {
    hello: (n) => (n ? `Hei ${n},` : 'Hei,'),
    regards: 'Ystävällisin terveisin',
    service: 'Salibandyliiton tulospalvelu',
    federation: true,
    automated: 'Tämä on tulospalvelun automaattisesti lähettämä viesti.',
  },
  sv: {
    hello: (n) => (n ? `Hej ${n}!` : 'Hej!'),
    regards: 'Med vänliga hälsningar',
    service: 'Innebandyförbundets resultattjänst',
    federation: true,
    automated: 'Detta är ett automatiskt meddelande från resultattjänsten.',
  },
  en: {
    hello: (n) => (n ? `Hello ${n},` : 'Hello,'),
    regards: 'Kind regards,',
    service: 'The Finnish Floorball Federation results service',
    federation: false,
    automated: 'This is an automated message from the results service.',
  },
};

export function greeting(name: unknown, language: Language): Block {
  return { type: 'p', text: LETTER[language].hello(oneLine(name)) };
}

export function signature(language: Language): Block {
  const t = LETTER[language];
  return { type: 'signature', lines: t.federation ? [t.regards, t.service, FEDERATION_NAME[language]] : [t.regards, t.service] };
}

/** A letter to a reporter: greeting, the body, the signature. */
export function reporterLetter(language: Language, letter: { subject: string; recipientName: string; body: Block[] }): Draft {
  return { subject: letter.subject, blocks: [greeting(letter.recipientName, language), ...letter.body, signature(language)] };
}

/**
 * The one layout of the notices to staff and officials (escalation, decision, breaches, digest, record-now):
 * greeting, what happened, the details, what to do (when anything), signature, and the automated-message note.
 */
export function staffNotice(
  language: Language,
  notice: { subject: string; recipientName: string; intro: string; body?: Block[]; closing?: string },
): Draft {
  return {
    subject: notice.subject,
    blocks: [
      greeting(notice.recipientName, language),
      { type: 'p', text: notice.intro },
      ...(notice.body ?? []),
      ...(notice.closing ? [{ type: 'p' as const, text: notice.closing }] : []),
      signature(language),
      { type: 'p', text: LETTER[language].automated },
    ],
  };
}

/**
 * Response-target breaches (first response, resolution), to the duty officers or series officials. The wait
 * is shown both ways, each named: wall-clock time since arrival, and the open minutes the target counts.
 */
import { formatLocalDateTime, formatWaited, oneLine } from './format.js';
import { caseFacts, FACT_LABELS, staffNotice, type Block, type Draft } from './layout.js';
import type { BreachClock, Language, MatchInfo, Msg, RenderedEmail } from './message-types.js';
import { renderDraft } from './render.js';

type CaseKind = Msg<'first-response-breach'>['caseKind'];

interface BreachText {
  subject: (ref: string) => string;
  intro: (ref: string) => string;
  ask: string;
}

const TEXT: Record<Language, { caseKinds: Record<CaseKind, string>; firstResponse: BreachText; resolution: BreachText }> = {
  fi: {
    caseKinds: { correction: 'Tuloksen korjauspyyntö', callback: 'Soittopyyntö' },
    firstResponse: {
      subject: (ref) => `Ensivastauksen tavoiteaika ylittyi – tunnus ${ref}`,
      intro: (ref) => `Tapaus ${ref} ei ole saanut ensivastausta tavoiteajassa.`,
      ask: 'Varmistathan, että joku päivystäjistä ottaa tapauksen käsittelyyn mahdollisimman pian.',
    },
    resolution: {
      subject: (ref) => `Ratkaisun tavoiteaika ylittyi – tunnus ${ref}`,
      intro: (ref) => `Ottelun tietojen korjausta koskevaa tapausta ${ref} ei ole ratkaistu tavoiteajassa.`,
      ask: 'Pyydämme sinua tarkistamaan tapauksen tilanteen ja huolehtimaan siitä, että se ratkaistaan mahdollisimman pian.',
    },
  },
  sv: {
    caseKinds: { correction: 'Begäran om rättelse av resultat', callback: 'Begäran om återuppringning' },
    firstResponse: {
      subject: (ref) => `Målet för första svar har överskridits – ärende ${ref}`,
      intro: (ref) => `Ärende ${ref} har inte fått något första svar inom målsatt tid.`,
      ask: 'Se till att någon i jouren tar sig an ärendet så snart som möjligt.',
    },
    resolution: {
      subject: (ref) => `Målet för lösningstid har överskridits – ärende ${ref}`,
      intro: (ref) => `Ärende ${ref} om rättelse av matchuppgifter har inte lösts inom målsatt tid.`,
      ask: 'Vi ber dig se över ärendet och se till att det avgörs så snart som möjligt.',
    },
  },
  en: {
    caseKinds: { correction: 'Result correction', callback: 'Callback request' },
    firstResponse: {
      subject: (ref) => `First response target missed – reference ${ref}`,
      intro: (ref) => `Case ${ref} has not received a first response within its target time.`,
      ask: 'Please make sure someone on duty picks it up as soon as possible.',
    },
    resolution: {
      subject: (ref) => `Resolution target missed – reference ${ref}`,
      intro: (ref) => `Match correction case ${ref} has not been resolved within its target time.`,
      ask: 'Please review the case and make sure it is resolved as soon as possible.',
    },
  },
};

type BreachMessage = { reference: string; recipientName: string; receivedAt: Date; dueAt: Date; status: string } & BreachClock;

function breachFacts(m: BreachMessage, match: MatchInfo | undefined, caseKind: string | null, lang: Language): Block {
  const l = FACT_LABELS[lang];
  const ref = oneLine(m.reference);
  const rows: Array<[string, string]> = [[l.reference, ref]];
  if (caseKind) rows.push([l.caseKind, caseKind]);
  rows.push(...caseFacts(ref, match, lang).slice(1));
  rows.push(
    [l.received, formatLocalDateTime(m.receivedAt, lang)],
    [l.due, formatLocalDateTime(m.dueAt, lang)],
    [l.waited, formatWaited(m, lang)],
  );
  const status = oneLine(m.status);
  if (status) rows.push([l.status, status]);
  return { type: 'facts', rows };
}

/** The one layout of both breach notices. */
function breachNotice(t: BreachText, m: BreachMessage, facts: Block, lang: Language): Draft {
  const ref = oneLine(m.reference);
  return staffNotice(lang, { subject: t.subject(ref), recipientName: m.recipientName, intro: t.intro(ref), body: [facts], closing: t.ask });
}

function firstResponseBreach(m: Msg<'first-response-breach'>, lang: Language): Draft {
  const t = TEXT[lang];
  const kind = t.caseKinds[m.caseKind] ?? t.caseKinds.correction;
  return breachNotice(t.firstResponse, m, breachFacts(m, m.match, kind, lang), lang);
}

function resolutionBreach(m: Msg<'resolution-breach'>, lang: Language): Draft {
  return breachNotice(TEXT[lang].resolution, m, breachFacts(m, m.match, null, lang), lang);
}

export function renderFirstResponseBreach(message: Msg<'first-response-breach'>, language: Language): RenderedEmail {
  return renderDraft(firstResponseBreach, message, language);
}

export function renderResolutionBreach(message: Msg<'resolution-breach'>, language: Language): RenderedEmail {
  return renderDraft(resolutionBreach, message, language);
}

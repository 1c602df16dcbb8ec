/** Response-target breaches (first response, resolution), to the duty officers or series officials. */
import {
  AUTOMATED_NOTE,
  caseFacts,
  FACT_LABELS,
  formatDuration,
  formatLocalDateTime,
  greeting,
  oneLine,
  renderDraft,
  signature,
  type Block,
  type Draft,
  type Language,
  type Msg,
  type RenderedEmail,
  type MatchInfo,
} from './core.js';

const CASE_KIND_LABELS: Record<Language, Record<'correction' | 'callback', string>> = {
  fi: { correction: 'Tuloksen korjauspyyntö', callback: 'Soittopyyntö' },
  sv: { correction: 'Begäran om rättelse av resultat', callback: 'Begäran om återuppringning' },
  en: { correction: 'Result correction', callback: 'Callback request' },
};

function breachFacts(
  m: { reference: string; receivedAt: Date; dueAt: Date; waitedMinutes: number; status: string },
  match: MatchInfo | undefined,
  caseKind: string | null,
  lang: Language,
): Block {
  const l = FACT_LABELS[lang];
  const rows: Array<[string, string]> = [[l.reference, oneLine(m.reference)]];
  if (caseKind) rows.push([l.caseKind, caseKind]);
  rows.push(...caseFacts(oneLine(m.reference), match, lang).slice(1));
  rows.push(
    [l.received, formatLocalDateTime(m.receivedAt, lang)],
    [l.due, formatLocalDateTime(m.dueAt, lang)],
    [l.waited, formatDuration(m.waitedMinutes, lang)],
  );
  const status = oneLine(m.status);
  if (status) rows.push([l.status, status]);
  return { type: 'facts', rows };
}

function firstResponseBreach(m: Msg<'first-response-breach'>, lang: Language): Draft {
  const ref = oneLine(m.reference);
  const kind = CASE_KIND_LABELS[lang][m.caseKind] ?? CASE_KIND_LABELS[lang].correction;
  const t = {
    fi: {
      subject: `Ensivastauksen tavoiteaika ylittyi – tunnus ${ref}`,
      intro: `Tapaus ${ref} ei ole saanut ensivastausta tavoiteajassa.`,
      ask: 'Varmistathan, että joku päivystäjistä ottaa tapauksen käsittelyyn mahdollisimman pian.',
    },
    sv: {
      subject: `Målet för första svar har överskridits – ärende ${ref}`,
      intro: `Ärende ${ref} har inte fått något första svar inom målsatt tid.`,
      ask: 'Se till att någon i jouren tar sig an ärendet så snart som möjligt.',
    },
    en: {
      subject: `First response target missed – reference ${ref}`,
      intro: `Case ${ref} has not received a first response within its target time.`,
      ask: 'Please make sure someone on duty picks it up as soon as possible.',
    },
  }[lang];
  return {
    subject: t.subject,
    blocks: [
      greeting(m.recipientName, lang),
      { type: 'p', text: t.intro },
      breachFacts(m, m.match, kind, lang),
      { type: 'p', text: t.ask },
      signature(lang),
      { type: 'p', text: AUTOMATED_NOTE[lang] },
    ],
  };
}

function resolutionBreach(m: Msg<'resolution-breach'>, lang: Language): Draft {
  const ref = oneLine(m.reference);
  const t = {
    fi: {
      subject: `Ratkaisun tavoiteaika ylittyi – tunnus ${ref}`,
      intro: `Ottelun tietojen korjausta koskevaa tapausta ${ref} ei ole ratkaistu tavoiteajassa.`,
      ask: 'Pyydämme sinua tarkistamaan tapauksen tilanteen ja huolehtimaan siitä, että se ratkaistaan mahdollisimman pian.',
    },
    sv: {
      subject: `Målet för lösningstid har överskridits – ärende ${ref}`,
      intro: `Ärende ${ref} om rättelse av matchuppgifter har inte lösts inom målsatt tid.`,
      ask: 'Vi ber dig se över ärendet och se till att det avgörs så snart som möjligt.',
    },
    en: {
      subject: `Resolution target missed – reference ${ref}`,
      intro: `Match correction case ${ref} has not been resolved within its target time.`,
      ask: 'Please review the case and make sure it is resolved as soon as possible.',
    },
  }[lang];
  return {
    subject: t.subject,
    blocks: [
      greeting(m.recipientName, lang),
      { type: 'p', text: t.intro },
      breachFacts(m, m.match, null, lang),
      { type: 'p', text: t.ask },
      signature(lang),
      { type: 'p', text: AUTOMATED_NOTE[lang] },
    ],
  };
}

export function renderFirstResponseBreach(message: Msg<'first-response-breach'>, language: Language): RenderedEmail {
  return renderDraft(firstResponseBreach, message, language);
}

export function renderResolutionBreach(message: Msg<'resolution-breach'>, language: Language): RenderedEmail {
  return renderDraft(resolutionBreach, message, language);
}

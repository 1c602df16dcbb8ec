/**
 * An official's decision, to the staff member who escalated. The decision already resolved the case and the
 * reporter has been emailed the outcome, so this notice tells staff so (there is nothing to send).
 */
import { oneLine, scoreLine, str } from './format.js';
import { caseFacts, FACT_LABELS, staffNotice, type Draft } from './layout.js';
import type { Language, Msg, RenderedEmail } from './message-types.js';
import { renderDraft } from './render.js';

type Decision = Msg<'decision-to-staff'>['decision'];

const TEXT: Record<
  Language,
  {
    decisions: Record<Decision, string>;
    subject: (decision: string, ref: string) => string;
    introBy: (official: string, ref: string) => string;
    intro: (ref: string) => string;
    heading: string;
    resolved: string;
    checkRecord: string;
  }
> = {
  fi: {
    decisions: { correct: 'Tulos korjataan', 'no-change': 'Ei muutosta', reject: 'Korjauspyyntö hylätään' },
    subject: (d, ref) => `Päätös tehty: ${d} – tunnus ${ref}`,
    introBy: (official, ref) => `${official} on tehnyt päätöksen tapaukseen ${ref}, jonka siirsit ratkaistavaksi.`,
    intro: (ref) => `Tapaukseen ${ref}, jonka siirsit ratkaistavaksi, on tehty päätös.`,
    heading: 'Päätöksen tekijän viesti:',
    resolved:
      'Tapaus on ratkaistu tällä päätöksellä, ja ilmoittajalle on jo kerrottu ratkaisusta. Sinun ei tarvitse vastata ilmoittajalle.',
    checkRecord: 'Varmista vielä, että korjattu tulos näkyy tulospalvelussa.',
  },
  sv: {
    decisions: { correct: 'Resultatet rättas', 'no-change': 'Ingen ändring', reject: 'Begäran avslås' },
    subject: (d, ref) => `Beslut fattat: ${d} – ärende ${ref}`,
    introBy: (official, ref) => `${official} har fattat beslut i ärende ${ref}, som du överlämnade för beslut.`,
    intro: (ref) => `Det har fattats ett beslut i ärende ${ref}, som du överlämnade för beslut.`,
    heading: 'Meddelande från beslutsfattaren:',
    resolved: 'Ärendet är avgjort genom beslutet, och anmälaren har redan fått besked om utgången. Du behöver inte svara anmälaren.',
    checkRecord: 'Kontrollera ännu att det rättade resultatet syns i resultattjänsten.',
  },
  en: {
    decisions: { correct: 'Correct the result', 'no-change': 'No change', reject: 'Reject the request' },
    subject: (d, ref) => `Decision made: ${d} – reference ${ref}`,
    introBy: (official, ref) => `${official} has made a decision on case ${ref}, which you escalated.`,
    intro: (ref) => `A decision has been made on case ${ref}, which you escalated.`,
    heading: 'Message from the official:',
    resolved:
      'The case is resolved by this decision, and the reporter has already been told the outcome. ' +
      'You do not need to reply to the reporter.',
    checkRecord: 'Please check that the corrected result shows in the results service.',
  },
};

function decisionToStaff(m: Msg<'decision-to-staff'>, lang: Language): Draft {
  const t = TEXT[lang];
  const l = FACT_LABELS[lang];
  const ref = oneLine(m.reference);
  const decision: Decision = m.decision in t.decisions ? m.decision : 'no-change';
  const official = oneLine(m.officialName);
  const rows = caseFacts(ref, m.match, lang);
  rows.push([l.decision, t.decisions[decision]]);
  const corrected = decision === 'correct' ? scoreLine(m.match, m.correctedResult) : null;
  if (corrected) rows.push([l.corrected, corrected]);
  if (official) rows.push([l.official, official]);
  return staffNotice(lang, {
    subject: t.subject(t.decisions[decision], ref),
    recipientName: m.recipientName,
    intro: official ? t.introBy(official, ref) : t.intro(ref),
    body: [
      { type: 'facts', rows },
      { type: 'quote', heading: t.heading, text: str(m.message) },
    ],
    closing: decision === 'correct' ? `${t.resolved} ${t.checkRecord}` : t.resolved,
  });
}

export function renderDecisionToStaff(message: Msg<'decision-to-staff'>, language: Language): RenderedEmail {
  return renderDraft(decisionToStaff, message, language);
}

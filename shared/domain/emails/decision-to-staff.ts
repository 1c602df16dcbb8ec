/** An official's decision, to the staff member who escalated. */
import {
  AUTOMATED_NOTE,
  caseFacts,
  FACT_LABELS,
  greeting,
  oneLine,
  renderDraft,
  signature,
  str,
  type Draft,
  type Language,
  type Msg,
  type RenderedEmail,
} from './core.js';

const DECISION_LABELS: Record<Language, Record<'correct' | 'no-change' | 'reject', string>> = {
  fi: { correct: 'Tulos korjataan', 'no-change': 'Ei muutosta', reject: 'Korjauspyyntö hylätään' },
  sv: { correct: 'Resultatet rättas', 'no-change': 'Ingen ändring', reject: 'Begäran avslås' },
  en: { correct: 'Correct the result', 'no-change': 'No change', reject: 'Reject the request' },
};

function decisionToStaff(m: Msg<'decision-to-staff'>, lang: Language): Draft {
  const ref = oneLine(m.reference);
  const l = FACT_LABELS[lang];
  const decision = m.decision in DECISION_LABELS[lang] ? m.decision : 'no-change';
  const decisionLabel = DECISION_LABELS[lang][decision];
  const official = oneLine(m.officialName);
  const rows = caseFacts(ref, m.match, lang);
  rows.push([l.decision, decisionLabel]);
  if (official) rows.push([l.official, official]);

  const t = {
    fi: {
      subject: `Päätös tehty: ${decisionLabel} – tunnus ${ref}`,
      intro: official
        ? `${official} on tehnyt päätöksen tapaukseen ${ref}, jonka siirsit ratkaistavaksi.`
        : `Tapaukseen ${ref}, jonka siirsit ratkaistavaksi, on tehty päätös.`,
      heading: 'Päätöksen tekijän viesti:',
      next:
        decision === 'correct'
          ? 'Tee tietoihin päätöksen mukainen korjaus ja sulje tapaus lähettämällä ratkaisu ilmoittajalle.'
          : 'Sulje tapaus lähettämällä ratkaisu ilmoittajalle.',
    },
    sv: {
      subject: `Beslut fattat: ${decisionLabel} – ärende ${ref}`,
      intro: official
        ? `${official} har fattat beslut i ärende ${ref}, som du överlämnade för beslut.`
        : `Det har fattats ett beslut i ärende ${ref}, som du överlämnade för beslut.`,
      heading: 'Meddelande från beslutsfattaren:',
      next:
        decision === 'correct'
          ? 'Rätta uppgifterna enligt beslutet och avsluta ärendet genom att skicka beskedet till anmälaren.'
          : 'Avsluta ärendet genom att skicka beskedet till anmälaren.',
    },
    en: {
      subject: `Decision made: ${decisionLabel} – reference ${ref}`,
      intro: official
        ? `${official} has made a decision on case ${ref}, which you escalated.`
        : `A decision has been made on case ${ref}, which you escalated.`,
      heading: 'Message from the official:',
      next:
        decision === 'correct'
          ? 'Please correct the details accordingly and close the case by sending the outcome to the reporter.'
          : 'Please close the case by sending the outcome to the reporter.',
    },
  }[lang];

  return {
    subject: t.subject,
    blocks: [
      greeting(m.recipientName, lang),
      { type: 'p', text: t.intro },
      { type: 'facts', rows },
      { type: 'quote', heading: t.heading, text: str(m.message) },
      { type: 'p', text: t.next },
      signature(lang),
      { type: 'p', text: AUTOMATED_NOTE[lang] },
    ],
  };
}

export function renderDecisionToStaff(message: Msg<'decision-to-staff'>, language: Language): RenderedEmail {
  return renderDraft(decisionToStaff, message, language);
}

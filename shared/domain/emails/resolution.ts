/** The outcome of a report, to the reporter. */
import {
  caseFacts,
  cleanUrl,
  FACT_LABELS,
  greeting,
  oneLine,
  renderDraft,
  scoreLine,
  signature,
  str,
  type Draft,
  type Language,
  type Msg,
  type Outcome,
  type RenderedEmail,
} from './core.js';

const RESOLUTION_TEXT: Record<Language, Record<Outcome, { subject: string; intro: string }>> = {
  fi: {
    corrected: {
      subject: 'Korjaus on tehty',
      intro: 'Kiitos ilmoituksestasi. Olemme tarkistaneet asian, ja ottelun tiedot on nyt korjattu tulospalveluun.',
    },
    'no-change': {
      subject: 'Ilmoituksesi on käsitelty',
      intro: 'Kiitos ilmoituksestasi. Tarkistimme ottelun tiedot, ja tulospalveluun kirjattu tulos on oikein. Tulos pysyy siis ennallaan.',
    },
    rejected: {
      subject: 'Ilmoituksesi on käsitelty',
      intro: 'Kiitos ilmoituksestasi. Olemme käsitelleet asian, mutta valitettavasti emme voi muuttaa ottelun tietoja. Perustelut ovat alla.',
    },
    duplicate: {
      subject: 'Ilmoituksesi on käsitelty',
      intro: 'Kiitos ilmoituksestasi. Sama asia on jo käsitelty toisen ilmoituksen yhteydessä, joten tätä ilmoitusta ei käsitellä erikseen.',
    },
  },
  sv: {
    corrected: {
      subject: 'Rättelsen är gjord',
      intro: 'Tack för din anmälan. Vi har gått igenom ärendet och matchens uppgifter har nu rättats i resultattjänsten.',
    },
    'no-change': {
      subject: 'Din anmälan har behandlats',
      intro: 'Tack för din anmälan. Vi har kontrollerat matchens uppgifter och resultatet i resultattjänsten är korrekt. Det registrerade resultatet står alltså fast.',
    },
    rejected: {
      subject: 'Din anmälan har behandlats',
      intro: 'Tack för din anmälan. Vi har behandlat ärendet, men tyvärr kan vi inte ändra matchens uppgifter. Motiveringen finns nedan.',
    },
    duplicate: {
      subject: 'Din anmälan har behandlats',
      intro: 'Tack för din anmälan. Samma sak har redan behandlats i ett annat ärende, så den här anmälan behandlas inte separat.',
    },
  },
  en: {
    corrected: {
      subject: 'The correction has been made',
      intro: 'Thank you for your report. We have looked into it, and the match details have now been corrected in the results service.',
    },
    'no-change': {
      subject: 'Your report has been handled',
      intro: 'Thank you for your report. We have checked the match details, and the result recorded in the results service is correct, so it stands unchanged.',
    },
    rejected: {
      subject: 'Your report has been handled',
      intro: 'Thank you for your report. We have looked into it, but unfortunately we are unable to change the match details. The reason is given below.',
    },
    duplicate: {
      subject: 'Your report has been handled',
      intro: 'Thank you for your report. The same matter has already been handled under another case, so this report will not be processed separately.',
    },
  },
};

function resolution(m: Msg<'resolution'>, lang: Language): Draft {
  const ref = oneLine(m.reference);
  const outcome: Outcome = m.outcome in RESOLUTION_TEXT[lang] ? m.outcome : 'no-change';
  const t = RESOLUTION_TEXT[lang][outcome];
  const rows = caseFacts(ref, m.match, lang);
  const corrected = outcome === 'corrected' ? scoreLine(m.match, m.correctedResult) : null;
  if (corrected) rows.push([FACT_LABELS[lang].corrected, corrected]);

  const heading =
    outcome === 'rejected'
      ? { fi: 'Perustelut:', sv: 'Motivering:', en: 'Reason:' }[lang]
      : { fi: 'Käsittelijän viesti:', sv: 'Meddelande från handläggaren:', en: 'Message from our staff:' }[lang];
  const reopen = {
    fi: `Jos ottelun tiedoissa on vielä jotain korjattavaa, vastaa tähän viestiin 14 päivän kuluessa ja mainitse tunnus ${ref}, niin avaamme asian uudelleen.`,
    sv: `Om något fortfarande är fel kan du svara på det här meddelandet inom 14 dagar och uppge ärendenummer ${ref}, så öppnar vi ärendet på nytt.`,
    en: `If something is still wrong, just reply to this email within 14 days quoting the reference ${ref}, and we will reopen the case.`,
  }[lang];
  const url = cleanUrl(m.statusUrl);
  const statusText = { fi: 'Ilmoituksesi tilasivu:', sv: 'Statussidan för din anmälan:', en: 'The status page of your report:' }[lang];
  const subjectRef = { fi: 'tunnus', sv: 'ärende', en: 'reference' }[lang];

  return {
    subject: `${t.subject} – ${subjectRef} ${ref}`,
    blocks: [
      greeting(m.reporterName, lang),
      { type: 'p', text: t.intro },
      { type: 'facts', rows },
      { type: 'quote', heading, text: str(m.message) },
      { type: 'p', text: reopen },
      ...(url ? [{ type: 'link' as const, text: statusText, url }] : []),
      signature(lang),
    ],
  };
}

export function renderResolution(message: Msg<'resolution'>, language: Language): RenderedEmail {
  return renderDraft(resolution, message, language);
}

/** The outcome of a report, to the reporter. */
import { cleanUrl, oneLine, scoreLine, str } from './format.js';
import { caseFacts, FACT_LABELS, reporterLetter, type Block, type Draft } from './layout.js';
import type { Language, Msg, Outcome, RenderedEmail, ResolutionAuthor } from './message-types.js';
import { renderDraft } from './render.js';

const TEXT: Record<
  Language,
  {
    outcomes: Record<Outcome, { subject: string; intro: string }>;
    subject: (outcomeSubject: string, ref: string) => string;
    /** the heading over the message: its author, and whether it gives the reason for a rejection */
    heading: Record<ResolutionAuthor, { message: string; reason: string }>;
    reopen: (ref: string) => string;
    status: string;
  }
> = {
  fi: {
    outcomes: {
      corrected: {
        subject: 'Korjaus on tehty',
        intro: 'Kiitos ilmoituksestasi. Olemme tarkistaneet asian, ja ottelun tiedot on nyt korjattu tulospalveluun.',
      },
      'no-change': {
        subject: 'Ilmoituksesi on käsitelty',
        intro:
          'Kiitos ilmoituksestasi. Tarkistimme ottelun tiedot, ja tulospalveluun kirjattu tulos on oikein. Tulos pysyy siis ennallaan.',
      },
      rejected: {
        subject: 'Ilmoituksesi on käsitelty',
        intro:
          'Kiitos ilmoituksestasi. Olemme käsitelleet asian, mutta valitettavasti emme voi muuttaa ottelun tietoja. Perustelut ovat alla.',
      },
      duplicate: {
        subject: 'Ilmoituksesi on käsitelty',
        intro:
          'Kiitos ilmoituksestasi. Sama asia on jo käsitelty toisen ilmoituksen yhteydessä, joten tätä ilmoitusta ei käsitellä erikseen.',
      },
    },
    subject: (s, ref) => `${s} – tunnus ${ref}`,
    heading: {
      staff: { message: 'Käsittelijän viesti:', reason: 'Perustelut:' },
      official: {
        message: 'Salibandyliiton sarjavastaavan viesti (sellaisenaan):',
        reason: 'Salibandyliiton sarjavastaavan perustelut (sellaisenaan):',
      },
    },
    reopen: (ref) =>
      `Jos ottelun tiedoissa on vielä jotain korjattavaa, vastaa tähän viestiin 14 päivän kuluessa ja mainitse tunnus ${ref}, niin ` +
      `avaamme asian uudelleen.`,
    status: 'Ilmoituksesi tilasivu:',
  },
  sv: {
    outcomes: {
      corrected: {
        subject: 'Rättelsen är gjord',
        intro: 'Tack för din anmälan. Vi har gått igenom ärendet och matchens uppgifter har nu rättats i resultattjänsten.',
      },
      'no-change': {
        subject: 'Din anmälan har behandlats',
        intro:
          'Tack för din anmälan. Vi har kontrollerat matchens uppgifter och resultatet i resultattjänsten är korrekt. ' +
          'Det registrerade resultatet står alltså fast.',
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
    subject: (s, ref) => `${s} – ärende ${ref}`,
    heading: {
      staff: { message: 'Meddelande från handläggaren:', reason: 'Motivering:' },
      official: {
        message: 'Meddelande från Innebandyförbundets serieansvariga (i original):',
        reason: 'Motivering från Innebandyförbundets serieansvariga (i original):',
      },
    },
    reopen: (ref) =>
      `Om något fortfarande är fel kan du svara på det här meddelandet inom 14 dagar och uppge ärendenummer ${ref}, så öppnar vi ` +
      `ärendet på nytt.`,
    status: 'Statussidan för din anmälan:',
  },
  en: {
    outcomes: {
      corrected: {
        subject: 'The correction has been made',
        intro: 'Thank you for your report. We have looked into it, and the match details have now been corrected in the results service.',
      },
      'no-change': {
        subject: 'Your report has been handled',
        intro:
          'Thank you for your report. We have checked the match details, and the result recorded in the results service is correct, so ' +
          'it stands unchanged.',
      },
      rejected: {
        subject: 'Your report has been handled',
        intro:
          'Thank you for your report. We have looked into it, but unfortunately we are unable to change the match details. ' +
          'The reason is given below.',
      },
      duplicate: {
        subject: 'Your report has been handled',
        intro:
          'Thank you for your report. The same matter has already been handled under another case, so this report will not be processed ' +
          'separately.',
      },
    },
    subject: (s, ref) => `${s} – reference ${ref}`,
    heading: {
      staff: { message: 'Message from our staff:', reason: 'Reason:' },
      official: {
        message: "Message from the Finnish Floorball Federation's series official (as written):",
        reason: "Reason given by the Finnish Floorball Federation's series official (as written):",
      },
    },
    reopen: (ref) =>
      `If something is still wrong, just reply to this email within 14 days quoting the reference ${ref}, and we will reopen the case.`,
    status: 'The status page of your report:',
  },
};

function resolution(m: Msg<'resolution'>, lang: Language): Draft {
  const t = TEXT[lang];
  const ref = oneLine(m.reference);
  const outcome: Outcome = m.outcome in t.outcomes ? m.outcome : 'no-change';
  const rows = caseFacts(ref, m.match, lang);
  const corrected = outcome === 'corrected' ? scoreLine(m.match, m.correctedResult) : null;
  if (corrected) rows.push([FACT_LABELS[lang].corrected, corrected]);
  const heading = t.heading[m.from === 'official' ? 'official' : 'staff'];
  const url = cleanUrl(m.statusUrl);
  const body: Block[] = [
    { type: 'p', text: t.outcomes[outcome].intro },
    { type: 'facts', rows },
    { type: 'quote', heading: outcome === 'rejected' ? heading.reason : heading.message, text: str(m.message) },
    { type: 'p', text: t.reopen(ref) },
  ];
  if (url) body.push({ type: 'link', text: t.status, url });
  return reporterLetter(lang, { subject: t.subject(t.outcomes[outcome].subject, ref), recipientName: m.reporterName, body });
}

export function renderResolution(message: Msg<'resolution'>, language: Language): RenderedEmail {
  return renderDraft(resolution, message, language);
}

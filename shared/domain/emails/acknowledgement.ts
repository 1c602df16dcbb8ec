/** The acknowledgement of a new report, to the reporter. */
import { categoryLabel, cleanUrl, formatLocalDateTime, isValidDate, oneLine } from './format.js';
import { caseFacts, FACT_LABELS, reporterLetter, type Block, type Draft } from './layout.js';
import type { Language, Msg, RenderedEmail } from './message-types.js';
import { renderDraft } from './render.js';

const TEXT: Record<
  Language,
  {
    subject: (ref: string) => string;
    thanks: string;
    openNow: (due: string) => string;
    closedUntil: (nextOpen: string, due: string) => string;
    closed: (due: string) => string;
    follow: string;
    reply: (ref: string) => string;
  }
> = {
  fi: {
    subject: (ref) => `Ilmoituksesi on vastaanotettu – tunnus ${ref}`,
    thanks: 'Kiitos ilmoituksestasi! Olemme vastaanottaneet korjauspyyntösi, joka koskee alla olevan ottelun tietoja.',
    openNow: (due) => `Käsittelemme ilmoitukset saapumisjärjestyksessä. Saat meiltä vastauksen viimeistään ${due}.`,
    closedUntil: (nextOpen, due) =>
      `Tulospalvelun päivystys on tällä hetkellä suljettu, ja se avautuu jälleen ${nextOpen}. ` +
      `Käsittelemme ilmoitukset saapumisjärjestyksessä, ja saat meiltä vastauksen viimeistään ${due}.`,
    closed: (due) =>
      'Tulospalvelun päivystys on tällä hetkellä suljettu. Käsittelemme ilmoitukset saapumisjärjestyksessä heti, ' +
      `kun päivystys jatkuu, ja saat meiltä vastauksen viimeistään ${due}.`,
    follow: 'Voit seurata ilmoituksesi käsittelyä osoitteessa',
    reply: (ref) => `Jos haluat täydentää ilmoitustasi tai kysyä sen tilannetta, vastaa tähän viestiin ja mainitse tunnus ${ref}.`,
  },
  sv: {
    subject: (ref) => `Din anmälan har tagits emot – ärende ${ref}`,
    thanks: 'Tack för din anmälan! Vi har tagit emot din begäran om rättelse av uppgifterna för matchen nedan.',
    openNow: (due) => `Vi behandlar anmälningarna i den ordning de kommer in. Du får svar av oss senast ${due}.`,
    closedUntil: (nextOpen, due) =>
      `Resultattjänsten är stängd just nu och öppnar igen ${nextOpen}. ` +
      `Vi behandlar anmälningarna i den ordning de kommer in, och du får svar av oss senast ${due}.`,
    closed: (due) =>
      'Resultattjänsten är stängd just nu. Vi behandlar anmälningarna i den ordning de kommer in så snart tjänsten ' +
      `öppnar igen, och du får svar av oss senast ${due}.`,
    follow: 'Du kan följa hur ditt ärende framskrider på',
    reply: (ref) =>
      `Om du vill komplettera din anmälan eller höra hur det går, svara på det här meddelandet och uppge ärendenummer ${ref}.`,
  },
  en: {
    subject: (ref) => `We have received your report – reference ${ref}`,
    thanks: 'Thank you for your report! We have received your request to correct the details of the match below.',
    openNow: (due) => `Reports are handled in the order they arrive. You will hear from us by ${due} at the latest.`,
    closedUntil: (nextOpen, due) =>
      `The results service desk is closed at the moment and opens again on ${nextOpen}. ` +
      `Reports are handled in the order they arrive, and you will hear from us by ${due} at the latest.`,
    closed: (due) =>
      'The results service desk is closed at the moment. Reports are handled in the order they arrive as soon as the desk ' +
      `reopens, and you will hear from us by ${due} at the latest.`,
    follow: 'You can follow the progress of your report at',
    reply: (ref) => `If you would like to add details or ask how things are going, just reply to this email quoting the reference ${ref}.`,
  },
};

function acknowledgement(m: Msg<'acknowledgement'>, lang: Language): Draft {
  const t = TEXT[lang];
  const ref = oneLine(m.reference);
  const due = formatLocalDateTime(m.expectedResponseBy, lang);
  const nextOpen = isValidDate(m.nextOpenAt) ? formatLocalDateTime(m.nextOpenAt, lang) : null;
  const url = cleanUrl(m.statusUrl);
  const body: Block[] = [
    { type: 'p', text: t.thanks },
    { type: 'facts', rows: [...caseFacts(ref, m.match, lang), [FACT_LABELS[lang].category, categoryLabel(m.category, lang)]] },
    { type: 'p', text: m.serviceOpenNow ? t.openNow(due) : nextOpen ? t.closedUntil(nextOpen, due) : t.closed(due) },
  ];
  if (url) body.push({ type: 'link', text: t.follow, url });
  body.push({ type: 'p', text: t.reply(ref) });
  return reporterLetter(lang, { subject: t.subject(ref), recipientName: m.reporterName, body });
}

export function renderAcknowledgement(message: Msg<'acknowledgement'>, language: Language): RenderedEmail {
  return renderDraft(acknowledgement, message, language);
}

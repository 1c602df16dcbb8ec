/** The acknowledgement of a new report, to the reporter. */
import {
  caseFacts,
  categoryLabel,
  cleanUrl,
  FACT_LABELS,
  formatLocalDateTime,
  greeting,
  isValidDate,
  oneLine,
  renderDraft,
  signature,
  type Block,
  type Draft,
  type Language,
  type Msg,
  type RenderedEmail,
} from './core.js';

function acknowledgement(m: Msg<'acknowledgement'>, lang: Language): Draft {
  const ref = oneLine(m.reference);
  const l = FACT_LABELS[lang];
  const facts: Block = {
    type: 'facts',
    rows: [...caseFacts(ref, m.match, lang), [l.category, categoryLabel(m.category, lang)]],
  };
  const due = formatLocalDateTime(m.expectedResponseBy, lang);
  const nextOpen = isValidDate(m.nextOpenAt) ? formatLocalDateTime(m.nextOpenAt, lang) : null;
  const url = cleanUrl(m.statusUrl);
  const blocks: Block[] = [greeting(m.reporterName, lang)];

  switch (lang) {
    case 'fi': {
      blocks.push(
        { type: 'p', text: 'Kiitos ilmoituksestasi! Olemme vastaanottaneet korjauspyyntösi, joka koskee alla olevan ottelun tietoja.' },
        facts,
      );
      if (m.serviceOpenNow) {
        blocks.push({
          type: 'p',
          text: `Käsittelemme ilmoitukset saapumisjärjestyksessä. Saat meiltä vastauksen viimeistään ${due}.`,
        });
      } else if (nextOpen) {
        blocks.push({
          type: 'p',
          text: `Tulospalvelun päivystys on tällä hetkellä suljettu, ja se avautuu jälleen ${nextOpen}. Käsittelemme ilmoitukset saapumisjärjestyksessä, ja saat meiltä vastauksen viimeistään ${due}.`,
        });
      } else {
        blocks.push({
          type: 'p',
          text: `Tulospalvelun päivystys on tällä hetkellä suljettu. Käsittelemme ilmoitukset saapumisjärjestyksessä heti, kun päivystys jatkuu, ja saat meiltä vastauksen viimeistään ${due}.`,
        });
      }
      if (url) blocks.push({ type: 'link', text: 'Voit seurata ilmoituksesi käsittelyä osoitteessa', url });
      blocks.push({
        type: 'p',
        text: `Jos haluat täydentää ilmoitustasi tai kysyä sen tilannetta, vastaa tähän viestiin ja mainitse tunnus ${ref}.`,
      });
      return { subject: `Ilmoituksesi on vastaanotettu – tunnus ${ref}`, blocks: [...blocks, signature(lang)] };
    }
    case 'sv': {
      blocks.push(
        { type: 'p', text: 'Tack för din anmälan! Vi har tagit emot din begäran om rättelse av uppgifterna för matchen nedan.' },
        facts,
      );
      if (m.serviceOpenNow) {
        blocks.push({
          type: 'p',
          text: `Vi behandlar anmälningarna i den ordning de kommer in. Du får svar av oss senast ${due}.`,
        });
      } else if (nextOpen) {
        blocks.push({
          type: 'p',
          text: `Resultattjänsten är stängd just nu och öppnar igen ${nextOpen}. Vi behandlar anmälningarna i den ordning de kommer in, och du får svar av oss senast ${due}.`,
        });
      } else {
        blocks.push({
          type: 'p',
          text: `Resultattjänsten är stängd just nu. Vi behandlar anmälningarna i den ordning de kommer in så snart tjänsten öppnar igen, och du får svar av oss senast ${due}.`,
        });
      }
      if (url) blocks.push({ type: 'link', text: 'Du kan följa hur ditt ärende framskrider på', url });
      blocks.push({
        type: 'p',
        text: `Om du vill komplettera din anmälan eller höra hur det går, svara på det här meddelandet och uppge ärendenummer ${ref}.`,
      });
      return { subject: `Din anmälan har tagits emot – ärende ${ref}`, blocks: [...blocks, signature(lang)] };
    }
    case 'en': {
      blocks.push(
        { type: 'p', text: 'Thank you for your report! We have received your request to correct the details of the match below.' },
        facts,
      );
      if (m.serviceOpenNow) {
        blocks.push({
          type: 'p',
          text: `Reports are handled in the order they arrive. You will hear from us by ${due} at the latest.`,
        });
      } else if (nextOpen) {
        blocks.push({
          type: 'p',
          text: `The results service desk is closed at the moment and opens again on ${nextOpen}. Reports are handled in the order they arrive, and you will hear from us by ${due} at the latest.`,
        });
      } else {
        blocks.push({
          type: 'p',
          text: `The results service desk is closed at the moment. Reports are handled in the order they arrive as soon as the desk reopens, and you will hear from us by ${due} at the latest.`,
        });
      }
      if (url) blocks.push({ type: 'link', text: 'You can follow the progress of your report at', url });
      blocks.push({
        type: 'p',
        text: `If you would like to add details or ask how things are going, just reply to this email quoting the reference ${ref}.`,
      });
      return { subject: `We have received your report – reference ${ref}`, blocks: [...blocks, signature(lang)] };
    }
  }
}

export function renderAcknowledgement(message: Msg<'acknowledgement'>, language: Language): RenderedEmail {
  return renderDraft(acknowledgement, message, language);
}

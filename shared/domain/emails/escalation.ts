/** An escalated correction, to the series' officials. */
import { categoryLabel, cleanUrl, formatLocalDateTime, formatWaited, oneLine, scoreLine, str, teamsLine } from './format.js';
import { caseFacts, FACT_LABELS, staffNotice, type Draft } from './layout.js';
import type { Language, Msg, RenderedEmail } from './message-types.js';
import { renderDraft } from './render.js';

const TEXT: Record<
  Language,
  {
    subject: (teams: string, ref: string) => string;
    intro: string;
    options: string[];
    link: string;
    noLink: (ref: string) => string;
    description: string;
    reason: string;
    thanks: string;
  }
> = {
  fi: {
    subject: (teams, ref) => `Päätöspyyntö: ${teams} – tunnus ${ref}`,
    intro:
      'Tulospalvelun päivystys on siirtänyt sinulle ratkaistavaksi ottelun tietojen korjausta koskevan tapauksen. ' +
      'Pyydämme sinulta päätöstä yhteen seuraavista vaihtoehdoista:',
    options: [
      'Korjaa – tiedot korjataan ilmoituksen mukaisesti',
      'Ei muutosta – kirjattu tulos on oikein ja pysyy ennallaan',
      'Hylkää – korjauspyyntöä ei voida hyväksyä',
    ],
    link: 'Voit kirjata päätöksesi osoitteessa',
    noLink: (ref) => `Kirjaa päätöksesi sarjavastaavien päätöskanavan kautta ja mainitse tunnus ${ref}.`,
    description: 'Ilmoittajan kuvaus:',
    reason: 'Siirron syy:',
    thanks: 'Kiitos avustasi!',
  },
  sv: {
    subject: (teams, ref) => `Begäran om beslut: ${teams} – ärende ${ref}`,
    intro:
      'Resultattjänstens jour har överlämnat ett ärende om rättelse av matchuppgifter till dig för beslut. ' +
      'Vi ber dig välja ett av följande alternativ:',
    options: [
      'Rätta – uppgifterna rättas enligt anmälan',
      'Ingen ändring – det registrerade resultatet är korrekt och står fast',
      'Avslå – begäran om rättelse kan inte godkännas',
    ],
    link: 'Du kan registrera ditt beslut på',
    noLink: (ref) => `Registrera ditt beslut via funktionärernas beslutskanal och uppge ärendenummer ${ref}.`,
    description: 'Anmälarens beskrivning:',
    reason: 'Orsak till överlämnandet:',
    thanks: 'Tack för hjälpen!',
  },
  en: {
    subject: (teams, ref) => `Decision needed: ${teams} – reference ${ref}`,
    intro: 'The results service desk has escalated a match correction case to you for a decision. Please choose one of the following:',
    options: [
      'Correct – the details are corrected as reported',
      'No change – the recorded result is correct and stands',
      'Reject – the correction request cannot be accepted',
    ],
    link: 'You can record your decision at',
    noLink: (ref) => `Please record your decision through the officials' decision channel, quoting the reference ${ref}.`,
    description: "Reporter's description:",
    reason: 'Reason for escalation:',
    thanks: 'Thank you for your help!',
  },
};

function escalation(m: Msg<'escalation'>, lang: Language): Draft {
  const t = TEXT[lang];
  const l = FACT_LABELS[lang];
  const ref = oneLine(m.reference);
  const rows = caseFacts(ref, m.match, lang);
  rows.push([l.category, categoryLabel(m.category, lang)]);
  const proposed = scoreLine(m.match, m.proposed);
  if (proposed) rows.push([l.proposed, proposed]);
  rows.push([l.received, formatLocalDateTime(m.receivedAt, lang)], [l.waited, formatWaited({ waitedMinutes: m.waitedMinutes }, lang)]);
  const by = oneLine(m.escalatedBy);
  if (by) rows.push([l.escalatedBy, by]);
  const url = cleanUrl(m.decisionUrl);
  return staffNotice(lang, {
    subject: t.subject(teamsLine(m.match), ref),
    recipientName: m.recipientName,
    intro: t.intro,
    body: [
      { type: 'list', items: t.options },
      url ? { type: 'link', text: t.link, url } : { type: 'p', text: t.noLink(ref) },
      { type: 'facts', rows },
      { type: 'quote', heading: t.description, text: str(m.description) },
      { type: 'quote', heading: t.reason, text: str(m.reason) },
    ],
    closing: t.thanks,
  });
}

export function renderEscalation(message: Msg<'escalation'>, language: Language): RenderedEmail {
  return renderDraft(escalation, message, language);
}

/** A request for more details, to the reporter. */
import { cleanUrl, matchLine, oneLine, str } from './format.js';
import { reporterLetter, type Draft } from './layout.js';
import type { Language, Msg, RenderedEmail } from './message-types.js';
import { renderDraft } from './render.js';

const TEXT: Record<
  Language,
  {
    subject: (ref: string) => string;
    intro: (ref: string, match: string) => string;
    question: string;
    answerWithLink: (ref: string) => string;
    answerByReply: (ref: string) => string;
    paused: string;
  }
> = {
  fi: {
    subject: (ref) => `Tarvitsemme lisätietoja – tunnus ${ref}`,
    intro: (ref, match) =>
      `Kiitos ilmoituksestasi (tunnus ${ref}), joka koskee ottelua ${match}. ` +
      `Jotta voimme korjata tuloksen, tarvitsemme sinulta vielä lisätietoja.`,
    question: 'Kysymyksemme:',
    answerWithLink: (ref) =>
      `Voit vastata tilasivulla tai vastaamalla tähän viestiin. Mainitsethan vastauksessasi tunnuksen ${ref}. Tilasivu:`,
    answerByReply: (ref) => `Voit vastata suoraan tähän viestiin. Mainitsethan vastauksessasi tunnuksen ${ref}.`,
    paused:
      'Ilmoituksesi odottaa nyt vastaustasi, ja käsittelyaika on keskeytetty siksi aikaa. ' +
      'Kun saamme vastauksesi, jatkamme käsittelyä ja vastausaika alkaa jälleen kulua.',
  },
  sv: {
    subject: (ref) => `Vi behöver mer information – ärende ${ref}`,
    intro: (ref, match) =>
      `Tack för din anmälan (ärendenummer ${ref}) som gäller matchen ${match}. ` +
      `För att vi ska kunna rätta resultatet behöver vi ytterligare uppgifter av dig.`,
    question: 'Vår fråga:',
    answerWithLink: (ref) =>
      `Du kan svara på statussidan eller genom att svara på det här meddelandet. Uppge ärendenummer ${ref} i ditt svar. Statussidan:`,
    answerByReply: (ref) => `Du kan svara direkt på det här meddelandet. Uppge ärendenummer ${ref} i ditt svar.`,
    paused:
      'Ärendet väntar nu på ditt svar, och svarstiden är pausad så länge. ' +
      'När vi har fått ditt svar fortsätter vi behandlingen och svarstiden börjar löpa igen.',
  },
  en: {
    subject: (ref) => `We need more information – reference ${ref}`,
    intro: (ref, match) =>
      `Thank you for your report (reference ${ref}) concerning the match ${match}. ` +
      `To correct the result, we need a little more information from you.`,
    question: 'Our question:',
    answerWithLink: (ref) =>
      `You can answer on the status page or simply reply to this email. Please quote the reference ${ref} in your reply. Status page:`,
    answerByReply: (ref) => `You can simply reply to this email. Please quote the reference ${ref} in your reply.`,
    paused:
      'Your case is now waiting for your answer, and our response time is paused in the meantime. ' +
      'As soon as you reply, we will continue handling it and the clock starts running again.',
  },
};

function requestInfo(m: Msg<'request-info'>, lang: Language): Draft {
  const t = TEXT[lang];
  const ref = oneLine(m.reference);
  const url = cleanUrl(m.statusUrl);
  return reporterLetter(lang, {
    subject: t.subject(ref),
    recipientName: m.reporterName,
    body: [
      { type: 'p', text: t.intro(ref, matchLine(m.match, lang)) },
      { type: 'quote', heading: t.question, text: str(m.question) },
      url ? { type: 'link', text: t.answerWithLink(ref), url } : { type: 'p', text: t.answerByReply(ref) },
      { type: 'p', text: t.paused },
    ],
  });
}

export function renderRequestInfo(message: Msg<'request-info'>, language: Language): RenderedEmail {
  return renderDraft(requestInfo, message, language);
}

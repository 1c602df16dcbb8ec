/** A request for more details, to the reporter. */
import {
  cleanUrl,
  greeting,
  matchLine,
  oneLine,
  renderDraft,
  signature,
  str,
  type Block,
  type Draft,
  type Language,
  type Msg,
  type RenderedEmail,
} from './core.js';

function requestInfo(m: Msg<'request-info'>, lang: Language): Draft {
  const ref = oneLine(m.reference);
  const match = matchLine(m.match, lang);
  const url = cleanUrl(m.statusUrl);
  const blocks: Block[] = [greeting(m.reporterName, lang)];

  switch (lang) {
    case 'fi':
      blocks.push(
        {
          type: 'p',
          text: `Kiitos ilmoituksestasi (tunnus ${ref}), joka koskee ottelua ${match}. Jotta voimme korjata tuloksen, tarvitsemme sinulta vielä lisätietoja.`,
        },
        { type: 'quote', heading: 'Kysymyksemme:', text: str(m.question) },
        url
          ? { type: 'link', text: `Voit vastata tilasivulla tai vastaamalla tähän viestiin. Mainitsethan vastauksessasi tunnuksen ${ref}. Tilasivu:`, url }
          : { type: 'p', text: `Voit vastata suoraan tähän viestiin. Mainitsethan vastauksessasi tunnuksen ${ref}.` },
        {
          type: 'p',
          text: 'Ilmoituksesi odottaa nyt vastaustasi, ja käsittelyaika on keskeytetty siksi aikaa. Kun saamme vastauksesi, jatkamme käsittelyä ja vastausaika alkaa jälleen kulua.',
        },
      );
      return { subject: `Tarvitsemme lisätietoja – tunnus ${ref}`, blocks: [...blocks, signature(lang)] };
    case 'sv':
      blocks.push(
        {
          type: 'p',
          text: `Tack för din anmälan (ärendenummer ${ref}) som gäller matchen ${match}. För att vi ska kunna rätta resultatet behöver vi ytterligare uppgifter av dig.`,
        },
        { type: 'quote', heading: 'Vår fråga:', text: str(m.question) },
        url
          ? { type: 'link', text: `Du kan svara på statussidan eller genom att svara på det här meddelandet. Uppge ärendenummer ${ref} i ditt svar. Statussidan:`, url }
          : { type: 'p', text: `Du kan svara direkt på det här meddelandet. Uppge ärendenummer ${ref} i ditt svar.` },
        {
          type: 'p',
          text: 'Ärendet väntar nu på ditt svar, och svarstiden är pausad så länge. När vi har fått ditt svar fortsätter vi behandlingen och svarstiden börjar löpa igen.',
        },
      );
      return { subject: `Vi behöver mer information – ärende ${ref}`, blocks: [...blocks, signature(lang)] };
    case 'en':
      blocks.push(
        {
          type: 'p',
          text: `Thank you for your report (reference ${ref}) concerning the match ${match}. To correct the result, we need a little more information from you.`,
        },
        { type: 'quote', heading: 'Our question:', text: str(m.question) },
        url
          ? { type: 'link', text: `You can answer on the status page or simply reply to this email. Please quote the reference ${ref} in your reply. Status page:`, url }
          : { type: 'p', text: `You can simply reply to this email. Please quote the reference ${ref} in your reply.` },
        {
          type: 'p',
          text: 'Your case is now waiting for your answer, and our response time is paused in the meantime. As soon as you reply, we will continue handling it and the clock starts running again.',
        },
      );
      return { subject: `We need more information – reference ${ref}`, blocks: [...blocks, signature(lang)] };
  }
}

export function renderRequestInfo(message: Msg<'request-info'>, language: Language): RenderedEmail {
  return renderDraft(requestInfo, message, language);
}

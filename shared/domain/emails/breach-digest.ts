/** One email per recipient per sla-watch run, listing every response-target breach that run found (contract §11). */
import { AUTOMATED_NOTE, categoryLabel, formatDuration, greeting, oneLine, renderDraft, signature, type Draft, type Language, type Msg, type RenderedEmail } from './core.js';

const KIND: Record<Language, Record<'first-response' | 'resolution', string>> = {
  fi: { 'first-response': 'ensivastaus myöhässä', resolution: 'ratkaisu myöhässä' },
  sv: { 'first-response': 'första svar försenat', resolution: 'lösning försenad' },
  en: { 'first-response': 'first response late', resolution: 'resolution late' },
};

const TEXT = {
  fi: { subject: (n: number, ref: string) => `${n} tapausta ylitti tavoiteajan – ${ref} ja muut`, intro: 'Seuraavat tapaukset ylittivät tavoiteaikansa tässä tarkistuksessa:', more: (n: number) => `ja ${n} muuta ilmoitusta samasta asiasta`, waited: 'odottanut', ask: 'Varmistathan, että päivystäjät ottavat ne käsittelyyn mahdollisimman pian.' },
  sv: { subject: (n: number, ref: string) => `${n} ärenden har överskridit målet – ${ref} med flera`, intro: 'Följande ärenden överskred sin måltid vid denna kontroll:', more: (n: number) => `och ${n} andra anmälningar om samma sak`, waited: 'väntat', ask: 'Se till att jouren tar sig an dem så snart som möjligt.' },
  en: { subject: (n: number, ref: string) => `${n} cases missed their response targets – ${ref} and others`, intro: 'These cases missed their targets in this check:', more: (n: number) => `and ${n} more reports of the same`, waited: 'waited', ask: 'Please make sure someone on duty picks them up as soon as possible.' },
};

function digest(m: Msg<'breach-digest'>, lang: Language): Draft {
  const t = TEXT[lang];
  const items = m.items.map((i) => {
    const parts = [oneLine(i.reference), KIND[lang][i.breach]];
    if (i.match) parts.push(`${oneLine(i.match.home)} – ${oneLine(i.match.away)}`);
    if (i.category) parts.push(categoryLabel(i.category, lang));
    parts.push(`${t.waited} ${formatDuration(i.waitedMinutes, lang)}`);
    return parts.join(' · ') + (i.sameCount > 0 ? ` (${t.more(i.sameCount)})` : '');
  });
  return {
    subject: t.subject(m.items.length, oneLine(m.reference)),
    blocks: [greeting(m.recipientName, lang), { type: 'p', text: t.intro }, { type: 'list', items }, { type: 'p', text: t.ask }, signature(lang), { type: 'p', text: AUTOMATED_NOTE[lang] }],
  };
}

export function renderBreachDigest(message: Msg<'breach-digest'>, language: Language): RenderedEmail {
  return renderDraft(digest, message, language);
}

/** One email per recipient per sla-watch run, listing every response-target breach that run found (contract §11). */
import { categoryLabel, formatWaited, oneLine, teamsLine } from './format.js';
import { staffNotice, type Draft } from './layout.js';
import type { Language, Msg, RenderedEmail } from './message-types.js';
import { renderDraft } from './render.js';

const TEXT: Record<
  Language,
  {
    kinds: Record<'first-response' | 'resolution', string>;
    subject: (n: number, ref: string) => string;
    intro: string;
    more: (n: number) => string;
    rest: (n: number) => string;
    waited: string;
    ask: string;
  }
> = {
  fi: {
    kinds: { 'first-response': 'ensivastaus myöhässä', resolution: 'ratkaisu myöhässä' },
    subject: (n, ref) => `${n} tapausta ylitti tavoiteajan – ${ref} ja muut`,
    intro: 'Seuraavat tapaukset ylittivät tavoiteaikansa tässä tarkistuksessa:',
    more: (n) => `ja ${n} muuta ilmoitusta samasta asiasta`,
    rest: (n) => `… ja ${n} muuta tapausta: katso jono konsolista.`,
    waited: 'odottanut',
    ask: 'Varmistathan, että päivystäjät ottavat ne käsittelyyn mahdollisimman pian.',
  },
  sv: {
    kinds: { 'first-response': 'första svar försenat', resolution: 'lösning försenad' },
    subject: (n, ref) => `${n} ärenden har överskridit målet – ${ref} med flera`,
    intro: 'Följande ärenden överskred sin måltid vid denna kontroll:',
    more: (n) => `och ${n} andra anmälningar om samma sak`,
    rest: (n) => `… och ${n} ärenden till: se kön i konsolen.`,
    waited: 'väntat',
    ask: 'Se till att jouren tar sig an dem så snart som möjligt.',
  },
  en: {
    kinds: { 'first-response': 'first response late', resolution: 'resolution late' },
    subject: (n, ref) => `${n} cases missed their response targets – ${ref} and others`,
    intro: 'These cases missed their targets in this check:',
    more: (n) => `and ${n} more reports of the same`,
    rest: (n) => `… and ${n} more cases: see the queue in the console.`,
    waited: 'waited',
    ask: 'Please make sure someone on duty picks them up as soon as possible.',
  },
};

function digest(m: Msg<'breach-digest'>, lang: Language): Draft {
  const t = TEXT[lang];
  const items = m.items.map((i) => {
    const parts = [oneLine(i.reference), t.kinds[i.breach]];
    if (i.match) parts.push(teamsLine(i.match));
    if (i.category) parts.push(categoryLabel(i.category, lang));
    parts.push(`${t.waited} ${formatWaited(i, lang)}`);
    return parts.join(' · ') + (i.sameCount > 0 ? ` (${t.more(i.sameCount)})` : '');
  });
  if (m.moreLines) items.push(t.rest(m.moreLines));
  return staffNotice(lang, {
    subject: t.subject(m.items.length + (m.moreLines ?? 0), oneLine(m.reference)),
    recipientName: m.recipientName,
    intro: t.intro,
    body: [{ type: 'list', items }],
    closing: t.ask,
  });
}

export function renderBreachDigest(message: Msg<'breach-digest'>, language: Language): RenderedEmail {
  return renderDraft(digest, message, language);
}

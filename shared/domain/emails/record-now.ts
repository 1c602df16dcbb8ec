/** To the staff member holding a correction: a later sync found the official record now agrees with the reporter's proposal. */
import { matchLine, oneLine } from './format.js';
import { staffNotice, type Draft } from './layout.js';
import type { Language, MatchInfo, RenderedEmail } from './message-types.js';
import { renderDraft } from './render.js';

export interface RecordNowMessage {
  reference: string;
  staffName?: string;
  match: MatchInfo;
  score: { homeGoals: number; awayGoals: number };
}

const TEXT: Record<Language, { subject: (ref: string) => string; body: (match: string, score: string, ref: string) => string }> = {
  fi: {
    subject: (ref) => `Tulospalvelu täsmää nyt ilmoitukseen – tunnus ${ref}`,
    body: (match, score, ref) =>
      `Tulospalvelun virallinen tulos ottelussa ${match} on nyt ${score}, kuten ilmoittaja ehdotti (tunnus ${ref}). ` +
      'Voit ratkaista tapauksen tuloksella "corrected" ilman muita tietoja.',
  },
  sv: {
    subject: (ref) => `Resultattjänsten stämmer nu med anmälan – ärende ${ref}`,
    body: (match, score, ref) =>
      `Det officiella resultatet för matchen ${match} är nu ${score}, så som anmälaren föreslog (ärende ${ref}). ` +
      'Du kan avgöra ärendet som "corrected" utan andra uppgifter.',
  },
  en: {
    subject: (ref) => `The official record now agrees with the report – reference ${ref}`,
    body: (match, score, ref) =>
      `The official result of the match ${match} is now ${score}, as the reporter proposed (reference ${ref}). ` +
      'You can resolve the case as "corrected" with no other input.',
  },
};

function draft(m: RecordNowMessage, lang: Language): Draft {
  const t = TEXT[lang];
  const ref = oneLine(m.reference);
  const score = `${m.score.homeGoals}–${m.score.awayGoals}`;
  const intro = t.body(matchLine(m.match, lang), score, ref);
  return staffNotice(lang, { subject: t.subject(ref), recipientName: m.staffName ?? '', intro });
}

export function renderRecordNow(message: RecordNowMessage, language: Language): RenderedEmail {
  return renderDraft(draft, message, language);
}

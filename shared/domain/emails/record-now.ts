/** To the staff member holding a correction: a later sync found the official record now agrees with the reporter's proposal. */
import { greeting, matchLine, oneLine, renderDraft, signature, type Draft, type Language, type MatchInfo, type RenderedEmail } from './core.js';

export interface RecordNowMessage {
  reference: string;
  staffName?: string;
  match: MatchInfo;
  score: { homeGoals: number; awayGoals: number };
}

function draft(m: RecordNowMessage, lang: Language): Draft {
  const ref = oneLine(m.reference);
  const match = matchLine(m.match, lang);
  const score = `${m.score.homeGoals}–${m.score.awayGoals}`;
  const texts: Record<Language, { subject: string; body: string }> = {
    fi: {
      subject: `Tulospalvelu täsmää nyt ilmoitukseen – tunnus ${ref}`,
      body: `Tulospalvelun virallinen tulos ottelussa ${match} on nyt ${score}, kuten ilmoittaja ehdotti (tunnus ${ref}). Voit ratkaista tapauksen tuloksella "corrected" ilman muita tietoja.`,
    },
    sv: {
      subject: `Resultattjänsten stämmer nu med anmälan – ärende ${ref}`,
      body: `Det officiella resultatet för matchen ${match} är nu ${score}, så som anmälaren föreslog (ärende ${ref}). Du kan avgöra ärendet som "corrected" utan andra uppgifter.`,
    },
    en: {
      subject: `The official record now agrees with the report – reference ${ref}`,
      body: `The official result of the match ${match} is now ${score}, as the reporter proposed (reference ${ref}). You can resolve the case as "corrected" with no other input.`,
    },
  };
  const t = texts[lang];
  return { subject: t.subject, blocks: [greeting(m.staffName ?? '', lang), { type: 'p', text: t.body }, signature(lang)] };
}

export function renderRecordNow(message: RecordNowMessage, language: Language): RenderedEmail {
  return renderDraft(draft, message, language);
}

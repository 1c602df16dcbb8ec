/** Guesses the language of a short text among fi, sv and en by common words; Finnish when unsure. */
import type { Language } from '../calendar-config.js';

const WORDS: Record<Language, string[]> = {
  fi: ['ja', 'on', 'ei', 'että', 'ottelu', 'ottelun', 'tulos', 'tulosta', 'maali', 'hei', 'kiitos', 'oli', 'se', 'olla', 'pitäisi', 'korjata', 'virhe', 'jäähy', 'terveisin', 'ystävällisin', 'meidän', 'joukkue', 'oikea', 'tuloksen', 'kanssa', 'mutta', 'kun', 'ovat', 'eli', 'myös'],
  sv: ['och', 'är', 'inte', 'att', 'det', 'matchen', 'match', 'resultatet', 'resultat', 'mål', 'hej', 'tack', 'var', 'ska', 'borde', 'rättas', 'fel', 'utvisning', 'hälsningar', 'vänliga', 'vårt', 'laget', 'med', 'men', 'som', 'för', 'på', 'jag', 'vi', 'har'],
  en: ['and', 'is', 'not', 'that', 'the', 'match', 'result', 'score', 'goal', 'hello', 'hi', 'thanks', 'was', 'should', 'corrected', 'wrong', 'penalty', 'regards', 'kind', 'our', 'team', 'with', 'but', 'which', 'for', 'on', 'i', 'we', 'have', 'please'],
};

export function guessLanguage(text: string): Language {
  const tokens = text.toLowerCase().match(/[a-zåäöé]+/g) ?? [];
  const score: Record<Language, number> = { fi: 0, sv: 0, en: 0 };
  const sets = Object.fromEntries(Object.entries(WORDS).map(([l, w]) => [l, new Set(w)])) as Record<Language, Set<string>>;
  for (const t of tokens) for (const l of ['fi', 'sv', 'en'] as const) if (sets[l].has(t)) score[l]++;
  const best = (['sv', 'en'] as const).filter((l) => score[l] > score.fi && score[l] >= 2).sort((a, b) => score[b] - score[a])[0];
  return best ?? 'fi';
}

/** The page language and today's date, without the catalogs (the pages' inline early scripts use them too). */
import type { Language } from '../api/client.js';

const isLanguage = (v: string | null | undefined): v is Language => v === 'fi' || v === 'sv' || v === 'en';

/** ?lang=fi|sv|en, else the browser's languages (Accept-Language), else Finnish (contract §8). */
export function pickLanguage(search: string, browser: readonly string[]): Language {
  const asked = new URLSearchParams(search).get('lang');
  if (isLanguage(asked)) return asked;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'fi';
}

/** Today's date in Helsinki, YYYY-MM-DD. */
export function helsinkiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

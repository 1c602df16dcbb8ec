/** The page language: ?lang=fi|sv|en, else the browser's languages (Accept-Language), else Finnish (contract §8). */
import type { Language } from '../api/client.js';
import type { Catalog } from './catalog.js';
import { en } from './en.js';
import { fi } from './fi.js';
import { sv } from './sv.js';

export const CATALOGS: Record<Language, Catalog> = { fi, sv, en };
export const LANGUAGES: Language[] = ['fi', 'sv', 'en'];
export { pickLanguage, helsinkiToday } from './pick.js';

/** A date and time in Helsinki, as people there write it in this language. */
export function formatTime(iso: string | null | undefined, t: Catalog): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(t.locale, {
    timeZone: 'Europe/Helsinki',
    weekday: 'short',
    day: 'numeric',
    month: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function formatClock(iso: string, t: Catalog): string {
  return new Intl.DateTimeFormat(t.locale, { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export type { Catalog };

/** The page language: ?lang=fi|sv|en, else the browser's languages (Accept-Language), else Finnish (contract §8). */
import type { Language } from '../api/client.js';
import type { Catalog } from './catalog.js';
import { en } from './en.js';
import { fi } from './fi.js';
import { sv } from './sv.js';

export const CATALOGS: Record<Language, Catalog> = { fi, sv, en };
export const LANGUAGES: Language[] = ['fi', 'sv', 'en'];
export { pickLanguage, helsinkiToday } from './pick.js';

/**
 * Formatters by locale and style, made once: building an Intl.DateTimeFormat costs far more than using one, and the
 * console's queue formats a due time on every row (100 rows drawn on each change).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, style: 'time' | 'clock'): Intl.DateTimeFormat {
  const key = `${locale} ${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale,
      style === 'time'
        ? { timeZone: 'Europe/Helsinki', weekday: 'short', day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit' }
        : { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit' },
    );
    formatters.set(key, f);
  }
  return f;
}

/** A date and time in Helsinki, as people there write it in this language. */
export function formatTime(iso: string | null | undefined, t: Catalog): string {
  return iso ? formatter(t.locale, 'time').format(new Date(iso)) : '';
}

export function formatClock(iso: string, t: Catalog): string {
  return formatter(t.locale, 'clock').format(new Date(iso));
}

export type { Catalog };

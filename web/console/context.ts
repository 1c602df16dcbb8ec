/** What every console view gets: the texts, the language, the signed-in user, and a way to navigate. */
import type { Language } from '../api/client.js';
import { ApiError, NetworkError } from '../api/client.js';
import type { Catalog } from '../i18n/index.js';
import type { ConsoleTexts } from '../i18n/console-en.js';
import { consoleEn } from '../i18n/console-en.js';
import { consoleFi } from '../i18n/console-fi.js';
import { consoleSv } from '../i18n/console-sv.js';
import type { User } from './auth.js';

export const CONSOLE_TEXTS: Record<Language, ConsoleTexts> = { fi: consoleFi, sv: consoleSv, en: consoleEn };

export interface Ctx {
  t: Catalog;
  c: ConsoleTexts;
  lang: Language;
  user: User;
  /** the view's own timers and key handlers stop when this aborts (navigation, language switch) */
  signal: AbortSignal;
}

export interface View {
  (el: HTMLElement, ctx: Ctx, arg?: string): void | Promise<void>;
}

export const isStaff = (u: User) => u.groups.includes('staff') || u.groups.includes('admin');
export const isAdmin = (u: User) => u.groups.includes('admin');
export const isOfficial = (u: User) => u.groups.includes('official');

export function errorText(err: unknown, ctx: Ctx): string {
  if (err instanceof ApiError)
    return ctx.c.error(err.details.length ? `${err.message} ${err.details.map((d) => `${d.path}: ${d.message}`).join('; ')}` : err.message);
  if (err instanceof NetworkError) return ctx.c.offline;
  return ctx.c.error(String(err));
}

/** Repeats `fn` every `ms` while the view lives and the tab is visible (hidden tabs make no calls). */
export function every(ms: number, signal: AbortSignal, fn: () => Promise<void>): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    if (signal.aborted) return;
    if (document.visibilityState !== 'hidden') await fn().catch(() => undefined);
    if (!signal.aborted) timer = setTimeout(() => void tick(), ms);
  };
  timer = setTimeout(() => void tick(), ms);
  const wake = () => {
    if (document.visibilityState === 'visible' && timer) {
      clearTimeout(timer);
      void tick();
    }
  };
  document.addEventListener('visibilitychange', wake, { signal });
  signal.addEventListener('abort', () => clearTimeout(timer));
}

export const minutesSince = (iso: string, now = Date.now()) => Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));

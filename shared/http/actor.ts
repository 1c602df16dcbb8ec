/** The signed-in caller as the use cases' actor: who, and the language their emails use (the token's locale, else Finnish). */
import type { Language } from '../domain/calendar-config.js';
import type { Actor } from '../domain/correction.js';
import type { Caller } from './lambda-http.js';

export function actorOf(caller: Caller): Actor {
  const lang = caller.locale?.slice(0, 2);
  return {
    sub: caller.sub,
    ...(caller.email ? { email: caller.email } : {}),
    ...(caller.name ? { name: caller.name } : {}),
    language: (['fi', 'sv', 'en'].includes(lang ?? '') ? lang : 'fi') as Language,
  };
}

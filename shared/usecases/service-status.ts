/**
 * GET /service-status: is the hotline open, until when, when it opens next, the season, and the response
 * promise for a report sent at `at` — with a one-line message for people in fi, sv (Finland Swedish) or en.
 * All times shown are Helsinki local time.
 */
import { serviceStatus, type ServiceStatus } from '../domain/calendar.js';
import type { Language, Mode } from '../domain/calendar-config.js';
import { EN_MONTHS, helsinkiParts, pad2, type LocalParts } from '../domain/helsinki-time.js';
import type { ConfigStore } from '../store/config.js';
import { loadCalendar, type Deps } from './deps.js';

export interface ServiceStatusView {
  at: string;
  mode: Mode;
  open: boolean;
  opensAt: string | null;
  closesAt: string | null;
  nextOpenAt: string;
  season: { id: string; active: boolean };
  firstResponseTargetMinutes: number;
  expectedResponseBy: string;
  message: string;
}

export async function getServiceStatus(
  deps: Pick<Deps<ConfigStore>, 'store' | 'clock'>,
  query: { at?: string; lang?: Language },
): Promise<ServiceStatusView> {
  const at = query.at ? new Date(query.at) : deps.clock.now();
  const cal = await loadCalendar(deps.store);
  const s = serviceStatus(cal, at);
  return {
    at: at.toISOString(),
    mode: s.mode,
    open: s.open,
    opensAt: s.opensAt?.toISOString() ?? null,
    closesAt: s.closesAt?.toISOString() ?? null,
    nextOpenAt: s.nextOpenAt.toISOString(),
    season: s.season,
    firstResponseTargetMinutes: s.firstResponseTargetMinutes,
    expectedResponseBy: s.expectedResponseBy.toISOString(),
    message: serviceMessage(s, query.lang ?? 'fi'),
  };
}

/** The message's sentences, one record per language (the style of the email texts, shared/domain/emails). */
const TEXT: Record<
  Language,
  {
    weekdays: string[];
    /** fi `klo 9.00`, sv `kl. 9.00`, en `09:00` */
    clock: (p: LocalParts) => string;
    /** fi `la 22.11. klo 9.00`, sv `lördag 22.11 kl. 9.00`, en `Saturday 22 November at 09:00` */
    dayAndClock: (weekday: string, p: LocalParts, clock: string) => string;
    /** about how many minutes: fi `30 minuutissa`, sv `30 minuter`, en `30 minutes` */
    minutes: (n: number) => string;
    anHour: string;
    /** `n`: whole or half hours, written with the language's decimal comma or point */
    hours: (n: string) => string;
    decimalPoint: string;
    closed: (next: string) => string;
    open: (results: boolean, until: string) => string;
    replyWithin: (about: string) => string;
    replyBy: (by: string) => string;
  }
> = {
  fi: {
    weekdays: ['ma', 'ti', 'ke', 'to', 'pe', 'la', 'su'],
    clock: (p) => `klo ${p.hour}.${pad2(p.minute)}`,
    dayAndClock: (wd, p, clock) => `${wd} ${p.day}.${p.month}. ${clock}`,
    minutes: (n) => (n === 1 ? 'minuutissa' : `${n} minuutissa`),
    anHour: 'tunnissa',
    hours: (n) => `${n} tunnissa`,
    decimalPoint: ',',
    closed: (next) =>
      `Palvelu on nyt suljettu. Ilmoitukset otetaan vastaan ja käsitellään saapumisjärjestyksessä; palvelemme taas ${next}.`,
    open: (results, until) => (results ? `Tulospalvelu palvelee nyt ${until} asti.` : `Palvelemme nyt ${until} asti.`),
    replyWithin: (about) => `Vastaamme viestiisi noin ${about}.`,
    replyBy: (by) => `Vastaamme viestiisi viimeistään ${by}.`,
  },
  sv: {
    weekdays: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
    clock: (p) => `kl. ${p.hour}.${pad2(p.minute)}`,
    dayAndClock: (wd, p, clock) => `${wd} ${p.day}.${p.month} ${clock}`,
    minutes: (n) => (n === 1 ? 'en minut' : `${n} minuter`),
    anHour: 'en timme',
    hours: (n) => `${n} timmar`,
    decimalPoint: ',',
    closed: (next) =>
      `Tjänsten är stängd just nu. Anmälningar tas emot och behandlas i den ordning de kommer in; vi betjänar igen ${next}.`,
    open: (results, until) => (results ? `Resultattjänsten betjänar nu till ${until}.` : `Vi betjänar nu till ${until}.`),
    replyWithin: (about) => `Vi svarar på ditt meddelande inom cirka ${about}.`,
    replyBy: (by) => `Vi svarar på ditt meddelande senast ${by}.`,
  },
  en: {
    weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    clock: (p) => `${pad2(p.hour)}:${pad2(p.minute)}`,
    dayAndClock: (wd, p, clock) => `${wd} ${p.day} ${EN_MONTHS[p.month - 1]} at ${clock}`,
    minutes: (n) => (n === 1 ? 'a minute' : `${n} minutes`),
    anHour: 'an hour',
    hours: (n) => `${n} hours`,
    decimalPoint: '.',
    closed: (next) =>
      `The service is closed right now. Reports are still accepted and handled in order of arrival; ` +
      `we are open again on ${next} (Finnish time).`,
    open: (results, until) =>
      results ? `The results service is open until ${until} (Finnish time).` : `We are open until ${until} (Finnish time).`,
    replyWithin: (about) => `We will reply to your message in about ${about}.`,
    replyBy: (by) => `We will reply to your message by ${by} (Finnish time).`,
  },
};

const clock = (at: Date, lang: Language): string => TEXT[lang].clock(helsinkiParts(at));

function dayAndClock(at: Date, lang: Language): string {
  const p = helsinkiParts(at);
  const t = TEXT[lang];
  return t.dayAndClock(t.weekdays[p.isoWeekday - 1]!, p, t.clock(p));
}

/** About how long: minutes under an hour and a half (unless whole hours), otherwise whole or half hours. */
function about(minutes: number, lang: Language): string {
  const t = TEXT[lang];
  if (minutes < 60 || (minutes < 90 && minutes % 60 !== 0)) return t.minutes(minutes);
  const hours = Math.round(minutes / 30) / 2;
  if (hours === 1) return t.anHour;
  return t.hours(Number.isInteger(hours) ? String(hours) : hours.toFixed(1).replace('.', t.decimalPoint));
}

export function serviceMessage(s: ServiceStatus, lang: Language): string {
  const t = TEXT[lang];
  if (!s.open || !s.closesAt) return t.closed(dayAndClock(s.nextOpenAt, lang));
  // The promise fits in today's window: "in about N minutes"; otherwise the time it will be kept by.
  const withinWindow = s.expectedResponseBy.getTime() <= s.closesAt.getTime();
  const promise = withinWindow
    ? t.replyWithin(about(s.firstResponseTargetMinutes, lang))
    : t.replyBy(dayAndClock(s.expectedResponseBy, lang));
  return `${t.open(s.mode === 'results', clock(s.closesAt, lang))} ${promise}`;
}

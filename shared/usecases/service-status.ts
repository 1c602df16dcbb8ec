/**
 * GET /service-status: is the hotline open, until when, when it opens next, the season, and the response
 * promise for a report sent at `at` — with a one-line message for people in fi, sv (Finland Swedish) or en.
 * All times shown are Helsinki local time.
 */
import { serviceStatus, type ServiceStatus } from '../domain/calendar.js';
import type { Language, Mode } from '../domain/calendar-config.js';
import { EN_MONTHS, helsinkiParts, pad2 } from '../domain/helsinki-time.js';
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

const WEEKDAYS: Record<Language, string[]> = {
  fi: ['ma', 'ti', 'ke', 'to', 'pe', 'la', 'su'],
  sv: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/** fi `klo 9.00`, sv `kl. 9.00`, en `09:00` */
function clock(at: Date, lang: Language): string {
  const p = helsinkiParts(at);
  if (lang === 'fi') return `klo ${p.hour}.${pad2(p.minute)}`;
  if (lang === 'sv') return `kl. ${p.hour}.${pad2(p.minute)}`;
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** fi `la 22.11. klo 9.00`, sv `lördag 22.11 kl. 9.00`, en `Saturday 22 November at 09:00` */
function dayAndClock(at: Date, lang: Language): string {
  const p = helsinkiParts(at);
  const wd = WEEKDAYS[lang][p.isoWeekday - 1];
  if (lang === 'fi') return `${wd} ${p.day}.${p.month}. ${clock(at, lang)}`;
  if (lang === 'sv') return `${wd} ${p.day}.${p.month} ${clock(at, lang)}`;
  return `${wd} ${p.day} ${EN_MONTHS[p.month - 1]} at ${clock(at, lang)}`;
}

/** About how long, e.g. fi `30 minuutissa` / `4 tunnissa`, sv `30 minuter` / `4 timmar`, en `30 minutes` / `4 hours`. */
function about(minutes: number, lang: Language): string {
  if (minutes < 60 || (minutes < 90 && minutes % 60 !== 0)) {
    if (lang === 'fi') return minutes === 1 ? 'minuutissa' : `${minutes} minuutissa`;
    if (lang === 'sv') return minutes === 1 ? 'en minut' : `${minutes} minuter`;
    return minutes === 1 ? 'a minute' : `${minutes} minutes`;
  }
  const hours = Math.round(minutes / 30) / 2;
  if (hours === 1) return { fi: 'tunnissa', sv: 'en timme', en: 'an hour' }[lang];
  const n = Number.isInteger(hours) ? String(hours) : lang === 'en' ? hours.toFixed(1) : hours.toFixed(1).replace('.', ',');
  if (lang === 'fi') return `${n} tunnissa`;
  if (lang === 'sv') return `${n} timmar`;
  return `${n} hours`;
}

export function serviceMessage(s: ServiceStatus, lang: Language): string {
  if (!s.open || !s.closesAt) {
    const next = dayAndClock(s.nextOpenAt, lang);
    if (lang === 'fi')
      return `Palvelu on nyt suljettu. Ilmoitukset otetaan vastaan ja käsitellään saapumisjärjestyksessä; palvelemme taas ${next}.`;
    if (lang === 'sv')
      return `Tjänsten är stängd just nu. Anmälningar tas emot och behandlas i den ordning de kommer in; vi betjänar igen ${next}.`;
    return (
      `The service is closed right now. Reports are still accepted and handled in order of arrival; ` +
      `we are open again on ${next} (Finnish time).`
    );
  }
  const until = clock(s.closesAt, lang);
  const results = s.mode === 'results';
  // The promise fits in today's window: "in about N minutes"; otherwise the time it will be kept by.
  const withinWindow = s.expectedResponseBy.getTime() <= s.closesAt.getTime();
  const by = dayAndClock(s.expectedResponseBy, lang);
  const minutes = s.firstResponseTargetMinutes;
  if (lang === 'fi') {
    const open = results ? `Tulospalvelu palvelee nyt ${until} asti.` : `Palvelemme nyt ${until} asti.`;
    return `${open} ${withinWindow ? `Vastaamme viestiisi noin ${about(minutes, lang)}.` : `Vastaamme viestiisi viimeistään ${by}.`}`;
  }
  if (lang === 'sv') {
    const open = results ? `Resultattjänsten betjänar nu till ${until}.` : `Vi betjänar nu till ${until}.`;
    const promise = withinWindow
      ? `Vi svarar på ditt meddelande inom cirka ${about(minutes, lang)}.`
      : `Vi svarar på ditt meddelande senast ${by}.`;
    return `${open} ${promise}`;
  }
  const open = results ? `The results service is open until ${until} (Finnish time).` : `We are open until ${until} (Finnish time).`;
  const promise = withinWindow
    ? `We will reply to your message in about ${about(minutes, lang)}.`
    : `We will reply to your message by ${by} (Finnish time).`;
  return `${open} ${promise}`;
}

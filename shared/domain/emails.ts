/**
 * Pure email rendering for the results-service hotline, in Finnish (primary),
 * Finland Swedish and English. No runtime dependencies: only `Intl` is used,
 * for dates shown in Europe/Helsinki local time.
 *
 * Every email is built as a small list of content blocks, from which both the
 * plain-text body (complete on its own) and the HTML body (every value
 * escaped) are produced, so the two never drift apart.
 */

export type Language = 'fi' | 'sv' | 'en';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export type Category = 'final-score' | 'period-score' | 'goal' | 'penalty' | 'lineup' | 'other';
export type Outcome = 'corrected' | 'no-change' | 'rejected' | 'duplicate';

export interface MatchInfo {
  id: string;
  home: string;
  away: string;
  startsAt: string /* ISO instant */;
  seriesName?: string;
}

export type EmailMessage =
  | {
      kind: 'acknowledgement';
      reference: string;
      reporterName: string;
      match: MatchInfo;
      category: Category;
      expectedResponseBy: Date;
      serviceOpenNow: boolean;
      nextOpenAt: Date | null;
      statusUrl?: string;
    }
  | {
      kind: 'request-info';
      reference: string;
      reporterName: string;
      match: MatchInfo;
      question: string;
      statusUrl?: string;
    }
  | {
      kind: 'resolution';
      reference: string;
      reporterName: string;
      match: MatchInfo;
      outcome: Outcome;
      message: string;
      correctedResult?: { homeGoals: number; awayGoals: number };
    }
  | {
      kind: 'escalation';
      reference: string;
      recipientName: string;
      match: MatchInfo;
      category: Category;
      description: string;
      proposed?: { homeGoals: number; awayGoals: number };
      reason: string;
      receivedAt: Date;
      waitedMinutes: number;
      escalatedBy: string;
      decisionUrl?: string;
    }
  | {
      kind: 'decision-to-staff';
      reference: string;
      recipientName: string;
      match: MatchInfo;
      decision: 'correct' | 'no-change' | 'reject';
      message: string;
      officialName: string;
    }
  | {
      kind: 'first-response-breach';
      reference: string;
      recipientName: string;
      caseKind: 'correction' | 'callback';
      match?: MatchInfo;
      receivedAt: Date;
      dueAt: Date;
      waitedMinutes: number;
      status: string;
    }
  | {
      kind: 'resolution-breach';
      reference: string;
      recipientName: string;
      match: MatchInfo;
      receivedAt: Date;
      dueAt: Date;
      waitedMinutes: number;
      status: string;
    };

export const FEDERATION_NAME: Record<Language, string> = {
  fi: 'Suomen Salibandyliitto',
  sv: 'Finlands Innebandyförbund',
  en: 'Finnish Floorball Federation',
};

const RESULTS_SERVICE: Record<Language, string> = {
  fi: 'Salibandyliiton tulospalvelu',
  sv: 'Innebandyförbundets resultattjänst',
  en: 'The Finnish Floorball Federation results service',
};

// ---------------------------------------------------------------------------
// Dates and durations
// ---------------------------------------------------------------------------

const TIME_ZONE = 'Europe/Helsinki';

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

let helsinkiFormatter: Intl.DateTimeFormat | undefined;

/** One cached formatter; the parts are assembled per language below. */
function formatter(): Intl.DateTimeFormat {
  helsinkiFormatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return helsinkiFormatter;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function helsinkiParts(at: Date): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatter().formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
  };
}

const UNKNOWN_TIME: Record<Language, string> = {
  fi: '(ajankohta ei tiedossa)',
  sv: '(tidpunkten okänd)',
  en: '(time unknown)',
};

function isValidDate(at: unknown): at is Date {
  return at instanceof Date && Number.isFinite(at.getTime());
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Local Helsinki date and time in the language's conventions:
 * fi `23.11.2026 klo 14.30`, sv `23.11.2026 kl. 14.30`,
 * en `23 November 2026 at 14:30 (Finnish time)`.
 */
export function formatLocalDateTime(at: Date, language: Language): string {
  if (!isValidDate(at)) return UNKNOWN_TIME[language];
  const p = helsinkiParts(at);
  const date = `${p.day}.${p.month}.${p.year}`;
  switch (language) {
    case 'fi':
      return `${date} klo ${p.hour}.${pad2(p.minute)}`;
    case 'sv':
      return `${date} kl. ${p.hour}.${pad2(p.minute)}`;
    case 'en':
      return `${p.day} ${EN_MONTHS[p.month - 1] ?? ''} ${p.year} at ${pad2(p.hour)}:${pad2(p.minute)} (Finnish time)`;
  }
}

const DURATION_UNITS: Record<Language, { hour: [string, string]; minute: [string, string] }> = {
  fi: { hour: ['tunti', 'tuntia'], minute: ['minuutti', 'minuuttia'] },
  sv: { hour: ['timme', 'timmar'], minute: ['minut', 'minuter'] },
  en: { hour: ['hour', 'hours'], minute: ['minute', 'minutes'] },
};

/**
 * A duration given in minutes, e.g. fi `2 tuntia 15 minuuttia`,
 * sv `2 timmar 15 minuter`, en `2 hours 15 minutes`. Non-finite or negative
 * input is treated as zero; fractions are rounded to whole minutes.
 */
export function formatDuration(minutes: number, language: Language): string {
  const total = Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes) : 0;
  const hours = Math.floor(total / 60);
  const mins = total % 60;
  const units = DURATION_UNITS[language];
  const unit = (n: number, [one, many]: [string, string]): string => `${n} ${n === 1 ? one : many}`;
  if (hours === 0) return unit(mins, units.minute);
  if (mins === 0) return unit(hours, units.hour);
  return `${unit(hours, units.hour)} ${unit(mins, units.minute)}`;
}

// ---------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------

const CATEGORY_LABELS: Record<Language, Record<Category, string>> = {
  fi: {
    'final-score': 'Lopputulos',
    'period-score': 'Erätulos',
    goal: 'Maalintekijä tai syöttäjä',
    penalty: 'Rangaistus',
    lineup: 'Kokoonpano',
    other: 'Muu korjaus',
  },
  sv: {
    'final-score': 'Slutresultat',
    'period-score': 'Periodresultat',
    goal: 'Målskytt eller assist',
    penalty: 'Utvisning',
    lineup: 'Laguppställning',
    other: 'Annan rättelse',
  },
  en: {
    'final-score': 'Final score',
    'period-score': 'Period score',
    goal: 'Goal scorer or assist',
    penalty: 'Penalty',
    lineup: 'Line-up',
    other: 'Other correction',
  },
};

export function categoryLabel(category: Category, language: Language): string {
  return CATEGORY_LABELS[language][category] ?? CATEGORY_LABELS[language].other;
}

const DECISION_LABELS: Record<Language, Record<'correct' | 'no-change' | 'reject', string>> = {
  fi: { correct: 'Tulos korjataan', 'no-change': 'Ei muutosta', reject: 'Korjauspyyntö hylätään' },
  sv: { correct: 'Resultatet rättas', 'no-change': 'Ingen ändring', reject: 'Begäran avslås' },
  en: { correct: 'Correct the result', 'no-change': 'No change', reject: 'Reject the request' },
};

const CASE_KIND_LABELS: Record<Language, Record<'correction' | 'callback', string>> = {
  fi: { correction: 'Tuloksen korjauspyyntö', callback: 'Soittopyyntö' },
  sv: { correction: 'Begäran om rättelse av resultat', callback: 'Begäran om återuppringning' },
  en: { correction: 'Result correction', callback: 'Callback request' },
};

// ---------------------------------------------------------------------------
// Content blocks
// ---------------------------------------------------------------------------

type Block =
  | { type: 'p'; text: string }
  /** A heading line followed by a quoted, user-provided multi-line text. */
  | { type: 'quote'; heading: string; text: string }
  | { type: 'facts'; rows: ReadonlyArray<readonly [string, string]> }
  | { type: 'list'; items: readonly string[] }
  /** A sentence followed by a URL (rendered as a link when it is http(s)). */
  | { type: 'link'; text: string; url: string }
  | { type: 'signature'; lines: readonly string[] };

/** Any value that reaches an email goes through here: never `undefined`/`null`. */
function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return '';
}

/** A single-line version of a user value (no line breaks or control characters). */
function oneLine(value: unknown): string {
  return str(value).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

function isScore(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

function scoreLine(match: MatchInfo, score: { homeGoals: number; awayGoals: number } | undefined): string | null {
  if (!score || !isScore(score.homeGoals) || !isScore(score.awayGoals)) return null;
  return `${oneLine(match.home)} ${score.homeGoals}–${score.awayGoals} ${oneLine(match.away)}`;
}

function matchLine(match: MatchInfo, language: Language): string {
  const teams = `${oneLine(match.home)} – ${oneLine(match.away)}`;
  const startsAt = new Date(str(match.startsAt));
  return isValidDate(startsAt) ? `${teams}, ${formatLocalDateTime(startsAt, language)}` : teams;
}

const FACT_LABELS: Record<
  Language,
  {
    reference: string;
    match: string;
    series: string;
    category: string;
    proposed: string;
    corrected: string;
    received: string;
    waited: string;
    escalatedBy: string;
    decision: string;
    official: string;
    caseKind: string;
    due: string;
    status: string;
  }
> = {
  fi: {
    reference: 'Tunnus',
    match: 'Ottelu',
    series: 'Sarja',
    category: 'Korjattava tieto',
    proposed: 'Ehdotettu tulos',
    corrected: 'Korjattu tulos',
    received: 'Saapunut',
    waited: 'Odottanut',
    escalatedBy: 'Siirtänyt',
    decision: 'Päätös',
    official: 'Päätöksen tekijä',
    caseKind: 'Tyyppi',
    due: 'Tavoiteaika',
    status: 'Nykyinen tila',
  },
  sv: {
    reference: 'Ärendenummer',
    match: 'Match',
    series: 'Serie',
    category: 'Gäller',
    proposed: 'Föreslaget resultat',
    corrected: 'Rättat resultat',
    received: 'Inkom',
    waited: 'Har väntat',
    escalatedBy: 'Överlämnat av',
    decision: 'Beslut',
    official: 'Beslutsfattare',
    caseKind: 'Typ',
    due: 'Målsatt tid',
    status: 'Nuvarande status',
  },
  en: {
    reference: 'Reference',
    match: 'Match',
    series: 'Series',
    category: 'Reported issue',
    proposed: 'Proposed result',
    corrected: 'Corrected result',
    received: 'Received',
    waited: 'Waiting time',
    escalatedBy: 'Escalated by',
    decision: 'Decision',
    official: 'Decided by',
    caseKind: 'Type',
    due: 'Target time',
    status: 'Current status',
  },
};

/** Reference, match and (when known) series rows shared by most emails. */
function caseFacts(reference: string, match: MatchInfo | undefined, language: Language): Array<[string, string]> {
  const l = FACT_LABELS[language];
  const rows: Array<[string, string]> = [[l.reference, reference]];
  if (match) {
    rows.push([l.match, matchLine(match, language)]);
    const series = oneLine(match.seriesName);
    if (series) rows.push([l.series, series]);
  }
  return rows;
}

function greeting(name: unknown, language: Language): Block {
  const n = oneLine(name);
  switch (language) {
    case 'fi':
      return { type: 'p', text: n ? `Hei ${n},` : 'Hei,' };
    case 'sv':
      return { type: 'p', text: n ? `Hej ${n}!` : 'Hej!' };
    case 'en':
      return { type: 'p', text: n ? `Hello ${n},` : 'Hello,' };
  }
}

const REGARDS: Record<Language, string> = {
  fi: 'Ystävällisin terveisin',
  sv: 'Med vänliga hälsningar',
  en: 'Kind regards,',
};

function signature(language: Language): Block {
  const lines = [REGARDS[language], RESULTS_SERVICE[language]];
  if (language !== 'en') lines.push(FEDERATION_NAME[language]);
  return { type: 'signature', lines };
}

const AUTOMATED_NOTE: Record<Language, string> = {
  fi: 'Tämä on tulospalvelun automaattisesti lähettämä viesti.',
  sv: 'Detta är ett automatiskt meddelande från resultattjänsten.',
  en: 'This is an automated message from the results service.',
};

/** Text rendering of a URL: only http(s) URLs are kept, as a single line. */
function cleanUrl(url: unknown): string | null {
  const u = oneLine(url);
  return /^https?:\/\/\S+$/i.test(u) ? u : null;
}

// ---------------------------------------------------------------------------
// Emails
// ---------------------------------------------------------------------------

interface Draft {
  subject: string;
  blocks: Block[];
}

type Msg<K extends EmailMessage['kind']> = Extract<EmailMessage, { kind: K }>;

function acknowledgement(m: Msg<'acknowledgement'>, lang: Language): Draft {
  const ref = oneLine(m.reference);
  const l = FACT_LABELS[lang];
  const facts: Block = {
    type: 'facts',
    rows: [...caseFacts(ref, m.match, lang), [l.category, categoryLabel(m.category, lang)]],
  };
  const due = formatLocalDateTime(m.expectedResponseBy, lang);
  const nextOpen = isValidDate(m.nextOpenAt) ? formatLocalDateTime(m.nextOpenAt, lang) : null;
  const url = cleanUrl(m.statusUrl);
  const blocks: Block[] = [greeting(m.reporterName, lang)];

  switch (lang) {
    case 'fi': {
      blocks.push(
        { type: 'p', text: 'Kiitos ilmoituksestasi! Olemme vastaanottaneet korjauspyyntösi, joka koskee alla olevan ottelun tietoja.' },
        facts,
      );
      if (m.serviceOpenNow) {
        blocks.push({
          type: 'p',
          text: `Käsittelemme ilmoitukset saapumisjärjestyksessä. Saat meiltä vastauksen viimeistään ${due}.`,
        });
      } else if (nextOpen) {
        blocks.push({
          type: 'p',
          text: `Tulospalvelun päivystys on tällä hetkellä suljettu, ja se avautuu jälleen ${nextOpen}. Käsittelemme ilmoitukset saapumisjärjestyksessä, ja saat meiltä vastauksen viimeistään ${due}.`,
        });
      } else {
        blocks.push({
          type: 'p',
          text: `Tulospalvelun päivystys on tällä hetkellä suljettu. Käsittelemme ilmoitukset saapumisjärjestyksessä heti, kun päivystys jatkuu, ja saat meiltä vastauksen viimeistään ${due}.`,
        });
      }
      if (url) blocks.push({ type: 'link', text: 'Voit seurata ilmoituksesi käsittelyä osoitteessa', url });
      blocks.push({
        type: 'p',
        text: `Jos haluat täydentää ilmoitustasi tai kysyä sen tilannetta, vastaa tähän viestiin ja mainitse tunnus ${ref}.`,
      });
      return { subject: `Ilmoituksesi on vastaanotettu – tunnus ${ref}`, blocks: [...blocks, signature(lang)] };
    }
    case 'sv': {
      blocks.push(
        { type: 'p', text: 'Tack för din anmälan! Vi har tagit emot din begäran om rättelse av uppgifterna för matchen nedan.' },
        facts,
      );
      if (m.serviceOpenNow) {
        blocks.push({
          type: 'p',
          text: `Vi behandlar anmälningarna i den ordning de kommer in. Du får svar av oss senast ${due}.`,
        });
      } else if (nextOpen) {
        blocks.push({
          type: 'p',
          text: `Resultattjänsten är stängd just nu och öppnar igen ${nextOpen}. Vi behandlar anmälningarna i den ordning de kommer in, och du får svar av oss senast ${due}.`,
        });
      } else {
        blocks.push({
          type: 'p',
          text: `Resultattjänsten är stängd just nu. Vi behandlar anmälningarna i den ordning de kommer in så snart tjänsten öppnar igen, och du får svar av oss senast ${due}.`,
        });
      }
      if (url) blocks.push({ type: 'link', text: 'Du kan följa hur ditt ärende framskrider på', url });
      blocks.push({
        type: 'p',
        text: `Om du vill komplettera din anmälan eller höra hur det går, svara på det här meddelandet och uppge ärendenummer ${ref}.`,
      });
      return { subject: `Din anmälan har tagits emot – ärende ${ref}`, blocks: [...blocks, signature(lang)] };
    }
    case 'en': {
      blocks.push(
        { type: 'p', text: 'Thank you for your report! We have received your request to correct the details of the match below.' },
        facts,
      );
      if (m.serviceOpenNow) {
        blocks.push({
          type: 'p',
          text: `Reports are handled in the order they arrive. You will hear from us by ${due} at the latest.`,
        });
      } else if (nextOpen) {
        blocks.push({
          type: 'p',
          text: `The results service desk is closed at the moment and opens again on ${nextOpen}. Reports are handled in the order they arrive, and you will hear from us by ${due} at the latest.`,
        });
      } else {
        blocks.push({
          type: 'p',
          text: `The results service desk is closed at the moment. Reports are handled in the order they arrive as soon as the desk reopens, and you will hear from us by ${due} at the latest.`,
        });
      }
      if (url) blocks.push({ type: 'link', text: 'You can follow the progress of your report at', url });
      blocks.push({
        type: 'p',
        text: `If you would like to add details or ask how things are going, just reply to this email quoting the reference ${ref}.`,
      });
      return { subject: `We have received your report – reference ${ref}`, blocks: [...blocks, signature(lang)] };
    }
  }
}

function requestInfo(m: Msg<'request-info'>, lang: Language): Draft {
  const ref = oneLine(m.reference);
  const match = matchLine(m.match, lang);
  const url = cleanUrl(m.statusUrl);
  const blocks: Block[] = [greeting(m.reporterName, lang)];

  switch (lang) {
    case 'fi':
      blocks.push(
        {
          type: 'p',
          text: `Kiitos ilmoituksestasi (tunnus ${ref}), joka koskee ottelua ${match}. Jotta voimme korjata tuloksen, tarvitsemme sinulta vielä lisätietoja.`,
        },
        { type: 'quote', heading: 'Kysymyksemme:', text: str(m.question) },
        url
          ? { type: 'link', text: `Voit vastata tilasivulla tai vastaamalla tähän viestiin. Mainitsethan vastauksessasi tunnuksen ${ref}. Tilasivu:`, url }
          : { type: 'p', text: `Voit vastata suoraan tähän viestiin. Mainitsethan vastauksessasi tunnuksen ${ref}.` },
        {
          type: 'p',
          text: 'Ilmoituksesi odottaa nyt vastaustasi, ja käsittelyaika on keskeytetty siksi aikaa. Kun saamme vastauksesi, jatkamme käsittelyä ja vastausaika alkaa jälleen kulua.',
        },
      );
      return { subject: `Tarvitsemme lisätietoja – tunnus ${ref}`, blocks: [...blocks, signature(lang)] };
    case 'sv':
      blocks.push(
        {
          type: 'p',
          text: `Tack för din anmälan (ärendenummer ${ref}) som gäller matchen ${match}. För att vi ska kunna rätta resultatet behöver vi ytterligare uppgifter av dig.`,
        },
        { type: 'quote', heading: 'Vår fråga:', text: str(m.question) },
        url
          ? { type: 'link', text: `Du kan svara på statussidan eller genom att svara på det här meddelandet. Uppge ärendenummer ${ref} i ditt svar. Statussidan:`, url }
          : { type: 'p', text: `Du kan svara direkt på det här meddelandet. Uppge ärendenummer ${ref} i ditt svar.` },
        {
          type: 'p',
          text: 'Ärendet väntar nu på ditt svar, och svarstiden är pausad så länge. När vi har fått ditt svar fortsätter vi behandlingen och svarstiden börjar löpa igen.',
        },
      );
      return { subject: `Vi behöver mer information – ärende ${ref}`, blocks: [...blocks, signature(lang)] };
    case 'en':
      blocks.push(
        {
          type: 'p',
          text: `Thank you for your report (reference ${ref}) concerning the match ${match}. To correct the result, we need a little more information from you.`,
        },
        { type: 'quote', heading: 'Our question:', text: str(m.question) },
        url
          ? { type: 'link', text: `You can answer on the status page or simply reply to this email. Please quote the reference ${ref} in your reply. Status page:`, url }
          : { type: 'p', text: `You can simply reply to this email. Please quote the reference ${ref} in your reply.` },
        {
          type: 'p',
          text: 'Your case is now waiting for your answer, and our response time is paused in the meantime. As soon as you reply, we will continue handling it and the clock starts running again.',
        },
      );
      return { subject: `We need more information – reference ${ref}`, blocks: [...blocks, signature(lang)] };
  }
}

const RESOLUTION_TEXT: Record<Language, Record<Outcome, { subject: string; intro: string }>> = {
  fi: {
    corrected: {
      subject: 'Korjaus on tehty',
      intro: 'Kiitos ilmoituksestasi. Olemme tarkistaneet asian, ja ottelun tiedot on nyt korjattu tulospalveluun.',
    },
    'no-change': {
      subject: 'Ilmoituksesi on käsitelty',
      intro: 'Kiitos ilmoituksestasi. Tarkistimme ottelun tiedot, ja tulospalveluun kirjattu tulos on oikein. Tulos pysyy siis ennallaan.',
    },
    rejected: {
      subject: 'Ilmoituksesi on käsitelty',
      intro: 'Kiitos ilmoituksestasi. Olemme käsitelleet asian, mutta valitettavasti emme voi muuttaa ottelun tietoja. Perustelut ovat alla.',
    },
    duplicate: {
      subject: 'Ilmoituksesi on käsitelty',
      intro: 'Kiitos ilmoituksestasi. Sama asia on jo käsitelty toisen ilmoituksen yhteydessä, joten tätä ilmoitusta ei käsitellä erikseen.',
    },
  },
  sv: {
    corrected: {
      subject: 'Rättelsen är gjord',
      intro: 'Tack för din anmälan. Vi har gått igenom ärendet och matchens uppgifter har nu rättats i resultattjänsten.',
    },
    'no-change': {
      subject: 'Din anmälan har behandlats',
      intro: 'Tack för din anmälan. Vi har kontrollerat matchens uppgifter och resultatet i resultattjänsten är korrekt. Det registrerade resultatet står alltså fast.',
    },
    rejected: {
      subject: 'Din anmälan har behandlats',
      intro: 'Tack för din anmälan. Vi har behandlat ärendet, men tyvärr kan vi inte ändra matchens uppgifter. Motiveringen finns nedan.',
    },
    duplicate: {
      subject: 'Din anmälan har behandlats',
      intro: 'Tack för din anmälan. Samma sak har redan behandlats i ett annat ärende, så den här anmälan behandlas inte separat.',
    },
  },
  en: {
    corrected: {
      subject: 'The correction has been made',
      intro: 'Thank you for your report. We have looked into it, and the match details have now been corrected in the results service.',
    },
    'no-change': {
      subject: 'Your report has been handled',
      intro: 'Thank you for your report. We have checked the match details, and the result recorded in the results service is correct, so it stands unchanged.',
    },
    rejected: {
      subject: 'Your report has been handled',
      intro: 'Thank you for your report. We have looked into it, but unfortunately we are unable to change the match details. The reason is given below.',
    },
    duplicate: {
      subject: 'Your report has been handled',
      intro: 'Thank you for your report. The same matter has already been handled under another case, so this report will not be processed separately.',
    },
  },
};

function resolution(m: Msg<'resolution'>, lang: Language): Draft {
  const ref = oneLine(m.reference);
  const outcome: Outcome = m.outcome in RESOLUTION_TEXT[lang] ? m.outcome : 'no-change';
  const t = RESOLUTION_TEXT[lang][outcome];
  const rows = caseFacts(ref, m.match, lang);
  const corrected = outcome === 'corrected' ? scoreLine(m.match, m.correctedResult) : null;
  if (corrected) rows.push([FACT_LABELS[lang].corrected, corrected]);

  const heading =
    outcome === 'rejected'
      ? { fi: 'Perustelut:', sv: 'Motivering:', en: 'Reason:' }[lang]
      : { fi: 'Käsittelijän viesti:', sv: 'Meddelande från handläggaren:', en: 'Message from our staff:' }[lang];
  const reopen = {
    fi: `Jos ottelun tiedoissa on vielä jotain korjattavaa, vastaa tähän viestiin 14 päivän kuluessa ja mainitse tunnus ${ref}, niin avaamme asian uudelleen.`,
    sv: `Om något fortfarande är fel kan du svara på det här meddelandet inom 14 dagar och uppge ärendenummer ${ref}, så öppnar vi ärendet på nytt.`,
    en: `If something is still wrong, just reply to this email within 14 days quoting the reference ${ref}, and we will reopen the case.`,
  }[lang];
  const subjectRef = { fi: 'tunnus', sv: 'ärende', en: 'reference' }[lang];

  return {
    subject: `${t.subject} – ${subjectRef} ${ref}`,
    blocks: [
      greeting(m.reporterName, lang),
      { type: 'p', text: t.intro },
      { type: 'facts', rows },
      { type: 'quote', heading, text: str(m.message) },
      { type: 'p', text: reopen },
      signature(lang),
    ],
  };
}

function escalation(m: Msg<'escalation'>, lang: Language): Draft {
  const ref = oneLine(m.reference);
  const l = FACT_LABELS[lang];
  const rows = caseFacts(ref, m.match, lang);
  rows.push([l.category, categoryLabel(m.category, lang)]);
  const proposed = scoreLine(m.match, m.proposed);
  if (proposed) rows.push([l.proposed, proposed]);
  rows.push([l.received, formatLocalDateTime(m.receivedAt, lang)], [l.waited, formatDuration(m.waitedMinutes, lang)]);
  const by = oneLine(m.escalatedBy);
  if (by) rows.push([l.escalatedBy, by]);
  const url = cleanUrl(m.decisionUrl);
  const teams = `${oneLine(m.match.home)} – ${oneLine(m.match.away)}`;

  const t = {
    fi: {
      subject: `Päätöspyyntö: ${teams} – tunnus ${ref}`,
      intro: 'Tulospalvelun päivystys on siirtänyt sinulle ratkaistavaksi ottelun tietojen korjausta koskevan tapauksen. Pyydämme sinulta päätöstä yhteen seuraavista vaihtoehdoista:',
      options: [
        'Korjaa – tiedot korjataan ilmoituksen mukaisesti',
        'Ei muutosta – kirjattu tulos on oikein ja pysyy ennallaan',
        'Hylkää – korjauspyyntöä ei voida hyväksyä',
      ],
      link: 'Voit kirjata päätöksesi osoitteessa',
      noLink: `Kirjaa päätöksesi sarjavastaavien päätöskanavan kautta ja mainitse tunnus ${ref}.`,
      description: 'Ilmoittajan kuvaus:',
      reason: 'Siirron syy:',
      thanks: 'Kiitos avustasi!',
    },
    sv: {
      subject: `Begäran om beslut: ${teams} – ärende ${ref}`,
      intro: 'Resultattjänstens jour har överlämnat ett ärende om rättelse av matchuppgifter till dig för beslut. Vi ber dig välja ett av följande alternativ:',
      options: [
        'Rätta – uppgifterna rättas enligt anmälan',
        'Ingen ändring – det registrerade resultatet är korrekt och står fast',
        'Avslå – begäran om rättelse kan inte godkännas',
      ],
      link: 'Du kan registrera ditt beslut på',
      noLink: `Registrera ditt beslut via funktionärernas beslutskanal och uppge ärendenummer ${ref}.`,
      description: 'Anmälarens beskrivning:',
      reason: 'Orsak till överlämnandet:',
      thanks: 'Tack för hjälpen!',
    },
    en: {
      subject: `Decision needed: ${teams} – reference ${ref}`,
      intro: 'The results service desk has escalated a match correction case to you for a decision. Please choose one of the following:',
      options: [
        'Correct – the details are corrected as reported',
        'No change – the recorded result is correct and stands',
        'Reject – the correction request cannot be accepted',
      ],
      link: 'You can record your decision at',
      noLink: `Please record your decision through the officials' decision channel, quoting the reference ${ref}.`,
      description: "Reporter's description:",
      reason: 'Reason for escalation:',
      thanks: 'Thank you for your help!',
    },
  }[lang];

  return {
    subject: t.subject,
    blocks: [
      greeting(m.recipientName, lang),
      { type: 'p', text: t.intro },
      { type: 'list', items: t.options },
      url ? { type: 'link', text: t.link, url } : { type: 'p', text: t.noLink },
      { type: 'facts', rows },
      { type: 'quote', heading: t.description, text: str(m.description) },
      { type: 'quote', heading: t.reason, text: str(m.reason) },
      { type: 'p', text: t.thanks },
      signature(lang),
      { type: 'p', text: AUTOMATED_NOTE[lang] },
    ],
  };
}

function decisionToStaff(m: Msg<'decision-to-staff'>, lang: Language): Draft {
  const ref = oneLine(m.reference);
  const l = FACT_LABELS[lang];
  const decision = m.decision in DECISION_LABELS[lang] ? m.decision : 'no-change';
  const decisionLabel = DECISION_LABELS[lang][decision];
  const official = oneLine(m.officialName);
  const rows = caseFacts(ref, m.match, lang);
  rows.push([l.decision, decisionLabel]);
  if (official) rows.push([l.official, official]);

  const t = {
    fi: {
      subject: `Päätös tehty: ${decisionLabel} – tunnus ${ref}`,
      intro: official
        ? `${official} on tehnyt päätöksen tapaukseen ${ref}, jonka siirsit ratkaistavaksi.`
        : `Tapaukseen ${ref}, jonka siirsit ratkaistavaksi, on tehty päätös.`,
      heading: 'Päätöksen tekijän viesti:',
      next:
        decision === 'correct'
          ? 'Tee tietoihin päätöksen mukainen korjaus ja sulje tapaus lähettämällä ratkaisu ilmoittajalle.'
          : 'Sulje tapaus lähettämällä ratkaisu ilmoittajalle.',
    },
    sv: {
      subject: `Beslut fattat: ${decisionLabel} – ärende ${ref}`,
      intro: official
        ? `${official} har fattat beslut i ärende ${ref}, som du överlämnade för beslut.`
        : `Det har fattats ett beslut i ärende ${ref}, som du överlämnade för beslut.`,
      heading: 'Meddelande från beslutsfattaren:',
      next:
        decision === 'correct'
          ? 'Rätta uppgifterna enligt beslutet och avsluta ärendet genom att skicka beskedet till anmälaren.'
          : 'Avsluta ärendet genom att skicka beskedet till anmälaren.',
    },
    en: {
      subject: `Decision made: ${decisionLabel} – reference ${ref}`,
      intro: official
        ? `${official} has made a decision on case ${ref}, which you escalated.`
        : `A decision has been made on case ${ref}, which you escalated.`,
      heading: 'Message from the official:',
      next:
        decision === 'correct'
          ? 'Please correct the details accordingly and close the case by sending the outcome to the reporter.'
          : 'Please close the case by sending the outcome to the reporter.',
    },
  }[lang];

  return {
    subject: t.subject,
    blocks: [
      greeting(m.recipientName, lang),
      { type: 'p', text: t.intro },
      { type: 'facts', rows },
      { type: 'quote', heading: t.heading, text: str(m.message) },
      { type: 'p', text: t.next },
      signature(lang),
      { type: 'p', text: AUTOMATED_NOTE[lang] },
    ],
  };
}

function breachFacts(
  m: { reference: string; receivedAt: Date; dueAt: Date; waitedMinutes: number; status: string },
  match: MatchInfo | undefined,
  caseKind: string | null,
  lang: Language,
): Block {
  const l = FACT_LABELS[lang];
  const rows: Array<[string, string]> = [[l.reference, oneLine(m.reference)]];
  if (caseKind) rows.push([l.caseKind, caseKind]);
  rows.push(...caseFacts(oneLine(m.reference), match, lang).slice(1));
  rows.push(
    [l.received, formatLocalDateTime(m.receivedAt, lang)],
    [l.due, formatLocalDateTime(m.dueAt, lang)],
    [l.waited, formatDuration(m.waitedMinutes, lang)],
  );
  const status = oneLine(m.status);
  if (status) rows.push([l.status, status]);
  return { type: 'facts', rows };
}

function firstResponseBreach(m: Msg<'first-response-breach'>, lang: Language): Draft {
  const ref = oneLine(m.reference);
  const kind = CASE_KIND_LABELS[lang][m.caseKind] ?? CASE_KIND_LABELS[lang].correction;
  const t = {
    fi: {
      subject: `Ensivastauksen tavoiteaika ylittyi – tunnus ${ref}`,
      intro: `Tapaus ${ref} ei ole saanut ensivastausta tavoiteajassa.`,
      ask: 'Varmistathan, että joku päivystäjistä ottaa tapauksen käsittelyyn mahdollisimman pian.',
    },
    sv: {
      subject: `Målet för första svar har överskridits – ärende ${ref}`,
      intro: `Ärende ${ref} har inte fått något första svar inom målsatt tid.`,
      ask: 'Se till att någon i jouren tar sig an ärendet så snart som möjligt.',
    },
    en: {
      subject: `First response target missed – reference ${ref}`,
      intro: `Case ${ref} has not received a first response within its target time.`,
      ask: 'Please make sure someone on duty picks it up as soon as possible.',
    },
  }[lang];
  return {
    subject: t.subject,
    blocks: [
      greeting(m.recipientName, lang),
      { type: 'p', text: t.intro },
      breachFacts(m, m.match, kind, lang),
      { type: 'p', text: t.ask },
      signature(lang),
      { type: 'p', text: AUTOMATED_NOTE[lang] },
    ],
  };
}

function resolutionBreach(m: Msg<'resolution-breach'>, lang: Language): Draft {
  const ref = oneLine(m.reference);
  const t = {
    fi: {
      subject: `Ratkaisun tavoiteaika ylittyi – tunnus ${ref}`,
      intro: `Ottelun tietojen korjausta koskevaa tapausta ${ref} ei ole ratkaistu tavoiteajassa.`,
      ask: 'Pyydämme sinua tarkistamaan tapauksen tilanteen ja huolehtimaan siitä, että se ratkaistaan mahdollisimman pian.',
    },
    sv: {
      subject: `Målet för lösningstid har överskridits – ärende ${ref}`,
      intro: `Ärende ${ref} om rättelse av matchuppgifter har inte lösts inom målsatt tid.`,
      ask: 'Vi ber dig se över ärendet och se till att det avgörs så snart som möjligt.',
    },
    en: {
      subject: `Resolution target missed – reference ${ref}`,
      intro: `Match correction case ${ref} has not been resolved within its target time.`,
      ask: 'Please review the case and make sure it is resolved as soon as possible.',
    },
  }[lang];
  return {
    subject: t.subject,
    blocks: [
      greeting(m.recipientName, lang),
      { type: 'p', text: t.intro },
      breachFacts(m, m.match, null, lang),
      { type: 'p', text: t.ask },
      signature(lang),
      { type: 'p', text: AUTOMATED_NOTE[lang] },
    ],
  };
}

function draft(message: EmailMessage, lang: Language): Draft {
  switch (message.kind) {
    case 'acknowledgement':
      return acknowledgement(message, lang);
    case 'request-info':
      return requestInfo(message, lang);
    case 'resolution':
      return resolution(message, lang);
    case 'escalation':
      return escalation(message, lang);
    case 'decision-to-staff':
      return decisionToStaff(message, lang);
    case 'first-response-breach':
      return firstResponseBreach(message, lang);
    case 'resolution-breach':
      return resolutionBreach(message, lang);
  }
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function renderText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'p':
        out.push(b.text);
        break;
      case 'quote': {
        const body = normaliseNewlines(b.text).trim();
        const quoted = (body || '–')
          .split('\n')
          .map((line) => (line ? `> ${line}` : '>'))
          .join('\n');
        out.push(`${b.heading}\n${quoted}`);
        break;
      }
      case 'facts':
        out.push(b.rows.map(([k, v]) => `${k}: ${v}`).join('\n'));
        break;
      case 'list':
        out.push(b.items.map((item) => `- ${item}`).join('\n'));
        break;
      case 'link':
        out.push(`${b.text}\n${b.url}`);
        break;
      case 'signature':
        out.push(b.lines.join('\n'));
        break;
    }
  }
  return `${out.join('\n\n')}\n`;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

function multilineHtml(value: string): string {
  return escapeHtml(normaliseNewlines(value).trim()).replace(/\n/g, '<br>\n');
}

const P_STYLE = 'margin:0 0 16px 0;';

function renderHtml(subject: string, blocks: readonly Block[], lang: Language): string {
  const body: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'p':
        body.push(`<p style="${P_STYLE}">${escapeHtml(b.text)}</p>`);
        break;
      case 'quote':
        body.push(
          `<p style="margin:0 0 4px 0;"><strong>${escapeHtml(b.heading)}</strong></p>`,
          `<blockquote style="margin:0 0 16px 0;padding:8px 12px;border-left:4px solid #c8d2dc;background:#f4f6f8;">${multilineHtml(b.text) || '–'}</blockquote>`,
        );
        break;
      case 'facts':
        body.push(
          `<table role="presentation" style="${P_STYLE}border-collapse:collapse;">`,
          ...b.rows.map(
            ([k, v]) =>
              `<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0;vertical-align:top;font-weight:600;">${escapeHtml(k)}</th><td style="padding:2px 0;">${escapeHtml(v)}</td></tr>`,
          ),
          '</table>',
        );
        break;
      case 'list':
        body.push(`<ul style="${P_STYLE}">`, ...b.items.map((item) => `<li>${escapeHtml(item)}</li>`), '</ul>');
        break;
      case 'link':
        body.push(
          `<p style="${P_STYLE}">${escapeHtml(b.text)}<br>\n<a href="${escapeHtml(b.url)}">${escapeHtml(b.url)}</a></p>`,
        );
        break;
      case 'signature':
        body.push(`<p style="${P_STYLE}">${b.lines.map(escapeHtml).join('<br>\n')}</p>`);
        break;
    }
  }
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title>`,
    '</head>',
    '<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;">',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function renderEmail(message: EmailMessage, language: Language): RenderedEmail {
  const lang: Language = language in FEDERATION_NAME ? language : 'fi';
  const { subject, blocks } = draft(message, lang);
  const cleanSubject = oneLine(subject);
  return { subject: cleanSubject, text: renderText(blocks), html: renderHtml(cleanSubject, blocks, lang) };
}

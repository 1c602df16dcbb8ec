/**
 * What sla-watch writes about a breach: who is told (duty officers or series officials), how long the case has
 * waited (wall clock and open minutes, named), the breach email to each recipient, and — one email per recipient
 * per run (contract §11) — a digest when a recipient has more than one breach in the run.
 */
import { openMinutesBetween } from '../domain/calendar.js';
import type { CalendarConfig, Language, Person } from '../domain/calendar-config.js';
import type { Category, Correction } from '../domain/correction.js';
import { renderBreachDigest } from '../domain/emails/breach-digest.js';
import { renderFirstResponseBreach, renderResolutionBreach } from '../domain/emails/breaches.js';
import type { BreachClock } from '../domain/emails/message-types.js';
import type { OutboxEmail, Series } from '../domain/records.js';
import type { Case } from '../store/core.js';
import { composeEmail } from './outbox.js';

export type BreachKind = 'first-response' | 'resolution';

/** One breach in a recipient's emails of a run. */
export interface BreachLine {
  caseId: string;
  reference: string;
  breach: BreachKind;
  caseKind: 'correction' | 'callback';
  /** the breach's own email to this recipient (rendered and sent only when it is their only breach of the run) */
  email: () => OutboxEmail;
  match?: NonNullable<Correction['match']>;
  category?: Category;
  clock: BreachClock;
}

/** A run's breaches per recipient (lower-cased email), in the order found. */
export type BreachesByRecipient = Map<string, { person: Person; lines: BreachLine[] }>;

/**
 * Who is emailed: about a first-response breach the calendar's duty officers (the series officials if none are
 * set); about a resolution breach the series officials (the duty officers if the series has none). Once each.
 */
export function breachRecipients(cal: CalendarConfig, series: Series | undefined, breach: BreachKind): Person[] {
  return uniqueByEmail(
    breach === 'first-response'
      ? cal.dutyOfficers.length
        ? cal.dutyOfficers
        : (series?.officials ?? [])
      : series?.officials.length
        ? series.officials
        : cal.dutyOfficers,
  );
}

/** The breach email to each recipient, in their language (outbox records, cause `<caseId>#breach#<kind>[#reopen<n>]#<email>`). */
/** What a breach email says besides the case: its due time, the run's time, the match, how long it waited. */
export interface BreachAbout {
  dueAt: string;
  now: Date;
  match?: NonNullable<Correction['match']>;
  clock: BreachClock;
}

export function breachEmails(c: Case, breach: BreachKind, recipients: Person[], about: BreachAbout): OutboxEmail[] {
  const { dueAt, now, match, clock } = about;
  const reopen = c.kind === 'correction' && c.reopenedCount ? `#reopen${c.reopenedCount}` : '';
  return recipients.map((p) => {
    const email = {
      cause: `${c.id}#breach#${breach}${reopen}#${p.email.toLowerCase()}`,
      caseId: c.id,
      reference: c.reference,
      to: p.email,
      language: p.language,
      now,
    };
    return breach === 'first-response'
      ? composeEmail({
          ...email,
          render: renderFirstResponseBreach,
          message: {
            kind: 'first-response-breach',
            reference: c.reference,
            recipientName: p.name,
            caseKind: c.kind,
            ...(match ? { match } : {}),
            receivedAt: new Date(c.receivedAt),
            dueAt: new Date(dueAt),
            ...clock,
            status: statusLabel(c.status, p.language),
          },
        })
      : composeEmail({
          ...email,
          render: renderResolutionBreach,
          message: {
            kind: 'resolution-breach',
            reference: c.reference,
            recipientName: p.name,
            match: match ?? { id: (c as Correction).matchId, home: '', away: '', startsAt: c.receivedAt },
            receivedAt: new Date(c.receivedAt),
            dueAt: new Date(dueAt),
            ...clock,
            status: statusLabel(c.status, p.language),
          },
        });
  });
}

/**
 * A digest lists at most this many lines (oldest first) and counts the rest: 1,000 breaches in one run once made a
 * digest over DynamoDB's 400 KB item limit, and the run failed after marking them (their emails lost).
 */
export const DIGEST_MAX_LINES = 100;

/** One email per recipient: the breach's own email, or a digest of all of this run's breaches for them. */
export function oneEmailPerRecipient(byRecipient: BreachesByRecipient | undefined, now: Date): OutboxEmail[] {
  const out: OutboxEmail[] = [];
  for (const [address, { person, lines }] of byRecipient ?? []) {
    if (lines.length === 1) {
      out.push(lines[0]!.email());
      continue;
    }
    // Duplicates of one match and category (the same thing reported many times) on one line.
    const groups = new Map<string, { line: BreachLine; same: number }>();
    for (const l of lines) {
      const key = l.caseKind === 'correction' && l.match ? `${l.breach}#${l.match.id}#${l.category}` : `${l.breach}#${l.caseId}`;
      const g = groups.get(key);
      if (g) g.same++;
      else groups.set(key, { line: l, same: 0 });
    }
    const all = [...groups.values()];
    const items = all.slice(0, DIGEST_MAX_LINES).map(({ line, same }) => ({
      reference: line.reference,
      breach: line.breach,
      ...(line.match ? { match: line.match } : {}),
      ...(line.category ? { category: line.category } : {}),
      ...line.clock,
      sameCount: same,
    }));
    out.push(
      composeEmail({
        cause: `breach-digest#${now.toISOString()}#${address}`,
        reference: items[0]!.reference,
        to: person.email,
        language: person.language,
        now,
        render: renderBreachDigest,
        message: {
          kind: 'breach-digest',
          reference: items[0]!.reference,
          recipientName: person.name,
          items,
          ...(all.length > items.length ? { moreLines: all.length - items.length } : {}),
        },
      }),
    );
  }
  return out;
}

/**
 * How long a breached case has waited, both ways: wall-clock minutes since it arrived, and the open minutes its
 * target clock has counted. The due time is where the target's open minutes ran out (pauses and reopening
 * already moved it), so the open minutes counted are the target plus the open minutes since the due time.
 */
export function breachClock(cal: CalendarConfig, c: Case, breach: BreachKind, dueAt: string, now: Date): BreachClock {
  const waitedMinutes = Math.max(0, Math.round((now.getTime() - Date.parse(c.receivedAt)) / 60000));
  const mode = c.sla?.targetMode;
  const target = mode ? cal.targets[breach === 'first-response' ? 'firstResponseMinutes' : 'resolutionMinutes'][mode] : undefined;
  if (target === undefined || !Number.isFinite(target)) return { waitedMinutes };
  const openMinutes = Math.round(target + openMinutesBetween(cal, new Date(dueAt), now));
  return { waitedMinutes, openMinutes, targetOpenMinutes: target };
}

function uniqueByEmail(people: Person[]): Person[] {
  const seen = new Set<string>();
  return people.filter((p) => {
    const e = p.email.toLowerCase();
    if (seen.has(e)) return false;
    seen.add(e);
    return true;
  });
}

const STATUS_LABELS: Record<Language, Record<string, string>> = {
  fi: {
    queued: 'jonossa',
    'in-progress': 'käsittelyssä',
    'awaiting-reporter': 'odottaa ilmoittajan vastausta',
    escalated: 'siirretty sarjan vastuuhenkilöille',
  },
  sv: {
    queued: 'i kö',
    'in-progress': 'under behandling',
    'awaiting-reporter': 'väntar på anmälarens svar',
    escalated: 'överlämnat till seriens ansvariga',
  },
  en: {
    queued: 'queued',
    'in-progress': 'in progress',
    'awaiting-reporter': 'awaiting the reporter',
    escalated: 'escalated to the series officials',
  },
};

const statusLabel = (status: string, lang: Language) => STATUS_LABELS[lang]?.[status] ?? status;

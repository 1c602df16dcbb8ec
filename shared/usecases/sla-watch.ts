/**
 * The sla-watch job (contract §2 and §6): emails about response-target breaches, once per breach, ever.
 *
 * - While the calendar says closed it does nothing: breaches that fell due while closed are picked up by
 *   the first run after the next opening (the due entries stay in the sparse indexes until then).
 * - It reads only the two sparse indexes (`first-response-due`, `resolution-due`) up to "now": no Scan. A page of
 *   due ids is read in one strongly consistent BatchGetItem, and its breaches (independent of each other) are
 *   marked up to BREACH_CONCURRENCY at a time; the summary and the emails keep the index's order.
 * - Each breach is one transaction, conditional on the version just read: the case gets
 *   `sla.<kind>BreachNotifiedAt` (which takes it out of the index) and an audit record
 *   `{action: 'sla-breach', breach, recipients}`. Of concurrent runs exactly one wins; the others'
 *   transactions fail and they skip the case, so a breach is in at most one run's emails.
 * - Each recipient gets at most ONE email per run (contract §11; a flood of anonymous reports once made
 *   hundreds): with one breach, the breach email (cause `<caseId>#breach#<kind>#<email>`); with more, a
 *   digest listing them (cause `breach-digest#<run time>#<email>`), duplicates of one match and category
 *   on one line. Outbox ids are derived from the cause and written only if absent; the run sends them at
 *   once, and if SES is down they stay in the outbox for the email-outbox job. A run that dies between
 *   marking and writing the emails loses those emails (the audit records still name the breaches).
 *   A reopened case has fresh clocks, so its next breach is a new one (the cause then carries `#reopen<n>`).
 *
 * First-response breach (a correction still `queued` with no first response, or a callback still `queued`):
 * the calendar's duty officers are emailed (the series officials if no duty officers are set).
 * Resolution breach (a correction still open and not paused): the series officials are emailed (the duty
 * officers if the series has none).
 *
 * A staff change that races the breach marking loses only when it sent `expectedVersion` (then 409
 * version_mismatch, as for any concurrent change); without it, `mutate` re-reads and retries.
 */
import { modeAt, openMinutesBetween } from '../domain/calendar.js';
import type { CalendarConfig, Language, Mode, Person } from '../domain/calendar-config.js';
import { OPEN_STATUSES, type Correction } from '../domain/correction.js';
import { renderFirstResponseBreach, renderResolutionBreach } from '../domain/emails/breaches.js';
import type { HistoryEntry, OutboxEmail, Series } from '../domain/records.js';
import { emitMetric, log } from '../log.js';
import type { CaseStore } from '../store/cases.js';
import type { CatalogStore } from '../store/catalog.js';
import type { ConfigStore } from '../store/config.js';
import { ConflictError, type Case } from '../store/core.js';
import type { DueStore } from '../store/due.js';
import type { OutboxStore } from '../store/outbox.js';
import type { OutboxEnqueueStore } from '../store/outbox-enqueue.js';
import { renderBreachDigest } from '../domain/emails/breach-digest.js';
import type { BreachClock } from '../domain/emails/message-types.js';
import type { Category } from '../domain/correction.js';
import { loadCalendar, type Deps } from './deps.js';
import { composeEmail, deliverNow } from './outbox.js';

/** The store groups of the job: the SLA indexes, the cases, their series, the calendar, the outbox. */
export type SlaWatchStore = DueStore & CaseStore & CatalogStore & ConfigStore & OutboxStore & OutboxEnqueueStore;

export type BreachKind = 'first-response' | 'resolution';

export interface BreachCounts {
  /** index entries due up to now */
  due: number;
  /** breaches marked and emailed by this run */
  notified: number;
  /** entries no longer breached on a fresh read (already answered, paused, marked by another run) */
  stale: number;
  /** lost a race (another run or a staff change committed first) */
  conflicts: number;
  /** emails written to the outbox */
  emails: number;
}

export interface SlaWatchSummary {
  at: string;
  mode: Mode;
  skipped?: 'closed';
  firstResponse?: BreachCounts;
  resolution?: BreachCounts;
  breaches: number;
  /** case ids whose breach this run notified */
  notified?: { id: string; reference: string; breach: BreachKind }[];
}

const PAGE = 100;
/** Safety stops for one run (the function has 60 s); the next run, 5 minutes later, goes on from the oldest remaining entry. */
const MAX_PAGES = 50;
const TIME_BUDGET_MS = 40_000;

const INDEX: Record<BreachKind, 'firstResponseDue' | 'resolutionDue'> = {
  'first-response': 'firstResponseDue',
  resolution: 'resolutionDue',
};

export async function runSlaWatch(deps: Deps<SlaWatchStore>): Promise<SlaWatchSummary> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const cal = await loadCalendar(deps.store);
  const mode = modeAt(cal, now);
  if (mode === 'closed') {
    log.info('sla-watch: the service is closed; breaches wait for the next opening', { at });
    return { at, mode, skipped: 'closed', breaches: 0 };
  }
  const notified: NonNullable<SlaWatchSummary['notified']> = [];
  const seriesCache = new Map<string, Promise<Series | undefined>>();
  const ctx: Ctx = { deps, cal, now, seriesCache, notified, deadline: Date.now() + TIME_BUDGET_MS };
  const firstResponse = await watch(ctx, 'first-response');
  const resolution = await watch(ctx, 'resolution');
  const emails = await deps.store.enqueueOutbox(runEmails(ctx));
  await deliverNow(deps, emails);
  const breaches = firstResponse.notified + resolution.notified;
  emitMetric('SlaBreaches', breaches);
  if (breaches > 0) log.warn('sla-watch: response-target breaches notified', { at, breaches: notified });
  return { at, mode, firstResponse, resolution, breaches, notified };
}

interface Ctx {
  deps: Deps<SlaWatchStore>;
  cal: CalendarConfig;
  now: Date;
  seriesCache: Map<string, Promise<Series | undefined>>;
  notified: NonNullable<SlaWatchSummary['notified']>;
  /** wall-clock ms (not the job's "now"): stop starting new work after this */
  deadline: number;
  /** moving average of one breach's wall-clock time in this run (sets how many may be in flight near the deadline) */
  latencyMs?: number;
  /** this run's breaches per recipient (lower-cased email), in the order found */
  byRecipient?: Map<string, { person: Person; lines: BreachLine[] }>;
}

interface BreachLine {
  caseId: string;
  reference: string;
  breach: BreachKind;
  caseKind: 'correction' | 'callback';
  email: OutboxEmail;
  match?: NonNullable<Correction['match']>;
  category?: Category;
  clock: BreachClock;
}

/** One email per recipient: the breach's own email, or a digest of all of this run's breaches for them. */
function runEmails(ctx: Ctx): OutboxEmail[] {
  const out: OutboxEmail[] = [];
  for (const [address, { person, lines }] of ctx.byRecipient ?? []) {
    if (lines.length === 1) {
      out.push(lines[0]!.email);
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
    const items = [...groups.values()].map(({ line, same }) => ({
      reference: line.reference,
      breach: line.breach,
      ...(line.match ? { match: line.match } : {}),
      ...(line.category ? { category: line.category } : {}),
      ...line.clock,
      sameCount: same,
    }));
    out.push(
      composeEmail({
        cause: `breach-digest#${ctx.now.toISOString()}#${address}`,
        reference: items[0]!.reference,
        to: person.email,
        language: person.language,
        now: ctx.now,
        render: renderBreachDigest,
        message: { kind: 'breach-digest', reference: items[0]!.reference, recipientName: person.name, items },
      }),
    );
  }
  return out;
}

/** At most this many breaches of a page in flight at once: each is its own conditional transaction, independent of the others. */
export const BREACH_CONCURRENCY = 8;

async function watch(ctx: Ctx, breach: BreachKind): Promise<BreachCounts> {
  const counts: BreachCounts = { due: 0, notified: 0, stale: 0, conflicts: 0, emails: 0 };
  const seen = new Set<string>();
  let start: Record<string, unknown> | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await ctx.deps.store.listDuePage(INDEX[breach], ctx.now.toISOString(), PAGE, start);
    const ids = r.ids.filter((id) => !seen.has(id) && (seen.add(id), true));
    // One BatchGetItem for the page's cases (strongly consistent) instead of a GetItem each.
    const cases = ids.length ? await ctx.deps.store.getDueCases(ids) : new Map<string, Case>();
    const { results, outOfTime } = await withinBudget(ctx, ids, async (id) => {
      const c = cases.get(id);
      return c ? notifyBreach(ctx, c, breach) : ('stale' as const);
    });
    // Applied in the index's order (oldest due first), whatever order the transactions finished in.
    for (const result of results) {
      if (result === undefined) continue;
      counts.due++;
      if (result === 'conflict') counts.conflicts++;
      else if (result === 'stale') counts.stale++;
      else {
        counts.notified++;
        counts.emails += result.emails.length;
        record(ctx, result);
      }
    }
    if (outOfTime) {
      log.warn('sla-watch: time budget used up; the next run goes on', { breach, due: counts.due });
      return counts;
    }
    start = r.next;
    if (!start) break;
  }
  return counts;
}

/**
 * fn over the items, up to BREACH_CONCURRENCY at once, never starting one after the deadline, and never more at
 * once than the remaining budget can finish at the latency seen so far (the first runs alone): a slow DynamoDB
 * cannot push a run past its Lambda timeout by having 8 transactions in flight. Results keep the items' order;
 * an item not started has none.
 */
async function withinBudget<R>(
  ctx: Ctx,
  items: string[],
  fn: (item: string) => Promise<R>,
): Promise<{ results: (R | undefined)[]; outOfTime: boolean }> {
  const results = new Array<R | undefined>(items.length).fill(undefined);
  let next = 0;
  let inFlight = 0;
  let outOfTime = false;
  return new Promise((resolve, reject) => {
    const pump = () => {
      while (next < items.length && !outOfTime) {
        const now = Date.now();
        if (now > ctx.deadline) {
          outOfTime = true;
          break;
        }
        const room = ctx.latencyMs === undefined ? 1 : Math.floor((ctx.deadline - now) / Math.max(1, ctx.latencyMs));
        if (inFlight >= Math.max(1, Math.min(BREACH_CONCURRENCY, room))) break;
        const i = next++;
        inFlight++;
        const t0 = Date.now();
        fn(items[i]!).then((r) => {
          results[i] = r;
          const took = Date.now() - t0;
          ctx.latencyMs = ctx.latencyMs === undefined ? took : 0.8 * ctx.latencyMs + 0.2 * took;
          inFlight--;
          pump();
        }, reject);
      }
      if (inFlight === 0) resolve({ results, outOfTime });
    };
    pump();
  });
}

/** The due time of a breach not yet notified, or null when the case is not (or no longer) breached. */
export function breachedDueAt(c: Case, breach: BreachKind, now: Date): string | null {
  const nowIso = now.toISOString();
  if (!c.sla) return null;
  if (breach === 'first-response') {
    if (c.sla.firstResponseBreachNotifiedAt || c.firstResponseAt || c.status !== 'queued') return null;
    if (c.kind === 'correction' && c.sla.pausedAt) return null;
    return c.sla.firstResponseDueAt <= nowIso ? c.sla.firstResponseDueAt : null;
  }
  if (c.kind !== 'correction' || c.sla.resolutionBreachNotifiedAt || c.sla.pausedAt || !OPEN_STATUSES.includes(c.status)) return null;
  return c.sla.resolutionDueAt <= nowIso ? c.sla.resolutionDueAt : null;
}

interface Notified {
  c: Case;
  breach: BreachKind;
  recipients: Person[];
  emails: OutboxEmail[];
  match?: NonNullable<Correction['match']>;
  clock: BreachClock;
}

/** Marks one breach (a conditional transaction on the version read); what it notified is recorded by the caller. */
async function notifyBreach(ctx: Ctx, c: Case, breach: BreachKind): Promise<'stale' | 'conflict' | Notified> {
  const { deps, cal, now } = ctx;
  const dueAt = breachedDueAt(c, breach, now);
  if (!dueAt) return 'stale';

  const series = c.seriesId ? await seriesOf(ctx, c.seriesId) : undefined;
  const recipients = uniqueByEmail(
    breach === 'first-response'
      ? cal.dutyOfficers.length
        ? cal.dutyOfficers
        : (series?.officials ?? [])
      : series?.officials.length
        ? series.officials
        : cal.dutyOfficers,
  );
  if (recipients.length === 0)
    log.warn('sla-watch: nobody to email about a breach; set duty officers in the calendar', {
      caseId: c.id,
      reference: c.reference,
      breach,
    });

  const at = now.toISOString();
  const version = c.version + 1;
  const reopen = c.kind === 'correction' && c.reopenedCount ? `#reopen${c.reopenedCount}` : '';
  const match = c.kind === 'correction' && c.match ? { ...c.match, ...(series?.name ? { seriesName: series.name } : {}) } : undefined;
  const clock = breachClock(cal, c, breach, dueAt, now);
  const emails: OutboxEmail[] = recipients.map((p) => {
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

  const next = {
    ...c,
    version,
    sla: { ...c.sla!, ...(breach === 'first-response' ? { firstResponseBreachNotifiedAt: at } : { resolutionBreachNotifiedAt: at }) },
  } as Case;
  const history: HistoryEntry[] = [
    { at, actor: 'system', action: 'sla-breach', version, breach, dueAt, recipients: recipients.map((r) => r.email.toLowerCase()) },
  ];
  try {
    await deps.store.commitChange({ next, fromVersion: c.version, history });
  } catch (err) {
    if (err instanceof ConflictError) {
      log.info('sla-watch: the case changed or another run notified it first; skipped', { caseId: c.id, breach });
      return 'conflict';
    }
    throw err;
  }
  return { c, breach, recipients, emails, ...(match ? { match } : {}), clock };
}

/** This run's record of a notified breach: the summary, and a line in each recipient's email. */
function record(ctx: Ctx, n: Notified): void {
  const { c, breach, recipients, emails, match, clock } = n;
  ctx.notified.push({ id: c.id, reference: c.reference, breach });
  ctx.byRecipient ??= new Map();
  recipients.forEach((p, i) => {
    const key = p.email.toLowerCase();
    const entry = ctx.byRecipient!.get(key) ?? { person: p, lines: [] };
    entry.lines.push({
      caseId: c.id,
      reference: c.reference,
      breach,
      caseKind: c.kind,
      email: emails[i]!,
      ...(match ? { match } : {}),
      ...(c.kind === 'correction' ? { category: c.category } : {}),
      clock,
    });
    ctx.byRecipient!.set(key, entry);
  });
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

function seriesOf(ctx: Ctx, id: string): Promise<Series | undefined> {
  let p = ctx.seriesCache.get(id);
  if (!p) {
    p = ctx.deps.store.getSeries(id);
    ctx.seriesCache.set(id, p);
  }
  return p;
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

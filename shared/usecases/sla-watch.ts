/**
 * The sla-watch job (contract §2 and §6): emails about response-target breaches, once per breach, ever.
 *
 * - While the calendar says closed it does nothing: breaches that fell due while closed are picked up by
 *   the first run after the next opening (the due entries stay in the sparse indexes until then).
 * - It reads only the two sparse indexes (`first-response-due`, `resolution-due`) up to "now": no Scan. A page of
 *   due ids is read in one strongly consistent BatchGetItem, and its breaches are marked in transactions of up to
 *   CHANGES_PER_TRANSACTION cases (a few such transactions at a time); the summary and the emails keep the index's order.
 * - Each breach is conditional on the version just read: the case gets `sla.<kind>BreachNotifiedAt` (which takes it
 *   out of the index) and an audit record `{action: 'sla-breach', breach, recipients}`, in the same transaction.
 *   A case that changed meanwhile is left out of the transaction and the rest retried without it
 *   (`CaseStore.commitChanges`). Of concurrent runs exactly one marks a breach; the others skip the case, so a
 *   breach is in at most one run's emails.
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
 * Rooms: who is told and what the emails say (one per recipient per run) are in ./sla-breach-emails.ts; how many
 * breaches are marked at once within the run's time budget is in ./sla-watch-budget.ts.
 *
 * A staff change that races the breach marking loses only when it sent `expectedVersion` (then 409
 * version_mismatch, as for any concurrent change); without it, `mutate` re-reads and retries.
 */
import { modeAt } from '../domain/calendar.js';
import type { CalendarConfig, Mode, Person } from '../domain/calendar-config.js';
import { OPEN_STATUSES } from '../domain/correction.js';
import type { HistoryEntry, Series } from '../domain/records.js';
import { emitMetric, log } from '../log.js';
import type { CaseStore } from '../store/cases.js';
import type { CatalogStore } from '../store/catalog.js';
import type { ConfigStore } from '../store/config.js';
import type { Case, CaseChange } from '../store/core.js';
import type { DueStore } from '../store/due.js';
import type { OutboxStore } from '../store/outbox.js';
import type { OutboxEnqueueStore } from '../store/outbox-enqueue.js';
import { loadCalendar, type Deps } from './deps.js';
import { deliverNow } from './outbox.js';
import {
  breachClock,
  breachEmails,
  breachRecipients,
  oneEmailPerRecipient,
  type BreachAbout,
  type BreachesByRecipient,
  type BreachKind,
  type BreachLine,
} from './sla-breach-emails.js';
import { CHANGES_PER_TRANSACTION, withinBudget, type RunBudget } from './sla-watch-budget.js';

export type { BreachKind } from './sla-breach-emails.js';

/** The store groups of the job: the SLA indexes, the cases, their series, the calendar, the outbox. */
export type SlaWatchStore = DueStore & CaseStore & CatalogStore & ConfigStore & OutboxStore & OutboxEnqueueStore;

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
  const ctx: Ctx = { deps, cal, now, seriesCache, notified, deadline: Date.now() + TIME_BUDGET_MS, alsoResolution: [] };
  const firstResponse = await watch(ctx, 'first-response');
  // the resolution breaches marked with a case's first-response breach: not looked for again, and counted,
  // listed and emailed as the resolution pass would have (in the resolution index's order, due time then id)
  const resolution = await watch(ctx, 'resolution', ctx.alsoResolution);
  const emails = await deps.store.enqueueOutbox(oneEmailPerRecipient(ctx.byRecipient, now));
  await deliverNow(deps, emails);
  const breaches = firstResponse.notified + resolution.notified;
  emitMetric('SlaBreaches', breaches);
  // the first 100 by name: a flood of 2,000 breaches would make one log event past CloudWatch's 256 KB
  if (breaches > 0) log.warn('sla-watch: response-target breaches notified', { at, count: breaches, breaches: notified.slice(0, 100) });
  return { at, mode, firstResponse, resolution, breaches, notified };
}

interface Ctx extends RunBudget {
  deps: Deps<SlaWatchStore>;
  cal: CalendarConfig;
  now: Date;
  seriesCache: Map<string, Promise<Series | undefined>>;
  notified: NonNullable<SlaWatchSummary['notified']>;
  /** this run's breaches per recipient (lower-cased email), in the order found */
  byRecipient?: BreachesByRecipient;
  /** resolution breaches marked in the first-response pass, in the same write as the case's first-response breach */
  alsoResolution: Notified[];
}

/**
 * One breach kind's pass over its index. `already`: breaches of this kind marked earlier in the run (with another
 * breach of the same case): skipped in the index (it may still list them for a moment) and recorded in its order.
 */
async function watch(ctx: Ctx, breach: BreachKind, already: Notified[] = []): Promise<BreachCounts> {
  const counts: BreachCounts = { due: 0, notified: 0, stale: 0, conflicts: 0, emails: 0 };
  const seen = new Set<string>(already.map((n) => n.c.id));
  const found: Notified[] = [...already];
  for (const n of already) {
    counts.due++;
    counts.notified++;
    counts.emails += n.recipients.length;
  }
  await watchIndex(ctx, breach, seen, counts, found);
  // recorded in the index's order (due time, then id), wherever in the run each breach was marked
  if (already.length) found.sort(compareIndexOrder);
  for (const n of found) record(ctx, n);
  return counts;
}

const compareIndexOrder = (a: Notified, b: Notified): number => {
  const ka = `${a.about.dueAt}#${a.c.id}`;
  const kb = `${b.about.dueAt}#${b.c.id}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** The index's pages: counts each due entry and adds what this run marked to `found`, in the index's order. */
async function watchIndex(ctx: Ctx, breach: BreachKind, seen: Set<string>, counts: BreachCounts, found: Notified[]): Promise<void> {
  let start: Record<string, unknown> | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await ctx.deps.store.listDuePage(INDEX[breach], ctx.now.toISOString(), PAGE, start);
    const ids = r.ids.filter((id) => !seen.has(id) && (seen.add(id), true));
    // One BatchGetItem for the page's cases (strongly consistent) instead of a GetItem each.
    const cases = ids.length ? await ctx.deps.store.getDueCases(ids) : new Map<string, Case>();
    // The page's breaches in transactions of up to CHANGES_PER_TRANSACTION cases, a few at once (sla-watch-budget.ts).
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += CHANGES_PER_TRANSACTION) chunks.push(ids.slice(i, i + CHANGES_PER_TRANSACTION));
    const { results: chunkResults, outOfTime } = await withinBudget(ctx, chunks, (chunk) => notifyBreaches(ctx, chunk, cases, breach));
    const results = chunkResults.flatMap((r) => r ?? []);
    // Applied in the index's order (oldest due first), whatever order the transactions finished in.
    for (const result of results) {
      counts.due++;
      if (result === 'conflict') counts.conflicts++;
      else if (result === 'stale') counts.stale++;
      else {
        counts.notified++;
        counts.emails += result.recipients.length;
        found.push(result);
        if (result.alsoResolution) ctx.alsoResolution.push(result.alsoResolution);
      }
    }
    if (outOfTime) {
      log.warn('sla-watch: time budget used up; the next run goes on', { breach, due: counts.due });
      return;
    }
    start = r.next;
    if (!start) break;
  }
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

interface Notified extends Pick<BreachLine, 'breach' | 'match' | 'clock'> {
  c: Case;
  recipients: Person[];
  /** what the breach's own email says (rendered only for a recipient with no other breach in the run) */
  about: BreachAbout;
  /** the same case's resolution breach, marked in the same write as this first-response breach */
  alsoResolution?: Notified;
}

/**
 * Marks the breaches of some cases, each conditional on the version just read, in one transaction (the store leaves
 * out a case that changed meanwhile and reports it as a conflict); what was notified is recorded by the caller.
 */
async function notifyBreaches(
  ctx: Ctx,
  ids: string[],
  cases: Map<string, Case>,
  breach: BreachKind,
): Promise<('stale' | 'conflict' | Notified)[]> {
  const prepared = await Promise.all(ids.map((id) => prepareBreach(ctx, cases.get(id), breach)));
  const marked = prepared.filter((p): p is Prepared => p !== 'stale');
  const outcome = marked.length ? await ctx.deps.store.commitChanges(marked.map((p) => p.change)) : [];
  const byCase = new Map(marked.map((p, i) => [p.notified.c.id, outcome[i] === 'ok' ? p.notified : ('conflict' as const)]));
  return prepared.map((p) => (p === 'stale' ? 'stale' : byCase.get(p.notified.c.id)!));
}

interface Prepared {
  change: CaseChange;
  notified: Notified;
}

/**
 * A breach's change (the case marked, its audit record) and what it notifies; 'stale' when no longer breached.
 * A case past both targets gets both breaches in one write (issue 15: three items instead of four, one read): the
 * same items as two writes one after the other (versions v+1 and v+2, an audit record each), all or nothing.
 */
async function prepareBreach(ctx: Ctx, c: Case | undefined, breach: BreachKind): Promise<'stale' | Prepared> {
  const first = await prepareOneBreach(ctx, c, breach);
  if (first === 'stale' || breach !== 'first-response') return first;
  const also = await prepareOneBreach(ctx, first.change.next, 'resolution');
  if (also === 'stale') return first;
  return {
    change: { next: also.change.next, fromVersion: first.change.fromVersion, history: [...first.change.history, ...also.change.history] },
    notified: { ...first.notified, alsoResolution: also.notified },
  };
}

async function prepareOneBreach(ctx: Ctx, c: Case | undefined, breach: BreachKind): Promise<'stale' | Prepared> {
  const { cal, now } = ctx;
  const dueAt = c ? breachedDueAt(c, breach, now) : null;
  if (!c || !dueAt) return 'stale';

  const series = c.seriesId ? await seriesOf(ctx, c.seriesId) : undefined;
  const recipients = breachRecipients(cal, series, breach);
  if (recipients.length === 0)
    log.warn('sla-watch: nobody to email about a breach; set duty officers in the calendar', {
      caseId: c.id,
      reference: c.reference,
      breach,
    });

  const at = now.toISOString();
  const version = c.version + 1;
  const match = c.kind === 'correction' && c.match ? { ...c.match, ...(series?.name ? { seriesName: series.name } : {}) } : undefined;
  const clock = breachClock(cal, c, breach, dueAt, now);
  const about = { dueAt, now, ...(match ? { match } : {}), clock };

  const next = {
    ...c,
    version,
    sla: { ...c.sla!, ...(breach === 'first-response' ? { firstResponseBreachNotifiedAt: at } : { resolutionBreachNotifiedAt: at }) },
  } as Case;
  const history: HistoryEntry[] = [
    { at, actor: 'system', action: 'sla-breach', version, breach, dueAt, recipients: recipients.map((r) => r.email.toLowerCase()) },
  ];
  return {
    change: { next, fromVersion: c.version, history },
    notified: { c, breach, recipients, about, ...(match ? { match } : {}), clock },
  };
}

/** This run's record of a notified breach: the summary, and a line in each recipient's email. */
function record(ctx: Ctx, n: Notified): void {
  const { c, breach, recipients, about, match, clock } = n;
  ctx.notified.push({ id: c.id, reference: c.reference, breach });
  ctx.byRecipient ??= new Map();
  recipients.forEach((p) => {
    const key = p.email.toLowerCase();
    const entry = ctx.byRecipient!.get(key) ?? { person: p, lines: [] };
    entry.lines.push({
      caseId: c.id,
      reference: c.reference,
      breach,
      caseKind: c.kind,
      email: () => breachEmails(c, breach, [p], about)[0]!,
      ...(match ? { match } : {}),
      ...(c.kind === 'correction' ? { category: c.category } : {}),
      clock,
    });
    ctx.byRecipient!.set(key, entry);
  });
}

function seriesOf(ctx: Ctx, id: string): Promise<Series | undefined> {
  let p = ctx.seriesCache.get(id);
  if (!p) {
    p = ctx.deps.store.getSeries(id);
    ctx.seriesCache.set(id, p);
  }
  return p;
}

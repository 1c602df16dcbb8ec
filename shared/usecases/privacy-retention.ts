/**
 * Job privacy-retention (contract §12), daily: the personal data of cases resolved more than RETENTION_MONTHS
 * (default 13) months ago is erased from every item that holds it (./privacy.ts `eraseCase`); the report
 * figures (AGG# counters) are not touched, and the case record keeps what they count.
 *
 * It walks the retention entries (RETAIN#<month>, ../store/privacy.ts) older than the cut-off, oldest month
 * first. An entry is written when a case is created (at its arrival time); a case not yet resolved long
 * enough has its entry moved to its resolution time (or, still open, to now), so each case is looked at a
 * few times at most. Bounded per run (`maxCases`); the next run goes on where this one stopped. Safe to run
 * again: an erased case's entry is removed, and erasing an erased case changes nothing.
 */
import type { CaseStore } from '../store/cases.js';
import { monthOf } from '../store/contact-keys.js';
import type { Case } from '../store/core.js';
import type { PrivacyStore, RetentionEntry } from '../store/privacy.js';
import { log } from '../log.js';
import type { Deps } from './deps.js';
import { eraseCase } from './privacy.js';

export const DEFAULT_RETENTION_MONTHS = 13;
/** the first month with retention entries (the release that added them); cases before it are not walked */
export const FIRST_RETENTION_MONTH = '2026-01';

export interface RetentionSummary {
  cutoff: string;
  erased: number;
  records: number;
  moved: number;
  dropped: number;
  failed: number;
  /** the run stopped at its bound: the next one goes on */
  more: boolean;
}

/** RETENTION_MONTHS from the environment (the stage config sets it), else 13. */
export function retentionMonths(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.RETENTION_MONTHS;
  if (raw === undefined || raw === '') return DEFAULT_RETENTION_MONTHS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 120)
    throw new Error(`RETENTION_MONTHS must be a whole number of months from 1 to 120, not "${raw}".`);
  return n;
}

/** `now` minus `months` calendar months (UTC), as an ISO instant. */
export function retentionCutoff(now: Date, months: number): string {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString();
}

function monthsUpTo(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 2400; guard++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    out.push(month);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/** When the case was resolved for good (a resolved correction, a completed callback); undefined while open. */
export function resolvedAtOf(c: Case): string | undefined {
  if (c.kind === 'correction') return c.status === 'resolved' ? c.resolvedAt : undefined;
  return c.status === 'completed' ? c.completedAt : undefined;
}

export async function runRetention(
  deps: Deps<CaseStore & PrivacyStore>,
  opts: { months?: number; maxCases?: number } = {},
): Promise<RetentionSummary> {
  const now = deps.clock.now();
  const cutoff = retentionCutoff(now, opts.months ?? retentionMonths());
  const maxCases = opts.maxCases ?? 500;
  const summary: RetentionSummary = { cutoff, erased: 0, records: 0, moved: 0, dropped: 0, failed: 0, more: false };
  let budget = maxCases;
  for (const month of monthsUpTo(FIRST_RETENTION_MONTH, monthOf(cutoff))) {
    let after: RetentionEntry | undefined;
    for (;;) {
      if (budget <= 0) {
        summary.more = (await deps.store.retentionEntries(month, cutoff, 1, after)).length > 0 || summary.more;
        return done(summary, budget < maxCases);
      }
      const entries = await deps.store.retentionEntries(month, cutoff, Math.min(25, budget), after);
      if (entries.length === 0) break;
      for (const entry of entries) {
        budget--;
        try {
          await retain(deps, entry, cutoff, now, summary);
        } catch (err) {
          // one case that cannot be erased now does not stop the others; its entry stays for the next run
          summary.failed++;
          after = entry;
          log.error('privacy-retention: a case could not be erased; the next run tries again', {
            caseId: entry.caseId,
            error: err instanceof Error ? err.name : typeof err,
          });
        }
      }
    }
  }
  return done(summary, true);
}

async function retain(
  deps: Deps<CaseStore & PrivacyStore>,
  entry: RetentionEntry,
  cutoff: string,
  now: Date,
  summary: RetentionSummary,
): Promise<void> {
  const c = await deps.store.getCase(entry.caseId);
  if (!c) {
    await deps.store.dropRetentionEntry(entry);
    summary.dropped++;
    return;
  }
  const resolvedAt = resolvedAtOf(c);
  if (resolvedAt && resolvedAt < cutoff) {
    const r = await eraseCase(deps, c.id, 'privacy-retention', 'retention');
    await deps.store.dropRetentionEntry(entry);
    summary.erased++;
    summary.records += r.records;
    return;
  }
  // not resolved long enough yet: look again when it may be
  await deps.store.moveRetentionEntry(entry, resolvedAt ?? now.toISOString());
  summary.moved++;
}

function done(summary: RetentionSummary, worked: boolean): RetentionSummary {
  if (worked) log.info('privacy-retention', { ...summary });
  return summary;
}

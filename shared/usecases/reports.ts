/**
 * GET /staff/reports/summary (contract §5): contact volumes and first-contact resolution per ISO week,
 * month or year (Europe/Helsinki), built from the per-day counters of ./aggregates.ts — one BatchGet of
 * the days in range, never a read of the cases.
 *
 * DEFINITIONS (per bucket; a day belongs to the bucket whose period contains it; all dates are Helsinki
 * local dates, so a case arriving 2027-01-03T22:30Z = 2027-01-04 00:30 local is in 2027-W01)
 *
 * Attribution. Every per-case figure is attributed to the local day the case ARRIVED (a cohort):
 * `resolved`, `firstContactResolved`, `fcrRate`, `escalated`, `medianFirstResponseMinutes`,
 * `firstResponseBreaches` describe the contacts received in the bucket, whenever the later events
 * happen — so the rate of a week compares like with like, and a past bucket's figures can still change
 * while its cases are being worked (they settle once its cases are resolved and 14 days have passed).
 * Event counts are attributed to the day the event happened: `contacts` and `byChannel` (the arrival day,
 * the same thing) and `recontacts` (the day of the re-contact).
 *
 * - contacts: corrections and callbacks received (a repeated callback request from a phone that already
 *   has an open callback is not a new contact; a reporter's reply is not a new contact).
 * - byChannel: contacts by channel — web (POST /corrections), phone / email / social (logged by staff,
 *   POST /staff/corrections), callback (POST /callbacks).
 * - recontacts: re-contacts that happened in the bucket: new cases with `recontactOf` (same match, same
 *   email or phone, an earlier case resolved within the last 14 days) plus reporter replies that
 *   reopened a resolved correction (at any age).
 * - resolved: cases of the bucket resolved at least once — corrections with any outcome (`duplicate`
 *   included); callbacks completed with outcome `resolved` (`no-answer` and `wrong-number` resolved
 *   nothing). A correction reopened and resolved again still counts once.
 * - firstContactResolved: resolved cases whose FIRST resolution had outcome corrected / no-change /
 *   rejected (callbacks: `resolved`), with no request for details and no escalation before it, and that
 *   were not re-contacted within 14 days of a resolution. Re-contacted means: a new case names it in
 *   `recontactOf` (the 14-day rule is built into recontactOf), or a reporter reply reopened it within 14
 *   days of its resolution. The re-contact takes the case out of FCR in the case's own (arrival) bucket,
 *   in the re-contact's transaction. What happens after a reopening (more requests for details, another
 *   outcome) does not change the case's FCR judgement; only a further re-contact can remove it.
 * - fcrRate: firstContactResolved / (resolved − cases whose first resolution was `duplicate`), i.e.
 *   `duplicate` is in neither side of the rate; rounded to 4 decimals; null when the denominator is 0.
 * - escalated: cases of the bucket escalated at least once.
 * - firstResponses / medianFirstResponseMinutes: the first response is the first staff action on a case
 *   (corrections: claim, request-info, resolve, escalate; callbacks: claim, complete); only a case's very
 *   first one counts, never again after a reopening. Its time is the open minutes (either mode, contract
 *   §2) from arrival to that action, rounded with Math.round to whole minutes; the median is exact over
 *   those whole minutes (per-day histograms merged; an even count takes the mean of the two middle
 *   values, so it may end in .5); null when the bucket has no first response yet.
 * - firstResponseBreaches: cases whose first response came strictly later than their first-response due
 *   time (`sla.firstResponseDueAt`, set at arrival). Counted when the first response happens; a case
 *   never answered is not (yet) a breach here — sla-watch alerts on those while they wait.
 *
 * Buckets: one per period touching [from, to], oldest first; `from`/`to` of a bucket are the period's
 * first and last local dates clipped to the range. The range may span at most 1096 days (three years).
 */
import { addDays, epochDayOf, isoWeekId, monthId, parseLocalDate, yearId } from '../domain/helsinki-time.js';
import { CHANNELS, type Channel } from '../domain/correction.js';
import { AppError, type ErrorDetail } from '../errors.js';
import type { ReportStore } from '../store/reports.js';
import { HISTOGRAM_PREFIX } from './aggregates.js';
import type { ReportBucket } from '../api-answers.js';

export type { ReportBucket };

export type Period = 'week' | 'month' | 'year';
export const MAX_RANGE_DAYS = 1096;

export interface SummaryReport {
  period: Period;
  from: string;
  to: string;
  buckets: ReportBucket[];
}

export const periodIdOf = (day: string, period: Period): string =>
  period === 'week' ? isoWeekId(day) : period === 'month' ? monthId(day) : yearId(day);

/** The buckets touching [from, to] with their clipped local date ranges, oldest first. */
export function bucketRanges(from: string, to: string, period: Period): { period: string; from: string; to: string }[] {
  const out: { period: string; from: string; to: string }[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const id = periodIdOf(day, period);
    const last = out.at(-1);
    if (last && last.period === id) last.to = day;
    else out.push({ period: id, from: day, to: day });
  }
  return out;
}

/** Exact median of a histogram (value → count); an even count takes the mean of the two middle values. */
export function histogramMedian(histogram: Map<number, number>): number | null {
  const entries = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const nth = (k: number): number => {
    // k-th smallest value, 1-based
    let seen = 0;
    for (const [value, n] of entries) {
      seen += n;
      if (seen >= k) return value;
    }
    return entries.at(-1)![0];
  };
  return total % 2 === 1 ? nth((total + 1) / 2) : (nth(total / 2) + nth(total / 2 + 1)) / 2;
}

export const roundRate = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null;

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : 0);

/** Sums the per-day counters (as read from AGG#<day> items) into the buckets. */
export function buildBuckets(
  from: string,
  to: string,
  period: Period,
  days: { day: string; values: Record<string, unknown> }[],
): ReportBucket[] {
  const ranges = bucketRanges(from, to, period);
  const index = new Map(ranges.map((r, i) => [r.period, i]));
  const sums = ranges.map(() => new Map<string, number>());
  const histograms = ranges.map(() => new Map<number, number>());
  for (const { day, values } of days) {
    if (day < from || day > to) continue;
    const i = index.get(periodIdOf(day, period));
    if (i === undefined) continue;
    for (const [key, raw] of Object.entries(values)) {
      const v = num(raw);
      if (!Number.isFinite(v) || v === 0) continue;
      if (key.startsWith(HISTOGRAM_PREFIX)) {
        const minutes = Number(key.slice(HISTOGRAM_PREFIX.length));
        if (Number.isFinite(minutes)) histograms[i]!.set(minutes, (histograms[i]!.get(minutes) ?? 0) + v);
      } else {
        sums[i]!.set(key, (sums[i]!.get(key) ?? 0) + v);
      }
    }
  }
  return ranges.map((r, i) => {
    const s = (k: string) => sums[i]!.get(k) ?? 0;
    const byChannel = Object.fromEntries(CHANNELS.map((ch) => [ch, s(`channel_${ch}`)])) as Record<Channel, number>;
    return {
      period: r.period,
      from: r.from,
      to: r.to,
      contacts: s('contacts'),
      byChannel,
      resolved: s('resolved'),
      firstContactResolved: s('firstContactResolved'),
      fcrRate: roundRate(s('firstContactResolved'), s('fcrEligible')),
      recontacts: s('recontacts'),
      escalated: s('escalated'),
      firstResponses: s('firstResponses'),
      medianFirstResponseMinutes: histogramMedian(histograms[i]!),
      firstResponseBreaches: s('firstResponseBreaches'),
    };
  });
}

/** Checks a range beyond what the schema can: real dates, from ≤ to, at most MAX_RANGE_DAYS days. */
export function checkRange(from: string, to: string): void {
  const details: ErrorDetail[] = [];
  if (!parseLocalDate(from)) details.push({ path: 'from', message: 'must be an existing date as YYYY-MM-DD' });
  if (!parseLocalDate(to)) details.push({ path: 'to', message: 'must be an existing date as YYYY-MM-DD' });
  if (details.length === 0) {
    if (from > to) details.push({ path: 'to', message: `must be on or after from (${from})` });
    else if (epochDayOf(to) - epochDayOf(from) + 1 > MAX_RANGE_DAYS) {
      details.push({
        path: 'to',
        message: `must be at most ${MAX_RANGE_DAYS} days (three years) after from, i.e. on or before ${addDays(from, MAX_RANGE_DAYS - 1)}`,
      });
    }
  }
  if (details.length > 0) {
    throw new AppError(
      'validation_failed',
      `The query string is not valid: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}.`,
      details,
    );
  }
}

export async function summaryReport(store: ReportStore, q: { from: string; to: string; period?: Period }): Promise<SummaryReport> {
  checkRange(q.from, q.to);
  const period = q.period ?? 'week';
  const days = await store.getAggregates(q.from, q.to);
  return { period, from: q.from, to: q.to, buckets: buildBuckets(q.from, q.to, period, days) };
}

export const CSV_COLUMNS = [
  'period',
  'from',
  'to',
  'contacts',
  ...CHANNELS.map((c) => `byChannel.${c}`),
  'resolved',
  'firstContactResolved',
  'fcrRate',
  'recontacts',
  'escalated',
  'firstResponses',
  'medianFirstResponseMinutes',
  'firstResponseBreaches',
] as const;

const csvField = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 CSV, header row first, CRLF line ends; null values are empty fields. */
export function reportCsv(report: SummaryReport): string {
  const rows = report.buckets.map((b) =>
    [
      b.period,
      b.from,
      b.to,
      b.contacts,
      ...CHANNELS.map((c) => b.byChannel[c]),
      b.resolved,
      b.firstContactResolved,
      b.fcrRate,
      b.recontacts,
      b.escalated,
      b.firstResponses,
      b.medianFirstResponseMinutes,
      b.firstResponseBreaches,
    ]
      .map(csvField)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/** Whether the Accept header asks for CSV (text/csv listed with a non-zero quality). */
export function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const [type, ...params] = part
      .trim()
      .toLowerCase()
      .split(';')
      .map((x) => x.trim());
    if (type !== 'text/csv') return false;
    const q = params.find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** Report buckets, medians, CSV and range checks: pure functions, no store. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import {
  bucketRanges,
  buildBuckets,
  checkRange,
  histogramMedian,
  reportCsv,
  roundRate,
  wantsCsv,
  type SummaryReport,
} from '../../shared/usecases/reports.js';
import { dayOf } from '../../shared/usecases/aggregates.js';

describe('bucketRanges', () => {
  it('ISO week 53 of 2026 spans the new year; 2027-W01 starts on Monday 4 January', () => {
    expect(bucketRanges('2026-12-24', '2027-01-12', 'week')).toEqual([
      { period: '2026-W52', from: '2026-12-24', to: '2026-12-27' },
      { period: '2026-W53', from: '2026-12-28', to: '2027-01-03' },
      { period: '2027-W01', from: '2027-01-04', to: '2027-01-10' },
      { period: '2027-W02', from: '2027-01-11', to: '2027-01-12' },
    ]);
    expect(bucketRanges('2026-12-31', '2027-01-03', 'week')).toEqual([{ period: '2026-W53', from: '2026-12-31', to: '2027-01-03' }]);
    expect(bucketRanges('2027-01-03', '2027-01-04', 'week').map((b) => b.period)).toEqual(['2026-W53', '2027-W01']);
  });

  it('months and years clip to the range', () => {
    expect(bucketRanges('2026-12-24', '2027-01-12', 'month')).toEqual([
      { period: '2026-12', from: '2026-12-24', to: '2026-12-31' },
      { period: '2027-01', from: '2027-01-01', to: '2027-01-12' },
    ]);
    expect(bucketRanges('2026-08-01', '2027-04-30', 'year')).toEqual([
      { period: '2026', from: '2026-08-01', to: '2026-12-31' },
      { period: '2027', from: '2027-01-01', to: '2027-04-30' },
    ]);
    expect(bucketRanges('2028-02-27', '2028-03-01', 'month')).toEqual([
      { period: '2028-02', from: '2028-02-27', to: '2028-02-29' },
      { period: '2028-03', from: '2028-03-01', to: '2028-03-01' },
    ]);
    expect(bucketRanges('2026-11-18', '2026-11-18', 'week')).toEqual([{ period: '2026-W47', from: '2026-11-18', to: '2026-11-18' }]);
  });

  it('a week across a DST switch is still seven local days', () => {
    expect(bucketRanges('2026-10-19', '2026-11-01', 'week')).toEqual([
      { period: '2026-W43', from: '2026-10-19', to: '2026-10-25' },
      { period: '2026-W44', from: '2026-10-26', to: '2026-11-01' },
    ]);
    expect(bucketRanges('2027-03-22', '2027-04-04', 'week')).toEqual([
      { period: '2027-W12', from: '2027-03-22', to: '2027-03-28' },
      { period: '2027-W13', from: '2027-03-29', to: '2027-04-04' },
    ]);
  });
});

describe('days of instants (Helsinki local dates)', () => {
  it.each([
    ['2026-10-25T20:59:59Z', '2026-10-25'], // 22:59:59 EET (DST ended at 04:00 EEST that morning)
    ['2026-10-25T21:59:59Z', '2026-10-25'], // 23:59:59 EET
    ['2026-10-25T22:00:00Z', '2026-10-26'], // 00:00 EET Monday: next ISO week
    ['2026-10-25T00:30:00Z', '2026-10-25'], // 03:30 EEST, first pass of the repeated hour
    ['2026-10-25T01:30:00Z', '2026-10-25'], // 03:30 EET, second pass
    ['2027-03-28T20:59:59Z', '2027-03-28'], // 23:59:59 EEST
    ['2027-03-28T21:00:00Z', '2027-03-29'], // 00:00 EEST Monday
    ['2027-03-27T21:59:59Z', '2027-03-27'], // 23:59:59 EET Saturday
    ['2026-12-31T21:59:59Z', '2026-12-31'],
    ['2026-12-31T22:00:00Z', '2027-01-01'],
    ['2027-01-03T21:59:59Z', '2027-01-03'],
    ['2027-01-03T22:00:00Z', '2027-01-04'],
  ])('%s is %s', (at, day) => {
    expect(dayOf(at)).toBe(day);
  });
});

describe('histogramMedian', () => {
  const h = (pairs: [number, number][]) => new Map(pairs);
  it('is exact: odd count the middle value, even count the mean of the two middle values', () => {
    expect(histogramMedian(h([]))).toBeNull();
    expect(histogramMedian(h([[5, 0]]))).toBeNull();
    expect(histogramMedian(h([[7, 1]]))).toBe(7);
    expect(
      histogramMedian(
        h([
          [1, 1],
          [4, 1],
        ]),
      ),
    ).toBe(2.5);
    expect(
      histogramMedian(
        h([
          [10, 2],
          [1, 1],
        ]),
      ),
    ).toBe(10);
    expect(
      histogramMedian(
        h([
          [0, 3],
          [100, 3],
        ]),
      ),
    ).toBe(50);
    expect(
      histogramMedian(
        h([
          [3, 2],
          [9, 1],
          [1, 1],
        ]),
      ),
    ).toBe(3);
  });
  it('equals the median of the expanded list', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const values = Array.from({ length: 1 + Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 30));
      const hist = new Map<number, number>();
      for (const v of values) hist.set(v, (hist.get(v) ?? 0) + 1);
      const s = [...values].sort((a, b) => a - b);
      const n = s.length;
      expect(histogramMedian(hist)).toBe(n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1]! + s[n / 2]!) / 2);
    }
  });
});

describe('buildBuckets', () => {
  it('sums days into buckets, merges histograms, computes the rate without duplicates', () => {
    const days = [
      {
        day: '2027-01-03',
        values: {
          contacts: 3,
          channel_web: 2,
          channel_callback: 1,
          resolved: 3,
          fcrEligible: 2,
          firstContactResolved: 1,
          frm_10: 2,
          frm_40: 1,
          firstResponses: 3,
          firstResponseBreaches: 1,
        },
      },
      { day: '2027-01-04', values: { contacts: 1, channel_phone: 1, recontacts: 1, frm_5: 1, firstResponses: 1 } },
      { day: '2027-01-05', values: { resolved: 1, fcrEligible: 1, firstContactResolved: 1, escalated: 1 } },
      { day: '2027-01-01', values: { contacts: 1, channel_social: 1, resolved: 1 } }, // duplicate only: no rate
    ];
    const [w53, w01] = buildBuckets('2027-01-01', '2027-01-05', 'week', days);
    expect(w53).toEqual({
      period: '2026-W53',
      from: '2027-01-01',
      to: '2027-01-03',
      contacts: 4,
      byChannel: { web: 2, phone: 0, email: 0, social: 1, callback: 1 },
      resolved: 4,
      firstContactResolved: 1,
      fcrRate: 0.5,
      recontacts: 0,
      escalated: 0,
      firstResponses: 3,
      medianFirstResponseMinutes: 10,
      firstResponseBreaches: 1,
    });
    expect(w01).toMatchObject({
      period: '2027-W01',
      contacts: 1,
      recontacts: 1,
      resolved: 1,
      firstContactResolved: 1,
      fcrRate: 1,
      escalated: 1,
      medianFirstResponseMinutes: 5,
    });
    const [jan] = buildBuckets('2027-01-01', '2027-01-05', 'month', days);
    expect(jan).toMatchObject({
      contacts: 5,
      fcrRate: Math.round((2 / 3) * 10_000) / 10_000,
      medianFirstResponseMinutes: 10,
      firstResponses: 4,
    });
    // No data at all: zeros and nulls, every bucket present.
    expect(buildBuckets('2027-02-01', '2027-02-08', 'week', [])).toEqual([
      expect.objectContaining({ period: '2027-W05', contacts: 0, fcrRate: null, medianFirstResponseMinutes: null }),
      expect.objectContaining({ period: '2027-W06', contacts: 0 }),
    ]);
  });

  it('a re-contact decrement in a later transaction nets out', () => {
    const [b] = buildBuckets('2026-11-21', '2026-11-21', 'week', [
      { day: '2026-11-21', values: { resolved: 2, fcrEligible: 2, firstContactResolved: 0 } },
    ]);
    expect(b!.fcrRate).toBe(0);
  });
  it('rounds rates to 4 decimals', () => {
    expect(roundRate(1, 3)).toBe(0.3333);
    expect(roundRate(2, 3)).toBe(0.6667);
    expect(roundRate(0, 0)).toBeNull();
  });
});

describe('checkRange', () => {
  const details = (from: string, to: string) => {
    try {
      checkRange(from, to);
      return null;
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('validation_failed');
      return (e as AppError).details;
    }
  };
  it('accepts up to three years', () => {
    expect(details('2026-01-01', '2026-01-01')).toBeNull();
    expect(details('2024-01-01', '2026-12-31')).toBeNull(); // 1096 days with 29 Feb 2024
    expect(details('2025-01-01', '2027-12-31')).toBeNull();
  });
  it('refuses reversed, too long and impossible ranges with details', () => {
    expect(details('2026-02-01', '2026-01-31')).toEqual([{ path: 'to', message: 'must be on or after from (2026-02-01)' }]);
    expect(details('2024-01-01', '2027-01-01')![0]!.path).toBe('to');
    expect(details('2027-02-29', '2027-03-01')).toEqual([{ path: 'from', message: 'must be an existing date as YYYY-MM-DD' }]);
  });
});

describe('CSV', () => {
  it('has a header row and one line per bucket; nulls are empty', () => {
    const report: SummaryReport = {
      period: 'month',
      from: '2027-01-01',
      to: '2027-02-28',
      buckets: buildBuckets('2027-01-01', '2027-02-28', 'month', [
        {
          day: '2027-01-02',
          values: {
            contacts: 2,
            channel_web: 1,
            channel_email: 1,
            resolved: 1,
            fcrEligible: 1,
            firstContactResolved: 1,
            frm_3: 1,
            frm_4: 1,
            firstResponses: 2,
          },
        },
      ]),
    };
    expect(reportCsv(report)).toBe(
      'period,from,to,contacts,byChannel.web,byChannel.phone,byChannel.email,byChannel.social,' +
        'byChannel.callback,resolved,firstContactResolved,fcrRate,recontacts,escalated,firstResponses,' +
        'medianFirstResponseMinutes,firstResponseBreaches\r\n' +
        '2027-01,2027-01-01,2027-01-31,2,1,0,1,0,0,1,1,1,0,0,2,3.5,0\r\n' +
        '2027-02,2027-02-01,2027-02-28,0,0,0,0,0,0,0,0,,0,0,0,,0\r\n',
    );
  });
  it('is chosen by the Accept header', () => {
    expect(wantsCsv('text/csv')).toBe(true);
    expect(wantsCsv('application/json, text/csv;q=0.5')).toBe(true);
    expect(wantsCsv('TEXT/CSV; charset=utf-8')).toBe(true);
    expect(wantsCsv('text/csv;q=0')).toBe(false);
    expect(wantsCsv('application/json')).toBe(false);
    expect(wantsCsv('*/*')).toBe(false);
    expect(wantsCsv(undefined)).toBe(false);
  });
});

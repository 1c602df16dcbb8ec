/**
 * Reports (contract §5, §8.1): range and period pickers, four uPlot charts (contacts by channel stacked, FCR,
 * median first response, breaches), the table, and a CSV download. Charts use grey levels plus hatching-free
 * distinct lightness and a legend, so they read in greyscale; each has a text alternative, and the table is there.
 */
import uPlot from 'uplot';
import { consoleApi, type Channel, type ReportBucket } from '../api/client.js';
import { helsinkiToday } from '../i18n/index.js';
import { clear, h } from '../shell/dom.js';
import { field } from './case.js';
import { errorText, type Ctx } from './context.js';

const CHANNELS: Channel[] = ['web', 'phone', 'email', 'social', 'callback'];
/** dark to light: distinguishable when printed or viewed in greyscale */
const GREYS = ['#1a1a1a', '#4d4d4d', '#808080', '#b3b3b3', '#e0e0e0'];

const daysBefore = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

function chart(
  el: HTMLElement,
  title: string,
  alt: string,
  labels: string[],
  series: { label: string; values: (number | null)[]; fill?: string }[],
  opts: { stacked?: boolean; bars?: boolean } = {},
) {
  const id = `alt-${Math.random().toString(36).slice(2)}`;
  const fig = h(
    'figure',
    { class: 'chart', 'aria-describedby': id },
    h('figcaption', {}, title),
    h('p', { id, class: 'visually-hidden' }, alt),
  );
  el.append(fig);
  const x = labels.map((_l, i) => i);
  let data = series.map((s) => s.values);
  if (opts.stacked) {
    const acc = x.map(() => 0);
    data = series.map((s) => s.values.map((v, i) => (acc[i] = (acc[i] ?? 0) + (v ?? 0))));
  }
  // stacked: draw the tallest (last cumulative) first so lower layers stay visible on top of it
  const order = opts.stacked ? series.map((_s, i) => series.length - 1 - i) : series.map((_s, i) => i);
  const bars = uPlot.paths.bars?.({ size: [0.6, 60] });
  new uPlot(
    {
      width: Math.min(640, Math.max(280, fig.clientWidth - 20)),
      height: 220,
      scales: { x: { time: false, range: [-0.5, Math.max(0.5, labels.length - 0.5)] } },
      axes: [{ values: (_u, ticks) => ticks.map((t) => labels[t] ?? ''), splits: () => x }, { size: 50 }],
      legend: { show: true, live: false },
      cursor: { show: false },
      series: [
        { label: title },
        ...order.map((i) => ({
          label: series[i]!.label,
          stroke: '#000',
          width: 1,
          fill: series[i]!.fill ?? GREYS[i % GREYS.length],
          ...(opts.bars !== false && bars ? { paths: bars, points: { show: false } } : { points: { show: true, size: 8 } }),
        })),
      ],
    },
    [x, ...order.map((i) => data[i]!)] as uPlot.AlignedData,
    fig,
  );
}

export function reportsView(el: HTMLElement, ctx: Ctx): void {
  const { c } = ctx;
  const today = helsinkiToday();
  const from = h('input', { type: 'date', name: 'from', value: daysBefore(today, 27), required: true });
  const to = h('input', { type: 'date', name: 'to', value: today, required: true });
  const period = h(
    'select',
    { name: 'period' },
    Object.entries(c.reports.periods).map(([v, label]) => h('option', { value: v }, label)),
  );
  const out = h('div', { class: 'report', 'aria-live': 'polite' });
  const csv = h(
    'button',
    {
      type: 'button',
      onclick: async () => {
        try {
          const text = await consoleApi.reportCsv(from.value, to.value, period.value);
          const a = h('a', {
            href: URL.createObjectURL(new Blob([text], { type: 'text/csv' })),
            download: `report-${from.value}-${to.value}-${period.value}.csv`,
          });
          document.body.append(a);
          a.click();
          a.remove();
        } catch (err) {
          clear(out, h('p', { class: 'error', role: 'alert' }, errorText(err, ctx)));
        }
      },
    },
    c.reports.csv,
  );

  const show = async () => {
    clear(out, h('p', {}, ctx.t.loading));
    let buckets: ReportBucket[];
    try {
      buckets = (await consoleApi.report(from.value, to.value, period.value)).buckets;
    } catch (err) {
      clear(out, h('p', { class: 'error', role: 'alert' }, errorText(err, ctx)));
      return;
    }
    clear(out);
    const labels = buckets.map((b) => b.period);
    const pct = (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)} %`);
    const alts = buckets.map((b) =>
      c.reports.alt(
        b.period,
        b.contacts,
        pct(b.fcrRate),
        b.medianFirstResponseMinutes === null ? '–' : String(b.medianFirstResponseMinutes),
        b.firstResponseBreaches,
      ),
    );
    const charts = h('div', { class: 'charts' });
    out.append(charts);
    chart(
      charts,
      c.reports.contacts,
      alts.join(' '),
      labels,
      CHANNELS.map((ch) => ({ label: c.channels[ch] ?? ch, values: buckets.map((b) => b.byChannel[ch] ?? 0) })),
      { stacked: true },
    );
    chart(charts, c.reports.fcr, buckets.map((b) => `${b.period}: ${pct(b.fcrRate)}`).join(', '), labels, [
      { label: c.reports.cols.fcr, values: buckets.map((b) => (b.fcrRate === null ? null : Math.round(b.fcrRate * 100))) },
    ]);
    chart(charts, c.reports.median, buckets.map((b) => `${b.period}: ${b.medianFirstResponseMinutes ?? '–'}`).join(', '), labels, [
      { label: c.reports.cols.median, values: buckets.map((b) => b.medianFirstResponseMinutes), fill: GREYS[2] },
    ]);
    chart(charts, c.reports.breaches, buckets.map((b) => `${b.period}: ${b.firstResponseBreaches}`).join(', '), labels, [
      { label: c.reports.cols.breaches, values: buckets.map((b) => b.firstResponseBreaches), fill: GREYS[1] },
    ]);
    const cols = c.reports.cols;
    out.append(
      h(
        'table',
        { class: 'figures' },
        h('caption', {}, c.reports.table),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [
              cols.period,
              cols.contacts,
              ...CHANNELS.map((ch) => c.channels[ch] ?? ch),
              cols.resolved,
              cols.fcr,
              cols.recontacts,
              cols.escalated,
              cols.median,
              cols.breaches,
            ].map((x) => h('th', { scope: 'col' }, x)),
          ),
        ),
        h(
          'tbody',
          {},
          buckets.map((b) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, b.period),
              [
                b.contacts,
                ...CHANNELS.map((ch) => b.byChannel[ch] ?? 0),
                b.resolved,
                pct(b.fcrRate),
                b.recontacts,
                b.escalated,
                b.medianFirstResponseMinutes ?? '–',
                b.firstResponseBreaches,
              ].map((v) => h('td', {}, String(v))),
            ),
          ),
        ),
      ),
    );
  };

  clear(
    el,
    h('h1', {}, c.reports.heading),
    h(
      'form',
      {
        class: 'filters',
        onsubmit: (e: Event) => {
          e.preventDefault();
          void show();
        },
      },
      field(c.reports.from, from),
      field(c.reports.to, to),
      field(c.reports.period, period),
      h('button', { type: 'submit', class: 'primary' }, c.reports.show),
      csv,
    ),
    out,
  );
  void show();
}

/**
 * Admin (contract §8.1): the service calendar with the API's validation messages shown at their fields, duty
 * officers, series with their officials and results-service link, and the public doors' limits when the API has them.
 */
import { ApiError, consoleApi, type Calendar, type Person, type SeriesItem } from '../api/client.js';
import { clear, h } from '../shell/dom.js';
import { field } from './case.js';
import { errorText, type Ctx } from './context.js';

type Get = (c: Calendar) => string;
type Set = (c: Calendar, v: string) => void;

/** Calendar inputs by the API's field path, so a `details[].path` lands next to its input. */
const CAL_FIELDS: [path: string, key: keyof Ctx['c']['admin'], type: string, get: Get, set: Set][] = [
  ['season.startMonthDay', 'seasonStart', 'text', (c) => c.season.startMonthDay, (c, v) => (c.season.startMonthDay = v)],
  ['season.endMonthDay', 'seasonEnd', 'text', (c) => c.season.endMonthDay, (c, v) => (c.season.endMonthDay = v)],
  ['generalService.opens', 'generalOpens', 'text', (c) => c.generalService.opens, (c, v) => (c.generalService.opens = v)],
  ['generalService.closes', 'generalCloses', 'text', (c) => c.generalService.closes, (c, v) => (c.generalService.closes = v)],
  ['resultsService.opens', 'resultsOpens', 'text', (c) => c.resultsService.opens, (c, v) => (c.resultsService.opens = v)],
  ['resultsService.closes', 'resultsCloses', 'text', (c) => c.resultsService.closes, (c, v) => (c.resultsService.closes = v)],
  [
    'targets.firstResponseMinutes.results',
    'firstResults',
    'number',
    (c) => String(c.targets.firstResponseMinutes.results),
    (c, v) => (c.targets.firstResponseMinutes.results = Number(v)),
  ],
  [
    'targets.firstResponseMinutes.general',
    'firstGeneral',
    'number',
    (c) => String(c.targets.firstResponseMinutes.general),
    (c, v) => (c.targets.firstResponseMinutes.general = Number(v)),
  ],
];

function peopleEditor(ctx: Ctx, people: Person[], legend: string): { el: HTMLElement; read: () => Person[] } {
  const { c } = ctx;
  const rows = h('div', { class: 'people' });
  const row = (p?: Person) => {
    const r = h(
      'div',
      { class: 'person' },
      field(c.admin.name, h('input', { type: 'text', name: 'name', value: p?.name ?? '' })),
      field(c.admin.email, h('input', { type: 'email', name: 'email', value: p?.email ?? '' })),
      field(
        c.admin.language,
        h(
          'select',
          { name: 'language' },
          (['fi', 'sv', 'en'] as const).map((l) => h('option', { value: l, ...(p?.language === l ? { selected: true } : {}) }, l)),
        ),
      ),
      h('button', { type: 'button', onclick: () => r.remove() }, c.admin.remove),
    );
    rows.append(r);
  };
  people.forEach(row);
  const el = h('fieldset', {}, h('legend', {}, legend), rows, h('button', { type: 'button', onclick: () => row() }, c.admin.add));
  const read = () =>
    [...rows.querySelectorAll('.person')].map((r) => ({
      name: r.querySelector<HTMLInputElement>('[name="name"]')!.value.trim(),
      email: r.querySelector<HTMLInputElement>('[name="email"]')!.value.trim(),
      language: r.querySelector<HTMLSelectElement>('[name="language"]')!.value as Person['language'],
    }));
  return { el, read };
}

function showDetails(form: HTMLElement, box: HTMLElement, err: unknown, ctx: Ctx, lead: string) {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const inp of form.querySelectorAll('[aria-invalid]')) inp.removeAttribute('aria-invalid');
  if (!(err instanceof ApiError)) return clear(box, h('p', { class: 'error', role: 'alert' }, errorText(err, ctx)));
  const loose: string[] = [];
  err.details.forEach((d, i) => {
    const input = form.querySelector<HTMLElement>(`[data-path="${CSS.escape(d.path)}"]`);
    if (!input) return loose.push(`${d.path}: ${d.message}`);
    const id = `err-${i}`;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    input.parentElement!.append(h('p', { class: 'field-error', id }, d.message));
  });
  clear(
    box,
    h(
      'div',
      { class: 'error', role: 'alert' },
      h('p', {}, lead, ' ', err.message),
      loose.length
        ? h(
            'ul',
            {},
            loose.map((l) => h('li', {}, l)),
          )
        : '',
    ),
  );
}

async function calendarSection(ctx: Ctx): Promise<HTMLElement> {
  const { c } = ctx;
  const cal = await consoleApi.calendar();
  const box = h('div', { 'aria-live': 'polite' });
  const inputs = CAL_FIELDS.map(([path, key, type, get]) => {
    const input = h('input', { type, name: path, 'data-path': path, value: get(cal) });
    return { path, input, el: field(String(c.admin[key]), input) };
  });
  const extra = h('textarea', { name: 'extraClosedDates', 'data-path': 'extraClosedDates', rows: 3 }, cal.extraClosedDates.join('\n'));
  const duty = peopleEditor(ctx, cal.dutyOfficers, c.admin.dutyOfficers);
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'calendar',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const next = structuredClone(cal);
        CAL_FIELDS.forEach(([, , , , set], i) => set(next, inputs[i]!.input.value.trim()));
        next.extraClosedDates = extra.value.split(/\s+/).filter(Boolean);
        next.dutyOfficers = duty.read();
        try {
          Object.assign(cal, await consoleApi.putCalendar(next));
          showDetails(form, box, undefined, ctx, '');
          clear(box, h('p', { class: 'ok', role: 'status' }, c.admin.saved));
        } catch (err) {
          showDetails(form, box, err, ctx, c.admin.fix);
        }
      },
    },
    h(
      'div',
      { class: 'grid' },
      inputs.map((i) => i.el),
    ),
    field(c.admin.extraClosed, extra),
    duty.el,
    h('button', { type: 'submit', class: 'primary' }, c.admin.save),
  );
  return h('section', { 'aria-labelledby': 'cal-h' }, h('h2', { id: 'cal-h' }, c.admin.calendar), box, form);
}

async function seriesSection(ctx: Ctx): Promise<HTMLElement> {
  const { c } = ctx;
  const { items } = await consoleApi.series();
  const one = (s: SeriesItem) => {
    const box = h('div', { 'aria-live': 'polite' });
    const people = peopleEditor(ctx, s.officials, c.admin.officials);
    const form: HTMLFormElement = h(
      'form',
      {
        onsubmit: async (e: Event) => {
          e.preventDefault();
          try {
            await consoleApi.putSeries(s.id, { name: s.name, officials: people.read(), ...(s.results ? { results: s.results } : {}) });
            clear(box, h('p', { class: 'ok', role: 'status' }, c.admin.saved));
          } catch (err) {
            showDetails(form, box, err, ctx, '');
          }
        },
      },
      people.el,
      h('button', { type: 'submit' }, c.admin.save),
    );
    return h(
      'article',
      { class: 'panel' },
      h('h3', {}, `${s.name} (${s.id})`),
      h(
        'p',
        {},
        `${c.admin.resultsLink}: `,
        s.results ? `competition ${s.results.competitionId}, category ${s.results.categoryId}` : c.admin.notLinked,
      ),
      box,
      form,
    );
  };
  return h('section', { 'aria-labelledby': 'series-h' }, h('h2', { id: 'series-h' }, c.admin.series), items.map(one));
}

async function limitsSection(ctx: Ctx): Promise<HTMLElement> {
  const { c } = ctx;
  const head = h('h2', { id: 'limits-h' }, c.admin.limits);
  let limits: Awaited<ReturnType<typeof consoleApi.limits>>;
  try {
    limits = await consoleApi.limits();
  } catch (err) {
    if (err instanceof ApiError && err.status === 404)
      return h('section', { 'aria-labelledby': 'limits-h' }, head, h('p', {}, c.admin.noLimits));
    throw err;
  }
  const box = h('div', { 'aria-live': 'polite' });
  const keys = Object.keys(limits) as (keyof typeof limits)[];
  const inputs = keys.map((k) => h('input', { type: 'number', name: k, 'data-path': k, min: 1, value: limits[k] }));
  const form: HTMLFormElement = h(
    'form',
    {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const next = { ...limits };
        keys.forEach((k, i) => (next[k] = Number(inputs[i]!.value)));
        try {
          limits = await consoleApi.putLimits(next);
          clear(box, h('p', { class: 'ok', role: 'status' }, c.admin.saved));
        } catch (err) {
          showDetails(form, box, err, ctx, '');
        }
      },
    },
    h(
      'div',
      { class: 'grid' },
      keys.map((k, i) => field(c.admin.limitNames[k] ?? k, inputs[i]!)),
    ),
    h('button', { type: 'submit' }, c.admin.save),
  );
  return h('section', { 'aria-labelledby': 'limits-h' }, head, box, form);
}

export async function adminView(el: HTMLElement, ctx: Ctx): Promise<void> {
  clear(el, h('h1', {}, ctx.c.admin.heading), h('p', {}, ctx.t.loading));
  const parts = await Promise.all(
    [calendarSection(ctx), seriesSection(ctx), limitsSection(ctx)].map((p) =>
      p.catch((err: unknown) => h('p', { class: 'error', role: 'alert' }, errorText(err, ctx))),
    ),
  );
  clear(el, h('h1', {}, ctx.c.admin.heading), parts);
}

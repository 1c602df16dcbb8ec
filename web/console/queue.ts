/**
 * The queue (contract §8.1): corrections and callbacks together, oldest first; filters by kind and status;
 * polls every 5 s with If-None-Match, so an idle console costs one tiny 304 per poll and a new report shows
 * within 15 s. Due times in open minutes (the calendar's): amber once at most 10 open minutes are left (the API
 * gives that instant, `firstResponseDueSoonAt`), red once past due. Keys: j/k move, Enter opens, c claims.
 */
import { consoleApi, NOT_MODIFIED, type QueueItem } from '../api/client.js';
import { formatTime } from '../i18n/index.js';
import { clear, h } from '../shell/dom.js';
import { errorText, every, minutesSince, type Ctx } from './context.js';
import { dueClass } from './due.js';

export const QUEUE_POLL_MS = 5_000;

export function queueView(el: HTMLElement, ctx: Ctx): void {
  const { c, signal } = ctx;
  const filter = new URLSearchParams(location.hash.split('?')[1] ?? '');
  let kind = filter.get('kind') ?? '';
  let status = filter.get('status') ?? '';
  let items: QueueItem[] = [];
  let more: string | null = null;
  let etag: string | undefined;
  let selected = 0;
  const note = h('p', { class: 'note', role: 'status', 'aria-live': 'polite' });
  const count = h('span', { class: 'count' });
  const body = h('tbody');

  const select = (label: string, name: string, value: string, options: [string, string][], onchange: (v: string) => void) =>
    h(
      'label',
      {},
      label,
      ' ',
      h(
        'select',
        { name, onchange: (e: Event) => onchange((e.target as HTMLSelectElement).value) },
        options.map(([v, text]) => h('option', { value: v, ...(v === value ? { selected: true } : {}) }, text)),
      ),
    );

  const draw = () => {
    const now = Date.now();
    count.textContent = c.queue.updated(items.length);
    selected = Math.min(selected, Math.max(0, items.length - 1));
    clear(
      body,
      items.length === 0
        ? h('tr', {}, h('td', { colspan: '8' }, c.queue.empty))
        : items.map((it, i) => {
            const due = dueClass(it, now);
            return h(
              'tr',
              { class: `${i === selected ? 'selected ' : ''}${due}`, 'data-id': it.id, 'aria-selected': i === selected ? 'true' : 'false' },
              h(
                'td',
                {},
                h(
                  'a',
                  { href: it.kind === 'correction' ? `#/case/${encodeURIComponent(it.id)}` : '#/callbacks', class: 'ref' },
                  it.reference,
                ),
              ),
              h('td', {}, c.queue.kinds[it.kind] ?? it.kind),
              h('td', {}, c.channels[it.channel] ?? it.channel),
              h('td', {}, it.match ?? it.topic ?? it.matchId ?? ''),
              h('td', {}, it.language ?? ''),
              h('td', {}, c.age(minutesSince(it.receivedAt, now))),
              h(
                'td',
                {},
                formatTime(it.firstResponseDueAt, ctx.t),
                due ? h('span', { class: 'flag' }, ` ${due === 'overdue' ? c.queue.overdue : c.queue.dueSoon}`) : '',
              ),
              h('td', {}, c.statuses[it.status] ?? it.status, it.assignee ? ` · ${it.assignee}` : ''),
            );
          }),
    );
  };

  // User Timing marks of the first load only (DevTools' Performance panel, bench/console.ts): polls would pile up entries
  let marks = true;
  const mark = (name: string) => marks && performance.mark(`console:queue-${name}`);
  const load = async (force = false) => {
    mark('asked');
    const r = await consoleApi.queue({ kind: kind || undefined, status: status || undefined }, force ? undefined : etag);
    mark('answer');
    etag = r.etag;
    if (r.page === NOT_MODIFIED) return;
    items = r.page.items;
    more = r.page.nextCursor;
    moreBtn.hidden = !more;
    draw();
    mark('drawn');
    marks = false;
  };
  const moreBtn = h(
    'button',
    {
      type: 'button',
      hidden: true,
      onclick: async () => {
        if (!more) return;
        const r = await consoleApi.queueMore({ kind: kind || undefined, status: status || undefined }, more);
        items = items.concat(r.items);
        more = r.nextCursor;
        moreBtn.hidden = !more;
        draw();
      },
    },
    c.queue.more,
  );

  const claimSelected = async () => {
    const it = items[selected];
    if (!it) return;
    try {
      if (it.kind === 'correction') await consoleApi.claim(it.id, it.version);
      else await consoleApi.claimCallback(it.id, it.version);
      note.textContent = c.queue.claimed(it.reference);
      await load(true);
    } catch (err) {
      note.textContent = errorText(err, ctx);
      await load(true);
    }
  };

  const open = () => {
    const it = items[selected];
    if (it) location.hash = it.kind === 'correction' ? `#/case/${encodeURIComponent(it.id)}` : '#/callbacks';
  };

  document.addEventListener(
    'keydown',
    (e) => {
      const target = e.target as HTMLElement;
      if (e.altKey || e.ctrlKey || e.metaKey || /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName)) return;
      if (e.key === 'j' || e.key === 'k') {
        selected = Math.max(0, Math.min(items.length - 1, selected + (e.key === 'j' ? 1 : -1)));
        draw();
        body.querySelector<HTMLElement>('tr.selected a')?.focus();
      } else if (e.key === 'Enter' && target.tagName !== 'A') open();
      else if (e.key === 'c') void claimSelected();
      else return;
      e.preventDefault();
    },
    { signal },
  );

  clear(
    el,
    h('h1', {}, c.queue.heading, ' ', count),
    h(
      'div',
      { class: 'filters' },
      select(
        c.queue.kind,
        'kind',
        kind,
        [
          ['', c.queue.all],
          ['correction', c.queue.kinds.correction!],
          ['callback', c.queue.kinds.callback!],
        ],
        (v) => {
          kind = v;
          void load(true);
        },
      ),
      select(
        c.queue.status,
        'status',
        status,
        [
          ['', c.queue.all],
          ...(['queued', 'in-progress', 'awaiting-reporter', 'escalated'] as const).map((s): [string, string] => [s, c.statuses[s]!]),
        ],
        (v) => {
          status = v;
          void load(true);
        },
      ),
    ),
    h('p', { class: 'hint' }, c.queue.help),
    note,
    h(
      'table',
      { class: 'queue' },
      h('caption', { class: 'visually-hidden' }, c.queue.heading),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          Object.values(c.queue.cols).map((col) => h('th', { scope: 'col' }, col)),
        ),
      ),
      body,
    ),
    moreBtn,
  );
  draw();
  void load(true).catch((err: unknown) => (note.textContent = errorText(err, ctx)));
  every(QUEUE_POLL_MS, signal, () => load());
}

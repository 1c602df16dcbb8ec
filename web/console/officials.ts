/**
 * Officials (contract §8.1): their series' escalated cases (the list refreshes itself with conditional requests, like
 * the staff queue), the case read-only, and Decide.
 */
import { consoleApi, NOT_MODIFIED, type StaffCase } from '../api/client.js';
import { formatTime } from '../i18n/index.js';
import { clear, h } from '../shell/dom.js';
import { claimAndRecord, messagesNotesHistory } from './case-parts.js';
import { field, showRefusal } from './case.js';
import { errorText, every, type Ctx } from './context.js';

/** How often an official's list of escalated cases asks for changes (a conditional GET: 304 while nothing changed). */
export const ESCALATIONS_POLL_MS = 10_000;

export function escalationsView(el: HTMLElement, ctx: Ctx): void {
  const { c } = ctx;
  const list = h('div', { 'aria-live': 'polite' }, h('p', {}, ctx.t.loading));
  let etag: string | undefined;
  const load = async () => {
    try {
      const r = await consoleApi.escalations(etag);
      etag = r.etag;
      if (r.list === NOT_MODIFIED) return;
      const { items } = r.list;
      clear(
        list,
        items.length
          ? h(
              'ul',
              { class: 'escalations' },
              items.map((k) =>
                h(
                  'li',
                  {},
                  h('a', { href: `#/official/${encodeURIComponent(k.id)}` }, k.reference),
                  ` · ${k.match ? `${k.match.home} – ${k.match.away}` : k.matchId} · ${formatTime(k.receivedAt, ctx.t)}`,
                ),
              ),
            )
          : h('p', {}, c.escalations.empty),
      );
    } catch (err) {
      etag = undefined;
      clear(list, h('p', { class: 'error', role: 'alert' }, errorText(err, ctx)));
    }
  };
  clear(el, h('h1', {}, c.escalations.heading), list);
  void load();
  every(ESCALATIONS_POLL_MS, ctx.signal, load);
}

export async function officialCaseView(el: HTMLElement, ctx: Ctx, id?: string): Promise<void> {
  if (!id) return;
  const { c } = ctx;
  const box = h('div', { 'aria-live': 'polite' });
  let k: StaffCase;
  try {
    k = await consoleApi.officialCase(id);
  } catch (err) {
    clear(el, h('p', { class: 'error', role: 'alert' }, errorText(err, ctx)));
    return;
  }
  const decision = h(
    'select',
    { name: 'decision' },
    Object.entries(c.case.decisions).map(([v, label]) => h('option', { value: v }, label)),
  );
  const msg = h('textarea', { name: 'message', required: true, rows: 3, maxlength: 4000 });
  const form = h(
    'form',
    {
      class: 'action',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        if (!msg.value.trim()) return msg.focus();
        try {
          const done = await consoleApi.decide(id, decision.value as 'correct' | 'no-change' | 'reject', msg.value.trim());
          clear(box, h('p', { class: 'ok', role: 'status' }, c.case.done, ' ', c.statuses[done.status] ?? done.status));
          form.remove();
        } catch (err) {
          await showRefusal(
            box,
            err,
            ctx,
            k,
            () => void officialCaseView(el, ctx, id),
            () => consoleApi.officialCase(id),
          );
        }
      },
    },
    h(
      'fieldset',
      {},
      h('legend', {}, c.case.decide),
      field(c.case.decision, decision),
      field(c.case.message, msg),
      h('button', { type: 'submit', class: 'primary' }, c.case.decide),
    ),
  );
  clear(
    el,
    h('p', {}, h('a', { href: '#/escalations' }, c.escalations.heading)),
    h('h1', {}, k.reference),
    h('p', { class: 'hint' }, c.case.readOnly, ' ', c.statuses[k.status] ?? k.status),
    claimAndRecord(k, ctx),
    box,
    k.status === 'escalated' ? form : '',
    messagesNotesHistory(k, ctx),
  );
}

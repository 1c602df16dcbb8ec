/** Callbacks (contract §8.1): claim one to see its number as a tel: link, then Complete it with an outcome and a note. */
import { consoleApi, NOT_MODIFIED, type CallbackCase, type QueueItem } from '../api/client.js';
import { formatTime } from '../i18n/index.js';
import { clear, h } from '../shell/dom.js';
import { field, showRefusal } from './case.js';
import { errorText, every, type Ctx } from './context.js';

export function callbacksView(el: HTMLElement, ctx: Ctx): void {
  const { c } = ctx;
  const list = h('div', { class: 'callbacks' });
  const box = h('div', { 'aria-live': 'polite' });
  /** numbers of the callbacks this console claimed (the queue does not carry phone numbers) */
  const claimed = new Map<string, CallbackCase>();
  let etag: string | undefined;
  let items: QueueItem[] = [];

  const card = (it: QueueItem) => {
    const got = claimed.get(it.id);
    const outcome = h(
      'select',
      { name: 'outcome' },
      Object.entries(c.callbacks.outcomes).map(([v, label]) => h('option', { value: v }, label)),
    );
    const note = h('textarea', { name: 'note', rows: 2, maxlength: 4000 });
    return h(
      'article',
      { class: 'panel callback' },
      h('h2', {}, `${it.reference} · ${it.name ?? ''}`),
      h(
        'p',
        {},
        `${c.callbacks.topic}: ${it.topic ?? ''} · ${formatTime(it.receivedAt, ctx.t)} · ` +
          `${c.statuses[it.status] ?? it.status}${it.assignee ? ` · ${it.assignee}` : ''}`,
      ),
      got?.phone
        ? h('p', {}, h('a', { href: `tel:${got.phone}`, class: 'tel' }, c.callbacks.call(got.phone)))
        : h(
            'p',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'primary',
                onclick: async () => {
                  try {
                    claimed.set(it.id, await consoleApi.claimCallback(it.id, it.version));
                    await load(true);
                  } catch (err) {
                    clear(box, h('p', { class: 'error', role: 'alert' }, errorText(err, ctx)));
                  }
                },
              },
              c.case.claimBtn,
            ),
            ' ',
            c.callbacks.claimToSeeNumber,
          ),
      h(
        'form',
        {
          class: 'action',
          onsubmit: async (e: Event) => {
            e.preventDefault();
            try {
              await consoleApi.completeCallback(it.id, outcome.value, note.value.trim(), claimed.get(it.id)?.version ?? it.version);
              clear(box, h('p', { class: 'ok', role: 'status' }, c.case.done));
              await load(true);
            } catch (err) {
              await showRefusal(
                box,
                err,
                ctx,
                undefined,
                () => void load(true),
                () => Promise.reject(new Error('no view')),
              );
            }
          },
        },
        h(
          'fieldset',
          {},
          h('legend', {}, c.callbacks.complete),
          field(c.case.outcome, outcome),
          field(c.case.note, note),
          h('button', { type: 'submit' }, c.callbacks.complete),
        ),
      ),
    );
  };

  const load = async (force = false) => {
    const r = await consoleApi.queue({ kind: 'callback' }, force ? undefined : etag);
    etag = r.etag;
    if (r.page === NOT_MODIFIED) return;
    items = r.page.items;
    clear(list, items.length ? items.map(card) : h('p', {}, c.callbacks.empty));
  };
  clear(el, h('h1', {}, c.callbacks.heading), box, list);
  void load(true).catch((err: unknown) => clear(box, h('p', { class: 'error' }, errorText(err, ctx))));
  every(10_000, ctx.signal, () => load());
}

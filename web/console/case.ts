/**
 * One correction for staff (contract §8.1): the claim next to the official record, messages, notes, history,
 * and the actions. Every action sends the version this page shows (expectedVersion); a 409 shows who changed what
 * since then and offers a reload — never a silent overwrite. The page polls the case every 5 s, so a reporter's
 * answer arrives without a reload; it redraws only while nothing is typed in its forms.
 */
import { ApiError, consoleApi, type Outcome, type StaffCase } from '../api/client.js';
import { formatTime } from '../i18n/index.js';
import { clear, h, uid } from '../shell/dom.js';
import { claimAndRecord, historyLine, messagesNotesHistory } from './case-parts.js';
import { errorText, every, type Ctx } from './context.js';

export const CASE_POLL_MS = 5_000;

export function field(label: string, control: HTMLElement): HTMLElement {
  const id = uid('f');
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

/** Shows a refused action: a conflict lists the changes made since `shown`, with a reload. */
export async function showRefusal(
  box: HTMLElement,
  err: unknown,
  ctx: Ctx,
  shown: StaffCase | undefined,
  reload: () => void,
  fetchLatest: () => Promise<StaffCase>,
) {
  if (err instanceof ApiError && err.status === 409) {
    let changes: string[] = [];
    try {
      const now = await fetchLatest();
      changes = (now.history ?? []).filter((e) => e.version > (shown?.version ?? 0)).map((e) => historyLine(e, ctx));
      if (!changes.length && now.assignee && now.assignee.sub !== ctx.user.sub)
        changes = [`${ctx.c.case.assignee}: ${now.assignee.name ?? now.assignee.email ?? now.assignee.sub}`];
    } catch {
      /* the message below still says what happened */
    }
    clear(
      box,
      h(
        'div',
        { class: 'conflict', role: 'alert' },
        h('p', {}, h('strong', {}, ctx.c.case.conflict), ' ', err.message),
        changes.length
          ? h(
              'ul',
              {},
              changes.map((x) => h('li', {}, x)),
            )
          : '',
        h('button', { type: 'button', class: 'primary', onclick: reload }, ctx.c.case.reload),
      ),
    );
  } else clear(box, h('p', { class: 'error', role: 'alert' }, errorText(err, ctx)));
}

export async function caseView(el: HTMLElement, ctx: Ctx, id?: string): Promise<void> {
  if (!id) return;
  const { c } = ctx;
  let k: StaffCase | undefined;
  const box = h('div', { class: 'feedback', 'aria-live': 'polite' });
  const body = h('div');
  const typed = () =>
    [...body.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('textarea, input[type="text"]')].some((x) => x.value.trim() !== '');

  const act = async (fn: (v: number) => Promise<unknown>) => {
    if (!k) return;
    try {
      await fn(k.version);
      clear(box, h('p', { class: 'ok', role: 'status' }, c.case.done));
      await load(true);
    } catch (err) {
      await showRefusal(
        box,
        err,
        ctx,
        k,
        () => void load(true).then(() => clear(box)),
        () => consoleApi.staffCase(id),
      );
    }
  };

  const textForm = (title: string, label: string, name: string, send: (text: string, v: number) => Promise<unknown>) => {
    const ta = h('textarea', { name, required: true, rows: 3, maxlength: 4000 });
    return h(
      'form',
      {
        class: 'action',
        onsubmit: (e: Event) => {
          e.preventDefault();
          if (!ta.value.trim()) return ta.focus();
          void act((v) => send(ta.value.trim(), v));
        },
      },
      h('fieldset', {}, h('legend', {}, title), field(label, ta), h('button', { type: 'submit' }, title)),
    );
  };

  const resolveForm = (kc: StaffCase) => {
    const outcome = h(
      'select',
      { name: 'outcome' },
      (['corrected', 'no-change', 'rejected', 'duplicate'] as const).map((o) => h('option', { value: o }, c.case.outcomes[o])),
    );
    const home = h('input', {
      type: 'number',
      name: 'correctedResult.homeGoals',
      min: 0,
      max: 99,
      value: kc.proposed?.homeGoals ?? kc.official?.final?.home ?? '',
    });
    const away = h('input', {
      type: 'number',
      name: 'correctedResult.awayGoals',
      min: 0,
      max: 99,
      value: kc.proposed?.awayGoals ?? kc.official?.final?.away ?? '',
    });
    const msg = h('textarea', { name: 'message', required: true, rows: 3, maxlength: 4000 });
    const scores = h('div', { class: 'scores' }, field(c.case.correctedHome, home), field(c.case.correctedAway, away));
    const sync = () => (scores.hidden = outcome.value !== 'corrected');
    outcome.addEventListener('change', sync);
    sync();
    return h(
      'form',
      {
        class: 'action',
        onsubmit: (e: Event) => {
          e.preventDefault();
          if (!msg.value.trim()) return msg.focus();
          const corrected =
            outcome.value === 'corrected' && home.value !== '' && away.value !== ''
              ? { homeGoals: Number(home.value), awayGoals: Number(away.value) }
              : undefined;
          void act((v) =>
            consoleApi.resolve(
              id,
              { outcome: outcome.value as Outcome, message: msg.value.trim(), ...(corrected ? { correctedResult: corrected } : {}) },
              v,
            ),
          );
        },
      },
      h(
        'fieldset',
        {},
        h('legend', {}, c.case.resolve),
        field(c.case.outcome, outcome),
        scores,
        field(c.case.message, msg),
        h('button', { type: 'submit', class: 'primary' }, c.case.resolve),
      ),
    );
  };

  const draw = (kc: StaffCase) => {
    const mine = kc.assignee?.sub === ctx.user.sub;
    const open = kc.status !== 'resolved';
    clear(
      body,
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, ctx.c.queue.cols.status),
        h('dd', { class: 'status' }, c.statuses[kc.status] ?? kc.status, kc.outcome ? ` · ${c.case.outcomes[kc.outcome]}` : ''),
        h('dt', {}, c.case.assignee),
        h('dd', {}, kc.assignee ? (kc.assignee.name ?? kc.assignee.email ?? kc.assignee.sub) : '–'),
        h('dt', {}, ctx.c.queue.cols.channel),
        h('dd', {}, c.channels[kc.channel] ?? kc.channel, ` · ${kc.language}`),
        h('dt', {}, c.case.due),
        h('dd', {}, formatTime(kc.firstResponseDueAt, ctx.t) || '–'),
        h('dt', {}, c.case.resolutionDue),
        h('dd', {}, formatTime(kc.resolutionDueAt, ctx.t) || '–'),
        h('dt', {}, c.case.version),
        h('dd', { class: 'version' }, String(kc.version)),
      ),
      (kc.undeliverable ?? []).map((to) => h('p', { class: 'warning', role: 'alert' }, c.case.undeliverable(to))),
      claimAndRecord(kc, ctx),
      h(
        'section',
        { class: 'actions', 'aria-labelledby': 'act-h' },
        h('h2', { id: 'act-h' }, c.case.actions),
        h(
          'div',
          { class: 'buttons' },
          ['queued', 'awaiting-reporter'].includes(kc.status) || (kc.status === 'in-progress' && !mine)
            ? h('button', { type: 'button', class: 'primary', onclick: () => void act((v) => consoleApi.claim(id, v)) }, c.case.claimBtn)
            : '',
          kc.status === 'in-progress'
            ? h('button', { type: 'button', onclick: () => void act((v) => consoleApi.release(id, v)) }, c.case.release)
            : '',
        ),
        open && kc.status !== 'awaiting-reporter'
          ? textForm(c.case.askDetails, c.case.message, 'message', (m, v) => consoleApi.requestInfo(id, m, v))
          : '',
        open ? resolveForm(kc) : '',
        open && kc.status !== 'escalated'
          ? textForm(c.case.escalate, c.case.reason, 'reason', (m, v) => consoleApi.escalate(id, m, v))
          : '',
        textForm(c.case.addNote, c.case.note, 'text', (m, v) => consoleApi.note(id, m, v)),
      ),
      messagesNotesHistory(kc, ctx),
    );
  };

  const load = async (force: boolean) => {
    const next = await consoleApi.staffCase(id);
    if (!force && k && next.version === k.version) return;
    if (!force && k && typed()) {
      clear(
        box,
        h(
          'p',
          { class: 'warning', role: 'status' },
          c.case.changedHere,
          ' ',
          h('button', { type: 'button', onclick: () => void load(true).then(() => clear(box)) }, c.case.reload),
        ),
      );
      return;
    }
    k = next;
    heading.textContent = `${next.reference}`;
    draw(next);
  };

  const heading = h('h1', {}, id);
  clear(el, h('p', {}, h('a', { href: '#/queue' }, c.case.back)), heading, box, body);
  try {
    await load(true);
  } catch (err) {
    clear(box, h('p', { class: 'error', role: 'alert' }, errorText(err, ctx)));
  }
  every(CASE_POLL_MS, ctx.signal, () => load(false));
}

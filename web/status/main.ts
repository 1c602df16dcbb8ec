/** `/status/{id}#t={token}` — one report's status page (contract §8). The token stays in the fragment. */
import { takeProofOfWork } from '../api/altcha.js';
import { api, ApiError, NetworkError, type Language, type ReporterView } from '../api/client.js';
import { formatTime, type Catalog } from '../i18n/index.js';
import { clear, h } from '../shell/dom.js';
import { textareaField } from '../shell/fields.js';
import { startPage } from '../shell/shell.js';

const id = decodeURIComponent(location.pathname.replace(/^\/status\//, '').replace(/\/$/, ''));
const tokenOfHash = () => new URLSearchParams(location.hash.slice(1)).get('t') ?? '';
let token = tokenOfHash();

let view: ReporterView | undefined;
let dead = false;
let loadFailed = false;
let reply = '';
let replyError: string | undefined;
let sent = false;
let sending = false;
let main: HTMLElement;
let t: Catalog;
let lang: Language;

function deadView() {
  return [
    h('h1', {}, t.linkDeadTitle),
    h('p', {}, t.linkDeadText),
    h('p', {}, t.linkDeadHow),
    h('p', {}, h('a', { href: `/?lang=${lang}` }, t.newReport)),
  ];
}

function caseView(v: ReporterView) {
  const canReply = v.status === 'awaiting-reporter' || v.status === 'resolved';
  const facts: [string, string][] = [[t.receivedAt, formatTime(v.receivedAt, t)]];
  if (v.status !== 'resolved' && v.expectedResponseBy) facts.push([t.answerByLabel, formatTime(v.expectedResponseBy, t)]);
  if (v.correctedResult) facts.push([t.correctedResult, `${v.correctedResult.homeGoals}–${v.correctedResult.awayGoals}`]);
  return [
    h('h1', {}, t.statusOf(v.reference)),
    h(
      'section',
      { class: `state state-${v.status}`, 'aria-labelledby': 'state-h' },
      h('h2', { id: 'state-h' }, t.statusTitle),
      h('p', { class: 'state-text', 'data-status': v.status }, t.states[v.status]),
      v.outcome ? h('p', { class: 'outcome' }, t.outcomes[v.outcome]) : null,
      h(
        'dl',
        { class: 'facts' },
        facts.flatMap(([k, x]) => [h('dt', {}, k), h('dd', {}, x)]),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'msg-h' },
      h('h2', { id: 'msg-h' }, t.messages),
      v.messages.length
        ? h(
            'ol',
            { class: 'messages' },
            v.messages.map((m) =>
              h(
                'li',
                { class: `msg from-${m.from}` },
                h('p', { class: 'msg-meta' }, `${t.from[m.from]} · ${formatTime(m.at, t)}`),
                h('p', { class: 'msg-text' }, m.message),
              ),
            ),
          )
        : h('p', {}, t.noMessages),
    ),
    sent ? h('p', { class: 'notice', role: 'status', id: 'sent', tabindex: '-1' }, t.replySent) : null,
    canReply
      ? h(
          'form',
          { class: 'reply', novalidate: true, onsubmit: (e: Event) => (e.preventDefault(), void send()) },
          replyError ? h('div', { class: 'alert', role: 'alert', id: 'reply-alert', tabindex: '-1' }, h('p', {}, replyError)) : null,
          textareaField({
            label: v.status === 'resolved' ? t.reopenLabel : t.replyLabel,
            name: 'message',
            hint: v.status === 'resolved' ? undefined : t.replyHint,
            value: reply,
            required: true,
            requiredText: t.required,
            onInput: (x) => (reply = x),
          }),
          h(
            'div',
            { class: 'actions' },
            h(
              'button',
              { type: 'submit', 'aria-disabled': sending ? 'true' : null },
              sending ? t.sending : v.status === 'resolved' ? t.reopenSend : t.replySend,
            ),
          ),
        )
      : null,
  ];
}

function redraw(focus?: string) {
  if (dead) clear(main, deadView());
  else if (view) clear(main, caseView(view));
  else clear(main, h('h1', {}, t.statusTitle), h('p', { role: 'status' }, loadFailed ? t.serverError : t.loading));
  if (focus) document.getElementById(focus)?.focus();
}

async function load(focus?: string) {
  if (!token) {
    dead = true;
    return redraw();
  }
  try {
    view = await api.correction(id, token);
    loadFailed = false;
  } catch (err) {
    if (err instanceof ApiError && err.status < 500) dead = true;
    else loadFailed = true;
  }
  redraw(focus);
}

async function send() {
  if (sending) return;
  if (!reply.trim()) {
    replyError = t.fieldErrors.description ?? t.fieldFallback;
    return redraw('reply-alert');
  }
  sending = true;
  replyError = undefined;
  redraw();
  try {
    await api.reply(id, token, reply, await takeProofOfWork());
    reply = '';
    sent = true;
    sending = false;
    await load('sent');
  } catch (err) {
    sending = false;
    replyError =
      err instanceof NetworkError
        ? t.networkLost
        : err instanceof ApiError && err.status === 429
          ? t.rateLimited
          : err instanceof ApiError && err.status === 403
            ? t.proofFailed
            : t.serverError;
    if (err instanceof ApiError && err.status === 404) dead = true;
    redraw('reply-alert');
  }
}

startPage({
  title: (c) => c.statusTitle,
  render(el, c, l) {
    const first = !main;
    main = el;
    t = c;
    lang = l;
    redraw();
    if (first) void load();
  },
});

// another email's link opened in the same tab changes only the fragment: read the case again with its token
addEventListener('hashchange', () => {
  token = tokenOfHash();
  view = undefined;
  dead = false;
  sent = false;
  redraw();
  void load();
});

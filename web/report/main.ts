/** `/` — report a result error (contract §8). */
import { prepareProofOfWork, takeProofOfWork } from '../api/altcha.js';
import { api, ApiError, NetworkError, type Language } from '../api/client.js';
import { helsinkiToday, type Catalog } from '../i18n/index.js';
import { clear, h } from '../shell/dom.js';
import { startPage } from '../shell/shell.js';
import { bodyOf, fieldOfPath, newKey, type FormValues, type ReportState } from './state.js';
import { doneView, formView, serviceBox, type Actions } from './view.js';

const state: ReportState = {
  values: {
    date: helsinkiToday(),
    seriesId: '',
    team: '',
    matchId: '',
    category: '',
    description: '',
    homeGoals: '',
    awayGoals: '',
    name: '',
    email: '',
    phone: '',
    reporterTeam: '',
    language: '',
  },
  idempotencyKey: newKey(),
  sending: false,
  fieldErrors: {},
};
let main: HTMLElement;
let t: Catalog;
let lang: Language;
let matchesAsked = 0;

/** Draw again, keeping focus on the control that had it (same name, and value for radios). */
function redraw(focus?: string) {
  const active = document.activeElement as HTMLInputElement | null;
  const keep =
    active && main.contains(active) ? { name: active.name, value: active.type === 'radio' ? active.value : undefined } : undefined;
  clear(
    main,
    h('h1', {}, t.reportTitle),
    state.created ? null : h('p', { class: 'lead' }, t.reportLead),
    serviceBox(state, t),
    state.created ? doneView(state, t, actions, lang) : formView(state, t, actions, lang),
  );
  if (focus) {
    document.getElementById(focus)?.focus();
  } else if (keep?.name) {
    const sel =
      keep.value !== undefined
        ? `[name="${CSS.escape(keep.name)}"][value="${CSS.escape(keep.value)}"]`
        : `[name="${CSS.escape(keep.name)}"]`;
    (main.querySelector(sel) as HTMLElement | null)?.focus();
  }
}

async function loadService() {
  try {
    state.service = await api.serviceStatus(lang);
  } catch {
    state.service = 'failed';
  }
  redraw();
}

async function loadMatches() {
  const asked = ++matchesAsked;
  state.matches = undefined;
  redraw();
  try {
    const r = await api.matches(state.values.date);
    if (asked !== matchesAsked) return;
    state.matches = r.items.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.home.localeCompare(b.home));
    if (!state.matches.some((m) => m.id === state.values.matchId)) state.values.matchId = '';
  } catch {
    if (asked !== matchesAsked) return;
    state.matches = 'failed';
  }
  redraw();
}

function explain(err: unknown) {
  state.fieldErrors = {};
  state.formError = undefined;
  if (err instanceof NetworkError) {
    state.formError = { text: t.networkLost, retry: true };
  } else if (err instanceof ApiError) {
    if (err.code === 'validation_failed' || err.code === 'unknown_match') {
      const paths = err.details.length ? err.details.map((d) => d.path) : [err.code === 'unknown_match' ? 'matchId' : ''];
      for (const p of paths) {
        const f = fieldOfPath(p);
        if (f) state.fieldErrors[f] = err.code === 'unknown_match' ? t.unknownMatch : (t.fieldErrors[f] ?? t.fieldFallback);
      }
      if (!Object.keys(state.fieldErrors).length) state.formError = { text: t.fixFields, apiMessage: err.message };
    } else if (err.status === 429) {
      state.formError = { text: t.rateLimited };
    } else if (err.status === 403) {
      state.formError = { text: t.proofFailed, retry: true };
    } else if (err.status >= 500) {
      state.formError = { text: t.serverError, retry: true };
    } else {
      state.formError = { text: t.fixFields, apiMessage: err.message };
    }
  } else {
    state.formError = { text: t.serverError, retry: true };
  }
}

async function submit() {
  if (state.sending) return; // a double tap sends once (and the Idempotency-Key covers the rest)
  state.sending = true;
  redraw();
  try {
    const body = bodyOf(state.values, lang);
    const proof = await takeProofOfWork();
    try {
      state.created = await api.createCorrection(body, state.idempotencyKey, proof);
    } catch (err) {
      // the same key with another body (edited after a lost connection) is another report: a new key
      if (!(err instanceof ApiError && err.code === 'idempotency_key_reused')) throw err;
      state.idempotencyKey = newKey();
      state.created = await api.createCorrection(body, state.idempotencyKey, await takeProofOfWork());
    }
    state.fieldErrors = {};
    state.formError = undefined;
    state.sending = false;
    redraw('done-h');
  } catch (err) {
    explain(err);
    state.sending = false;
    redraw('form-alert');
  }
}

const actions: Actions = {
  set(field: keyof FormValues, value: string, again = false) {
    (state.values as unknown as Record<string, string>)[field] = value;
    if (again) redraw();
  },
  loadMatches: () => void loadMatches(),
  submit: () => void submit(),
  newReport() {
    const v = state.values;
    state.values = { ...v, matchId: '', category: '', description: '', homeGoals: '', awayGoals: '' };
    state.created = undefined;
    state.idempotencyKey = newKey();
    redraw();
    main.querySelector('h1')?.setAttribute('tabindex', '-1');
    (main.querySelector('h1') as HTMLElement | null)?.focus();
  },
};

startPage({
  title: (c) => c.reportTitle,
  render(el, c, l) {
    const first = !main;
    main = el;
    t = c;
    const changed = lang !== undefined && lang !== l;
    lang = l;
    redraw();
    if (first) {
      // the proof of work waits until the form is usable: on a slow line it must not hold up the matches
      void loadMatches().finally(() => prepareProofOfWork());
    }
    if (first || changed) void loadService();
  },
});

/** Drawing the report form from its state. */
import type { Language, MatchItem } from '../api/client.js';
import type { Catalog } from '../i18n/index.js';
import { formatClock, formatTime } from '../i18n/index.js';
import { h, uid } from '../shell/dom.js';
import { inputField, selectField, textareaField } from '../shell/fields.js';
import type { FormValues, ReportState } from './state.js';

export interface Actions {
  set(field: keyof FormValues, value: string, redraw?: boolean): void;
  loadMatches(): void;
  submit(): void;
  newReport(): void;
}

export function serviceBox(s: ReportState, t: Catalog) {
  const body =
    s.service === undefined
      ? [h('p', {}, t.loading)]
      : s.service === 'failed'
        ? [h('p', {}, t.serviceUnavailable)]
        : [
            h('p', { class: s.service.open ? 'open' : 'closed' }, s.service.message),
            h('p', {}, t.answerBy(formatTime(s.service.expectedResponseBy, t))),
          ];
  return h(
    'section',
    { class: 'service', 'aria-labelledby': 'service-h', 'aria-live': 'polite' },
    h('h2', { id: 'service-h' }, t.serviceHeading),
    body,
  );
}

function matchLabel(m: MatchItem, t: Catalog) {
  const score = m.homeGoals !== undefined && m.awayGoals !== undefined ? t.officialScore(m.homeGoals, m.awayGoals) : t.noScoreYet;
  return [
    h('span', { class: 'm-teams' }, `${formatClock(m.startsAt, t)} ${m.home} – ${m.away}`),
    h('span', { class: 'm-meta' }, `${m.seriesName} · ${score}`),
  ];
}

function matchSection(s: ReportState, t: Catalog, a: Actions) {
  const v = s.values;
  const all = Array.isArray(s.matches) ? s.matches : [];
  const series = [...new Map(all.map((m) => [m.seriesId, m.seriesName])).entries()].sort((x, y) => x[1].localeCompare(y[1]));
  const inSeries = all.filter((m) => !v.seriesId || m.seriesId === v.seriesId);
  const teams = [...new Set(inSeries.flatMap((m) => [m.home, m.away]))].sort((x, y) => x.localeCompare(y));
  const shown = inSeries.filter((m) => !v.team || m.home === v.team || m.away === v.team);
  const err = s.fieldErrors.matchId;
  const listId = uid('matches');
  let list: HTMLElement;
  if (s.matches === undefined) list = h('p', {}, t.loading);
  else if (s.matches === 'failed') list = h('p', { class: 'error-text' }, t.matchesFailed);
  else if (shown.length === 0) list = h('p', {}, t.noMatches);
  else
    list = h(
      'fieldset',
      { class: `matches${err ? ' has-error' : ''}`, 'aria-describedby': err ? `${listId}-error` : null },
      h('legend', {}, t.pickMatch),
      err ? h('p', { class: 'error-text', id: `${listId}-error`, 'data-error-for': 'matchId' }, err) : null,
      shown.map((m) => {
        const id = uid('m');
        return h(
          'div',
          { class: 'match' },
          h('input', {
            type: 'radio',
            id,
            name: 'matchId',
            value: m.id,
            checked: v.matchId === m.id,
            'aria-invalid': err ? 'true' : null,
            onchange: () => a.set('matchId', m.id, true),
          }),
          h('label', { for: id }, matchLabel(m, t)),
        );
      }),
    );
  return h(
    'fieldset',
    { class: 'section' },
    h('legend', {}, t.matchLegend),
    h(
      'div',
      { class: 'filters' },
      inputField({ label: t.date, name: 'date', type: 'date', value: v.date, onInput: (x) => (a.set('date', x), a.loadMatches()) }),
      selectField({
        label: t.series,
        name: 'seriesId',
        value: v.seriesId,
        options: [['', t.allSeries], ...series],
        onChange: (x) => a.set('seriesId', x, true),
      }),
      selectField({
        label: t.team,
        name: 'team',
        value: v.team,
        options: [['', t.allTeams], ...teams.map((x): [string, string] => [x, x])],
        onChange: (x) => a.set('team', x, true),
      }),
    ),
    list,
  );
}

function pickedMatch(s: ReportState): MatchItem | undefined {
  return Array.isArray(s.matches) ? s.matches.find((m) => m.id === s.values.matchId) : undefined;
}

function whatSection(s: ReportState, t: Catalog, a: Actions) {
  const v = s.values;
  const e = s.fieldErrors;
  const m = pickedMatch(s);
  const cats = Object.entries(t.categories) as [string, string][];
  const score = v.category === 'final-score' || v.category === 'period-score';
  return h(
    'fieldset',
    { class: 'section' },
    h('legend', {}, t.categoryLabel),
    selectField({
      label: t.categoryField,
      name: 'category',
      value: v.category,
      required: true,
      requiredText: t.required,
      error: e.category,
      options: [['', '—'], ...cats],
      onChange: (x) => a.set('category', x, true),
    }),
    score
      ? h(
          'fieldset',
          { class: `score${e.proposed ? ' has-error' : ''}` },
          h('legend', {}, t.proposedLegend),
          h('p', { class: 'hint' }, v.category === 'final-score' ? t.proposedHint : t.proposedOptionalHint),
          e.proposed ? h('p', { class: 'error-text', 'data-error-for': 'proposed' }, e.proposed) : null,
          h(
            'div',
            { class: 'pair' },
            inputField({
              label: t.homeGoals(m?.home ?? '–'),
              name: 'proposed.homeGoals',
              type: 'number',
              inputmode: 'numeric',
              min: 0,
              max: 99,
              value: v.homeGoals,
              error: e['proposed.homeGoals'],
              onInput: (x) => a.set('homeGoals', x),
            }),
            inputField({
              label: t.awayGoals(m?.away ?? '–'),
              name: 'proposed.awayGoals',
              type: 'number',
              inputmode: 'numeric',
              min: 0,
              max: 99,
              value: v.awayGoals,
              error: e['proposed.awayGoals'],
              onInput: (x) => a.set('awayGoals', x),
            }),
          ),
        )
      : null,
    textareaField({
      label: t.description,
      name: 'description',
      hint: t.descriptionHint,
      value: v.description,
      required: true,
      requiredText: t.required,
      error: e.description,
      onInput: (x) => a.set('description', x),
    }),
  );
}

function whoSection(s: ReportState, t: Catalog, a: Actions, lang: Language) {
  const v = s.values;
  const e = s.fieldErrors;
  const m = pickedMatch(s);
  const teamOptions: [string, string][] = [['', t.noTeam], ...(m ? [m.home, m.away] : []).map((x): [string, string] => [x, x])];
  if (v.reporterTeam && !teamOptions.some(([x]) => x === v.reporterTeam)) teamOptions.push([v.reporterTeam, v.reporterTeam]);
  return h(
    'fieldset',
    { class: 'section' },
    h('legend', {}, t.reporterLegend),
    inputField({
      label: t.name,
      name: 'reporter.name',
      value: v.name,
      autocomplete: 'name',
      required: true,
      requiredText: t.required,
      error: e['reporter.name'],
      onInput: (x) => a.set('name', x),
    }),
    inputField({
      label: t.email,
      name: 'reporter.email',
      type: 'email',
      value: v.email,
      autocomplete: 'email',
      hint: t.emailHint,
      required: true,
      requiredText: t.required,
      error: e['reporter.email'],
      onInput: (x) => a.set('email', x),
    }),
    inputField({
      label: t.phone,
      name: 'reporter.phone',
      type: 'tel',
      value: v.phone,
      autocomplete: 'tel',
      hint: t.phoneHint,
      error: e['reporter.phone'],
      onInput: (x) => a.set('phone', x),
    }),
    selectField({
      label: t.yourTeam,
      name: 'reporter.team',
      value: v.reporterTeam,
      options: teamOptions,
      error: e['reporter.team'],
      onChange: (x) => a.set('reporterTeam', x),
    }),
    selectField({
      label: t.answerLanguage,
      name: 'language',
      value: v.language || lang,
      options: [
        ['fi', 'Suomi'],
        ['sv', 'Svenska'],
        ['en', 'English'],
      ],
      onChange: (x) => a.set('language', x),
    }),
  );
}

export function formView(s: ReportState, t: Catalog, a: Actions, lang: Language) {
  const errs = Object.keys(s.fieldErrors);
  const summary =
    s.formError || errs.length
      ? h(
          'div',
          { class: 'alert', role: 'alert', id: 'form-alert', tabindex: '-1' },
          h('p', {}, s.formError?.text ?? t.fixFields),
          s.formError?.apiMessage ? h('p', { class: 'api-message' }, `${t.apiSays} ${s.formError.apiMessage}`) : null,
          s.formError?.retry ? h('button', { type: 'button', class: 'secondary', onclick: () => a.submit() }, t.retry) : null,
        )
      : null;
  return h(
    'form',
    { novalidate: true, onsubmit: (e: Event) => (e.preventDefault(), a.submit()) },
    summary,
    matchSection(s, t, a),
    whatSection(s, t, a),
    whoSection(s, t, a, lang),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', 'aria-disabled': s.sending ? 'true' : null }, s.sending ? t.sending : t.send),
    ),
  );
}

export function doneView(s: ReportState, t: Catalog, a: Actions, lang: Language) {
  const c = s.created!;
  const href = `/status/${encodeURIComponent(c.id)}?lang=${lang}#t=${encodeURIComponent(c.trackingToken)}`;
  return h(
    'section',
    { class: 'done', 'aria-labelledby': 'done-h' },
    h('h2', { id: 'done-h', tabindex: '-1' }, t.thanks),
    h('p', { class: 'ref-label' }, t.referenceLabel),
    h('p', { class: 'reference', 'data-reference': c.reference }, c.reference),
    h('p', { class: 'hint' }, t.referenceHint),
    h('p', {}, t.promise(formatTime(c.expectedResponseBy, t))),
    s.values.email ? h('p', {}, t.emailSent) : null,
    h('p', {}, h('a', { href, class: 'status-link', referrerpolicy: 'no-referrer' }, t.followOnStatusPage)),
    h('p', {}, h('button', { type: 'button', class: 'secondary', onclick: () => a.newReport() }, t.newReport)),
  );
}

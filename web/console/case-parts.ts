/** Pieces of the case view shared by staff and officials: the claim beside the official record, messages, notes, history. */
import type { HistoryEntry, StaffCase } from '../api/client.js';
import { formatTime } from '../i18n/index.js';
import { h } from '../shell/dom.js';
import type { Ctx } from './context.js';

const score = (s?: { homeGoals?: number; awayGoals?: number }) =>
  s && s.homeGoals !== undefined && s.awayGoals !== undefined ? `${s.homeGoals}–${s.awayGoals}` : '–';

export function claimAndRecord(k: StaffCase, ctx: Ctx): HTMLElement {
  const { c } = ctx;
  const rec = k.official ?? undefined;
  const scoreDiffers = !!k.proposed && !!rec?.final && (rec.final.home !== k.proposed.homeGoals || rec.final.away !== k.proposed.awayGoals);
  const match = k.match
    ? `${k.match.home} – ${k.match.away}${k.match.seriesName ? `, ${k.match.seriesName}` : ''} · ${formatTime(k.match.startsAt, ctx.t)}`
    : k.matchId;
  return h(
    'div',
    { class: 'side-by-side' },
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'claim-h' },
      h('h2', { id: 'claim-h' }, c.case.claim),
      h(
        'dl',
        {},
        h('dt', {}, c.queue.cols.match),
        h('dd', {}, match),
        h('dt', {}, c.case.category),
        h('dd', {}, ctx.t.categories[k.category] ?? k.category),
        h('dt', {}, c.case.proposed),
        h(
          'dd',
          { class: scoreDiffers ? 'diff' : '' },
          score(k.proposed),
          scoreDiffers ? h('span', { class: 'flag' }, ` (${c.case.difference})`) : '',
        ),
        h('dt', {}, c.case.description),
        h('dd', { class: 'prewrap' }, k.description),
        h('dt', {}, c.case.reporter),
        h('dd', {}, [k.reporter.name, k.reporter.team, k.reporter.role, k.reporter.email, k.reporter.phone].filter(Boolean).join(' · ')),
      ),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'record-h' },
      h('h2', { id: 'record-h' }, c.case.official),
      rec
        ? h(
            'dl',
            {},
            h('dt', {}, c.case.reported),
            h('dd', { class: scoreDiffers ? 'diff' : '' }, rec.summary, ` (${rec.status})`),
            rec.goals?.length
              ? [
                  h('dt', {}, c.case.goals),
                  h('dd', {}, rec.goals.map((g) => `${g.period ?? ''} ${g.time ?? ''} ${g.team} ${g.player ?? ''}`.trim()).join(' · ')),
                ]
              : null,
          )
        : h('p', {}, c.case.noOfficial),
      k.differences?.length
        ? h(
            'ul',
            { class: 'differences' },
            k.differences.map((d) => h('li', { class: 'diff' }, d)),
          )
        : '',
      k.recordNow === 'matches-proposal' ? h('p', { class: 'ok' }, c.case.recordNow) : '',
    ),
  );
}

export function messagesNotesHistory(k: StaffCase, ctx: Ctx): HTMLElement[] {
  const { c } = ctx;
  return [
    h(
      'section',
      { 'aria-labelledby': 'msg-h', class: 'messages' },
      h('h2', { id: 'msg-h' }, c.case.messages),
      k.messages.length
        ? h(
            'ol',
            {},
            k.messages.map((m) =>
              h(
                'li',
                { class: `from-${m.from}` },
                h('strong', {}, `${c.case.from[m.from] ?? m.from}, ${formatTime(m.at, ctx.t)}: `),
                h('span', { class: 'prewrap' }, m.message),
              ),
            ),
          )
        : h('p', {}, c.case.none),
    ),
    k.notes
      ? h(
          'section',
          { 'aria-labelledby': 'notes-h', class: 'notes' },
          h('h2', { id: 'notes-h' }, c.case.notes),
          k.notes.length
            ? h(
                'ol',
                {},
                k.notes.map((n) => h('li', {}, h('strong', {}, `${n.author}, ${formatTime(n.at, ctx.t)}: `), n.text)),
              )
            : h('p', {}, c.case.none),
        )
      : null,
    k.history
      ? h(
          'section',
          { 'aria-labelledby': 'hist-h', class: 'history' },
          h('h2', { id: 'hist-h' }, c.case.history),
          h(
            'ol',
            {},
            k.history.map((e) => h('li', {}, historyLine(e, ctx))),
          ),
        )
      : null,
  ].filter((x): x is HTMLElement => x !== null);
}

export function historyLine(e: HistoryEntry, ctx: Ctx): string {
  const what = e.from && e.to ? `${e.action} (${ctx.c.statuses[e.from] ?? e.from} → ${ctx.c.statuses[e.to] ?? e.to})` : e.action;
  return `v${e.version} ${ctx.c.case.changedBy(e.actor, what, formatTime(e.at, ctx.t))}`;
}

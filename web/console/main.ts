/**
 * The desk's console (contract §8.1): one page at /console/, views by the URL fragment (#/queue, #/case/{id},
 * #/callbacks, #/escalations, #/official/{id}, #/reports, #/admin). Reuses the report pages' shell (header,
 * language switch), API client and catalogs; the language follows the user's `locale` unless ?lang= says otherwise.
 */
import { api, useBearer, type Language } from '../api/client.js';
import { formatClock } from '../i18n/index.js';
import { clear, h } from '../shell/dom.js';
import { startPage } from '../shell/shell.js';
import { Auth } from './auth.js';
import { adminView } from './admin.js';
import { callbacksView } from './callbacks.js';
import { caseView } from './case.js';
import { CONSOLE_TEXTS, every, isAdmin, isOfficial, isStaff, type Ctx, type View } from './context.js';
import { escalationsView, officialCaseView } from './officials.js';
import { queueView } from './queue.js';
import { reportsView } from './reports.js';

const ROUTES: Record<string, View> = {
  queue: queueView,
  case: caseView,
  callbacks: callbacksView,
  escalations: escalationsView,
  official: officialCaseView,
  reports: reportsView,
  admin: adminView,
};

async function main() {
  performance.mark('console:start');
  const auth = await Auth.load();
  performance.mark('console:config');
  const user = await auth.complete();
  useBearer(() => auth.token());
  const params = new URLSearchParams(location.search);
  const locale = user?.locale?.slice(0, 2);
  if (!params.get('lang') && (locale === 'fi' || locale === 'sv' || locale === 'en')) {
    params.set('lang', locale);
    history.replaceState(null, '', `${location.pathname}?${params.toString()}${location.hash}`);
  }
  let views: AbortController | undefined;
  let lang: Language = 'fi';
  let t: Parameters<Parameters<typeof startPage>[0]['render']>[1];
  let viewEl: HTMLElement;
  let statusEl: HTMLElement;

  const route = () => {
    views?.abort();
    views = new AbortController();
    if (!user) return;
    const [name = '', arg] = location.hash.replace(/^#\/?/, '').split('/');
    const fallback = isStaff(user) ? 'queue' : 'escalations';
    const view = ROUTES[name] ?? ROUTES[fallback]!;
    const ctx: Ctx = { t, c: CONSOLE_TEXTS[lang], lang, user, signal: views.signal };
    clear(viewEl);
    void view(viewEl, ctx, arg ? decodeURIComponent(arg) : undefined);
    for (const a of document.querySelectorAll<HTMLAnchorElement>('nav.console-nav a')) {
      if (a.getAttribute('href') === `#/${ROUTES[name] ? name : fallback}`) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    every(60_000, views.signal, () => drawStatus());
  };

  const drawStatus = async () => {
    // the element and language of this call: a language switch meanwhile draws its own
    const [el, l, tt] = [statusEl, lang, t];
    const c = CONSOLE_TEXTS[l];
    try {
      const s = (await api.serviceStatus(l)) as Awaited<ReturnType<typeof api.serviceStatus>> & {
        season?: { id: string; active: boolean };
      };
      clear(
        el,
        h('strong', { class: s.open ? 'open' : 'closed' }, s.open ? c.service.open : c.service.closed),
        ` · ${s.mode === 'closed' ? '' : `${c.service[s.mode]} · `}`,
        s.season ? c.service.season(s.season.id, s.season.active) : '',
        s.closesAt ? ` · –${formatClock(s.closesAt, tt)}` : '',
      );
    } catch {
      clear(el, c.offline);
    }
  };

  window.addEventListener('hashchange', route);
  startPage({
    title: (tt) => CONSOLE_TEXTS[(document.documentElement.lang as Language) || 'fi']?.title ?? tt.siteName,
    render(main, tt, l) {
      lang = l;
      t = tt;
      document.title = `${CONSOLE_TEXTS[l].title} – ${tt.siteName}`;
      const c = CONSOLE_TEXTS[l];
      main.classList.add('console');
      if (!user) {
        clear(
          main,
          h('h1', {}, c.title),
          h('p', {}, c.signInLead),
          h('button', { type: 'button', class: 'primary', onclick: () => void auth.signIn() }, c.signIn),
        );
        return;
      }
      const links: [string, string][] = [];
      if (isStaff(user)) links.push(['queue', c.nav.queue], ['callbacks', c.nav.callbacks], ['reports', c.nav.reports]);
      if (isOfficial(user)) links.push(['escalations', c.nav.escalations]);
      if (isAdmin(user)) links.push(['admin', c.nav.admin]);
      statusEl = h('p', { class: 'service-bar', role: 'status', 'aria-live': 'polite' });
      viewEl = h('div', { class: 'view' });
      clear(
        main,
        h(
          'div',
          { class: 'console-bar' },
          h(
            'nav',
            { class: 'console-nav', 'aria-label': c.title },
            h(
              'ul',
              {},
              links.map(([k, label]) => h('li', {}, h('a', { href: `#/${k}` }, label))),
            ),
          ),
          statusEl,
          h('p', { class: 'who' }, c.signedInAs(user.name), ' ', h('button', { type: 'button', onclick: () => auth.signOut() }, c.signOut)),
        ),
        links.length ? viewEl : h('p', { role: 'alert' }, c.noAccess),
      );
      void drawStatus();
      if (links.length) route();
    },
  });
}

void main();

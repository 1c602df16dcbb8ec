/**
 * The page shell both pages share: site header with the language switch, one <main>, the document's
 * language and title. Switching language re-renders the page in place (no reload), so nothing typed is lost.
 */
import type { Language } from '../api/client.js';
import { CATALOGS, LANGUAGES, pickLanguage, type Catalog } from '../i18n/index.js';
import { clear, h } from './dom.js';

export interface Page {
  /** draws the page into <main> in this language; called again on every language switch */
  render(main: HTMLElement, t: Catalog, lang: Language): void;
  title(t: Catalog): string;
}

export function startPage(page: Page): void {
  let lang = pickLanguage(location.search, navigator.languages?.length ? navigator.languages : [navigator.language]);
  const header = h('header', { class: 'site-header' });
  const main = h('main', { id: 'main', tabindex: '-1' });
  document.body.replaceChildren(header, main);

  const draw = () => {
    const t = CATALOGS[lang];
    document.documentElement.lang = lang;
    document.title = `${page.title(t)} – ${t.siteName}`;
    clear(
      header,
      h('a', { class: 'skip', href: '#main' }, t.skipToContent),
      h('span', { class: 'site-name' }, t.siteName),
      h(
        'nav',
        { class: 'lang', 'aria-label': t.languageLabel },
        h(
          'ul',
          {},
          LANGUAGES.map((l) =>
            h(
              'li',
              {},
              h(
                'a',
                {
                  href: urlWithLang(l),
                  lang: l,
                  hreflang: l,
                  ...(l === lang ? { 'aria-current': 'true' } : {}),
                  onclick: (e: Event) => {
                    e.preventDefault();
                    if (l === lang) return;
                    lang = l;
                    history.replaceState(history.state, '', urlWithLang(l));
                    draw();
                  },
                },
                CATALOGS[l].languageName,
              ),
            ),
          ),
        ),
      ),
    );
    page.render(main, t, lang);
  };
  draw();
}

/** This page's address with ?lang=…; the fragment (the status page's token) stays as it is. */
export function urlWithLang(lang: Language): string {
  const u = new URL(location.href);
  u.searchParams.set('lang', lang);
  return `${u.pathname}${u.search}${u.hash}`;
}

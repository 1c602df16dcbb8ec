/**
 * Inline in the console's <head>: its sign-in config, and — when a signed-in staff member opens the queue — the
 * queue and the service status, asked for at once (the same paths and token the console's client will use).
 * Order matters a little on a slow phone (each fetch() costs the main thread several ms): the queue first (the
 * slowest answer, and what the desk waits for), then the config the sign-in needs, the service status last.
 */
import { earlyGet } from '../api/early.js';
import { pickLanguage } from '../i18n/pick.js';

let status: string | undefined;
try {
  const t = JSON.parse(sessionStorage.getItem('console.tokens') ?? 'null') as { idToken: string; expiresAt: number } | null;
  const view = location.hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  if (t && t.expiresAt - Date.now() > 60_000 && (view === '' || view === 'queue')) {
    const claims = JSON.parse(atob((t.idToken.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as {
      'cognito:groups'?: string[];
      locale?: string;
    };
    const groups = claims['cognito:groups'] ?? [];
    if (groups.includes('staff') || groups.includes('admin')) {
      earlyGet('/staff/queue?limit=100', { authorization: `Bearer ${t.idToken}` });
      // the console's language: ?lang=, else the user's locale, else the browser's (web/console/main.ts)
      const locale = claims.locale ? [claims.locale] : [];
      status = `/service-status?lang=${pickLanguage(location.search, [...locale, ...(navigator.languages ?? [])])}`;
    }
  }
} catch {
  // no early queue: the console asks for it itself
}
earlyGet('/console/config.json');
if (status) earlyGet(status);

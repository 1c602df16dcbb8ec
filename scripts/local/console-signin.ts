/**
 * LOCAL ONLY: the console's demo sign-in page (contract §8.1 "never deployed"). `npm start` and the browser
 * tests mount it on the local server; the CDK app and the web build never import this file (a test checks the
 * synthesized template and dist/web hold none of it). It lists the demo users and mints a local ID token with
 * the local key (./jwt.ts), handing it to the console in the URL fragment (never sent to a server again).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PAGE_HEADERS } from '../../shared/web-headers.js';
import { signToken, type LocalKeys } from './jwt.js';

export const LOCAL_SIGNIN_MARKER = 'local-demo-sign-in';

export const DEMO_USERS = {
  staff: { sub: 'demo-staff', groups: ['staff'], email: 'sami.staff@salibandy.example', name: 'Sami Staff', locale: 'fi' },
  staff2: { sub: 'demo-staff-2', groups: ['staff'], email: 'siiri.staff@salibandy.example', name: 'Siiri Staff', locale: 'sv' },
  official: {
    sub: 'demo-official',
    groups: ['official'],
    email: 'sanna.sarjavastaava@salibandy.example',
    name: 'Sanna Sarjavastaava',
    locale: 'fi',
  },
  admin: { sub: 'demo-admin', groups: ['admin'], email: 'aino.admin@salibandy.example', name: 'Aino Admin', locale: 'en' },
} as const;
export type DemoUser = keyof typeof DEMO_USERS;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(): string {
  const buttons = Object.entries(DEMO_USERS)
    .map(
      ([key, u]) =>
        `<li><button type="submit" name="user" value="${key}">${esc(u.name)}</button> ` +
        `<span>${u.groups.join(', ')} · ${esc(u.email)}</span></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en" data-marker="${LOCAL_SIGNIN_MARKER}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>Local sign-in – results hotline console</title></head>
<body><main>
<h1>Local sign-in (demo users)</h1>
<p>This page exists only on <code>npm start</code>. In AWS the console signs in with Cognito.</p>
<form method="post" action="/console/signin"><ul>
${buttons}
</ul></form>
</main></body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 4096) break;
  }
  return new URLSearchParams(text);
}

/** Handles GET/POST /console/signin; false for any other path. */
export function localConsoleSignIn(keys: LocalKeys) {
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (path === '/console/config.json' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...PAGE_HEADERS });
      res.end(JSON.stringify({ auth: 'local', signIn: '/console/signin' }));
      return true;
    }
    if (path !== '/console/signin') return false;
    if (req.method === 'POST') {
      const user = (await readForm(req)).get('user') as DemoUser | null;
      const u = user && Object.hasOwn(DEMO_USERS, user) ? DEMO_USERS[user] : undefined;
      if (!u) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Pick one of the demo users.');
        return true;
      }
      const token = await signToken(keys, { ...u, groups: [...u.groups], expiresIn: 8 * 3600 });
      res.writeHead(303, { location: `/console/#id_token=${token}`, 'cache-control': 'no-store', ...PAGE_HEADERS });
      res.end();
      return true;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...PAGE_HEADERS });
    res.end(page());
    return true;
  };
}

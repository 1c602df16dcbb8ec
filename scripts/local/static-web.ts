/**
 * The web pages on the local server (contract §8), same origin as the API, with the headers CloudFront
 * adds in AWS. Page paths never collide with API routes: `/`, `/status/{id}` and `/assets/*`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { contentSecurityPolicy, PAGE_HEADERS, type CspExtras } from '../../shared/web-headers.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The file under webRoot for a page path, or undefined when the path is not a page (the API's then). */
export function pageFile(path: string): string | undefined {
  if (path === '/' || path === '/index.html') return 'index.html';
  if (/^\/status\/[^/]+\/?$/.test(path)) return 'status/index.html';
  if (path === '/console/' || path === '/console') return 'console/index.html';
  const asset = /^\/assets\/([A-Za-z0-9._-]+)$/.exec(path);
  return asset ? `assets/${asset[1]}` : undefined;
}

/** The page headers with the build's inline-block hashes in the CSP (dist/web/csp.json, written by scripts/build-web.ts). */
const headersByRoot = new Map<string, Promise<Record<string, string>>>();
function pageHeaders(webRoot: string): Promise<Record<string, string>> {
  let p = headersByRoot.get(webRoot);
  if (!p) {
    p = readFile(join(webRoot, 'csp.json'), 'utf8')
      .then((text) => ({ ...PAGE_HEADERS, 'content-security-policy': contentSecurityPolicy(JSON.parse(text) as CspExtras) }))
      .catch(() => PAGE_HEADERS);
    headersByRoot.set(webRoot, p);
  }
  return p;
}

export async function serveWeb(req: IncomingMessage, res: ServerResponse, webRoot: string, path: string): Promise<boolean> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return false;
  const file = pageFile(path);
  if (!file) return false;
  let body: Buffer;
  try {
    body = await readFile(join(webRoot, normalize(file)));
  } catch {
    if (file.startsWith('assets/')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...PAGE_HEADERS });
      res.end('Not found');
      return true;
    }
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The web pages are not built: run `npx tsx scripts/build-web.ts` (npm start does it).');
    return true;
  }
  // compressed as CloudFront compresses them in AWS (the pages carry their code inline: this is most of their weight)
  const gzip =
    /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && /^(text|application\/json)/.test(TYPES[extname(file)] ?? '');
  if (gzip) body = gzipSync(body);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    vary: 'accept-encoding',
    'cache-control': file.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...(await pageHeaders(webRoot)),
  });
  res.end(method === 'HEAD' ? undefined : body);
  return true;
}

/**
 * A conditional GET for the console's polling (contract §8.1): the answer's ETag is a hash of its body; a request
 * whose If-None-Match names it gets 304 with no body, so an idle console's poll costs a few bytes.
 */
import { createHash } from 'node:crypto';
import { json, type HttpRequest, type HttpResult } from './lambda-http.js';

export function etagOf(body: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
}

export function conditionalJson(req: Pick<HttpRequest, 'headers'>, body: unknown): HttpResult {
  const etag = etagOf(body);
  if (req.headers['if-none-match'] === etag) return { status: 304, headers: { etag, 'cache-control': 'no-cache' } };
  return json(200, body, { etag, 'cache-control': 'no-cache' });
}

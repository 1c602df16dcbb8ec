/**
 * A conditional GET for the console's polling (contract §8.1): the answer's ETag is a hash of its body; a request
 * whose If-None-Match names it gets 304 with no body, so an idle console's poll costs a few bytes. The HTTP edge
 * (./lambda-http.ts) serialises the body once and takes the ETag from that same text (issue 15: not twice).
 */
import { etagOfText } from './etag.js';
import type { HttpRequest, HttpResult } from './lambda-http.js';

export function etagOf(body: unknown): string {
  return etagOfText(JSON.stringify(body));
}

/** `json`: the body's JSON text if the route has it already (exactly `JSON.stringify(body)`). */
export function conditionalJson(req: Pick<HttpRequest, 'headers'>, body: unknown, json?: string): HttpResult {
  const result: HttpResult = {
    status: 200,
    body,
    headers: { 'cache-control': 'no-cache' },
    ifNoneMatch: req.headers['if-none-match'] ?? null,
  };
  if (json !== undefined) result.json = json;
  return result;
}

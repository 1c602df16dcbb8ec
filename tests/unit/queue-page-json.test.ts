/**
 * The queue page's remembered JSON text (shared/usecases/queue-page-json.ts) and the remembered ETag
 * (shared/http/etag.ts) are exactly what they replace: `JSON.stringify(page)` and the SHA-256 of the text, for any
 * sequence of pages, including pages that repeat, pages that differ from the last in one value, one key's order or
 * one key, and strings JSON must escape (control characters, quotes, backslashes, lone surrogates).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { etagOfText } from '../../shared/http/etag.js';
import { queuePageJson, type QueuePageAnswer } from '../../shared/usecases/queue-page-json.js';

const KEYS = ['kind', 'id', 'reference', 'status', 'receivedAt', 'version', 'channel', 'matchId', 'assignee', 'name', 'topic', 'match'];
const text = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }), // lone surrogates and control characters
  fc.constantFrom('', 'SPV – Classic', 'Ä"ö\\', 'a\u0000b\u001f\u007f', '\ud800', '\udc00x', '😀', '\u2028'),
);
const value = fc.oneof(
  { weight: 6, arbitrary: text },
  fc.integer(),
  fc.double(),
  fc.constantFrom(-0, NaN, Infinity, true, false, null, undefined),
  fc.record({ home: text }),
  fc.array(text, { maxLength: 2 }),
);
const row = fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), value), { selector: ([k]) => k, maxLength: 12 }).map((entries) => {
  const r: Record<string, unknown> = {};
  for (const [k, v] of entries) r[k] = v;
  return r;
});
const page = fc.record({ items: fc.array(row, { maxLength: 6 }), nextCursor: fc.option(text, { nil: null }) });

/** The next page: a new one, the same one copied, or a copy with one change (a value, a key's place, a key, a nested value). */
const step = fc.tuple(fc.nat(5), page, fc.nat(), value, fc.constantFrom(...KEYS));
type Page = { items: Record<string, unknown>[]; nextCursor: string | null };
function next(prev: Page, [how, fresh, at, v, key]: [number, Page, number, unknown, string]): Page {
  if (how === 0 || prev.items.length === 0) return fresh;
  const items = prev.items.map((r) => ({ ...r }));
  const i = at % items.length;
  const r = items[i]!;
  if (how === 2) r[key] = v;
  if (how === 3) {
    const keys = Object.keys(r);
    const k = keys[at % Math.max(1, keys.length)];
    if (k !== undefined) {
      const moved = r[k];
      delete r[k];
      r[k] = moved;
    }
  }
  if (how === 4) delete r[key];
  if (how === 5) {
    // an object value shared with the last page (rows are copied shallowly) changed in place
    const shared = Object.values(r).find((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
    if (shared) shared[key] = v;
  }
  return { items, nextCursor: prev.nextCursor };
}

describe('the queue page text and its ETag are the ones computed', () => {
  it('queuePageJson(page) === JSON.stringify(page) over any sequence of pages', () => {
    fc.assert(
      fc.property(page, fc.array(step, { maxLength: 12 }), (first, steps) => {
        let p: Page = first;
        expect(queuePageJson(p as unknown as QueuePageAnswer)).toBe(JSON.stringify(p));
        for (const s of steps) {
          p = next(p, s);
          expect(queuePageJson(p as unknown as QueuePageAnswer)).toBe(JSON.stringify(p));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a page object with other keys, or in another order, is serialised as it is', () => {
    const items = [{ kind: 'correction', id: 'a' }] as unknown as QueuePageAnswer['items'];
    expect(queuePageJson({ items, nextCursor: null })).toBe('{"items":[{"kind":"correction","id":"a"}],"nextCursor":null}');
    const reordered = { nextCursor: null, items } as QueuePageAnswer;
    expect(queuePageJson(reordered)).toBe(JSON.stringify(reordered));
    const extra = { items, nextCursor: null, more: 1 } as QueuePageAnswer;
    expect(queuePageJson(extra)).toBe(JSON.stringify(extra));
  });

  it('etagOfText is the SHA-256 (base64url, 27 characters) of the text, remembered or not', () => {
    const etag = (t: string) => `"${createHash('sha256').update(t).digest('base64url').slice(0, 27)}"`;
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 16 }), (texts, picks) => {
        for (const t of texts) expect(etagOfText(t)).toBe(etag(t));
        // repeats, in any order, of the same texts (and of copies that are other string objects)
        for (const i of picks) {
          const t = texts[i % texts.length]!;
          expect(etagOfText(t)).toBe(etag(t));
          expect(etagOfText(`${t} `.slice(0, -1))).toBe(etag(t));
        }
      }),
      { numRuns: 300 },
    );
  });
});

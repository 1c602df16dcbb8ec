/**
 * The JSON text of a queue page, exactly `JSON.stringify(page)`, remembered for the next page with the same rows.
 *
 * The console polls the queue every few seconds and most polls get the page they had (that is what its ETag is for):
 * serialising the ~16 KB page costs ~30 µs a poll, the handler's largest item (issue 15), while checking that every row
 * has the same keys in the same order with the same values costs a few µs. `JSON.stringify` is a pure function of
 * exactly that (own enumerable keys in order, primitive values), so a page that passes the check has the remembered
 * text. A row value that is not a primitive (never in a queue row) is not compared: that page is serialised.
 *
 * What is remembered is a copy (each row's keys and values, in arrays reused from page to page: no allocation per
 * row), not the rows themselves, so nothing done to a page after it was answered can change what the next one gets.
 */
import type { QueueItem } from '../api-answers.js';

export interface QueuePageAnswer {
  items: QueueItem[];
  nextCursor: string | null;
}

type Primitive = string | number | boolean | null | undefined;
const isPrimitive = (v: unknown): v is Primitive => v === null || (typeof v !== 'object' && typeof v !== 'function');

/** the remembered page: its rows' keys and values one after another, where each row ends, its cursor and its text */
const keys: string[] = [];
const values: Primitive[] = [];
const rowEnds: number[] = [];
let rowCount = 0;
let lastCursor: string | null = null;
let lastText: string | undefined;

/** The page object's own keys are `items`, `nextCursor`, in this order (what a remembered text was made of). */
function plainPage(page: QueuePageAnswer): boolean {
  let j = 0;
  for (const k in page) {
    if (k !== (j === 0 ? 'items' : j === 1 ? 'nextCursor' : undefined)) return false;
    j++;
  }
  return j === 2 && Array.isArray(page.items) && (page.nextCursor === null || typeof page.nextCursor === 'string');
}

function sameAsRemembered(page: QueuePageAnswer): boolean {
  const items = page.items;
  if (lastText === undefined || items.length !== rowCount || page.nextCursor !== lastCursor || !plainPage(page)) return false;
  let j = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as unknown as Record<string, unknown>;
    for (const k in item) {
      if (keys[j] !== k || values[j] !== item[k]) return false;
      j++;
    }
    if (j !== rowEnds[i]) return false;
  }
  return true;
}

function remember(page: QueuePageAnswer, text: string): void {
  lastText = undefined;
  if (!plainPage(page)) return;
  let j = 0;
  const items = page.items as unknown as Record<string, unknown>[];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    for (const k in item) {
      const v = item[k];
      if (!isPrimitive(v)) return;
      keys[j] = k;
      values[j] = v;
      j++;
    }
    rowEnds[i] = j;
  }
  rowCount = items.length;
  lastCursor = page.nextCursor;
  lastText = text;
}

export function queuePageJson(page: QueuePageAnswer): string {
  if (sameAsRemembered(page)) return lastText!;
  const text = JSON.stringify(page);
  remember(page, text);
  return text;
}

/**
 * The JSON text of a queue page, exactly `JSON.stringify(page)`, remembered for the next page with the same rows.
 *
 * The console polls the queue every few seconds and most polls get the page they had (that is what its ETag is for):
 * serialising the ~16 KB page costs ~30 µs a poll, the handler's largest item (issue 15), while checking that every row
 * has the same keys in the same order with the same values costs a few µs. `JSON.stringify` is a pure function of
 * exactly that (own enumerable keys in order, primitive values), so a page that passes the check has the remembered
 * text. A row value that is not a primitive (never in a queue row) is not compared: that page is serialised.
 */
import type { QueueItem } from '../api-answers.js';

export interface QueuePageAnswer {
  items: QueueItem[];
  nextCursor: string | null;
}

type Primitive = string | number | boolean | null | undefined;
interface Remembered {
  nextCursor: string | null;
  /** per row: its keys in order and their values */
  rows: { keys: string[]; values: Primitive[] }[];
  text: string;
}
let last: Remembered | undefined;

const isPrimitive = (v: unknown): v is Primitive => v === null || (typeof v !== 'object' && typeof v !== 'function');

function sameRows(items: QueueItem[], rows: Remembered['rows']): boolean {
  if (items.length !== rows.length) return false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as unknown as Record<string, unknown>;
    const { keys, values } = rows[i]!;
    let j = 0;
    for (const k in item) {
      if (keys[j] !== k || values[j] !== item[k]) return false;
      j++;
    }
    if (j !== keys.length) return false;
  }
  return true;
}

function remember(page: QueuePageAnswer, text: string): void {
  last = undefined;
  if (!plainPage(page)) return;
  const rows: Remembered['rows'] = [];
  for (const item of page.items as unknown as Record<string, unknown>[]) {
    const keys: string[] = [];
    const values: Primitive[] = [];
    for (const k in item) {
      const v = item[k];
      if (!isPrimitive(v)) return;
      keys.push(k);
      values.push(v);
    }
    rows.push({ keys, values });
  }
  last = { nextCursor: page.nextCursor, rows, text };
}

/** The page object's own keys are `items`, `nextCursor`, in this order (what the remembered text was made of). */
function plainPage(page: QueuePageAnswer): boolean {
  let j = 0;
  for (const k in page) {
    if (k !== (j === 0 ? 'items' : j === 1 ? 'nextCursor' : undefined)) return false;
    j++;
  }
  return j === 2 && Array.isArray(page.items) && (page.nextCursor === null || typeof page.nextCursor === 'string');
}

export function queuePageJson(page: QueuePageAnswer): string {
  if (last !== undefined && last.nextCursor === page.nextCursor && plainPage(page) && sameRows(page.items, last.rows)) return last.text;
  const text = JSON.stringify(page);
  remember(page, text);
  return text;
}

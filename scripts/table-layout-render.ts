/**
 * Renders the table layout from the item declarations (shared/store/items.ts): docs/table-layout.md and the
 * generated block of the doc comment in shared/store/table-design.ts. `npm run docs:table` writes both;
 * tests/unit/table-layout.test.ts fails when the committed text and the declarations drift.
 */
import { IN_INDEX, ITEMS, type ItemDeclaration } from '../shared/store/items.js';
import { INDEXES, TABLE_KEYS, TTL_ATTRIBUTE, type IndexKey } from '../shared/store/table-design.js';

export const BLOCK_START = ' * ---- generated from ./items.ts by `npm run docs:table`: do not edit by hand ----';
export const BLOCK_END = ' * ---- end of the generated layout ----';

const items = Object.entries(ITEMS) as [string, ItemDeclaration][];
const entries = Object.entries(IN_INDEX);

/** Which item types appear in an index entry. */
const itemsIn = (entry: (typeof IN_INDEX)[keyof typeof IN_INDEX]) => items.filter(([, d]) => d.indexes?.includes(entry)).map(([n]) => n);

/** The index key as written: `GSI1PK = QUEUE`. */
const indexKeys = (index: IndexKey, e: { pk: { text: string }; sk: { text: string } }) =>
  `${INDEXES[index].partitionKey} = ${e.pk.text}, ${INDEXES[index].sortKey} = ${e.sk.text}`;

const code = (s: string) => `\`${s}\``;
const cell = (s: string) => s.replace(/\|/g, '\\|');

export function renderTableLayoutMarkdown(): string {
  const lines: string[] = [
    '# Table layout',
    '',
    '<!-- Generated from shared/store/items.ts by `npm run docs:table`: do not edit by hand.',
    '     tests/unit/table-layout.test.ts fails when this file and the declarations drift. -->',
    '',
    `One DynamoDB table: partition key ${code(TABLE_KEYS.partitionKey)}, sort key ${code(TABLE_KEYS.sortKey)}, ` +
      `TTL attribute ${code(TTL_ATTRIBUTE)}.`,
    'Every item type is declared once in `shared/store/items.ts` (key templates, the indexes it appears in, the',
    'store module that builds its keys, its access patterns); use cases never spell a key (see [house.md](house.md)).',
    'No Scan anywhere: every access pattern is a GetItem, a BatchGetItem, a Query on the table or an index, or a',
    '(transactional, conditional) write.',
    '',
    '## Item types',
    '',
    '| item | PK | SK | what it is | indexes | TTL | module | access patterns |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const [name, d] of items) {
    const ix = (d.indexes ?? []).map((e) => INDEXES[e.index].name);
    lines.push(
      `| ${name} | ${code(d.pk.text)} | ${code(d.sk.text)} | ${cell(d.about)} | ${[...new Set(ix)].join(', ') || '—'} | ` +
        `${d.ttl ?? '—'} | ${code(d.module)} | ${d.patterns.map(code).join(', ')} |`,
    );
  }
  lines.push(
    '',
    '## Global secondary indexes',
    '',
    'All sparse: an item is in an index only while it has the index attributes, which the store derives from the',
    "item's state. Index names are as deployed (renaming one would replace it); the entries say what each holds.",
    '',
    '| index | entry | partition key | sort key | holds | items |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const [key, def] of Object.entries(INDEXES)) {
    for (const [entryName, e] of entries.filter(([, e]) => e.index === key)) {
      lines.push(
        `| ${code(def.name)} | ${entryName} | ${def.partitionKey} = ${code(e.pk.text)} | ${def.sortKey} = ${code(e.sk.text)} | ` +
          `${cell(e.while)} | ${itemsIn(e).join(', ')} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Word-wraps `text` to lines of at most `width`, the first after `first`, the rest after `indent`. */
function wrap(first: string, indent: string, text: string, width = 140): string[] {
  const out: string[] = [];
  let line = first;
  for (const word of text.split(' ')) {
    if (line.length + 1 + word.length > width && line.trim().length > 1 && line !== first) {
      out.push(line);
      line = indent + word;
    } else {
      line += (line === first || line === indent ? '' : ' ') + word;
    }
  }
  out.push(line);
  return out;
}

/** The generated block of the doc comment of shared/store/table-design.ts (without the marker lines). */
export function renderTableDesignBlock(): string[] {
  const lines: string[] = [' * Items (PK / SK), each declared in ./items.ts and built by the store module named last:'];
  for (const [name, d] of items) {
    const key = `${d.pk.text} / ${d.sk.text}`.padEnd(44);
    lines.push(...wrap(` *   ${key} `, ` *   ${' '.repeat(44)} `, `${name}: ${d.about}${d.ttl ? ` (TTL: ${d.ttl})` : ''} — ${d.module}`));
  }
  lines.push(' *', ' * Sparse global secondary indexes (an item is in an index only while it has the attributes):');
  for (const [key, def] of Object.entries(INDEXES)) {
    for (const [entryName, e] of entries.filter(([, e]) => e.index === key)) {
      const text = `${indexKeys(key as IndexKey, e)} — ${entryName}: ${e.while}`;
      lines.push(...wrap(` *   ${def.name.padEnd(20)} `, ` *   ${' '.repeat(20)} `, text));
    }
  }
  return lines;
}

/** table-design.ts with its generated block replaced by a fresh one. */
export function withFreshBlock(source: string): string {
  const lines = source.split('\n');
  const start = lines.indexOf(BLOCK_START);
  const end = lines.indexOf(BLOCK_END);
  if (start < 0 || end < start) throw new Error('shared/store/table-design.ts has lost its generated-block markers');
  return [...lines.slice(0, start + 1), ...renderTableDesignBlock(), ...lines.slice(end)].join('\n');
}

/**
 * The table layout is declared once (shared/store/items.ts): the docs are generated from it, the store
 * builds its keys from it, and use cases spell no key. This test fails when any of that drifts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../shared/manifest.js';
import { keyTemplate } from '../../shared/store/key-template.js';
import { IN_INDEX, ITEMS, type ItemDeclaration } from '../../shared/store/items.js';
import { DynamoStore } from '../../scripts/local/dynamo-store.js';
import { renderTableLayoutMarkdown, withFreshBlock } from '../../scripts/table-layout-render.js';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');
const tsFiles = (dir: string) =>
  readdirSync(resolve(root, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f}`);
const items = Object.entries(ITEMS) as [string, ItemDeclaration][];

describe('the table layout, declared once', () => {
  it('docs/table-layout.md is generated from the declarations (run npm run docs:table after changing shared/store/items.ts)', () => {
    expect(read('docs/table-layout.md')).toBe(renderTableLayoutMarkdown());
  });

  it("table-design.ts's layout comment is generated from the declarations (npm run docs:table)", () => {
    const source = read('shared/store/table-design.ts');
    expect(source).toBe(withFreshBlock(source));
  });

  it('names as access patterns only store methods and store item builders, and every store method is named', async () => {
    const methods = new Set(Object.getOwnPropertyNames(Object.getPrototypeOf(DynamoStore.prototype)).filter((n) => n !== 'constructor'));
    const builders = new Set<string>();
    for (const file of tsFiles('shared/store')) {
      for (const [name, value] of Object.entries(await import(resolve(root, file)))) if (typeof value === 'function') builders.add(name);
    }
    const named = new Set(items.flatMap(([, d]) => d.patterns));
    for (const [name, d] of items) {
      for (const p of d.patterns) expect(methods.has(p) || builders.has(p), `${name}: ${p} is no store method or builder`).toBe(true);
      expect(existsSync(resolve(root, 'shared/store', d.module)), `${name}: module ${d.module}`).toBe(true);
    }
    for (const m of methods) expect(named.has(m), `store method ${m} is named by no item in shared/store/items.ts`).toBe(true);
  });

  it('every key prefix a function is granted (manifest keyPrefixes) is a declared partition key (of the table or an index)', () => {
    // dynamodb:LeadingKeys is checked against the partition key of whatever is read: the table's, or an index's
    const pks = [...items.map(([, d]) => d.pk), ...Object.values(IN_INDEX).map((e) => e.pk)];
    for (const [fn, spec] of Object.entries(FUNCTIONS)) {
      for (const prefix of (spec as { table?: { keyPrefixes?: string[] } }).table?.keyPrefixes ?? []) {
        const ok = prefix.endsWith('*')
          ? pks.some((pk) => !pk.constant && pk.prefix === prefix.slice(0, -1))
          : pks.some((pk) => pk.constant && pk.text === prefix);
        expect(ok, `${fn}: ${prefix}`).toBe(true);
      }
    }
  });

  it('key prefixes are spelled only in shared/store/items.ts', () => {
    const templates = [...items.flatMap(([, d]) => [d.pk, d.sk]), ...Object.values(IN_INDEX).flatMap((e) => [e.pk, e.sk])];
    // `C#`, `REF#`, `H#`, … and constant keys such as `META`, `QUEUE`, `OUTBOX#PENDING`, as they would be quoted
    const spelled = new Set(templates.flatMap((t) => (t.constant ? [t.text] : t.prefix ? [t.prefix] : [])));
    const files = [...tsFiles('shared/store').filter((f) => !f.endsWith('/items.ts')), ...tsFiles('shared/usecases')];
    const found: string[] = [];
    for (const file of files) {
      // code only: comments may show a key
      const code = read(file)
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      for (const s of spelled) {
        const quoted = keyTemplate(s).constant && !s.endsWith('#') ? [`'${s}'`, `\`${s}\``] : [`'${s}`, `\`${s}`];
        for (const q of quoted) if (code.includes(q)) found.push(`${file}: ${q}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('use cases state intents: no PK/SK and no condition expressions in shared/usecases', () => {
    for (const file of tsFiles('shared/usecases')) {
      const code = read(file);
      expect(code, file).not.toMatch(/\b(PK|SK):/);
      expect(code, file).not.toMatch(/ConditionExpression|attribute_not_exists|attribute_exists/);
    }
  });

  it('builds keys from the templates', () => {
    expect(ITEMS.case.key({ id: 'c1' })).toEqual({ PK: 'C#c1', SK: 'META' });
    expect(ITEMS.history.key({ id: 'c1', version: '000002', n: 0 })).toEqual({ PK: 'C#c1', SK: 'H#000002#0' });
    const open = IN_INDEX.openCorrection.attributes({ matchId: 'M-1', category: 'goal', receivedAt: 't', id: 'c1' });
    expect(open).toEqual({ GSI2PK: 'OPEN#M-1#goal', GSI2SK: 't#c1' });
    expect(ITEMS.series.pk).toMatchObject({ text: 'SERIES', constant: true });
    expect(ITEMS.message.sk.prefix).toBe('M#');
  });
});

/**
 * Issue 14: "Modules that only tests, bench or scripts use live outside the product folders." The product folders
 * (shared/, functions/, infra/, web/) import nothing from tests/, bench/ or scripts/, and every module in them is reached
 * from a product entry: a function's handler (shared/manifest.ts), the CDK app (infra/app.ts) or a web page's entry
 * (scripts/build-web.ts). A module only tests or tools use (as the whole store, scripts/local/dynamo-store.ts) is unreached.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../shared/manifest.js';

const root = resolve(import.meta.dirname, '../..');
const PRODUCT = ['shared', 'functions', 'infra', 'web'];
/** the CDK app builds the pages during synth (scripts/build-web.ts is a build step, not a module a function runs) */
const ALLOWED_TOOLS = ['infra/stateless-stack.ts -> scripts/build-web.ts'];

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return walk(p);
    return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
const rel = (p: string) => relative(root, p);
const productFiles = PRODUCT.flatMap((d) => walk(resolve(root, d)));
const isProduct = (p: string) => PRODUCT.some((d) => rel(p).startsWith(`${d}/`));

/** relative imports (static, type-only and dynamic) of a file, as paths of .ts sources (or of .json and such) */
function importsOf(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const specs = [...code.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

describe('the product folders hold product code only', () => {
  it('no product module imports from tests/, bench/ or scripts/', () => {
    const found = productFiles.flatMap((f) =>
      importsOf(f)
        .filter((target) => !isProduct(target) && !rel(target).startsWith('docs/'))
        .map((target) => `${rel(f)} -> ${rel(target)}`),
    );
    // positive control: the scan does see an import out of the product folders (the allowed one)
    expect(found).toEqual(expect.arrayContaining(ALLOWED_TOOLS));
    expect(found.filter((edge) => !ALLOWED_TOOLS.includes(edge))).toEqual([]);
  });

  it('every product module is reached from a function, the CDK app or a web page entry', () => {
    const webEntries = [...readFileSync(resolve(root, 'scripts/build-web.ts'), 'utf8').matchAll(/'(web\/[^']+\.ts)'/g)].map((m) => m[1]!);
    const entries = [...Object.values(FUNCTIONS).map((s) => s.entry), 'infra/app.ts', ...webEntries].map((e) => resolve(root, e));
    for (const e of entries) expect(existsSync(e), rel(e)).toBe(true);
    expect(webEntries.length, 'web entries found in scripts/build-web.ts').toBeGreaterThan(0);
    const reached = new Set<string>();
    const todo = [...entries];
    while (todo.length) {
      const f = todo.pop()!;
      if (reached.has(f) || !existsSync(f) || !isProduct(f)) continue;
      reached.add(f);
      todo.push(...importsOf(f));
    }
    expect(reached.size).toBeGreaterThan(100);
    expect(productFiles.filter((f) => !reached.has(f)).map(rel)).toEqual([]);
  });
});

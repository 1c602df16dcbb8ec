/**
 * One esbuild bundle per function: dist/<function>/index.js (+ index.js.map, index.meta.json), ESM for nodejs22.x,
 * minified, the AWS SDK bundled from its ES module build (mainFields module,main) so it tree-shakes —
 * the same settings the CDK construct uses. Also writes docs/openapi.json.
 */
import { build, type BuildOptions } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FUNCTIONS, type FunctionName } from '../shared/manifest.js';
import { buildOpenApi } from './lib/openapi.js';

const ROOT = resolve(import.meta.dirname, '..');

export const BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  treeShaking: true,
  mainFields: ['module', 'main'],
  legalComments: 'none',
  metafile: true,
  // Some CommonJS dependencies call require() for Node built-ins; give ESM bundles a require.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  logLevel: 'warning',
};

export async function bundle(entry: string, outdir: string): Promise<{ bytes: number }> {
  mkdirSync(outdir, { recursive: true });
  // external source map next to the bundle, as the CDK construct ships it (Lambda runs with --enable-source-maps)
  const result = await build({ ...BUNDLE_OPTIONS, sourcemap: 'external', entryPoints: { index: resolve(ROOT, entry) }, outdir });
  writeFileSync(resolve(outdir, 'index.meta.json'), JSON.stringify(result.metafile));
  // Lambda treats .js as ESM when the nearest package.json says so.
  writeFileSync(resolve(outdir, 'package.json'), '{"type":"module"}\n');
  const out = Object.entries(result.metafile!.outputs).find(([f]) => f.endsWith('index.js'))!;
  return { bytes: out[1].bytes };
}

async function main() {
  const only = process.argv.slice(2) as FunctionName[];
  const names = (only.length ? only : (Object.keys(FUNCTIONS) as FunctionName[])).filter((n) => n in FUNCTIONS);
  writeFileSync(resolve(ROOT, 'docs/openapi.json'), `${JSON.stringify(buildOpenApi(), null, 2)}\n`);
  if (!only.length) rmSync(resolve(ROOT, 'dist'), { recursive: true, force: true });
  const rows: string[] = [];
  for (const name of names) {
    const { bytes } = await bundle(FUNCTIONS[name].entry, resolve(ROOT, 'dist', name));
    rows.push(`${name.padEnd(20)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB  dist/${name}/index.js`);
  }
  console.log(rows.join('\n'));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

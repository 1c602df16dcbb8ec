/**
 * Builds the web pages (contract §8) with esbuild into dist/web/: index.html (the report form),
 * status/index.html (the status page), and content-hashed assets/*.js|css (cached for a year). No inline
 * script or style, so the Content-Security-Policy can forbid them. `tsx scripts/build-web.ts` builds once;
 * `npm start`, the browser tests and the CDK app call buildWeb().
 */
import { buildSync } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
export const WEB_OUT = join(ROOT, 'dist/web');

export interface WebBuild {
  outDir: string;
  /** asset file names by entry: report, status, css */
  assets: { report: string; status: string; css: string; console: string; consoleCss: string };
  /** 'sha256-…' sources of what the pages carry inline, for the Content-Security-Policy (shared/web-headers.ts) */
  csp: { scripts: string[]; styles: string[] };
}

/** Synchronous (esbuild's buildSync, well under a second), so the CDK app can build the pages during synth. */
export function buildWeb(outDir = WEB_OUT): WebBuild {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'status'), { recursive: true });
  mkdirSync(join(outDir, 'console'), { recursive: true });
  const r = buildSync({
    absWorkingDir: ROOT,
    entryPoints: { report: 'web/report/main.ts', status: 'web/status/main.ts', app: 'web/shell/style.css', console: 'web/console/main.ts', 'console-style': 'web/console/console.css' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome100', 'safari15', 'firefox100'],
    outdir: join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const byEntry: Record<string, string> = {};
  for (const [file, meta] of Object.entries(r.metafile.outputs)) {
    if (meta.entryPoint?.endsWith('report/main.ts')) byEntry.report = basename(file);
    else if (meta.entryPoint?.endsWith('status/main.ts')) byEntry.status = basename(file);
    else if (meta.entryPoint?.endsWith('console/main.ts')) byEntry.console = basename(file);
    else if (meta.entryPoint?.endsWith('console/console.css')) byEntry.consoleCss = basename(file);
    else if (file.endsWith('.css')) byEntry.css = basename(file);
  }
  const assets = { report: byEntry.report!, status: byEntry.status!, css: byEntry.css!, console: byEntry.console!, consoleCss: byEntry.consoleCss! };
  const fill = (html: string) => html.replace(/\{\{(\w+)\}\}/g, (_m, k: keyof typeof assets) => assets[k]);
  writeFileSync(join(outDir, 'index.html'), fill(readFileSync(join(ROOT, 'web/pages/index.html'), 'utf8')));
  writeFileSync(join(outDir, 'status/index.html'), fill(readFileSync(join(ROOT, 'web/pages/status.html'), 'utf8')));
  writeFileSync(join(outDir, 'console/index.html'), fill(readFileSync(join(ROOT, 'web/pages/console.html'), 'utf8')));
  return { outDir, assets, csp: { scripts: [], styles: [] } };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const b = buildWeb();
  console.log(`web pages in ${b.outDir}: ${Object.values(b.assets).join(', ')}`);
}

/**
 * Builds the web pages (contract §8) with esbuild into dist/web/: index.html (the report form),
 * status/index.html (the status page), console/index.html, and content-hashed assets/*.js|css. Each page carries
 * its CSS and JavaScript inline (issue 10: on a slow line every extra round trip before the form is usable costs
 * ~0.4 s), plus a tiny early script in <head> that starts the page's first API requests (web/early/*) while the
 * rest arrives. The Content-Security-Policy allows exactly these inline blocks by their SHA-256 hashes (never
 * 'unsafe-inline'): `csp` here, csp.json next to the pages for the local server, the CDK app puts them in CloudFront.
 * `tsx scripts/build-web.ts` builds once; `npm start`, the browser tests and the CDK app call buildWeb().
 */
import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
export const WEB_OUT = join(ROOT, 'dist/web');
/** the inline blocks' CSP hashes, next to the pages (read by scripts/local/static-web.ts; never deployed) */
export const CSP_FILE = 'csp.json';

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
    entryPoints: {
      report: 'web/report/main.ts',
      status: 'web/status/main.ts',
      app: 'web/shell/style.css',
      console: 'web/console/main.ts',
      'console-style': 'web/console/console.css',
    },
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
  const assets = {
    report: byEntry.report!,
    status: byEntry.status!,
    css: byEntry.css!,
    console: byEntry.console!,
    consoleCss: byEntry.consoleCss!,
  };
  const early = buildSync({
    absWorkingDir: ROOT,
    entryPoints: { report: 'web/early/report.ts', console: 'web/early/console.ts' },
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2022', 'chrome100', 'safari15', 'firefox100'],
    outdir: join(outDir, 'early'),
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const earlyJs: Record<string, string> = {};
  for (const f of early.outputFiles) earlyJs[basename(f.path, '.js')] = f.text.trim();
  const csp = { scripts: new Set<string>(), styles: new Set<string>() };
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const asset = (name: string) => readFileSync(join(outDir, 'assets', name), 'utf8').trim();
  const inline = (tag: 'script' | 'style', text: string) => {
    if (new RegExp(`</${tag}`, 'i').test(text)) throw new Error(`inline ${tag} would end early: it contains </${tag}`);
    csp[tag === 'script' ? 'scripts' : 'styles'].add(hash(text));
    return tag === 'script' ? `<script type="module">${text}</script>` : `<style>${text}</style>`;
  };
  const page = (template: string, earlyName?: string) => {
    const html = readFileSync(join(ROOT, 'web/pages', template), 'utf8').replace(
      /\{\{(\w+)\}\}/g,
      (_m, k: keyof typeof assets) => assets[k],
    );
    let head = '';
    if (earlyName) {
      const text = earlyJs[earlyName]!;
      if (/<\/script/i.test(text)) throw new Error('early script contains </script');
      csp.scripts.add(hash(text));
      head = `<script>${text}</script>\n`;
    }
    return html
      .replace(/<link rel="stylesheet" href="\/assets\/([\w.-]+)">/g, (_m, f: string) => `${head}${inline('style', asset(f))}`)
      .replace(/<script type="module" src="\/assets\/([\w.-]+)"><\/script>/g, (_m, f: string) => inline('script', asset(f)));
  };
  writeFileSync(join(outDir, 'index.html'), page('index.html', 'report'));
  writeFileSync(join(outDir, 'status/index.html'), page('status.html'));
  writeFileSync(join(outDir, 'console/index.html'), page('console.html', 'console'));
  const hashes = { scripts: [...csp.scripts].sort(), styles: [...csp.styles].sort() };
  writeFileSync(join(outDir, CSP_FILE), `${JSON.stringify(hashes)}\n`);
  return { outDir, assets, csp: hashes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const b = buildWeb();
  console.log(`web pages in ${b.outDir}: ${Object.values(b.assets).join(', ')}`);
}

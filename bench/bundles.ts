/**
 * Bundle bytes and cold import time of every function, next to a floor: a bundle built the same way
 * (esbuild, minified, mainFields module,main, ESM) that only constructs the same AWS SDK clients.
 * Cold import = a fresh Node process importing the bundle with Lambda's env set, so both our code and
 * the floor build their clients at import (as in Lambda's init phase). Samples are interleaved.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FUNCTIONS, type FunctionName, type FunctionSpec } from '../shared/manifest.js';
import { bundle } from '../scripts/build.js';

const OUT = resolve(import.meta.dirname, '.out');

/**
 * The clients the function really constructs: those its manifest entry allows whose SDK client is in its
 * bundle (a function may hold a grant it does not use: public-callbacks has `ses` but sends no email).
 */
function clientsOf(spec: FunctionSpec, bundled: Set<string>): { ddb: boolean; ses: boolean; scheduler: boolean } {
  return {
    ddb: Boolean(spec.table.read || spec.table.write) && bundled.has('@aws-sdk/client-dynamodb'),
    ses: Boolean(spec.ses) && bundled.has('@aws-sdk/client-sesv2'),
    scheduler: Boolean(spec.schedules) && bundled.has('@aws-sdk/client-scheduler'),
  };
}

/** The node_modules packages a bundle's metafile lists as inputs. */
function bundledPackages(metaFile: string): Set<string> {
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { inputs: Record<string, unknown> };
  return new Set(Object.keys(meta.inputs).flatMap((f) => [...f.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].map((m) => m[1]!)));
}

function floorSource(clients: { ddb: boolean; ses: boolean; scheduler: boolean }): string {
  const lines: string[] = [];
  const uses: string[] = [];
  if (clients.ddb) {
    lines.push(
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    );
    lines.push('const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));');
    uses.push('ddb');
  }
  if (clients.ses) {
    lines.push("import { SESv2Client } from '@aws-sdk/client-sesv2';", 'const ses = new SESv2Client({});');
    uses.push('ses');
  }
  if (clients.scheduler) {
    lines.push("import { SchedulerClient } from '@aws-sdk/client-scheduler';", 'const scheduler = new SchedulerClient({});');
    uses.push('scheduler');
  }
  lines.push(
    `export const handler = async (event) => ({ statusCode: 200, body: ` +
      `JSON.stringify([${uses.map((u) => `typeof ${u}.send`).join(', ')}, JSON.parse(event.body ?? ` +
      `'null')]) });`,
  );
  return lines.join('\n');
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const LAMBDA_ENV = {
  ...process.env,
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_REGION: 'eu-north-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  TABLE_NAME: 'bench',
  SES_FROM: 'bench@salibandy.example',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  NODE_OPTIONS: '',
};

function importMs(file: string): number {
  const code =
    `const t0=performance.now();await ` +
    `import(${JSON.stringify(pathToFileURL(file).href)}` +
    `);process.stdout.write(String(performance.now()-t0));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { env: LAMBDA_ENV, encoding: 'utf8' }));
}

export interface BundleRow {
  function: FunctionName;
  bytes: number;
  floorBytes: number;
  bytesRatio: number;
  importMs: number;
  floorImportMs: number;
  importDeltaMs: number;
}

export async function benchBundles(samples: number, log: (s: string) => void): Promise<BundleRow[]> {
  const rows: BundleRow[] = [];
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
    const spec: FunctionSpec = FUNCTIONS[name];
    const fnDir = resolve(OUT, 'fn', name);
    const floorDir = resolve(OUT, 'floor', name);
    mkdirSync(floorDir, { recursive: true });
    const floorEntry = resolve(floorDir, 'entry.mjs');
    const { bytes } = await bundle(spec.entry, fnDir);
    writeFileSync(floorEntry, floorSource(clientsOf(spec, bundledPackages(resolve(fnDir, 'index.meta.json')))));
    const { bytes: floorBytes } = await bundle(floorEntry, resolve(floorDir, 'out'));
    const fnFile = resolve(fnDir, 'index.js');
    const floorFile = resolve(floorDir, 'out', 'index.js');
    importMs(fnFile); // warm the file cache
    importMs(floorFile);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < samples; i++) {
      // Interleaved, alternating which goes first, so drift on the machine hits both alike.
      if (i % 2) {
        a.push(importMs(fnFile));
        b.push(importMs(floorFile));
      } else {
        b.push(importMs(floorFile));
        a.push(importMs(fnFile));
      }
    }
    const row: BundleRow = {
      function: name,
      bytes,
      floorBytes,
      bytesRatio: bytes / floorBytes,
      importMs: median(a),
      floorImportMs: median(b),
      importDeltaMs: median(a) - median(b),
    };
    rows.push(row);
    log(
      `  ${name.padEnd(20)} ${(bytes / 1024).toFixed(1).padStart(7)} KiB vs floor ` +
        `${(floorBytes / 1024).toFixed(1).padStart(7)} KiB (${row.bytesRatio.toFixed(3)}×), import ` +
        `${row.importMs.toFixed(1)} ms vs ${row.floorImportMs.toFixed(1)} ms ` +
        `(${row.importDeltaMs >= 0 ? '+' : ''}${row.importDeltaMs.toFixed(1)} ms)`,
    );
  }
  return rows;
}

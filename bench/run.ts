/**
 * npm run bench — never a timed test. Prints a table and writes bench/results.json.
 * BENCH_ONLY=web measures only the web pages (weight, time to usable; writes bench/results-web.json).
 * BENCH_QUICK=1 runs a short version (fewer samples, 10k instead of 100k rows) for a smoke check.
 * BENCH_ONLY=cpu | throughput | scaling | sla runs one part of issue 15's figures and records it in bench/results.json
 * (that part replaced, and the run appended to `runs` with the machine and its load, so two runs can be compared).
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchCalendar } from './calendar.js';
import { benchBundles } from './bundles.js';
import { benchConsole } from './console.js';
import { benchCpu, memoryChild } from './cpu.js';
import { benchMatches } from './matches.js';
import { benchEmailIn } from './email-in.js';
import { benchService } from './service.js';
import { benchSlaFirstRun } from './sla-first-run.js';
import { benchWeb } from './web.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_REGION ??= 'eu-north-1';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
process.env.LOG_LEVEL ??= 'error';

if (process.argv[2] === '--memory-child') {
  await memoryChild();
  process.exit(0);
}

const quick = process.env.BENCH_QUICK === '1';
const log = (s: string) => console.log(s);
const started = Date.now();
/**
 * The machine's speed right now: the least of 3 timings of a fixed integer loop (3e8 steps). The same VM read the same
 * code's handler CPU at 205-232 µs one evening and 102-103 µs the next (session 5): CPU figures from different runs
 * compare only next to this number.
 */
function referenceLoopMs(): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    let x = 0;
    for (let i = 0; i < 3e8; i++) x += i % 7;
    if (x < 0) log('unreachable'); // keeps the loop's result used
    best = Math.min(best, performance.now() - t);
  }
  return Math.round(best);
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}/${process.arch}`,
  referenceLoopMs: referenceLoopMs(),
};
log(
  `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; ` +
    `reference loop ${machine.referenceLoopMs} ms (less is faster)`,
);

if (process.env.BENCH_ONLY === 'email-in') {
  log('\nemail in:');
  await benchEmailIn({ perRun: quick ? 40 : 200, log });
  process.exit(0);
}

if (process.env.BENCH_ONLY === 'matches') {
  log('\nmatches (issue 9): sync and GET /matches against DynamoDB Local and the fixture results service:');
  const matches = await benchMatches({ log, quick });
  writeFileSync(
    resolve(import.meta.dirname, 'results-matches.json'),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), quick, machine, matches }, null, 2)}\n`,
  );
  log('wrote bench/results-matches.json');
  process.exit(0);
}
if (process.env.BENCH_ONLY === 'console') {
  log('\nthe console (issue 12):');
  const console_ = await benchConsole({ idleSeconds: quick ? 20 : 60, samples: quick ? 3 : 7, log });
  writeFileSync(
    resolve(import.meta.dirname, 'results-console.json'),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, console: console_ }, null, 2)}\n`,
  );
  process.exit(0);
}
if (process.env.BENCH_ONLY === 'web') {
  log('\nweb pages in chromium:');
  const web = await benchWeb(quick ? 3 : 7, log);
  writeFileSync(
    resolve(import.meta.dirname, 'results-web.json'),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, web }, null, 2)}\n`,
  );
  process.exit(0);
}

const only = process.env.BENCH_ONLY;
if (only === 'cpu' || only === 'throughput' || only === 'scaling' || only === 'sla') {
  const load = loadavg().map((x) => Math.round(x * 100) / 100);
  log(`load average before: ${load.join(', ')}`);
  let part: Record<string, unknown>;
  if (only === 'cpu') {
    log('\nhandler CPU per request, I/O stubbed:');
    part = { cpu: await benchCpu(quick ? 1000 : 5000, log) };
  } else if (only === 'sla') {
    log('\nsla-watch, first run over n overdue cases (every one due for both targets):');
    part = { slaFirstRun: await benchSlaFirstRun([100, 1000], log) };
  } else {
    log('\nservice against DynamoDB Local + local SES:');
    const svc = await benchService({ seconds: quick ? 4 : 10, large: quick ? 10_000 : 100_000, log, only });
    part = only === 'throughput' ? { throughput: svc.throughput } : { scaling: svc.scaling, slaFirstRun1000: svc.slaFirstRun1000 };
  }
  const file = resolve(import.meta.dirname, 'results.json');
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { runs?: unknown[] };
  const run = {
    at: new Date().toISOString(),
    part: only,
    label: process.env.BENCH_LABEL,
    quick,
    machine,
    loadAverage: { before: load, after: loadavg().map((x) => Math.round(x * 100) / 100) },
    ...part,
  };
  writeFileSync(file, `${JSON.stringify({ ...all, ...part, runs: [...(all.runs ?? []), run] }, null, 2)}\n`);
  log(`\nrecorded in bench/results.json (load average after: ${run.loadAverage.after.join(', ')})`);
  process.exit(0);
}

log('\ncalendar math (what the unit tests no longer time):');
const calendar = benchCalendar(log);
if (process.env.BENCH_ONLY === 'calendar') process.exit(0);

log('\nbundles and cold import (median of fresh processes, interleaved with the floor):');
const bundles = await benchBundles(quick ? 5 : 21, log);
if (process.env.BENCH_ONLY === 'bundles') process.exit(0);

log('\nhandler CPU per request, I/O stubbed:');
const cpu = await benchCpu(quick ? 1000 : 5000, log);

log('\npeak memory, 10,000 POST /corrections in one process (I/O stubbed):');
const memory = JSON.parse(
  execFileSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'run.ts'), '--memory-child'], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'error' },
  }),
) as { peakRssMb: number; baselineRssMb: number };
log(`  peak RSS ${memory.peakRssMb.toFixed(0)} MB (after imports: ${memory.baselineRssMb.toFixed(0)} MB)`);

log('\nservice against DynamoDB Local + local SES:');
const service = await benchService({ seconds: quick ? 4 : 10, large: quick ? 10_000 : 100_000, log });

log('\nmatches (issue 9): sync and GET /matches:');
const matches = await benchMatches({ log, quick });
log('\nthe console (issue 12):');
const consoleBench = await benchConsole({ idleSeconds: quick ? 20 : 60, samples: quick ? 3 : 7, log });
log('\nweb pages in chromium:');
const web = await benchWeb(quick ? 3 : 7, log);
log('\nemail in (SMTP → case):');
const emailIn = await benchEmailIn({ perRun: quick ? 40 : 200, log });

const targets = {
  bundleBytesRatioMax: 1.1,
  importDeltaMsMax: 5,
  throughputRatioAt16Min: 0.8,
  scalingRatioMax: 1.25,
};
const results = {
  generatedAt: new Date().toISOString(),
  quick,
  machine,
  targets,
  calendar,
  bundles,
  cpu,
  memory,
  throughput: service.throughput,
  scaling: service.scaling,
  matches,
  web,
  console: consoleBench,
  emailIn,
  seconds: Math.round((Date.now() - started) / 1000),
};
writeFileSync(resolve(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

log('\n| function | bytes | floor | ratio | import ms | floor ms | Δ ms |');
log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const b of bundles)
  log(
    `| ${b.function} | ${b.bytes} | ${b.floorBytes} | ${b.bytesRatio.toFixed(3)} | ` +
      `${b.importMs.toFixed(1)} | ${b.floorImportMs.toFixed(1)} | ` +
      `${b.importDeltaMs >= 0 ? '+' : ''}${b.importDeltaMs.toFixed(1)} |`,
  );
log(`\nwrote bench/results.json in ${results.seconds} s`);
process.exit(0);

/**
 * npm run bench — never a timed test. Prints a table and writes bench/results.json.
 * BENCH_QUICK=1 runs a short version (fewer samples, 10k instead of 100k rows) for a smoke check.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchBundles } from './bundles.js';
import { benchCpu, memoryChild } from './cpu.js';
import { benchEmailIn } from './email-in.js';
import { benchService } from './service.js';

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
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}/${process.arch}` };
log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);

if (process.env.BENCH_ONLY === 'email-in') {
  log('\nemail in:');
  await benchEmailIn({ perRun: quick ? 40 : 200, log });
  process.exit(0);
}

log('\nbundles and cold import (median of fresh processes, interleaved with the floor):');
const bundles = await benchBundles(quick ? 5 : 21, log);
if (process.env.BENCH_ONLY === 'bundles') process.exit(0);

log('\nhandler CPU per request, I/O stubbed:');
const cpu = await benchCpu(quick ? 1000 : 5000, log);

log('\npeak memory, 10,000 POST /corrections in one process (I/O stubbed):');
const memory = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'run.ts'), '--memory-child'], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'error' } })) as { peakRssMb: number; baselineRssMb: number };
log(`  peak RSS ${memory.peakRssMb.toFixed(0)} MB (after imports: ${memory.baselineRssMb.toFixed(0)} MB)`);

log('\nservice against DynamoDB Local + local SES:');
const service = await benchService({ seconds: quick ? 4 : 10, large: quick ? 10_000 : 100_000, log });

log('\nemail in (SMTP → case):');
const emailIn = await benchEmailIn({ perRun: quick ? 40 : 200, log });

const targets = {
  bundleBytesRatioMax: 1.1,
  importDeltaMsMax: 5,
  throughputRatioAt16Min: 0.8,
  scalingRatioMax: 1.25,
};
const results = { generatedAt: new Date().toISOString(), quick, machine, targets, bundles, cpu, memory, throughput: service.throughput, scaling: service.scaling, emailIn, seconds: Math.round((Date.now() - started) / 1000) };
writeFileSync(resolve(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

log('\n| function | bytes | floor | ratio | import ms | floor ms | Δ ms |');
log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const b of bundles) log(`| ${b.function} | ${b.bytes} | ${b.floorBytes} | ${b.bytesRatio.toFixed(3)} | ${b.importMs.toFixed(1)} | ${b.floorImportMs.toFixed(1)} | ${b.importDeltaMs >= 0 ? '+' : ''}${b.importDeltaMs.toFixed(1)} |`);
log(`\nwrote bench/results.json in ${results.seconds} s`);
process.exit(0);

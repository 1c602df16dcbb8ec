/**
 * The profile behind the handler-CPU figures: `npx tsx bench/cpu-profile.ts [route] [n]` runs the stubbed-I/O loop of
 * bench/cpu.ts under the V8 CPU profiler (node:inspector, the same data as `node --cpu-prof`) and prints the top
 * self-time entries by function and by file/package. `CPU_PROFILE_OUT=dir` also keeps the .cpuprofile (open it in
 * Chrome DevTools → Performance for the flame graph). `--bundled` profiles the esbuild bundle instead (see below).
 */
import { Session } from 'node:inspector/promises';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCpu } from './cpu.js';
import { byCategory, topSelfTime, type CpuProfile } from './cpu-profile-top.js';

// `--bundled`: profile the code as Lambda runs it, one esbuild bundle (the functions' build options, names kept so
// the profile reads) instead of tsx's per-file transform (which adds keepNames wrappers of its own).
if (process.argv.includes('--bundled') && !import.meta.url.endsWith('.mjs')) {
  const { build } = await import('esbuild');
  const { BUNDLE_OPTIONS } = await import('../scripts/build.js');
  const out = join(tmpdir(), `cpu-profile-${process.pid}.mjs`);
  await build({
    ...BUNDLE_OPTIONS,
    metafile: false,
    minify: false,
    minifySyntax: true,
    minifyWhitespace: true,
    target: 'node20',
    entryPoints: [import.meta.filename],
    outfile: out,
  });
  execFileSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit' });
  rmSync(out);
  process.exit(0);
}
const args = process.argv.slice(2).filter((a) => a !== '--bundled');

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_REGION ??= 'eu-north-1';
process.env.LOG_LEVEL ??= 'error';

const route = args[0] ?? 'POST /corrections';
const n = Number(args[1] ?? 5000);
await benchCpu(500, () => undefined, route); // warm up (JIT) outside the profile
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const [row] = await benchCpu(n, console.log, route);
const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
session.disconnect();
if (process.env.CPU_PROFILE_OUT) {
  mkdirSync(process.env.CPU_PROFILE_OUT, { recursive: true });
  const file = join(process.env.CPU_PROFILE_OUT, `${route.replace(/\W+/g, '-')}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  console.log(`wrote ${file}`);
}
const top = topSelfTime(profile, Number(process.env.CPU_PROFILE_TOP ?? 15));
console.log(`\n${route}: top self time by function`);
for (const r of top.functions) console.log(`  ${r.pct.toFixed(1).padStart(5)} %  ${r.name}  ${r.where}`);
console.log(`\n${route}: self time by file / package`);
for (const r of top.files) console.log(`  ${r.pct.toFixed(1).padStart(5)} %  ${r.where}`);
const us = row?.handlerCpuUs ?? 0;
console.log(`\n${route}: where the ${us.toFixed(0)} µs go (profiled run; the profiler adds its own overhead)`);
for (const r of byCategory(profile))
  console.log(`  ${r.pct.toFixed(1).padStart(5)} %  ${((r.pct * us) / 100).toFixed(0).padStart(4)} µs  ${r.category}`);
console.log(`\n${route}: inclusive time (function on the stack)`);
for (const r of top.inclusive) console.log(`  ${r.pct.toFixed(1).padStart(5)} %  ${r.name}`);
process.exit(0);

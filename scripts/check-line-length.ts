/**
 * The house rule Prettier cannot enforce: no line over 140 characters (Prettier wraps code at 140 but leaves
 * long strings and comments alone). `npm run format:check` runs it after `prettier --check`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX = 140;
const files = execFileSync('git', ['ls-files', '*.ts', '*.js', '*.mjs', '*.css', '*.html'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !f.includes('__snapshots__'));
const long: string[] = [];
for (const file of files) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.length > MAX) long.push(`${file}:${i + 1} (${line.length})`);
    });
}
if (long.length) {
  console.error(`${long.length} line(s) over ${MAX} characters:\n${long.join('\n')}`);
  process.exit(1);
}
console.log(`no line over ${MAX} characters in ${files.length} files`);

/**
 * npm run invoke -- FUNCTION EVENT.json — runs one function's handler locally with that event (like
 * `sam local invoke`), against the services `npm start` runs (same ports and table), and prints the result.
 * stdout carries exactly one JSON document (the result), so `npm run -s invoke … | jq` works: the handler's
 * log lines (console.log/info/debug) go to stderr.
 */
import { readFileSync } from 'node:fs';
import { FUNCTIONS, type FunctionName } from '../shared/manifest.js';
import { lambdaContext, loadHandler } from './local/api-server.js';
import { applyLocalRuntimeEnv, localSettings } from './local/env.js';

const [name, eventFile] = process.argv.slice(2);
if (!name || !(name in FUNCTIONS) || !eventFile) {
  console.error(
    `usage: npm run invoke -- FUNCTION EVENT.json\nfunctions: ${Object.keys(FUNCTIONS).join(', ')}\nsample events: events/*.json`,
  );
  process.exit(2);
}
// Before the handler is loaded: its logger and any library write to stdout through these.
const toStderr = (...args: unknown[]) => console.error(...args);
console.log = toStderr;
console.info = toStderr;
console.debug = toStderr;
applyLocalRuntimeEnv(localSettings());
const event = JSON.parse(readFileSync(eventFile, 'utf8')) as unknown;
const handler = await loadHandler(name as FunctionName);
const result = await handler(event as never, lambdaContext(name, `invoke-${Date.now()}`));
process.stdout.write(`${JSON.stringify(result ?? null, null, 2)}\n`, () => process.exit(0));

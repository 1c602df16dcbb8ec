/** Writes docs/openapi.json from the zod schemas and the route manifest. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildOpenApi } from './lib/openapi.js';

const out = resolve(import.meta.dirname, '../docs/openapi.json');
mkdirSync(resolve(out, '..'), { recursive: true });
writeFileSync(out, `${JSON.stringify(buildOpenApi(), null, 2)}\n`);
console.log(`wrote ${out}`);

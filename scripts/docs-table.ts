/** Writes docs/table-layout.md and the layout block of shared/store/table-design.ts from shared/store/items.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderTableLayoutMarkdown, withFreshBlock } from './table-layout-render.js';

const doc = resolve(import.meta.dirname, '../docs/table-layout.md');
const design = resolve(import.meta.dirname, '../shared/store/table-design.ts');
writeFileSync(doc, renderTableLayoutMarkdown());
writeFileSync(design, withFreshBlock(readFileSync(design, 'utf8')));
console.log(`wrote ${doc} and the layout block of ${design}`);

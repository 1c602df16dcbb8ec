/** Bundled and run by plain node (as Lambda runs a bundle): parses the message file it is given (a 10 MB PDF), prints peak RSS. */
import { readFileSync } from 'node:fs';
import { parseInbound } from '../shared/domain/inbound/parse.js';

let raw: Buffer | undefined = readFileSync(process.argv[2]!);
// the raw message is in memory as the handler has it (read from S3): the baseline counts it
const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
const m = await parseInbound(raw, { ownAddresses: [], fallbackId: 'x' });
raw = undefined;
if (m.attachments[0]?.size !== 10 * 1024 * 1024) throw new Error('parse failed');
console.log(JSON.stringify({ peakRssMb: process.resourceUsage().maxRSS / 1024, baselineRssMb }));

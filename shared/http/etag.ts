/** The ETag of an answer: a hash of the exact JSON text sent (contract §8.1, conditional GETs). */
import * as nodeCrypto from 'node:crypto';

/** SHA-256 of the text's UTF-8 bytes, base64url: `crypto.hash` in one call where Node has it (20.12+), else a Hash object. */
const sha256 = (text: string): string =>
  typeof nodeCrypto.hash === 'function'
    ? nodeCrypto.hash('sha256', text, 'base64url')
    : nodeCrypto.createHash('sha256').update(text).digest('base64url');

/**
 * The last text hashed and its ETag. The console polls the same page again and again (that is why it has an ETag), and
 * the page is ~16 KB, whose UTF-8 encoding and SHA-256 cost ~20 µs (issue 15); comparing it with the last text costs
 * ~1 µs (nothing when it is the same string). Same text, same hash: the answer cannot differ.
 */
let last: { text: string; etag: string } | undefined;

export function etagOfText(text: string): string {
  if (last !== undefined && last.text === text) return last.etag;
  const etag = `"${sha256(text).slice(0, 27)}"`;
  last = { text, etag };
  return etag;
}

/** The ETag of an answer: a hash of the exact JSON text sent (contract §8.1, conditional GETs). */
import { createHash } from 'node:crypto';

export function etagOfText(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
}

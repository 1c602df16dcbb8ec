/**
 * The ALTCHA proof of work, solved in the background with altcha-lib's own solver (the same payload the
 * `altcha` widget sends in X-Altcha). One solution per request: the server accepts each challenge once,
 * so a retry gets a fresh one. The next solution is prepared while the person is still typing.
 */
import { solveChallenge } from 'altcha-lib/v1';
import { api } from './client.js';

let next: Promise<string | undefined> | undefined;

async function solveOne(): Promise<string | undefined> {
  const c = await api.challenge();
  const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
  if (!solution) return undefined;
  return btoa(
    JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: solution.number, salt: c.salt, signature: c.signature }),
  );
}

/** Start solving now (page load), so the send button does not wait. */
export function prepareProofOfWork(): void {
  next ??= solveOne().catch(() => undefined);
}

/** A solved challenge for one request (undefined if none could be had: the server then decides). */
export async function takeProofOfWork(): Promise<string | undefined> {
  prepareProofOfWork();
  const mine = next!;
  next = undefined;
  const value = await mine;
  prepareProofOfWork();
  return value ?? (await solveOne().catch(() => undefined));
}

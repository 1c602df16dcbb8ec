/**
 * The proof of work on the public doors (contract §11, ALTCHA): GET /challenge hands out a signed
 * challenge that expires; a public POST carries the solution as `X-Altcha` (base64 JSON, as the ALTCHA
 * widget sends it). When CAPTCHA=required the solution must verify, must not have expired, and is
 * accepted once: its signature is recorded with a conditional write, so a replay is refused.
 */
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import type { Payload } from 'altcha-lib/v1/types';
import { derivedKey } from '../adapters/secrets.js';
import { AppError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { ChallengeStore } from '../store/challenges.js';

export const CHALLENGE_TTL_SECONDS = 10 * 60;
/** Work per challenge: the browser tries on average half of this many SHA-256 hashes (well under a second on a phone). */
export const CHALLENGE_MAX_NUMBER = 50_000;
const PURPOSE = 'altcha';

export async function newChallenge(clock: Clock) {
  const expires = new Date(clock.now().getTime() + CHALLENGE_TTL_SECONDS * 1000);
  return createChallenge({ hmacKey: await derivedKey(PURPOSE), maxNumber: CHALLENGE_MAX_NUMBER, expires, algorithm: 'SHA-256' });
}

const refused = (why: string) =>
  new AppError(
    'forbidden',
    `${why} Get a new challenge from GET /challenge, solve it and send the solution in the X-Altcha ` +
      `header (the web form does this by itself).`,
  );

export async function requireProofOfWork(
  deps: { store: ChallengeStore; clock: Clock },
  required: boolean,
  header: string | undefined,
): Promise<void> {
  if (!required) return;
  if (!header) throw refused('This request needs a proof of work.');
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as Payload;
  } catch {
    throw refused('The X-Altcha header is not a solved challenge.');
  }
  const wellFormed =
    typeof payload === 'object' &&
    payload !== null &&
    typeof payload.signature === 'string' &&
    typeof payload.salt === 'string' &&
    typeof payload.challenge === 'string';
  if (!wellFormed || !(await verifySolution(payload, await derivedKey(PURPOSE), false).catch(() => false))) {
    throw refused('The proof of work does not verify.');
  }
  const expires = Number(extractParams(payload).expires);
  if (!Number.isFinite(expires) || expires * 1000 <= deps.clock.now().getTime()) throw refused('The proof of work has expired.');
  if (!(await deps.store.useChallenge(payload.signature, new Date(expires * 1000))))
    throw refused('This proof of work has been used already.');
}

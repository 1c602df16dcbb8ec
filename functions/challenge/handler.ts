/** GET /challenge (public): an ALTCHA proof-of-work challenge for the public POSTs (contract §11). */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { systemClock, type Clock } from '../../shared/ports/clock.js';
import { newChallenge } from '../../shared/usecases/proof-of-work.js';

export interface ChallengeDeps {
  clock: Clock;
}

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler = (deps: ChallengeDeps) =>
  httpFunction('challenge', {
    'GET /challenge': async () => json(200, await newChallenge(deps.clock), { 'cache-control': 'no-store' }),
  });

export const buildDeps = (): ChallengeDeps => ({ clock: systemClock });
export const handler = makeHandler(buildDeps());

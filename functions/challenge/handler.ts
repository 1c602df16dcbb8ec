/** GET /challenge (public): an ALTCHA proof-of-work challenge for the public POSTs (contract §11). */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { systemClock } from '../../shared/ports/clock.js';
import { newChallenge } from '../../shared/usecases/proof-of-work.js';

export const handler = httpFunction('challenge', {
  'GET /challenge': async () => json(200, await newChallenge(systemClock), { 'cache-control': 'no-store' }),
});

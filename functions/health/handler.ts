/** GET /health: 200 when the store answers, 503 when it does not. */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { AppError } from '../../shared/errors.js';
import { runtimeFor } from '../../shared/runtime-core.js';
import { ConfigStore } from '../../shared/store/config.js';

/** The store group this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(ConfigStore);

export const handler = httpFunction('health', {
  'GET /health': async () => {
    try {
      await runtimeDeps().store.ping();
    } catch {
      throw new AppError('service_unavailable', 'The data store is not reachable right now. Try again shortly; operators have been alerted by the error alarm.');
    }
    return json(200, { status: 'ok' });
  },
});

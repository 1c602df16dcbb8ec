/** GET /health: 200 when the store answers, 503 when it does not. */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { AppError } from '../../shared/errors.js';
import { ConfigStore } from '../../shared/store/config.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { depsFromEnv } from '../../shared/wiring/deps.js';

export type HealthDeps = Pick<Deps<ConfigStore>, 'store'>;

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler = (deps: HealthDeps) =>
  httpFunction('health', {
    'GET /health': async () => {
      try {
        await deps.store.ping();
      } catch {
        throw new AppError(
          'service_unavailable',
          'The data store is not reachable right now. Try again shortly; operators have been alerted by the error alarm.',
        );
      }
      return json(200, { status: 'ok' });
    },
  });

/** Built once per cold start (in Lambda at init) from the environment: the config store group is enough to ping. */
export const buildDeps = (): HealthDeps => depsFromEnv(ConfigStore);
export const handler = makeHandler(buildDeps());

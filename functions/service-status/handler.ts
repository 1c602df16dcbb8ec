/** GET /service-status?at=ISO&lang=fi|sv|en (public): mode, hours, season and the response promise, with a message for people. */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { ConfigStore } from '../../shared/store/config.js';
import { lazyServiceStatusQuery } from '../../shared/schemas.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { getServiceStatus } from '../../shared/usecases/service-status.js';
import { depsFromEnv } from '../../shared/wiring/deps.js';

export type ServiceStatusDeps = Deps<ConfigStore>;

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler = (deps: ServiceStatusDeps) =>
  httpFunction('service-status', {
    'GET /service-status': async (req) => {
      const query = parseOrThrow(lazyServiceStatusQuery(), req.query, 'query string');
      return json(200, await getServiceStatus(deps, query));
    },
  });

/** Built once per cold start (in Lambda at init) from the environment. */
export const buildDeps = (): ServiceStatusDeps => depsFromEnv(ConfigStore);
export const handler = makeHandler(buildDeps());

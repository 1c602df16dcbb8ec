/** GET /service-status?at=ISO&lang=fi|sv|en (public): mode, hours, season and the response promise, with a message for people. */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { runtimeFor } from '../../shared/runtime-core.js';
import { ConfigStore } from '../../shared/store/config.js';
import { lazyServiceStatusQuery } from '../../shared/schemas.js';
import { getServiceStatus } from '../../shared/usecases/service-status.js';

/** The store group this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(ConfigStore);

export const handler = httpFunction('service-status', {
  'GET /service-status': async (req) => {
    const query = parseOrThrow(lazyServiceStatusQuery(), req.query, 'query string');
    return json(200, await getServiceStatus(runtimeDeps(), query));
  },
});

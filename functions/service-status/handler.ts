/** GET /service-status?at=ISO&lang=fi|sv|en (public): mode, hours, season and the response promise, with a message for people. */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { runtimeDeps } from '../../shared/runtime.js';
import { serviceStatusQuery } from '../../shared/schemas.js';
import { getServiceStatus } from '../../shared/usecases/service-status.js';

export const handler = httpFunction('service-status', {
  'GET /service-status': async (req) => {
    const query = parseOrThrow(serviceStatusQuery, req.query, 'query string');
    return json(200, await getServiceStatus(runtimeDeps(), query));
  },
});

/** GET /openapi.json: the description written at build time from the zod schemas (docs/openapi.json). */
import doc from '../../docs/openapi.json' with { type: 'json' };
import { httpFunction, json } from '../../shared/http/lambda-http.js';

/** The composition root: this function needs nothing but the document bundled with it. */
export const makeHandler = () =>
  httpFunction('openapi', {
    'GET /openapi.json': async () => json(200, doc),
  });

export const handler = makeHandler();

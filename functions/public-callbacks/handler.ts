/** POST /callbacks: ask to be called back (one open callback per phone number). */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { runtimeDeps } from '../../shared/runtime.js';
import { callbackBody } from '../../shared/schemas.js';
import { requestCallback } from '../../shared/usecases/callbacks.js';
import { withIdempotency } from '../../shared/usecases/idempotency.js';

export const handler = httpFunction('public-callbacks', {
  'POST /callbacks': async (req) => {
    const body = parseOrThrow(callbackBody, req.body);
    const deps = runtimeDeps();
    // 201 for a new callback; 200 with the open one when this phone number already waits for a call.
    let created = true;
    const r = await withIdempotency(deps, 'POST /callbacks', req.headers['idempotency-key'], req.body, async (idempotency) => {
      const out = await requestCallback(deps, body, { idempotency });
      created = out.created;
      return out.body as unknown as Record<string, unknown>;
    });
    return json(r.replayed ? r.status : created ? 201 : 200, r.body, r.replayed ? { 'idempotent-replayed': 'true' } : undefined);
  },
});

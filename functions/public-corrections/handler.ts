/** Team officials: report a result error, follow it, answer a request for details. */
import '../../shared/runtime-ses.js';
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { runtimeDeps } from '../../shared/runtime.js';
import { publicCorrectionBody, replyBody } from '../../shared/schemas.js';
import { createCorrection, reporterReply, reporterView } from '../../shared/usecases/corrections.js';
import { withIdempotency } from '../../shared/usecases/idempotency.js';

export const handler = httpFunction('public-corrections', {
  'POST /corrections': async (req) => {
    const body = parseOrThrow(publicCorrectionBody, req.body);
    const deps = runtimeDeps();
    const r = await withIdempotency(deps, 'POST /corrections', req.headers['idempotency-key'], req.body, (idempotency) =>
      createCorrection(deps, body, { channel: 'web', idempotency }) as unknown as Promise<Record<string, unknown>>,
    );
    return json(r.status, r.body, r.replayed ? { 'idempotent-replayed': 'true' } : undefined);
  },
  'GET /corrections/{id}': async (req) => json(200, await reporterView(runtimeDeps(), req.pathParameters.id!, req.headers['x-tracking-token'])),
  'POST /corrections/{id}/replies': async (req) => {
    const body = parseOrThrow(replyBody, req.body);
    return json(201, await reporterReply(runtimeDeps(), req.pathParameters.id!, req.headers['x-tracking-token'], body.message));
  },
});

/** GET /staff/queue?status=&kind=&limit=&cursor= */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { runtimeDeps } from '../../shared/runtime.js';
import { queueQuery } from '../../shared/schemas.js';
import { listQueue } from '../../shared/usecases/queue.js';

export const handler = httpFunction('staff-queue', {
  'GET /staff/queue': async (req) => {
    const q = parseOrThrow(queueQuery, req.query, 'query string');
    return json(200, await listQueue(runtimeDeps().store, { ...q, limit: q.limit ? Number(q.limit) : undefined }));
  },
});

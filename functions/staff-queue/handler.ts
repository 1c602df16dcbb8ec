/** GET /staff/queue?status=&kind=&limit=&cursor= */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { runtimeFor } from '../../shared/runtime-core.js';
import { QueueStore } from '../../shared/store/queue.js';
import { lazyQueueQuery } from '../../shared/schemas.js';
import { listQueue } from '../../shared/usecases/queue.js';

/** The store group this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(QueueStore);

export const handler = httpFunction('staff-queue', {
  'GET /staff/queue': async (req) => {
    const q = parseOrThrow(lazyQueueQuery(), req.query, 'query string');
    return json(200, await listQueue(runtimeDeps().store, { ...q, limit: q.limit ? Number(q.limit) : undefined }));
  },
});

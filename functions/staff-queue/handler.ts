/** GET /staff/queue?status=&kind=&limit=&cursor= */
import { conditionalJson } from '../../shared/http/conditional.js';
import { httpFunction } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { runtimeFor } from '../../shared/runtime-core.js';
import { ConfigStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { QueueStore } from '../../shared/store/queue.js';
import { lazyQueueQuery } from '../../shared/schemas.js';
import { listQueue } from '../../shared/usecases/queue.js';

/** The store group this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(composeStore(QueueStore, ConfigStore));

export const handler = httpFunction('staff-queue', {
  'GET /staff/queue': async (req) => {
    const q = parseOrThrow(lazyQueueQuery(), req.query, 'query string');
    const page = await listQueue(runtimeDeps().store, { ...q, limit: q.limit ? Number(q.limit) : undefined });
    // The console polls: an unchanged page answers 304 with no body (a conditional request, contract §8.1).
    return conditionalJson(req, page);
  },
});

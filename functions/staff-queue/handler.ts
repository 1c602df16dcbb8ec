/** GET /staff/queue?status=&kind=&limit=&cursor= */
import { createHash } from 'node:crypto';
import { authenticatedFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { QueueStore } from '../../shared/store/queue.js';
import { lazyQueueQuery } from '../../shared/schemas.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { listQueue } from '../../shared/usecases/queue.js';
import { depsFromEnv } from '../../shared/wiring/deps.js';

export type StaffQueueDeps = Pick<Deps<QueueStore>, 'store'>;

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler = (deps: StaffQueueDeps) =>
  authenticatedFunction('staff-queue', {
    'GET /staff/queue': async (req) => {
      const q = parseOrThrow(lazyQueueQuery(), req.query, 'query string');
      const page = await listQueue(deps.store, { ...q, limit: q.limit ? Number(q.limit) : undefined });
      // The console polls: an unchanged page answers 304 with no body (a conditional request, contract §8.1).
      const etag = `"${createHash('sha256').update(JSON.stringify(page)).digest('base64url').slice(0, 27)}"`;
      if (req.headers['if-none-match'] === etag) return { status: 304, headers: { etag, 'cache-control': 'no-cache' } };
      return json(200, page, { etag, 'cache-control': 'no-cache' });
    },
  });

/** Built once per cold start (in Lambda at init) from the environment. */
export const buildDeps = (): StaffQueueDeps => depsFromEnv(QueueStore);
export const handler = makeHandler(buildDeps());

/** GET /staff/queue?status=&kind=&limit=&cursor= */
import { conditionalJson } from '../../shared/http/conditional.js';
import { authenticatedFunction } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { ConfigStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { QueueStore } from '../../shared/store/queue.js';
import { lazyQueueQuery } from '../../shared/schemas.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { listQueue } from '../../shared/usecases/queue.js';
import { queuePageJson } from '../../shared/usecases/queue-page-json.js';
import { depsFromEnv } from '../../shared/wiring/deps.js';

/** The store groups of the queue (and the calendar its amber/red due times are counted in). */
const StaffQueueStore = composeStore(QueueStore, ConfigStore);
export type StaffQueueDeps = Pick<Deps<InstanceType<typeof StaffQueueStore>>, 'store'>;

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler = (deps: StaffQueueDeps) =>
  authenticatedFunction('staff-queue', {
    'GET /staff/queue': async (req) => {
      const q = parseOrThrow(lazyQueueQuery(), req.query, 'query string');
      const page = await listQueue(deps.store, { ...q, limit: q.limit ? Number(q.limit) : undefined });
      // The console polls: an unchanged page answers 304 with no body (a conditional request, contract §8.1). Its JSON
      // text is remembered for the next page with the same rows (./queue-page-json.ts: the same text, not serialised again).
      return conditionalJson(req, page, queuePageJson(page));
    },
  });

/** Built once per cold start (in Lambda at init) from the environment. */
export const buildDeps = (): StaffQueueDeps => depsFromEnv(StaffQueueStore);
export const handler = makeHandler(buildDeps());

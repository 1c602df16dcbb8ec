/** POST /callbacks: ask to be called back (one open callback per phone number). */
import { loadConfig } from '../../shared/config.js';
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { CaseIntakeStore, CaseStore } from '../../shared/store/cases.js';
import { CatalogStore } from '../../shared/store/catalog.js';
import { ChallengeStore } from '../../shared/store/challenges.js';
import { ConfigStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { IdempotencyStore } from '../../shared/store/idempotency.js';
import { LimitsStore } from '../../shared/store/limits.js';
import { lazyCallbackBody } from '../../shared/schemas.js';
import { requestCallback } from '../../shared/usecases/callbacks.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { withIdempotency } from '../../shared/usecases/idempotency.js';
import { requireProofOfWork } from '../../shared/usecases/proof-of-work.js';
import { clientIpOf } from '../../shared/usecases/limits.js';
import { depsFromEnv } from '../../shared/wiring/deps.js';

/** The store groups of a request for a callback (the use cases' parameter types check it). */
const CallbackIntakeStore = composeStore(
  CaseStore,
  CaseIntakeStore,
  CatalogStore,
  ConfigStore,
  IdempotencyStore,
  ChallengeStore,
  LimitsStore,
);
export type PublicCallbacksDeps = Deps<InstanceType<typeof CallbackIntakeStore>>;

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler = (deps: PublicCallbacksDeps) =>
  httpFunction('public-callbacks', {
    'POST /callbacks': async (req) => {
      const body = parseOrThrow(lazyCallbackBody(), req.body);
      await requireProofOfWork(deps, loadConfig().captcha === 'required', req.headers['x-altcha']);
      // 201 for a new callback; 200 (its topic added, nothing of the first told) when this number already waits for a call.
      let created = true;
      const r = await withIdempotency(deps, 'POST /callbacks', req.headers['idempotency-key'], req.body, async (idempotency) => {
        const out = await requestCallback(deps, body, { idempotency, clientIp: clientIpOf(req) });
        created = out.created;
        return out.body;
      });
      return json(r.replayed ? r.status : created ? 201 : 200, r.body, r.replayed ? { 'idempotent-replayed': 'true' } : undefined);
    },
  });

/** Built once per cold start (in Lambda at init) from the environment. */
export const buildDeps = (): PublicCallbacksDeps => depsFromEnv(CallbackIntakeStore);
export const handler = makeHandler(buildDeps());

/** POST /callbacks: ask to be called back (one open callback per phone number). */
import { loadConfig } from '../../shared/config.js';
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { runtimeFor } from '../../shared/runtime-core.js';
import { CaseIntakeStore, CaseStore } from '../../shared/store/cases.js';
import { CatalogStore } from '../../shared/store/catalog.js';
import { ChallengeStore } from '../../shared/store/challenges.js';
import { ConfigStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { IdempotencyStore } from '../../shared/store/idempotency.js';
import { LimitsStore } from '../../shared/store/limits.js';
import { lazyCallbackBody } from '../../shared/schemas.js';
import { requestCallback } from '../../shared/usecases/callbacks.js';
import { withIdempotency } from '../../shared/usecases/idempotency.js';
import { requireProofOfWork } from '../../shared/usecases/proof-of-work.js';
import { clientIpOf } from '../../shared/usecases/limits.js';

/** The store groups this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(composeStore(CaseStore, CaseIntakeStore, CatalogStore, ConfigStore, IdempotencyStore, ChallengeStore, LimitsStore));

export const handler = httpFunction('public-callbacks', {
  'POST /callbacks': async (req) => {
    const body = parseOrThrow(lazyCallbackBody(), req.body);
    const deps = runtimeDeps();
    await requireProofOfWork(deps, loadConfig().captcha === 'required', req.headers['x-altcha']);
    // 201 for a new callback; 200 (its topic added, nothing of the first told) when this number already waits for a call.
    let created = true;
    const r = await withIdempotency(deps, 'POST /callbacks', req.headers['idempotency-key'], req.body, async (idempotency) => {
      const out = await requestCallback(deps, body, { idempotency, clientIp: clientIpOf(req) });
      created = out.created;
      return out.body as unknown as Record<string, unknown>;
    });
    return json(r.replayed ? r.status : created ? 201 : 200, r.body, r.replayed ? { 'idempotent-replayed': 'true' } : undefined);
  },
});

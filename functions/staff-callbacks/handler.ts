/** Staff return callbacks: claim one, then complete it with an outcome. Both answer the callback with its history. */
import { actorOf } from '../../shared/http/actor.js';
import { authenticatedFunction, json, type HttpRequest } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { CaseDetailsStore, CaseStore } from '../../shared/store/cases.js';
import { ConfigStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { lazyCallbackCompleteBody, lazyVersionOnlyBody } from '../../shared/schemas.js';
import { callbackForStaff, claimCallback, completeCallback } from '../../shared/usecases/callbacks.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { depsFromEnv } from '../../shared/wiring/deps.js';

/** The store groups of working a callback (the use cases' parameter types check it). */
const CallbackWorkStore = composeStore(CaseStore, CaseDetailsStore, ConfigStore);
export type StaffCallbacksDeps = Deps<InstanceType<typeof CallbackWorkStore>>;

const id = (req: HttpRequest) => req.pathParameters.id!;

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler = (deps: StaffCallbacksDeps) =>
  authenticatedFunction('staff-callbacks', {
    'POST /staff/callbacks/{id}/claim': async (req) => {
      const { expectedVersion } = parseOrThrow(lazyVersionOnlyBody(), req.body ?? {});
      await claimCallback(deps, id(req), actorOf(req.caller), expectedVersion);
      return json(200, await callbackForStaff(deps, id(req)));
    },
    'POST /staff/callbacks/{id}/complete': async (req) => {
      const { expectedVersion, ...body } = parseOrThrow(lazyCallbackCompleteBody(), req.body);
      await completeCallback(deps, id(req), actorOf(req.caller), body, expectedVersion);
      return json(200, await callbackForStaff(deps, id(req)));
    },
  });

/** Built once per cold start (in Lambda at init) from the environment. */
export const buildDeps = (): StaffCallbacksDeps => depsFromEnv(CallbackWorkStore);
export const handler = makeHandler(buildDeps());

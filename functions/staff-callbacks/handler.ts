/** Staff return callbacks: claim one, then complete it with an outcome. Both answer the callback with its history. */
import { httpFunction, json, type HttpRequest } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { actorOf, runtimeFor } from '../../shared/runtime-core.js';
import { CaseDetailsStore, CaseStore } from '../../shared/store/cases.js';
import { ConfigStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { lazyCallbackCompleteBody, lazyVersionOnlyBody } from '../../shared/schemas.js';
import { callbackForStaff, claimCallback, completeCallback } from '../../shared/usecases/callbacks.js';

/** The store groups this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(composeStore(CaseStore, CaseDetailsStore, ConfigStore));

const id = (req: HttpRequest) => req.pathParameters.id!;

export const handler = httpFunction('staff-callbacks', {
  'POST /staff/callbacks/{id}/claim': async (req) => {
    const { expectedVersion } = parseOrThrow(lazyVersionOnlyBody(), req.body ?? {});
    const deps = runtimeDeps();
    await claimCallback(deps, id(req), actorOf(req.caller!), expectedVersion);
    return json(200, await callbackForStaff(deps, id(req)));
  },
  'POST /staff/callbacks/{id}/complete': async (req) => {
    const { expectedVersion, ...body } = parseOrThrow(lazyCallbackCompleteBody(), req.body);
    const deps = runtimeDeps();
    await completeCallback(deps, id(req), actorOf(req.caller!), body, expectedVersion);
    return json(200, await callbackForStaff(deps, id(req)));
  },
});

/** Staff return callbacks: claim one, then complete it with an outcome. Both answer the callback with its history. */
import { httpFunction, json, type HttpRequest } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { actorOf, runtimeDeps } from '../../shared/runtime.js';
import { callbackCompleteBody, versionOnlyBody } from '../../shared/schemas.js';
import { callbackForStaff, claimCallback, completeCallback } from '../../shared/usecases/callbacks.js';

const id = (req: HttpRequest) => req.pathParameters.id!;

export const handler = httpFunction('staff-callbacks', {
  'POST /staff/callbacks/{id}/claim': async (req) => {
    const { expectedVersion } = parseOrThrow(versionOnlyBody, req.body ?? {});
    const deps = runtimeDeps();
    await claimCallback(deps, id(req), actorOf(req.caller!), expectedVersion);
    return json(200, await callbackForStaff(deps, id(req)));
  },
  'POST /staff/callbacks/{id}/complete': async (req) => {
    const { expectedVersion, ...body } = parseOrThrow(callbackCompleteBody, req.body);
    const deps = runtimeDeps();
    await completeCallback(deps, id(req), actorOf(req.caller!), body, expectedVersion);
    return json(200, await callbackForStaff(deps, id(req)));
  },
});

/** Federation officials: escalations of their own series, and decisions on them. */
import '../../shared/runtime-ses.js';
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { actorOf, runtimeDeps } from '../../shared/runtime.js';
import { decisionBody } from '../../shared/schemas.js';
import { decide, listEscalations, viewForOfficial } from '../../shared/usecases/officials.js';

export const handler = httpFunction('officials', {
  'GET /officials/escalations': async (req) => json(200, await listEscalations(runtimeDeps(), req.caller!.email)),
  'GET /officials/corrections/{id}': async (req) => json(200, await viewForOfficial(runtimeDeps(), req.pathParameters.id!, req.caller!.email)),
  'POST /officials/corrections/{id}/decision': async (req) => {
    const { expectedVersion, ...body } = parseOrThrow(decisionBody, req.body);
    return json(200, await decide(runtimeDeps(), req.pathParameters.id!, actorOf(req.caller!), body, expectedVersion));
  },
});

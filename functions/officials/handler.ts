/** Federation officials: escalations of their own series, and decisions on them. */
import '../../shared/runtime-ses.js';
import { conditionalJson } from '../../shared/http/conditional.js';
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { actorOf, runtimeFor } from '../../shared/runtime-core.js';
import { CaseDetailsStore, CaseStore } from '../../shared/store/cases.js';
import { CatalogStore } from '../../shared/store/catalog.js';
import { ConfigStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { EscalationStore } from '../../shared/store/escalations.js';
import { OutboxStore } from '../../shared/store/outbox.js';
import { lazyDecisionBody } from '../../shared/schemas.js';
import { decide, listEscalations, officialEmail, viewForOfficial } from '../../shared/usecases/officials.js';

/** The store groups this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(composeStore(CaseStore, CaseDetailsStore, CatalogStore, ConfigStore, OutboxStore, EscalationStore));

export const handler = httpFunction('officials', {
  // the console polls this list: conditional (ETag / 304), like the staff queue
  'GET /officials/escalations': async (req) => conditionalJson(req, await listEscalations(runtimeDeps(), officialEmail(req.caller!))),
  'GET /officials/corrections/{id}': async (req) => json(200, await viewForOfficial(runtimeDeps(), req.pathParameters.id!, officialEmail(req.caller!))),
  'POST /officials/corrections/{id}/decision': async (req) => {
    const email = officialEmail(req.caller!);
    const { expectedVersion, ...body } = parseOrThrow(lazyDecisionBody(), req.body);
    return json(200, await decide(runtimeDeps(), req.pathParameters.id!, { ...actorOf(req.caller!), email }, body, expectedVersion));
  },
});

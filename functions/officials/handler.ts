/** Federation officials: escalations of their own series, and decisions on them. */
import { actorOf } from '../../shared/http/actor.js';
import { conditionalJson } from '../../shared/http/conditional.js';
import { authenticatedFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { CaseDetailsStore, CaseStore } from '../../shared/store/cases.js';
import { CatalogStore } from '../../shared/store/catalog.js';
import { ConfigStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { EscalationStore } from '../../shared/store/escalations.js';
import { OutboxStore } from '../../shared/store/outbox.js';
import { lazyDecisionBody } from '../../shared/schemas.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { decide, listEscalations, officialEmail, viewForOfficial } from '../../shared/usecases/officials.js';
import { depsFromEnv } from '../../shared/wiring/deps.js';
import { sesMailer } from '../../shared/wiring/ses.js';

/** The store groups of the officials' use cases (their parameter types check it): escalations, views, decisions. */
const OfficialDecisionsStore = composeStore(CaseStore, CaseDetailsStore, CatalogStore, ConfigStore, OutboxStore, EscalationStore);
export type OfficialsDeps = Deps<InstanceType<typeof OfficialDecisionsStore>>;

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler = (deps: OfficialsDeps) =>
  authenticatedFunction('officials', {
    // the console polls this list: conditional (ETag / 304), like the staff queue
    'GET /officials/escalations': async (req) => conditionalJson(req, await listEscalations(deps, officialEmail(req.caller))),
    'GET /officials/corrections/{id}': async (req) =>
      json(200, await viewForOfficial(deps, req.pathParameters.id!, officialEmail(req.caller))),
    'POST /officials/corrections/{id}/decision': async (req) => {
      const email = officialEmail(req.caller);
      const { expectedVersion, ...body } = parseOrThrow(lazyDecisionBody(), req.body);
      return json(200, await decide(deps, req.pathParameters.id!, { ...actorOf(req.caller), email }, body, expectedVersion));
    },
  });

/** Built once per cold start (in Lambda at init) from the environment: the SES mailer sends the decision emails. */
export const buildDeps = (): OfficialsDeps => depsFromEnv(OfficialDecisionsStore, { mailer: sesMailer });
export const handler = makeHandler(buildDeps());

/** Admin: export or erase what is stored about one email address or phone number (contract §12). */
import { actorOf } from '../../shared/http/actor.js';
import { authenticatedFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { lazyPrivacyContact } from '../../shared/schemas.js';
import { CaseDetailsStore, CaseStore } from '../../shared/store/cases.js';
import { composeStore } from '../../shared/store/core.js';
import { PrivacyStore } from '../../shared/store/privacy.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { eraseContact, exportContact } from '../../shared/usecases/privacy.js';
import { depsFromEnv } from '../../shared/wiring/deps.js';

/** The store groups of export and erasure (the use cases' parameter types check it). */
const AdminPrivacyStore = composeStore(CaseStore, CaseDetailsStore, PrivacyStore);
export type AdminPrivacyDeps = Deps<InstanceType<typeof AdminPrivacyStore>>;

/** The composition root: the handler from its dependencies (tests build it with theirs). The HTTP edge installs the contact hash key. */
export const makeHandler = (deps: AdminPrivacyDeps) =>
  authenticatedFunction('admin-privacy', {
    'GET /admin/privacy/export': async (req) => json(200, await exportContact(deps, parseOrThrow(lazyPrivacyContact(), req.query))),
    'POST /admin/privacy/erase': async (req) =>
      json(200, await eraseContact(deps, parseOrThrow(lazyPrivacyContact(), req.body), actorOf(req.caller))),
  });

/** Built once per cold start (in Lambda at init) from the environment. */
export const buildDeps = (): AdminPrivacyDeps => depsFromEnv(AdminPrivacyStore);
export const handler = makeHandler(buildDeps());

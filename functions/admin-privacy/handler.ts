/** Admin: export or erase what is stored about one email address or phone number (contract §12). */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { actorOf, runtimeFor } from '../../shared/runtime-core.js';
import { lazyPrivacyContact } from '../../shared/schemas.js';
import { CaseDetailsStore, CaseStore } from '../../shared/store/cases.js';
import { composeStore } from '../../shared/store/core.js';
import { PrivacyStore } from '../../shared/store/privacy.js';
import { eraseContact, exportContact } from '../../shared/usecases/privacy.js';

/** The store groups this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(composeStore(CaseStore, CaseDetailsStore, PrivacyStore));

export const handler = httpFunction('admin-privacy', {
  'GET /admin/privacy/export': async (req) => json(200, await exportContact(runtimeDeps(), parseOrThrow(lazyPrivacyContact(), req.query))),
  'POST /admin/privacy/erase': async (req) => json(200, await eraseContact(runtimeDeps(), parseOrThrow(lazyPrivacyContact(), req.body), actorOf(req.caller!))),
});

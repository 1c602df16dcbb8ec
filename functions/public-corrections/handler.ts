/** Team officials: report a result error, follow it, answer a request for details. */
import '../../shared/runtime-ses.js';
import '../../shared/runtime-results.js';
import { loadConfig } from '../../shared/config.js';
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { runtimeFor } from '../../shared/runtime-core.js';
import { CaseDetailsStore, CaseIntakeStore, CaseStore } from '../../shared/store/cases.js';
import { CatalogStore } from '../../shared/store/catalog.js';
import { ChallengeStore } from '../../shared/store/challenges.js';
import { ConfigStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { IdempotencyStore } from '../../shared/store/idempotency.js';
import { MatchRecordStore } from '../../shared/store/matches.js';
import { LimitsStore } from '../../shared/store/limits.js';
import { OutboxStore } from '../../shared/store/outbox.js';
import { lazyPublicCorrectionBody, lazyReplyBody } from '../../shared/schemas.js';
import { createCorrection } from '../../shared/usecases/corrections-intake.js';
import { reporterReply, reporterView } from '../../shared/usecases/corrections-reporter.js';
import { withIdempotency } from '../../shared/usecases/idempotency.js';
import { requireProofOfWork } from '../../shared/usecases/proof-of-work.js';
import { clientIpOf } from '../../shared/usecases/limits.js';

/** The store groups this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(composeStore(CaseStore, CaseDetailsStore, CaseIntakeStore, CatalogStore, ConfigStore, OutboxStore, IdempotencyStore, ChallengeStore, MatchRecordStore, LimitsStore));

export const handler = httpFunction('public-corrections', {
  'POST /corrections': async (req) => {
    const body = parseOrThrow(lazyPublicCorrectionBody(), req.body);
    const deps = runtimeDeps();
    await requireProofOfWork(deps, loadConfig().captcha === 'required', req.headers['x-altcha']);
    const r = await withIdempotency(deps, 'POST /corrections', req.headers['idempotency-key'], req.body, (idempotency) =>
      createCorrection(deps, body, { channel: 'web', idempotency, clientIp: clientIpOf(req) }) as unknown as Promise<Record<string, unknown>>,
    );
    return json(r.status, r.body, r.replayed ? { 'idempotent-replayed': 'true' } : undefined);
  },
  'GET /corrections/{id}': async (req) => json(200, await reporterView(runtimeDeps(), req.pathParameters.id!, req.headers['x-tracking-token'])),
  'POST /corrections/{id}/replies': async (req) => {
    const body = parseOrThrow(lazyReplyBody(), req.body);
    await requireProofOfWork(runtimeDeps(), loadConfig().captcha === 'required', req.headers['x-altcha']);
    return json(201, await reporterReply(runtimeDeps(), req.pathParameters.id!, req.headers['x-tracking-token'], body.message, clientIpOf(req)));
  },
});

/** Team officials: report a result error, follow it, answer a request for details. */
import { captchaRequired } from '../../shared/config.js';
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { ChallengeStore } from '../../shared/store/challenges.js';
import { composeStore } from '../../shared/store/core.js';
import { lazyPublicCorrectionBody, lazyReplyBody } from '../../shared/schemas.js';
import { createCorrection } from '../../shared/usecases/corrections-intake.js';
import { reporterReply, reporterView } from '../../shared/usecases/corrections-reporter.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { withIdempotency } from '../../shared/usecases/idempotency.js';
import { requireProofOfWork } from '../../shared/usecases/proof-of-work.js';
import { clientIpOf } from '../../shared/usecases/limits.js';
import { depsFromEnv } from '../../shared/wiring/deps.js';
import { resultsFromEnv } from '../../shared/wiring/results.js';
import { sesMailer } from '../../shared/wiring/ses.js';
import { CORRECTION_CASE_WORK } from '../../shared/wiring/store-groups.js';

/** The store groups of a reporter's use cases (their parameter types check it): report, follow, reply. */
const ReporterStore = composeStore(...CORRECTION_CASE_WORK, ChallengeStore);
export type PublicCorrectionsDeps = Deps<InstanceType<typeof ReporterStore>>;

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler = (deps: PublicCorrectionsDeps) =>
  httpFunction('public-corrections', {
    'POST /corrections': async (req) => {
      const body = parseOrThrow(lazyPublicCorrectionBody(), req.body);
      // ALTCHA proof of work on the public POSTs, when the configuration asks for it
      await requireProofOfWork(deps, captchaRequired(), req.headers['x-altcha']);
      const r = await withIdempotency(deps, 'POST /corrections', req.headers['idempotency-key'], req.body, (idempotency) =>
        createCorrection(deps, body, { channel: 'web', idempotency, clientIp: clientIpOf(req) }),
      );
      return json(r.status, r.body, r.replayed ? { 'idempotent-replayed': 'true' } : undefined);
    },
    'GET /corrections/{id}': async (req) => json(200, await reporterView(deps, req.pathParameters.id!, req.headers['x-tracking-token'])),
    'POST /corrections/{id}/replies': async (req) => {
      const body = parseOrThrow(lazyReplyBody(), req.body);
      await requireProofOfWork(deps, captchaRequired(), req.headers['x-altcha']);
      return json(201, await reporterReply(deps, req.pathParameters.id!, req.headers['x-tracking-token'], body.message, clientIpOf(req)));
    },
  });

/** Built once per cold start (in Lambda at init) from the environment: SES sends, the results service is asked. */
export const buildDeps = (): PublicCorrectionsDeps => depsFromEnv(ReporterStore, { mailer: sesMailer, results: resultsFromEnv });
export const handler = makeHandler(buildDeps());

/** Staff work corrections: log a phone/email/social contact, view, claim, release, ask, resolve, escalate, note. */
import { actorOf } from '../../shared/http/actor.js';
import { authenticatedFunction, json, type AuthenticatedRequest, type HttpRequest } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import type { AttachmentStorage } from '../../shared/ports/attachments.js';
import { composeStore } from '../../shared/store/core.js';
import {
  lazyClassifyBody,
  lazyEscalateBody,
  lazyNoteBody,
  lazyRequestInfoBody,
  lazyResolveBody,
  lazyStaffCorrectionBody,
  lazyVersionOnlyBody,
} from '../../shared/schemas.js';
import { createCorrection } from '../../shared/usecases/corrections-intake.js';
import { addNote, claim, escalate, release, requestInfo, resolve, staffView } from '../../shared/usecases/corrections-staff.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { withIdempotency } from '../../shared/usecases/idempotency.js';
import { classify } from '../../shared/usecases/classify.js';
import { withAttachmentLinks } from '../../shared/usecases/attachment-links.js';
import { depsFromEnv } from '../../shared/wiring/deps.js';
import { mailStorageFromEnv } from '../../shared/wiring/mail-storage.js';
import { resultsFromEnv } from '../../shared/wiring/results.js';
import { sesMailer } from '../../shared/wiring/ses.js';
import { CORRECTION_CASE_WORK } from '../../shared/wiring/store-groups.js';

/** The store groups of the staff's work on corrections (the use cases' parameter types check it). */
const StaffCaseWorkStore = composeStore(...CORRECTION_CASE_WORK);
export interface StaffCorrectionsDeps extends Deps<InstanceType<typeof StaffCaseWorkStore>> {
  /** the files kept from reporters' emails: the staff view links each one */
  attachments: AttachmentStorage;
}

const id = (req: HttpRequest) => req.pathParameters.id!;
const actor = (req: AuthenticatedRequest) => actorOf(req.caller);
/** Claim and release take an optional body: {} or {"expectedVersion": n}. */
const optionalVersion = (req: HttpRequest) => parseOrThrow(lazyVersionOnlyBody(), req.body ?? {}).expectedVersion;

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler = (deps: StaffCorrectionsDeps) => {
  /** The staff view, with an expiring download link for each file kept from the reporter's emails. */
  const viewWithLinks = async (req: HttpRequest) => withAttachmentLinks(await staffView(deps, id(req)), deps.attachments);
  const staffView200 = async (req: HttpRequest) => json(200, await viewWithLinks(req));
  return authenticatedFunction('staff-corrections', {
    'POST /staff/corrections': async (req) => {
      const { channel, ...body } = parseOrThrow(lazyStaffCorrectionBody(), req.body);
      const r = await withIdempotency(
        deps,
        `POST /staff/corrections\n${req.caller.sub}`,
        req.headers['idempotency-key'],
        req.body,
        (idempotency) => createCorrection(deps, body, { channel, actor: actor(req), idempotency }),
      );
      return json(r.status, r.body);
    },
    'GET /staff/corrections/{id}': staffView200,
    'POST /staff/corrections/{id}/claim': async (req) => {
      await claim(deps, id(req), actor(req), optionalVersion(req));
      return staffView200(req);
    },
    'POST /staff/corrections/{id}/release': async (req) => {
      await release(deps, id(req), actor(req), req.caller.groups.includes('admin'), optionalVersion(req));
      return staffView200(req);
    },
    'POST /staff/corrections/{id}/request-info': async (req) => {
      const body = parseOrThrow(lazyRequestInfoBody(), req.body);
      await requestInfo(deps, id(req), actor(req), body.message, body.expectedVersion);
      return staffView200(req);
    },
    'POST /staff/corrections/{id}/resolve': async (req) => {
      const { expectedVersion, ...body } = parseOrThrow(lazyResolveBody(), req.body);
      await resolve(deps, id(req), actor(req), body, expectedVersion);
      return staffView200(req);
    },
    'POST /staff/corrections/{id}/escalate': async (req) => {
      const body = parseOrThrow(lazyEscalateBody(), req.body);
      await escalate(deps, id(req), actor(req), body.reason, body.expectedVersion);
      return staffView200(req);
    },
    'POST /staff/corrections/{id}/notes': async (req) => {
      const body = parseOrThrow(lazyNoteBody(), req.body);
      await addNote(deps, id(req), actor(req), body.text, body.expectedVersion);
      const view = await viewWithLinks(req);
      return json(201, view);
    },
    'POST /staff/corrections/{id}/classify': async (req) => {
      const { expectedVersion, ...body } = parseOrThrow(lazyClassifyBody(), req.body);
      await classify(deps, id(req), actor(req), body, expectedVersion);
      return staffView200(req);
    },
  });
};

/**
 * Built once per cold start (in Lambda at init) from the environment: SES sends, the results service is asked, files from the mail
 * bucket.
 */
export const buildDeps = (): StaffCorrectionsDeps => ({
  ...depsFromEnv(StaffCaseWorkStore, { mailer: sesMailer, results: resultsFromEnv }),
  attachments: mailStorageFromEnv().attachments,
});
export const handler = makeHandler(buildDeps());

/** Staff work corrections: log a phone/email/social contact, view, claim, release, ask, resolve, escalate, note. */
import '../../shared/runtime-ses.js';
import '../../shared/runtime-results.js';
import { httpFunction, json, type HttpRequest } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { actorOf, runtimeFor } from '../../shared/runtime-core.js';
import { CaseDetailsStore, CaseIntakeStore, CaseStore } from '../../shared/store/cases.js';
import { CatalogStore } from '../../shared/store/catalog.js';
import { ConfigStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { IdempotencyStore } from '../../shared/store/idempotency.js';
import { MatchRecordStore } from '../../shared/store/matches.js';
import { LimitsStore } from '../../shared/store/limits.js';
import { OutboxStore } from '../../shared/store/outbox.js';
import { lazyClassifyBody, lazyEscalateBody, lazyNoteBody, lazyRequestInfoBody, lazyResolveBody, lazyStaffCorrectionBody, lazyVersionOnlyBody } from '../../shared/schemas.js';
import { createCorrection } from '../../shared/usecases/corrections-intake.js';
import { addNote, claim, escalate, release, requestInfo, resolve, staffView } from '../../shared/usecases/corrections-staff.js';
import { withIdempotency } from '../../shared/usecases/idempotency.js';
import { classify } from '../../shared/usecases/classify.js';
import { withAttachmentLinks } from '../../shared/usecases/attachment-links.js';
import { attachmentStorage } from '../../shared/runtime-mail.js';

/** The store groups this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(composeStore(CaseStore, CaseDetailsStore, CaseIntakeStore, CatalogStore, ConfigStore, OutboxStore, IdempotencyStore, MatchRecordStore, LimitsStore));

const id = (req: HttpRequest) => req.pathParameters.id!;
const actor = (req: HttpRequest) => actorOf(req.caller!);
/** Claim and release take an optional body: {} or {"expectedVersion": n}. */
const optionalVersion = (req: HttpRequest) => parseOrThrow(lazyVersionOnlyBody(), req.body ?? {}).expectedVersion;
/** The staff view, with an expiring download link for each file kept from the reporter's emails. */
const viewWithLinks = async (req: HttpRequest) => withAttachmentLinks(await staffView(runtimeDeps(), id(req)), attachmentStorage());
const staffView200 = async (req: HttpRequest) => json(200, await viewWithLinks(req));

export const handler = httpFunction('staff-corrections', {
  'POST /staff/corrections': async (req) => {
    const { channel, ...body } = parseOrThrow(lazyStaffCorrectionBody(), req.body);
    const deps = runtimeDeps();
    const r = await withIdempotency(deps, `POST /staff/corrections\n${req.caller!.sub}`, req.headers['idempotency-key'], req.body, (idempotency) =>
      createCorrection(deps, body, { channel, actor: actor(req), idempotency }) as unknown as Promise<Record<string, unknown>>,
    );
    return json(r.status, r.body);
  },
  'GET /staff/corrections/{id}': staffView200,
  'POST /staff/corrections/{id}/claim': async (req) => {
    await claim(runtimeDeps(), id(req), actor(req), optionalVersion(req));
    return staffView200(req);
  },
  'POST /staff/corrections/{id}/release': async (req) => {
    await release(runtimeDeps(), id(req), actor(req), req.caller!.groups.includes('admin'), optionalVersion(req));
    return staffView200(req);
  },
  'POST /staff/corrections/{id}/request-info': async (req) => {
    const body = parseOrThrow(lazyRequestInfoBody(), req.body);
    await requestInfo(runtimeDeps(), id(req), actor(req), body.message, body.expectedVersion);
    return staffView200(req);
  },
  'POST /staff/corrections/{id}/resolve': async (req) => {
    const { expectedVersion, ...body } = parseOrThrow(lazyResolveBody(), req.body);
    await resolve(runtimeDeps(), id(req), actor(req), body, expectedVersion);
    return staffView200(req);
  },
  'POST /staff/corrections/{id}/escalate': async (req) => {
    const body = parseOrThrow(lazyEscalateBody(), req.body);
    await escalate(runtimeDeps(), id(req), actor(req), body.reason, body.expectedVersion);
    return staffView200(req);
  },
  'POST /staff/corrections/{id}/notes': async (req) => {
    const body = parseOrThrow(lazyNoteBody(), req.body);
    await addNote(runtimeDeps(), id(req), actor(req), body.text, body.expectedVersion);
    const view = await viewWithLinks(req);
    return json(201, view);
  },
  'POST /staff/corrections/{id}/classify': async (req) => {
    const { expectedVersion, ...body } = parseOrThrow(lazyClassifyBody(), req.body);
    await classify(runtimeDeps(), id(req), actor(req), body, expectedVersion);
    return staffView200(req);
  },
});

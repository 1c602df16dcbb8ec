/**
 * Every function's handler for the tests, built by the function's own composition root (`makeHandler` in
 * functions/<name>/handler.ts) from test dependencies — never from the environment, as `handler` is.
 *
 * - `handlersFor(deps)` builds them all from the deps you give (a whole DynamoStore satisfies every store preset).
 * - The named exports (`publicCorrections`, `staffQueue`, …) are built once from `testDeps`: a view of the deps
 *   the latest `createTestEnv()` made (its table, the local SES mailer, its settable clock, whatever the test then
 *   put on it, like `env.results` or `env.mailer`). They let a test file import its handlers at the top.
 * tests/integration/composition.test.ts checks the other half: each `handler` as Lambda composes it from its environment.
 */
import { makeHandler as makeAdmin } from '../../functions/admin/handler.js';
import { makeHandler as makeAdminPrivacy } from '../../functions/admin-privacy/handler.js';
import { makeHandler as makeChallenge } from '../../functions/challenge/handler.js';
import { makeHandler as makeEmailIn } from '../../functions/email-in/handler.js';
import { makeHandler as makeEmailOutbox } from '../../functions/email-outbox/handler.js';
import { makeHandler as makeHealth } from '../../functions/health/handler.js';
import { makeHandler as makeMatchesSync } from '../../functions/matches-sync/handler.js';
import { makeHandler as makeOfficials } from '../../functions/officials/handler.js';
import { makeHandler as makeOpenapi } from '../../functions/openapi/handler.js';
import { makeHandler as makePrivacyRetention } from '../../functions/privacy-retention/handler.js';
import { makeHandler as makePublicCallbacks } from '../../functions/public-callbacks/handler.js';
import { makeHandler as makePublicCorrections } from '../../functions/public-corrections/handler.js';
import { makeHandler as makePublicMatches } from '../../functions/public-matches/handler.js';
import { makeHandler as makeSeasonSwitch } from '../../functions/season-switch/handler.js';
import { makeHandler as makeServiceStatus } from '../../functions/service-status/handler.js';
import { makeHandler as makeSesEvents } from '../../functions/ses-events/handler.js';
import { makeHandler as makeSlaWatch } from '../../functions/sla-watch/handler.js';
import { makeHandler as makeStaffCallbacks } from '../../functions/staff-callbacks/handler.js';
import { makeHandler as makeStaffCorrections } from '../../functions/staff-corrections/handler.js';
import { makeHandler as makeStaffQueue } from '../../functions/staff-queue/handler.js';
import { makeHandler as makeStaffReports } from '../../functions/staff-reports/handler.js';
import { LocalSchedules, type SchedulePort } from '../../shared/adapters/scheduler.js';
import { loadConfig } from '../../shared/config.js';
import type { AttachmentStorage, RawMailSource } from '../../shared/ports/attachments.js';
import { systemClock } from '../../shared/ports/clock.js';
import type { FunctionName } from '../../shared/manifest.js';
import type { Deps } from '../../shared/usecases/deps.js';
import type { LocalHandler } from '../../scripts/local/api-server.js';
import type { DynamoStore } from '../../scripts/local/dynamo-store.js';
import { mailStorageFromEnv } from '../../shared/wiring/mail-storage.js';

/** The adapters some functions have on top of the use cases' deps. */
export interface FunctionExtras {
  attachments: AttachmentStorage;
  source: RawMailSource;
  ownAddresses: string[];
  schedules: SchedulePort;
}
/** The use cases' deps as tests build them: the whole store, which has every store preset's groups. */
export type WholeStoreDeps = Deps<DynamoStore>;
export type FunctionDeps = WholeStoreDeps & FunctionExtras;
/** What a test may give: the use cases' deps, and any of the extras (the rest come from this machine's defaults). */
export type TestDeps = WholeStoreDeps & Partial<FunctionExtras>;

const ownAddresses = () => {
  const cfg = loadConfig();
  return [...new Set([cfg.inboundAddress, cfg.sesFrom].map((a) => a.toLowerCase()))];
};
let localMail: ReturnType<typeof mailStorageFromEnv> | undefined;
const defaultMail = () => (localMail ??= mailStorageFromEnv());

/** `deps` with the extras it lacks (a copy: later changes to `deps` are not seen). */
export function functionDeps(deps: TestDeps): FunctionDeps {
  return {
    ...deps,
    attachments: deps.attachments ?? defaultMail().attachments,
    source: deps.source ?? defaultMail().source,
    ownAddresses: deps.ownAddresses ?? ownAddresses(),
    schedules: deps.schedules ?? new LocalSchedules(),
  };
}

/** `staff-corrections` → `staffCorrections` */
type Camel<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<Camel<B>>}` : S;

/**
 * Every function's handler, built by its composition root from `deps` (a function added to the manifest and not here fails the
 * typecheck).
 */
export function handlersFor(deps: FunctionDeps) {
  return {
    admin: makeAdmin(deps),
    adminPrivacy: makeAdminPrivacy(deps),
    // the challenge is issued on the real clock, as in AWS (the proof of work's expiry is real time)
    challenge: makeChallenge({ clock: systemClock }),
    emailIn: makeEmailIn(deps),
    emailOutbox: makeEmailOutbox(deps),
    health: makeHealth(deps),
    matchesSync: makeMatchesSync(deps),
    officials: makeOfficials(deps),
    openapi: makeOpenapi(),
    privacyRetention: makePrivacyRetention(deps),
    publicCallbacks: makePublicCallbacks(deps),
    publicCorrections: makePublicCorrections(deps),
    publicMatches: makePublicMatches(deps),
    seasonSwitch: makeSeasonSwitch(deps),
    serviceStatus: makeServiceStatus(deps),
    sesEvents: makeSesEvents(deps),
    slaWatch: makeSlaWatch(deps),
    staffCallbacks: makeStaffCallbacks(deps),
    staffCorrections: makeStaffCorrections(deps),
    staffQueue: makeStaffQueue(deps),
    staffReports: makeStaffReports(deps),
  } satisfies Record<Camel<FunctionName>, unknown>;
}

let current: TestDeps | undefined;

/** createTestEnv() calls it (unless `install: false`): the named handlers below then work on these deps. */
export function useTestDeps(deps: TestDeps): void {
  current = deps;
}

const latest = (): TestDeps => {
  if (!current) throw new Error('No test deps yet: call createTestEnv() (tests/support/harness.ts) before calling a handler.');
  return current;
};

/** The latest test env's deps, read at each use: a test may replace `env.mailer`, `env.results`, … as it goes. */
export const testDeps: FunctionDeps = {
  get store() {
    return latest().store;
  },
  get mailer() {
    return latest().mailer;
  },
  get clock() {
    return latest().clock;
  },
  get publicBaseUrl() {
    return latest().publicBaseUrl;
  },
  get publicWebUrl() {
    return latest().publicWebUrl;
  },
  get results() {
    return latest().results;
  },
  get attachments() {
    return latest().attachments ?? defaultMail().attachments;
  },
  get source() {
    return latest().source ?? defaultMail().source;
  },
  get ownAddresses() {
    return latest().ownAddresses ?? ownAddresses();
  },
  get schedules() {
    const deps = latest();
    return (deps.schedules ??= new LocalSchedules());
  },
};

const named = handlersFor(testDeps);

export const {
  admin,
  adminPrivacy,
  challenge,
  emailIn,
  emailOutbox,
  health,
  matchesSync,
  officials,
  openapi,
  privacyRetention,
  publicCallbacks,
  publicCorrections,
  publicMatches,
  seasonSwitch,
  serviceStatus,
  sesEvents,
  slaWatch,
  staffCallbacks,
  staffCorrections,
  staffQueue,
  staffReports,
} = named;

/** A local API server's `handlerOf` (scripts/local/api-server.ts): each function's handler on the latest test deps. */
export const testHandlerOf = (name: FunctionName): LocalHandler => {
  const camel = name.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()) as Camel<FunctionName>;
  return named[camel] as unknown as LocalHandler;
};

/**
 * Builds a function's adapters once per cold start, from the environment. In Lambda
 * (AWS_LAMBDA_FUNCTION_NAME set) they are built at import, during the init phase; elsewhere at first use.
 *
 * Each handler says which store groups its use cases need — `const runtimeDeps = runtimeFor(composeStore(
 * CaseStore, …))`, or `runtimeFor(QueueStore)` for one group — and the use cases' parameter types check
 * that it named enough; so a bundle carries only those access patterns. The SES mailer is registered only by functions that send email
 * (`import '../../shared/runtime-ses.js'`), so the others do not carry the SES client in their bundle.
 */
import { makeDocumentClient } from './adapters/aws-clients.js';
import type { ResultsService } from './adapters/results-service.js';
import { loadConfig, type RuntimeConfig } from './config.js';
import type { Language } from './domain/calendar-config.js';
import type { Actor } from './domain/correction.js';
import type { Caller } from './http/lambda-http.js';
import { systemClock, type Clock } from './ports/clock.js';
import type { Mailer } from './ports/mailer.js';
import type { StoreClass } from './store/core.js';
import type { Deps } from './usecases/deps.js';

const IN_LAMBDA = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);
/** what tests and the local tools installed (setRuntimeDeps); every function's runtime answers it */
let installed: Deps | undefined;
/** bumped by setRuntimeDeps: a runtime built before it builds again from the environment */
let generation = 0;
let mailerFactory: ((cfg: RuntimeConfig) => Mailer) | undefined;
let mailer: Mailer | undefined;

const noMailer: Mailer = {
  send: () => Promise.reject(new Error('this function has no mailer: import shared/runtime-ses.js in its handler')),
};

const getMailer = (): Mailer => (mailer ??= mailerFactory ? mailerFactory(loadConfig()) : noMailer);
// Resolved at send time: a function registers its mailer on import, which may come after deps are built.
const lazyMailer: Mailer = { send: (email) => getMailer().send(email) };

let resultsFactory: (() => ResultsService | undefined) | undefined;
let resultsBuilt: { service?: ResultsService } | undefined;
const getResults = (): ResultsService | undefined => (resultsBuilt ??= { service: resultsFactory?.() }).service;

/** Functions that call the results service register its client (`import '../../shared/runtime-results.js'`). */
export function registerResults(factory: () => ResultsService | undefined): void {
  resultsFactory = factory;
  resultsBuilt = undefined;
  if (IN_LAMBDA) getResults();
}

export function registerMailer(factory: (cfg: RuntimeConfig) => Mailer): void {
  mailerFactory = factory;
  mailer = undefined;
  if (IN_LAMBDA) getMailer();
}

/** A function's `runtimeDeps(clock?)`: its store (of the given store class), the mailer, the clock. */
export function runtimeFor<S>(Store: StoreClass<S>): (clock?: Clock) => Deps<S> {
  let own: Deps<S> | undefined;
  let builtIn = -1;
  const runtimeDeps = (clock: Clock = systemClock): Deps<S> => {
    // Tests and the local tools install a whole DynamoStore, which has every group's methods.
    let deps = installed as Deps<S> | undefined;
    if (!deps) {
      if (!own || builtIn !== generation) {
        const cfg = loadConfig();
        own = {
          store: new Store(makeDocumentClient(cfg), cfg.tableName),
          mailer: lazyMailer,
          clock: systemClock,
          publicBaseUrl: cfg.publicBaseUrl,
          publicWebUrl: cfg.publicWebUrl,
          get results() {
            return getResults();
          },
        };
        builtIn = generation;
      }
      deps = own;
    }
    return clock === systemClock ? deps : { ...deps, clock };
  };
  if (IN_LAMBDA) runtimeDeps();
  return runtimeDeps;
}

/** Tests and the local server swap in their own adapters; `undefined` goes back to the environment's. */
export function setRuntimeDeps(next: Deps | undefined): void {
  installed = next;
  generation++;
}

export function actorOf(caller: Caller): Actor {
  const lang = caller.locale?.slice(0, 2);
  return {
    sub: caller.sub,
    ...(caller.email ? { email: caller.email } : {}),
    ...(caller.name ? { name: caller.name } : {}),
    language: (['fi', 'sv', 'en'].includes(lang ?? '') ? lang : 'fi') as Language,
  };
}

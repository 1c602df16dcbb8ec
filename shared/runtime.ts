/**
 * Builds the real adapters once per cold start, from the environment. In Lambda (AWS_LAMBDA_FUNCTION_NAME
 * set) they are built at import, during the init phase; elsewhere at first use. The SES mailer is
 * registered only by functions that send email (`import '../../shared/runtime-ses.js'`), so the others
 * do not carry the SES client in their bundle.
 */
import { makeDocumentClient } from './adapters/aws-clients.js';
import { loadConfig, type RuntimeConfig } from './config.js';
import type { Language } from './domain/calendar-config.js';
import type { Actor } from './domain/correction.js';
import type { Caller } from './http/lambda-http.js';
import { systemClock, type Clock } from './ports/clock.js';
import type { Mailer } from './ports/mailer.js';
import { DynamoStore } from './store/dynamo-store.js';
import type { Deps } from './usecases/deps.js';

const IN_LAMBDA = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);
let deps: Deps | undefined;
let mailerFactory: ((cfg: RuntimeConfig) => Mailer) | undefined;
let mailer: Mailer | undefined;

const noMailer: Mailer = {
  send: () => Promise.reject(new Error('this function has no mailer: import shared/runtime-ses.js in its handler')),
};

const getMailer = (): Mailer => (mailer ??= mailerFactory ? mailerFactory(loadConfig()) : noMailer);
// Resolved at send time: a function registers its mailer on import, which may come after deps are built.
const lazyMailer: Mailer = { send: (email) => getMailer().send(email) };

export function registerMailer(factory: (cfg: RuntimeConfig) => Mailer): void {
  mailerFactory = factory;
  mailer = undefined;
  if (IN_LAMBDA) getMailer();
}

export function runtimeDeps(clock: Clock = systemClock): Deps {
  if (!deps) {
    const cfg = loadConfig();
    deps = { store: new DynamoStore(makeDocumentClient(cfg), cfg.tableName), mailer: lazyMailer, clock: systemClock, publicBaseUrl: cfg.publicBaseUrl };
  }
  return clock === systemClock ? deps : { ...deps, clock };
}

if (IN_LAMBDA) runtimeDeps();

/** Tests and the local server swap in their own adapters. */
export function setRuntimeDeps(next: Deps | undefined): void {
  deps = next;
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

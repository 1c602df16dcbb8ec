/**
 * The pieces every function's composition root (`buildDeps` in functions/<name>/handler.ts) is made of. A root
 * names its store preset (the store groups its use cases need, so its bundle carries only those access patterns)
 * and the adapters it uses — the SES mailer (./ses.ts), the results-service client (./results.ts) — and builds
 * them once per cold start: `export const handler = makeHandler(buildDeps())` runs at import, which in Lambda
 * is the init phase. Nothing here is module state: tests and the local tools build handlers from their own deps.
 */
import type { ResultsService } from '../adapters/results-service.js';
import { makeDocumentClient } from '../adapters/aws-clients.js';
import { loadConfig, type RuntimeConfig } from '../config.js';
import type { Clock } from '../ports/clock.js';
import { systemClock } from '../ports/clock.js';
import type { Mailer } from '../ports/mailer.js';
import type { StoreClass } from '../store/core.js';
import type { Deps } from '../usecases/deps.js';

/** A function that sends no email gets this: a send is a wiring mistake, said as such. */
export const noMailer: Mailer = {
  send: () => Promise.reject(new Error('this function has no mailer: give its composition root (buildDeps) the SES mailer')),
};

export interface EnvParts {
  /** the function sends email: its mailer, from the configuration (./ses.ts `sesMailer`) */
  mailer?: (cfg: RuntimeConfig) => Mailer;
  /** the function calls the results service: its client, from the environment (./results.ts `resultsFromEnv`) */
  results?: () => ResultsService | undefined;
}

/** A function's deps from the environment: its store preset on the configured table, the parts it names, the system clock. */
export function depsFromEnv<S>(Store: StoreClass<S>, parts: EnvParts = {}, cfg: RuntimeConfig = loadConfig()): Deps<S> {
  const results = parts.results?.();
  return {
    store: new Store(makeDocumentClient(cfg), cfg.tableName),
    mailer: parts.mailer ? parts.mailer(cfg) : noMailer,
    clock: systemClock,
    ...(cfg.publicBaseUrl ? { publicBaseUrl: cfg.publicBaseUrl } : {}),
    ...(cfg.publicWebUrl ? { publicWebUrl: cfg.publicWebUrl } : {}),
    ...(results ? { results } : {}),
  };
}

/** A job's deps for one run: "now" is the event's time when it has one (jobClock), else the deps' own clock. */
export const atClock = <D extends { clock: Clock }>(deps: D, clock: Clock | undefined): D => (clock ? { ...deps, clock } : deps);

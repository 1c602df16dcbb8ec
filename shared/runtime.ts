/** Builds the real adapters once per cold start (module scope), from the environment. */
import { makeDocumentClient, makeSesClient } from './adapters/aws-clients.js';
import { SesMailer } from './adapters/ses-mailer.js';
import { loadConfig } from './config.js';
import type { Language } from './domain/calendar-config.js';
import type { Actor } from './domain/correction.js';
import type { Caller } from './http/lambda-http.js';
import { systemClock, type Clock } from './ports/clock.js';
import { DynamoStore } from './store/dynamo-store.js';
import type { Deps } from './usecases/deps.js';

let deps: Deps | undefined;

export function runtimeDeps(clock: Clock = systemClock): Deps {
  if (!deps) {
    const cfg = loadConfig();
    const store = new DynamoStore(makeDocumentClient(cfg), cfg.tableName);
    deps = { store, mailer: new SesMailer(makeSesClient(cfg), cfg.sesFrom, cfg.sesConfigurationSet), clock: systemClock, publicBaseUrl: cfg.publicBaseUrl };
  }
  return clock === systemClock ? deps : { ...deps, clock };
}

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

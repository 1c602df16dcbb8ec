/**
 * The runtime with the whole store, for the local tools (`npm start` seeds through it) and anything else
 * that is not a function's handler. Handlers use `runtimeFor` (./runtime-core.ts) with only the store
 * groups they need; everything else (the installed deps of tests, the mailer) is shared with them.
 */
import type { Clock } from './ports/clock.js';
import { DynamoStore } from './store/dynamo-store.js';
import type { Deps } from './usecases/deps.js';
import { runtimeFor } from './runtime-core.js';

export { actorOf, registerMailer, runtimeFor, setRuntimeDeps } from './runtime-core.js';

let whole: ((clock?: Clock) => Deps) | undefined;

export function runtimeDeps(clock?: Clock): Deps {
  return (whole ??= runtimeFor(DynamoStore))(clock);
}

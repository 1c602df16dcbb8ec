/** GET /matches?date=YYYY-MM-DD&q=&seriesId= (public): the day's known matches (Helsinki date), for the report form. */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { lazyMatchesQuery } from '../../shared/schemas.js';
import { CatalogStore } from '../../shared/store/catalog.js';
import { composeStore } from '../../shared/store/core.js';
import { MatchDayStore } from '../../shared/store/matches.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { listMatches } from '../../shared/usecases/matches.js';
import { depsFromEnv } from '../../shared/wiring/deps.js';

/** The store groups of listing a day's matches (the use case's parameter type checks it). */
const MatchListStore = composeStore(CatalogStore, MatchDayStore);
export type PublicMatchesDeps = Deps<InstanceType<typeof MatchListStore>>;

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler = (deps: PublicMatchesDeps) =>
  httpFunction('public-matches', {
    'GET /matches': async (req) => json(200, await listMatches(deps, parseOrThrow(lazyMatchesQuery(), req.query, 'query string'))),
  });

/** Built once per cold start (in Lambda at init) from the environment. */
export const buildDeps = (): PublicMatchesDeps => depsFromEnv(MatchListStore);
export const handler = makeHandler(buildDeps());

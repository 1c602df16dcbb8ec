/** GET /matches?date=YYYY-MM-DD&q=&seriesId= (public): the day's known matches (Helsinki date), for the report form. */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { runtimeFor } from '../../shared/runtime-core.js';
import { lazyMatchesQuery } from '../../shared/schemas.js';
import { CatalogStore } from '../../shared/store/catalog.js';
import { composeStore } from '../../shared/store/core.js';
import { MatchDayStore } from '../../shared/store/matches.js';
import { listMatches } from '../../shared/usecases/matches.js';

/** The store groups this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(composeStore(CatalogStore, MatchDayStore));

export const handler = httpFunction('public-matches', {
  'GET /matches': async (req) => json(200, await listMatches(runtimeDeps(), parseOrThrow(lazyMatchesQuery(), req.query, 'query string'))),
});

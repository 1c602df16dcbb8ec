/** Admin: calendar, series and their officials, match import. */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { lazyIdSchema, lazyMatchesBody, lazySeriesBody } from '../../shared/schemas.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { runtimeFor } from '../../shared/runtime-core.js';
import { CatalogStore, CatalogWriteStore } from '../../shared/store/catalog.js';
import { ConfigStore, ConfigWriteStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { getCalendar, importMatches, putCalendar, putSeries } from '../../shared/usecases/admin.js';

/** The store groups this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(composeStore(ConfigStore, ConfigWriteStore, CatalogStore, CatalogWriteStore));

export const handler = httpFunction('admin', {
  'GET /admin/calendar': async () => json(200, await getCalendar(runtimeDeps())),
  'PUT /admin/calendar': async (req) => json(200, await putCalendar(runtimeDeps(), req.body, req.caller!.email ?? req.caller!.sub)),
  'GET /admin/series': async () => json(200, { items: await runtimeDeps().store.listSeries() }),
  'PUT /admin/series/{seriesId}': async (req) => {
    const seriesId = parseOrThrow(lazyIdSchema(), req.pathParameters.seriesId, 'series id');
    return json(200, await putSeries(runtimeDeps(), seriesId, parseOrThrow(lazySeriesBody(), req.body)));
  },
  'POST /admin/matches': async (req) => json(200, await importMatches(runtimeDeps(), parseOrThrow(lazyMatchesBody(), req.body).matches)),
});

/** Admin: calendar, series and their officials, match import. */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { lazyIdSchema, lazyLimitsBody, lazyMatchesBody, lazySeriesBody } from '../../shared/schemas.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { runtimeFor } from '../../shared/runtime-core.js';
import { CatalogStore, CatalogWriteStore } from '../../shared/store/catalog.js';
import { ConfigStore, ConfigWriteStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { LimitsStore, LimitsWriteStore } from '../../shared/store/limits.js';
import { getCalendar, importMatches, putCalendar, putSeries } from '../../shared/usecases/admin.js';
import { getLimits, putLimits } from '../../shared/usecases/limits.js';

/** The store groups this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(composeStore(ConfigStore, ConfigWriteStore, CatalogStore, CatalogWriteStore, LimitsStore, LimitsWriteStore));

export const handler = httpFunction('admin', {
  'GET /admin/calendar': async () => json(200, await getCalendar(runtimeDeps())),
  'PUT /admin/calendar': async (req) => json(200, await putCalendar(runtimeDeps(), req.body, req.caller!.email ?? req.caller!.sub)),
  'GET /admin/series': async () => json(200, { items: await runtimeDeps().store.listSeries() }),
  'PUT /admin/series/{seriesId}': async (req) => {
    const seriesId = parseOrThrow(lazyIdSchema(), req.pathParameters.seriesId, 'series id');
    return json(200, await putSeries(runtimeDeps(), seriesId, parseOrThrow(lazySeriesBody(), req.body)));
  },
  'GET /admin/limits': async () => json(200, await getLimits(runtimeDeps())),
  'PUT /admin/limits': async (req) => json(200, await putLimits(runtimeDeps(), parseOrThrow(lazyLimitsBody(), req.body), req.caller!.email ?? req.caller!.sub)),
  'POST /admin/matches': async (req) => json(200, await importMatches(runtimeDeps(), parseOrThrow(lazyMatchesBody(), req.body).matches)),
});

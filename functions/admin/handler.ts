/** Admin: calendar, series and their officials, match import. */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { idSchema, matchesBody, seriesBody } from '../../shared/schemas.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { runtimeDeps } from '../../shared/runtime.js';
import { getCalendar, importMatches, putCalendar, putSeries } from '../../shared/usecases/admin.js';

export const handler = httpFunction('admin', {
  'GET /admin/calendar': async () => json(200, await getCalendar(runtimeDeps())),
  'PUT /admin/calendar': async (req) => json(200, await putCalendar(runtimeDeps(), req.body, req.caller!.email ?? req.caller!.sub)),
  'GET /admin/series': async () => json(200, { items: await runtimeDeps().store.listSeries() }),
  'PUT /admin/series/{seriesId}': async (req) => {
    const seriesId = parseOrThrow(idSchema, req.pathParameters.seriesId, 'series id');
    return json(200, await putSeries(runtimeDeps(), seriesId, parseOrThrow(seriesBody, req.body)));
  },
  'POST /admin/matches': async (req) => json(200, await importMatches(runtimeDeps(), parseOrThrow(matchesBody, req.body).matches)),
});

/** Admin: calendar, series and their officials, match import. */
import { authenticatedFunction, json, type AuthenticatedRequest } from '../../shared/http/lambda-http.js';
import { lazyIdSchema, lazyLimitsBody, lazyMatchesBody, lazySeriesBody } from '../../shared/schemas.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { CatalogStore, CatalogWriteStore } from '../../shared/store/catalog.js';
import { ConfigStore, ConfigWriteStore } from '../../shared/store/config.js';
import { composeStore } from '../../shared/store/core.js';
import { LimitsStore, LimitsWriteStore } from '../../shared/store/limits.js';
import { getCalendar, importMatches, putCalendar, putSeries } from '../../shared/usecases/admin.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { getLimits, putLimits } from '../../shared/usecases/limits.js';
import { depsFromEnv } from '../../shared/wiring/deps.js';

/** The store groups of the admin use cases (their parameter types check it): calendar, series, limits, match import. */
const CalendarSeriesLimitsStore = composeStore(
  ConfigStore,
  ConfigWriteStore,
  CatalogStore,
  CatalogWriteStore,
  LimitsStore,
  LimitsWriteStore,
);
export type AdminDeps = Deps<InstanceType<typeof CalendarSeriesLimitsStore>>;

/** who changed it, in the audit of a calendar or limits change */
const changedBy = (req: AuthenticatedRequest) => req.caller.email ?? req.caller.sub;

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler = (deps: AdminDeps) =>
  authenticatedFunction('admin', {
    'GET /admin/calendar': async () => json(200, await getCalendar(deps)),
    'PUT /admin/calendar': async (req) => json(200, await putCalendar(deps, req.body, changedBy(req))),
    'GET /admin/series': async () => json(200, { items: await deps.store.listSeries() }),
    'PUT /admin/series/{seriesId}': async (req) => {
      const seriesId = parseOrThrow(lazyIdSchema(), req.pathParameters.seriesId, 'series id');
      return json(200, await putSeries(deps, seriesId, parseOrThrow(lazySeriesBody(), req.body)));
    },
    'GET /admin/limits': async () => json(200, await getLimits(deps)),
    'PUT /admin/limits': async (req) => json(200, await putLimits(deps, parseOrThrow(lazyLimitsBody(), req.body), changedBy(req))),
    'POST /admin/matches': async (req) => json(200, await importMatches(deps, parseOrThrow(lazyMatchesBody(), req.body).matches)),
  });

/** Built once per cold start (in Lambda at init) from the environment. */
export const buildDeps = (): AdminDeps => depsFromEnv(CalendarSeriesLimitsStore);
export const handler = makeHandler(buildDeps());

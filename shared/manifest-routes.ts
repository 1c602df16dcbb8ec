/**
 * The part of the manifest (./manifest.ts) that function code reads at run time: the routes (who may call
 * what, checked again by every HTTP function) and the jobs. Kept apart from the function specs, so a
 * function's bundle carries no other function's description. Edit routes and jobs here; manifest.ts
 * re-exports them, so the CDK app, the local server and the tests read one source.
 */
import type { FunctionName } from './manifest.js';

export type Group = 'staff' | 'official' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface RouteSpec {
  method: HttpMethod;
  path: string;
  function: FunctionName;
  /** 'public' = no JWT; otherwise the JWT groups allowed (the handler checks them again: deny by default) */
  auth: 'public' | Group[];
}

export interface JobSpec {
  /** schedule name, unique */
  name: string;
  function: FunctionName;
  /** EventBridge Scheduler cron expression, evaluated in Europe/Helsinki */
  awsCron: string;
  /** the same schedule for croner (5 fields, Europe/Helsinki) in `npm start` */
  localCron: string;
  /** weekend-hotline schedules: enabled only while a season is on; `season-switch` turns them on/off */
  seasonal: boolean;
}

/** The routes of one function, all with the same access, in the order given. */
function routes(fn: FunctionName, auth: RouteSpec['auth'], keys: `${HttpMethod} /${string}`[]): RouteSpec[] {
  return keys.map((key) => {
    const [method, path] = key.split(' ') as [HttpMethod, string];
    return { method, path, function: fn, auth };
  });
}

const STAFF: Group[] = ['staff', 'admin'];
const OFFICIAL: Group[] = ['official'];
const ADMIN: Group[] = ['admin'];

export const ROUTES: RouteSpec[] = [
  ...routes('health', 'public', ['GET /health']),
  ...routes('openapi', 'public', ['GET /openapi.json']),
  ...routes('service-status', 'public', ['GET /service-status']),
  ...routes('challenge', 'public', ['GET /challenge']),
  ...routes('public-corrections', 'public', ['POST /corrections', 'GET /corrections/{id}', 'POST /corrections/{id}/replies']),
  ...routes('public-callbacks', 'public', ['POST /callbacks']),
  ...routes('public-matches', 'public', ['GET /matches']),
  ...routes('staff-queue', STAFF, ['GET /staff/queue']),
  ...routes('staff-corrections', STAFF, [
    'POST /staff/corrections',
    'GET /staff/corrections/{id}',
    'POST /staff/corrections/{id}/claim',
    'POST /staff/corrections/{id}/release',
    'POST /staff/corrections/{id}/request-info',
    'POST /staff/corrections/{id}/resolve',
    'POST /staff/corrections/{id}/escalate',
    'POST /staff/corrections/{id}/notes',
    'POST /staff/corrections/{id}/classify',
  ]),
  ...routes('staff-callbacks', STAFF, ['POST /staff/callbacks/{id}/claim', 'POST /staff/callbacks/{id}/complete']),
  ...routes('staff-reports', STAFF, ['GET /staff/reports/summary']),
  ...routes('officials', OFFICIAL, [
    'GET /officials/escalations',
    'GET /officials/corrections/{id}',
    'POST /officials/corrections/{id}/decision',
  ]),
  ...routes('admin', ADMIN, [
    'GET /admin/calendar',
    'PUT /admin/calendar',
    'GET /admin/series',
    'PUT /admin/series/{seriesId}',
    'POST /admin/matches',
  ]),
  ...routes('admin', ADMIN, ['GET /admin/limits', 'PUT /admin/limits']),
  ...routes('admin-privacy', ADMIN, ['GET /admin/privacy/export', 'POST /admin/privacy/erase']),
];

/**
 * Jobs (contract §6), all in Europe/Helsinki. sla-watch runs every 5 minutes inside the windows;
 * the job itself checks the calendar, so a schedule running in a closed minute sends nothing.
 */
export const JOBS: JobSpec[] = [
  {
    name: 'sla-watch-general',
    function: 'sla-watch',
    awsCron: 'cron(0/5 9-15 ? * MON-FRI *)',
    localCron: '*/5 9-15 * * 1-5',
    seasonal: false,
  },
  { name: 'sla-watch-results', function: 'sla-watch', awsCron: 'cron(0/5 9-20 * * ? *)', localCron: '*/5 9-20 * * *', seasonal: true },
  { name: 'season-switch', function: 'season-switch', awsCron: 'cron(5 0 * * ? *)', localCron: '5 0 * * *', seasonal: false },
  { name: 'email-outbox', function: 'email-outbox', awsCron: 'rate(1 minute)', localCron: '* * * * *', seasonal: false },
  // matches-sync: hourly, and every 10 minutes in the open windows (the job skips a run while the calendar says closed)
  { name: 'matches-sync-hourly', function: 'matches-sync', awsCron: 'cron(5 * * * ? *)', localCron: '5 * * * *', seasonal: false },
  // privacy-retention: daily at 03:30, a quiet hour (contract §12)
  { name: 'privacy-retention', function: 'privacy-retention', awsCron: 'cron(30 3 * * ? *)', localCron: '30 3 * * *', seasonal: false },
  {
    name: 'matches-sync-windows',
    function: 'matches-sync',
    awsCron: 'cron(0/10 9-20 * * ? *)',
    localCron: '*/10 9-20 * * *',
    seasonal: false,
  },
];

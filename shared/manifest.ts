/**
 * The route and function manifest: the single source both the CDK stateless stack and the
 * local dev server read, so routes, auth and functions cannot drift between AWS and this machine.
 * Keep this file free of imports with side effects: the CDK app and the local server load it.
 */
import type { IndexKey } from './store/table-design.js';

export type Group = 'staff' | 'official' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PUT';

/** Table access a function needs; the CDK construct turns this into least-privilege IAM. */
export interface TableAccess {
  /** GetItem / BatchGetItem / Query on the base table */
  read?: boolean;
  /** PutItem / UpdateItem / DeleteItem / ConditionCheckItem (TransactWriteItems is authorised per item action) */
  write?: boolean;
  /** Query on these indexes only */
  indexes?: IndexKey[];
}

export interface FunctionSpec {
  /** path of the handler module, relative to the repository root; it exports `handler` */
  entry: string;
  description: string;
  table: TableAccess;
  /** sends email through SES */
  ses?: boolean;
  /** may enable/disable the seasonal EventBridge Scheduler schedules */
  schedules?: boolean;
  timeoutSeconds?: number;
  memoryMb?: number;
}

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

const ALL_INDEXES: IndexKey[] = ['queue', 'openByMatch', 'firstResponseDue', 'resolutionDue', 'escalatedBySeries'];

export const FUNCTIONS = {
  health: {
    entry: 'functions/health/handler.ts',
    description: 'GET /health: store reachability',
    table: { read: true },
  },
  openapi: {
    entry: 'functions/openapi/handler.ts',
    description: 'GET /openapi.json: the API description generated from the zod schemas',
    table: {},
  },
  'service-status': {
    entry: 'functions/service-status/handler.ts',
    description: 'GET /service-status: mode, hours and response promise for people',
    table: { read: true },
  },
  'public-corrections': {
    entry: 'functions/public-corrections/handler.ts',
    description: 'Team officials report, track and answer corrections',
    table: { read: true, write: true, indexes: ['openByMatch'] },
    ses: true,
  },
  'public-callbacks': {
    entry: 'functions/public-callbacks/handler.ts',
    description: 'POST /callbacks: ask to be called back',
    table: { read: true, write: true, indexes: ['openByMatch'] },
    ses: true,
  },
  'staff-queue': {
    entry: 'functions/staff-queue/handler.ts',
    description: 'GET /staff/queue: open cases in arrival order',
    table: { read: true, indexes: ['queue'] },
  },
  'staff-corrections': {
    entry: 'functions/staff-corrections/handler.ts',
    description: 'Staff work corrections: log, view, claim, release, request info, resolve, escalate, notes',
    table: { read: true, write: true, indexes: ['openByMatch'] },
    ses: true,
  },
  'staff-callbacks': {
    entry: 'functions/staff-callbacks/handler.ts',
    description: 'Staff claim and complete callbacks',
    table: { read: true, write: true },
  },
  'staff-reports': {
    entry: 'functions/staff-reports/handler.ts',
    description: 'GET /staff/reports/summary: contact volumes and first-contact resolution',
    table: { read: true },
  },
  officials: {
    entry: 'functions/officials/handler.ts',
    description: 'Federation officials list, view and decide escalated corrections of their series',
    table: { read: true, write: true, indexes: ['escalatedBySeries'] },
    ses: true,
  },
  admin: {
    entry: 'functions/admin/handler.ts',
    description: 'Admin: calendar, series and officials, match import',
    table: { read: true, write: true },
  },
  'sla-watch': {
    entry: 'functions/sla-watch/handler.ts',
    description: 'Job: email officials about response-target breaches, once per breach',
    table: { read: true, write: true, indexes: ['firstResponseDue', 'resolutionDue'] },
    ses: true,
    timeoutSeconds: 60,
  },
  'season-switch': {
    entry: 'functions/season-switch/handler.ts',
    description: 'Job: enable the weekend-hotline schedules while a season is on',
    table: { read: true },
    schedules: true,
  },
  'email-outbox': {
    entry: 'functions/email-outbox/handler.ts',
    description: 'Job: send emails that could not be sent at once, with backoff, never twice',
    table: { read: true, write: true, indexes: ['outboxPending'] },
    ses: true,
    timeoutSeconds: 60,
  },
  'ses-events': {
    entry: 'functions/ses-events/handler.ts',
    description: 'Records SES bounces and complaints on the outbox and the correction',
    table: { read: true, write: true },
  },
} satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof FUNCTIONS;
export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

const STAFF: Group[] = ['staff', 'admin'];
const OFFICIAL: Group[] = ['official'];
const ADMIN: Group[] = ['admin'];

export const ROUTES: RouteSpec[] = [
  { method: 'GET', path: '/health', function: 'health', auth: 'public' },
  { method: 'GET', path: '/openapi.json', function: 'openapi', auth: 'public' },
  { method: 'GET', path: '/service-status', function: 'service-status', auth: 'public' },
  { method: 'POST', path: '/corrections', function: 'public-corrections', auth: 'public' },
  { method: 'GET', path: '/corrections/{id}', function: 'public-corrections', auth: 'public' },
  { method: 'POST', path: '/corrections/{id}/replies', function: 'public-corrections', auth: 'public' },
  { method: 'POST', path: '/callbacks', function: 'public-callbacks', auth: 'public' },

  { method: 'GET', path: '/staff/queue', function: 'staff-queue', auth: STAFF },
  { method: 'POST', path: '/staff/corrections', function: 'staff-corrections', auth: STAFF },
  { method: 'GET', path: '/staff/corrections/{id}', function: 'staff-corrections', auth: STAFF },
  { method: 'POST', path: '/staff/corrections/{id}/claim', function: 'staff-corrections', auth: STAFF },
  { method: 'POST', path: '/staff/corrections/{id}/release', function: 'staff-corrections', auth: STAFF },
  { method: 'POST', path: '/staff/corrections/{id}/request-info', function: 'staff-corrections', auth: STAFF },
  { method: 'POST', path: '/staff/corrections/{id}/resolve', function: 'staff-corrections', auth: STAFF },
  { method: 'POST', path: '/staff/corrections/{id}/escalate', function: 'staff-corrections', auth: STAFF },
  { method: 'POST', path: '/staff/corrections/{id}/notes', function: 'staff-corrections', auth: STAFF },
  { method: 'POST', path: '/staff/callbacks/{id}/claim', function: 'staff-callbacks', auth: STAFF },
  { method: 'POST', path: '/staff/callbacks/{id}/complete', function: 'staff-callbacks', auth: STAFF },
  { method: 'GET', path: '/staff/reports/summary', function: 'staff-reports', auth: STAFF },

  { method: 'GET', path: '/officials/escalations', function: 'officials', auth: OFFICIAL },
  { method: 'GET', path: '/officials/corrections/{id}', function: 'officials', auth: OFFICIAL },
  { method: 'POST', path: '/officials/corrections/{id}/decision', function: 'officials', auth: OFFICIAL },

  { method: 'GET', path: '/admin/calendar', function: 'admin', auth: ADMIN },
  { method: 'PUT', path: '/admin/calendar', function: 'admin', auth: ADMIN },
  { method: 'GET', path: '/admin/series', function: 'admin', auth: ADMIN },
  { method: 'PUT', path: '/admin/series/{seriesId}', function: 'admin', auth: ADMIN },
  { method: 'POST', path: '/admin/matches', function: 'admin', auth: ADMIN },
];

/**
 * Jobs (contract §6), all in Europe/Helsinki. sla-watch runs every 5 minutes inside the windows;
 * the job itself checks the calendar, so a schedule running in a closed minute sends nothing.
 */
export const JOBS: JobSpec[] = [
  { name: 'sla-watch-general', function: 'sla-watch', awsCron: 'cron(0/5 9-15 ? * MON-FRI *)', localCron: '*/5 9-15 * * 1-5', seasonal: false },
  { name: 'sla-watch-results', function: 'sla-watch', awsCron: 'cron(0/5 9-20 * * ? *)', localCron: '*/5 9-20 * * *', seasonal: true },
  { name: 'season-switch', function: 'season-switch', awsCron: 'cron(5 0 * * ? *)', localCron: '5 0 * * *', seasonal: false },
  { name: 'email-outbox', function: 'email-outbox', awsCron: 'rate(1 minute)', localCron: '* * * * *', seasonal: false },
];

export { ALL_INDEXES };

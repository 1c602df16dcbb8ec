/**
 * The route and function manifest: the single source both the CDK stateless stack and the
 * local dev server read, so routes, auth and functions cannot drift between AWS and this machine.
 * Keep this file free of imports with side effects: the CDK app and the local server load it.
 * The routes and jobs live in ./manifest-routes.ts (re-exported here): function code reads only that
 * part, so no bundle carries the other functions' specs.
 */
import type { Group, HttpMethod, JobSpec, RouteSpec } from './manifest-routes.js';
import type { IndexKey } from './store/table-design.js';

export { JOBS, ROUTES } from './manifest-routes.js';
export type { Group, HttpMethod, JobSpec, RouteSpec };

/** Table access a function needs; the CDK construct turns this into least-privilege IAM. */
export interface TableAccess {
  /** GetItem / BatchGetItem / Query on the base table; 'get': GetItem only */
  read?: boolean | 'get';
  /** PutItem / UpdateItem / ConditionCheckItem (TransactWriteItems is authorised per item action) */
  write?: boolean;
  /** DeleteItem too (idempotency records given back, official grants removed) */
  delete?: boolean;
  /** the partition-key prefixes it touches, when not all: an IAM `dynamodb:LeadingKeys` condition ('OUTBOX#*') */
  keyPrefixes?: string[];
  /** Query on these indexes only */
  indexes?: IndexKey[];
}

export interface FunctionSpec {
  /** path of the handler module, relative to the repository root; it exports `handler` */
  entry: string;
  description: string;
  table: TableAccess;
  /** sends email through SES (and so may read the hotline secret: status-link tokens) */
  ses?: boolean;
  /** reads the hotline secret (shared/adapters/secrets.ts) without sending email; every function that hashes a contact needs it */
  secret?: boolean;
  /** may enable/disable the seasonal EventBridge Scheduler schedules */
  schedules?: boolean;
  /** calls the federation's results service: gets RESULTS_API_URL and may read the key's secret */
  resultsApi?: boolean;
  timeoutSeconds?: number;
  memoryMb?: number;
  /**
   * email-in's bucket (raw messages from SES, attachments kept): 'read' = presigned download links of
   * attachments; 'write' = also read raw messages and store attachments
   */
  mailBucket?: 'read' | 'write';
  /** gets RETENTION_MONTHS from the stage config (privacy-retention, contract §12) */
  retention?: boolean;
}

const ALL_INDEXES: IndexKey[] = ['queue', 'openByMatch', 'firstResponseDue', 'resolutionDue', 'escalatedBySeries'];

export const FUNCTIONS = {
  health: {
    entry: 'functions/health/handler.ts',
    description: 'GET /health: store reachability',
    table: { read: 'get', keyPrefixes: ['HEALTH'] },
  },
  openapi: {
    entry: 'functions/openapi/handler.ts',
    description: 'GET /openapi.json: the API description generated from the zod schemas',
    table: {},
  },
  'service-status': {
    entry: 'functions/service-status/handler.ts',
    description: 'GET /service-status: mode, hours and response promise for people',
    table: { read: true, keyPrefixes: ['CONFIG'] },
  },
  challenge: {
    entry: 'functions/challenge/handler.ts',
    description: 'GET /challenge: an ALTCHA proof-of-work challenge for the public POSTs',
    table: {},
    secret: true,
  },
  'public-corrections': {
    entry: 'functions/public-corrections/handler.ts',
    description: 'Team officials report, track and answer corrections',
    table: { read: true, write: true, delete: true, indexes: ['openByMatch'] },
    ses: true,
    resultsApi: true,
  },
  'public-matches': {
    entry: 'functions/public-matches/handler.ts',
    description: "GET /matches: the day's known matches (Helsinki date) for the report form; a Query on matches-by-date",
    table: { read: true, indexes: ['matchesByDate'] },
  },
  'public-callbacks': {
    entry: 'functions/public-callbacks/handler.ts',
    description: 'POST /callbacks: ask to be called back',
    table: { read: true, write: true, delete: true, indexes: ['openByMatch'] },
    ses: true,
  },
  'staff-queue': {
    entry: 'functions/staff-queue/handler.ts',
    description: 'GET /staff/queue: open cases in arrival order',
    // the queue index (partition QUEUE) and CONFIG / CALENDAR: the due-soon instant counts open minutes
    table: { read: true, indexes: ['queue'], keyPrefixes: ['QUEUE', 'CONFIG'] },
  },
  'staff-corrections': {
    entry: 'functions/staff-corrections/handler.ts',
    description: 'Staff work corrections: log, view, claim, release, request info, resolve, escalate, notes, classify',
    table: { read: true, write: true, delete: true, indexes: ['openByMatch'] },
    ses: true,
    resultsApi: true,
    mailBucket: 'read',
  },
  'staff-callbacks': {
    entry: 'functions/staff-callbacks/handler.ts',
    description: 'Staff claim and complete callbacks',
    table: { read: true, write: true },
    // the hotline secret: the open-callback keys hold a keyed hash of the phone number
    secret: true,
  },
  'staff-reports': {
    entry: 'functions/staff-reports/handler.ts',
    description: 'GET /staff/reports/summary: contact volumes and first-contact resolution',
    table: { read: true, keyPrefixes: ['AGG#*'] },
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
    table: { read: true, write: true, delete: true },
  },
  'admin-privacy': {
    entry: 'functions/admin-privacy/handler.ts',
    description: 'Admin: export or erase what is stored about one email address or phone number (contract §12)',
    table: {
      read: true,
      write: true,
      delete: true,
      keyPrefixes: ['CONTACT#*', 'C#*', 'OUTBOX#*', 'RC#*', 'CBOPEN#*', 'RETAIN#*', 'PRIVACY#AUDIT'],
    },
    secret: true,
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
    table: { read: true, keyPrefixes: ['CONFIG'] },
    schedules: true,
  },
  'email-outbox': {
    entry: 'functions/email-outbox/handler.ts',
    description: 'Job: send emails that could not be sent at once, with backoff, never twice',
    table: { read: true, write: true, indexes: ['outboxPending'], keyPrefixes: ['OUTBOX#*', 'C#*'] },
    ses: true,
    timeoutSeconds: 60,
  },
  'matches-sync': {
    entry: 'functions/matches-sync/handler.ts',
    description: "Job: keep the linked series' matches (7 days back to 7 ahead) in step with the results service, writing only changes",
    table: { read: true, write: true, indexes: ['openByMatch'] },
    resultsApi: true,
    timeoutSeconds: 120,
    memoryMb: 512,
  },
  'privacy-retention': {
    entry: 'functions/privacy-retention/handler.ts',
    description: 'Job: erase the personal data of cases resolved more than RETENTION_MONTHS (13) months ago; report figures stay',
    table: { read: true, write: true, delete: true, keyPrefixes: ['RETAIN#*', 'C#*', 'OUTBOX#*', 'RC#*', 'CBOPEN#*', 'CONTACT#*'] },
    retention: true,
    secret: true,
    timeoutSeconds: 300,
  },
  'ses-events': {
    entry: 'functions/ses-events/handler.ts',
    description: 'Records SES bounces and complaints on the outbox and the correction',
    table: { read: true, write: true, keyPrefixes: ['OUTBOX#*', 'C#*'] },
  },
  'email-in': {
    entry: 'functions/email-in/handler.ts',
    description: 'Inbound email (SES → S3 → this): reporter replies, new contacts by email, attachments; never answers robots',
    table: { read: true, write: true, indexes: ['openByMatch', 'matchesByDate'] },
    ses: true,
    mailBucket: 'write',
    timeoutSeconds: 60,
    memoryMb: 256,
  },
} satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof FUNCTIONS;
export const FUNCTION_NAMES = /* @__PURE__ */ Object.keys(FUNCTIONS) as FunctionName[];

export { ALL_INDEXES };

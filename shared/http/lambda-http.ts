/**
 * The HTTP edge of every API function: size limit, JSON parsing, deny-by-default group check
 * (the route manifest says who may call what; the function checks again even behind the JWT
 * authorizer), dispatch by route key, and the contract's error shape.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { FunctionName } from '../manifest.js';
import { ROUTES, type Group, type RouteSpec } from '../manifest-routes.js';
import { AppError } from '../errors.js';
import { log } from '../log.js';
import { installContactHashKey } from '../adapters/contact-key-secret.js';
import { etagOfText } from './etag.js';

export const MAX_BODY_BYTES = 64 * 1024;

export interface Caller {
  sub: string;
  groups: Group[];
  email?: string;
  /** Cognito's `email_verified`: only a verified email scopes an official (contract §12) */
  emailVerified: boolean;
  /** `token_use`: "id" or "access" (an access token carries no email) */
  tokenUse?: string;
  name?: string;
  locale?: string;
}

export interface HttpRequest {
  routeKey: string;
  pathParameters: Record<string, string>;
  query: Record<string, string>;
  /** lower-cased header names */
  headers: Record<string, string>;
  /** parsed JSON body; undefined when there is none */
  body: unknown;
  rawBody: string;
  /** set on every route that is not public (see AuthenticatedRequest); a public route may still carry one */
  caller?: Caller;
  requestId: string;
  /** the client's address as the API Gateway saw it (requestContext.http.sourceIp) */
  sourceIp?: string;
}

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** send `body` as is (e.g. CSV) instead of JSON */
  raw?: boolean;
  /** `body`'s JSON text when the route has it already: exactly `JSON.stringify(body)` (sent instead of serialising again) */
  json?: string;
  /**
   * a conditional answer (./conditional.ts): the edge adds the ETag of the JSON it sends, and answers 304 with no body
   * when this (the request's If-None-Match, or null) names it
   */
  ifNoneMatch?: string | null;
}

/** The request of a route for signed-in users: the edge refused it (401/403) unless a caller with an allowed group sent it. */
export interface AuthenticatedRequest extends HttpRequest {
  caller: Caller;
}

export type RouteHandler<R extends HttpRequest = HttpRequest> = (req: R) => Promise<HttpResult>;

type Event = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
};

const GROUPS: Group[] = ['staff', 'official', 'admin'];

/** `cognito:groups` arrives as an array, a JSON string, or — from the HTTP API JWT authorizer — as "[staff admin]". */
export function parseGroups(value: unknown): Group[] {
  let list: unknown[] = [];
  if (Array.isArray(value)) list = value;
  else if (typeof value === 'string') {
    const s = value.trim();
    if (s.startsWith('[') && s.includes('"')) {
      try {
        const parsed = JSON.parse(s) as unknown;
        if (Array.isArray(parsed)) list = parsed;
      } catch {
        list = [];
      }
    } else list = s.replace(/^\[|\]$/g, '').split(/[\s,]+/);
  }
  return GROUPS.filter((g) => list.includes(g));
}

export function callerFromClaims(claims: Record<string, unknown> | undefined): Caller | undefined {
  if (!claims || typeof claims.sub !== 'string' || claims.sub.length === 0) return undefined;
  return {
    sub: claims.sub,
    groups: parseGroups(claims['cognito:groups']),
    email: typeof claims.email === 'string' ? claims.email.toLowerCase() : undefined,
    // The HTTP API authorizer hands every claim over as a string.
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    tokenUse: typeof claims.token_use === 'string' ? claims.token_use : undefined,
    name: typeof claims.name === 'string' ? claims.name : undefined,
    locale: typeof claims.locale === 'string' ? claims.locale : undefined,
  };
}

export const json = (status: number, body?: unknown, headers?: Record<string, string>): HttpResult => ({ status, body, headers });

/** DynamoDB throttling that outlasted the SDK's own retries, on any read or write: busy, not broken (503). */
const THROTTLED = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

function errorResult(err: unknown, requestId: string): APIGatewayProxyResultV2 {
  const throttled = !(err instanceof AppError) && THROTTLED.has((err as { name?: string } | undefined)?.name ?? '');
  if (throttled) log.warn('throttled', { requestId, error: (err as Error).name });
  const e =
    err instanceof AppError
      ? err
      : throttled
        ? new AppError('service_unavailable', 'The service is busy right now; please try again in a moment.')
        : undefined;
  if (!e)
    log.error('unhandled error', {
      requestId,
      error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
    });
  const status = e?.status ?? 500;
  const body = e
    ? { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } }
    : {
        error: {
          code: 'internal_error',
          message:
            `Something went wrong on our side; nothing was saved. Please try again, and if it keeps happening, ` +
            `contact the service desk quoting request ${requestId}.`,
        },
      };
  return { statusCode: status, headers: { 'content-type': 'application/json; charset=utf-8', ...e?.headers }, body: JSON.stringify(body) };
}

function toRequest(event: Event, route: RouteSpec): HttpRequest {
  // own properties by for…in, not Object.entries (an array per entry; issue 15): the events are plain objects
  const headers: Record<string, string> = {};
  const h = event.headers;
  if (h)
    for (const k in h) {
      const v = h[k];
      if (typeof v === 'string') headers[k.toLowerCase()] = v;
    }
  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  // a UTF-16 code unit is at most 3 UTF-8 bytes: only a body that could be too large is counted exactly
  if (raw.length * 3 > MAX_BODY_BYTES && Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) {
    throw new AppError(
      'payload_too_large',
      `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB. Shorten the description or message and try again.`,
    );
  }
  let body: unknown;
  // a JSON object's text starts with `{`: then no regular expression looks for a non-space character (issue 15)
  if (raw.charCodeAt(0) === 123 || /\S/.test(raw)) {
    try {
      body = JSON.parse(raw);
    } catch {
      throw new AppError(
        'validation_failed',
        'The request body is not valid JSON. Send a JSON object, e.g. {"message": "…"}, with Content-Type: application/json.',
        [{ path: '', message: 'is not valid JSON' }],
      );
    }
  }
  const caller = callerFromClaims(event.requestContext.authorizer?.jwt?.claims);
  if (route.auth !== 'public') {
    if (!caller)
      throw new AppError('unauthorized', 'Sign in first: this route needs a valid access token in the Authorization header (Bearer …).');
    const allowed = route.auth;
    if (!caller.groups.some((g) => allowed.includes(g))) {
      throw new AppError(
        'forbidden',
        `Your account is not allowed to do this: the route is for ${allowed.join(' or ')} users. Ask an ` +
          `admin to add you to the right group.`,
      );
    }
  }
  const query: Record<string, string> = {};
  const qs = event.queryStringParameters;
  if (qs)
    for (const k in qs) {
      const v = qs[k];
      if (typeof v === 'string') query[k] = v;
    }
  const pathParameters: Record<string, string> = {};
  const pp = event.pathParameters;
  let longest = 0;
  if (pp)
    for (const k in pp) {
      const v = pp[k];
      if (typeof v === 'string') {
        pathParameters[k] = v;
        if (v.length > longest) longest = v.length;
      }
    }
  // Ids are at most 64 characters; a longer one names nothing (and would exceed DynamoDB's key size limit).
  if (longest > 200) {
    throw new AppError('not_found', 'Nothing with this id was found: ids are at most 64 characters. Check the id or reference you used.');
  }
  return {
    routeKey: event.routeKey,
    pathParameters,
    query,
    headers,
    body,
    rawBody: raw,
    caller,
    requestId: event.requestContext?.requestId ?? 'local',
    sourceIp: event.requestContext?.http?.sourceIp,
  };
}

/**
 * One Lambda handler serving the routes of one function of the manifest (for routes that are all for signed-in users, see
 * authenticatedFunction).
 */
export function httpFunction(functionName: FunctionName, handlers: Record<string, RouteHandler>) {
  return serve(functionName, handlers, false);
}

/**
 * One Lambda handler serving the routes of one function whose routes are all for signed-in users (staff,
 * officials, admins): each route handler gets an `AuthenticatedRequest`, whose caller is always set.
 */
export function authenticatedFunction(functionName: FunctionName, handlers: Record<string, RouteHandler<AuthenticatedRequest>>) {
  // Sound: serve() refuses a public route here, and the edge (toRequest) answers 401 before any handler of a
  // non-public route runs without a caller.
  return serve(functionName, handlers as Record<string, RouteHandler>, true);
}

function serve(functionName: FunctionName, handlers: Record<string, RouteHandler>, signedInOnly: boolean) {
  const routes = new Map(ROUTES.filter((r) => r.function === functionName).map((r) => [`${r.method} ${r.path}`, r]));
  for (const key of routes.keys()) if (!handlers[key]) throw new Error(`${functionName}: no handler for ${key}`);
  for (const key of Object.keys(handlers))
    if (!routes.has(key)) throw new Error(`${functionName}: handler for ${key} is not in the manifest`);
  for (const [key, route] of routes) {
    if (signedInOnly && route.auth === 'public')
      throw new Error(`${functionName}: ${key} is public in the manifest; serve it with httpFunction`);
  }

  const base = async (event: Event, _context: Context): Promise<APIGatewayProxyResultV2> => {
    const requestId = event.requestContext?.requestId ?? 'local';
    try {
      const route = routes.get(event.routeKey);
      if (!route) throw new AppError('not_found', 'There is no such route. See GET /openapi.json for the routes of this API.');
      await installContactHashKey();
      const result = await handlers[event.routeKey]!(toRequest(event, route));
      const body = result.raw
        ? String(result.body ?? '')
        : result.json !== undefined
          ? result.json
          : result.body === undefined
            ? ''
            : JSON.stringify(result.body);
      // headers assigned in order, not spread after the first one (V8's slow path; issue 15)
      const headers: Record<string, string> = {
        'content-type': result.raw ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      };
      if (result.ifNoneMatch !== undefined) {
        // the ETag of the very text sent: the body is serialised once (issue 15)
        const etag = etagOfText(body);
        headers.etag = etag;
        for (const k in result.headers) headers[k] = result.headers[k]!;
        if (result.ifNoneMatch === etag) return { statusCode: 304, headers, body: '' };
        return { statusCode: result.status, headers, body };
      }
      for (const k in result.headers) headers[k] = result.headers[k]!;
      return { statusCode: result.status, headers, body };
    } catch (err) {
      return errorResult(err, requestId);
    }
  };
  // middy (no middlewares needed here) gives the team's one handler shape and fails a request just before
  // Lambda's own timeout instead of running into it. Its import costs ~2 ms of cold start; see README bench.
  return middy<Event, APIGatewayProxyResultV2>().handler(base);
}

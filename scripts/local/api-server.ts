/**
 * The local HTTP API: turns each request into an API Gateway HTTP API (payload 2.0) event, checks the
 * JWT like the HTTP API JWT authorizer, and calls the same handler Lambda runs — all read from the
 * route manifest the CDK stack reads too.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LocalAttachmentStorage } from '../../shared/adapters/local-mail.js';
import { FUNCTIONS, ROUTES, type FunctionName, type RouteSpec } from '../../shared/manifest.js';
import { serveWeb } from './static-web.js';
import { mailStorageFromEnv } from '../../shared/wiring/mail-storage.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** API Gateway's own payload limit; the functions refuse bodies over 64 KiB themselves. */
const GATEWAY_MAX_BYTES = 10 * 1024 * 1024;

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2 | string>;

/** A function's module: its handler as Lambda composes it from the environment, and its composition root. */
interface FunctionModule {
  handler: Handler;
  makeHandler: (deps: never) => Handler;
  buildDeps?: () => object;
}
const importFunction = (name: FunctionName) => import(pathToFileURL(resolve(ROOT, FUNCTIONS[name].entry)).href) as Promise<FunctionModule>;

const handlerCache = new Map<FunctionName, Promise<Handler>>();
/** One function's handler as Lambda builds it: from the environment, once. */
export function loadHandler(name: FunctionName): Promise<Handler> {
  let h = handlerCache.get(name);
  if (!h) {
    h = importFunction(name).then((m) => m.handler);
    handlerCache.set(name, h);
  }
  return h;
}

/**
 * One function's handler built by its composition root from the environment's deps with `deps` over them —
 * e.g. the bench's own table, mailer or clock. Each call builds a new handler.
 */
export async function composeHandler(name: FunctionName, deps: object): Promise<Handler> {
  const m = await importFunction(name);
  return m.makeHandler({ ...m.buildDeps?.(), ...deps } as never);
}

/** Every function composed with `deps` over the environment's (composeHandler), each built once: a server's `handlerOf`. */
export function composedHandlers(deps: object): (name: FunctionName) => Promise<Handler> {
  const built = new Map<FunctionName, Promise<Handler>>();
  return (name) => {
    let h = built.get(name);
    if (!h) built.set(name, (h = composeHandler(name, deps)));
    return h;
  };
}

export type { Handler as LocalHandler };

export function lambdaContext(functionName: string, requestId: string): Context {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-north-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

interface CompiledRoute {
  spec: RouteSpec;
  regex: RegExp;
  params: string[];
}

const compiled: CompiledRoute[] = ROUTES.map((spec) => {
  const params: string[] = [];
  const regex = new RegExp(`^${spec.path.replace(/\{(\w+)\}/g, (_m, p: string) => (params.push(p), '([^/]+)'))}$`);
  return { spec, regex, params };
});

function matchRoute(method: string, path: string): { route: CompiledRoute; pathParameters: Record<string, string> } | undefined {
  for (const route of compiled) {
    if (route.spec.method !== method) continue;
    const m = route.regex.exec(path);
    if (!m) continue;
    const pathParameters: Record<string, string> = {};
    try {
      route.params.forEach((p, i) => (pathParameters[p] = decodeURIComponent(m[i + 1]!)));
    } catch {
      return undefined; // a malformed %-escape (e.g. "%E0%A4%A") names nothing: 404, not a crash
    }
    return { route, pathParameters };
  }
  return undefined;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

const apiError = (code: string, message: string) => ({ error: { code, message } });

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_MAX_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** email-in's attachments on this machine: the stand-in for S3 presigned URLs (signed, expiring; see shared/adapters/local-mail.ts). */
let localFiles: ReturnType<typeof mailStorageFromEnv>['attachments'] | undefined;
async function serveLocalAttachment(url: URL, res: ServerResponse): Promise<void> {
  // built from the same environment as staff-corrections' own (links are signed with the secret kept in DATA_DIR)
  const storage = (localFiles ??= mailStorageFromEnv().attachments);
  const key = url.pathname.slice('/local/attachments/'.length).split('/').map(decodeURIComponent).join('/');
  const q = url.searchParams;
  const file =
    storage instanceof LocalAttachmentStorage
      ? await storage.open(key, q.get('name') ?? '', Number(q.get('exp')), q.get('sig') ?? '')
      : undefined;
  if (!file) {
    send(res, 403, apiError('forbidden', 'This download link is not valid or has expired. Open the correction again for a fresh link.'));
    return;
  }
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(q.get('name') ?? 'attachment')}`,
    'x-content-type-options': 'nosniff',
  });
  res.end(file.body);
}

export interface ApiServerOptions {
  verify: (token: string) => Promise<Record<string, string>>;
  /** log one line per request */
  logRequests?: boolean;
  /** serve the built web pages (dist/web) on their paths, next to the API */
  webRoot?: string;
  /** local only: the console's demo sign-in page and config (./console-signin.ts) */
  consoleSignIn?: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;
  /** where each function's handler comes from: by default as Lambda builds it (loadHandler); tests and the bench build their own */
  handlerOf?: (name: FunctionName) => Promise<Handler> | Handler;
}

export function createApiServer(opts: ApiServerOptions): Server {
  const handlerOf = opts.handlerOf ?? loadHandler;
  return createServer((req, res) => {
    handle(req, res, opts, handlerOf).catch((err: unknown) => {
      console.error('local API server error', err);
      if (!res.headersSent) send(res, 500, apiError('internal_error', 'The local server failed; see its console.'));
      else res.end();
    });
  });
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  opts: ApiServerOptions,
  handlerOf: (name: FunctionName) => Promise<Handler> | Handler,
): Promise<void> {
  const started = Date.now();
  // Not `new URL(req.url, base)`: a path starting with "//" would be read as a host ("//x/health" → "/health").
  const target = req.url ?? '/';
  let url: URL;
  try {
    url = new URL(`http://localhost${target.startsWith('/') ? target : `/${target}`}`);
  } catch {
    send(
      res,
      404,
      apiError(
        'not_found',
        'There is no such route: the request path is not a valid URL path. See GET /openapi.json for the routes of this API.',
      ),
    );
    return;
  }
  const method = (req.method ?? 'GET').toUpperCase();
  if (opts.consoleSignIn && (await opts.consoleSignIn(req, res, url.pathname))) return;
  if (opts.webRoot && (await serveWeb(req, res, opts.webRoot, url.pathname))) return;
  if (method === 'GET' && url.pathname.startsWith('/local/attachments/')) {
    await serveLocalAttachment(url, res);
    return;
  }
  const found = matchRoute(method, url.pathname);
  if (!found) {
    send(res, 404, apiError('not_found', `There is no route ${method} ${url.pathname}. See GET /openapi.json for the routes of this API.`));
    return;
  }
  const { route, pathParameters } = found;
  const raw = await readBody(req);
  if (raw === 'too-large') {
    send(res, 413, apiError('payload_too_large', 'The request body is too large.'));
    return;
  }

  let claims: Record<string, string> | undefined;
  if (route.spec.auth !== 'public') {
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    if (!m) {
      send(
        res,
        401,
        apiError('unauthorized', 'Sign in first: send a valid access token as "Authorization: Bearer <token>" (locally: npm run token).'),
      );
      return;
    }
    try {
      claims = await opts.verify(m[1]!.trim());
    } catch (err) {
      const why =
        (err as { code?: string }).code === 'ERR_JWT_EXPIRED'
          ? 'The access token has expired; get a new one.'
          : 'The access token is not valid (bad signature, issuer, audience or algorithm); get a new one.';
      send(res, 401, apiError('unauthorized', why));
      return;
    }
  }

  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const requestId = randomUUID();
  const text = raw.toString('utf8');
  const isText = raw.length === 0 || Buffer.from(text, 'utf8').equals(raw);
  const now = new Date();
  const event: APIGatewayProxyEventV2 & { requestContext: { authorizer?: unknown } } = {
    version: '2.0',
    routeKey: `${route.spec.method} ${route.spec.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: `${route.spec.method} ${route.spec.path}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
    ...(raw.length ? { body: isText ? text : raw.toString('base64') } : {}),
    isBase64Encoded: !isText,
  };
  const handler = await handlerOf(route.spec.function);
  const result = await handler(event, lambdaContext(route.spec.function, requestId));
  const r: APIGatewayProxyStructuredResultV2 = typeof result === 'string' ? { statusCode: 200, body: result } : result;
  const outHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) outHeaders[k] = String(v);
  res.writeHead(r.statusCode ?? 200, { 'x-request-id': requestId, ...outHeaders });
  res.end(r.body ?? '');
  if (opts.logRequests) console.log(`${method} ${url.pathname} → ${r.statusCode} (${Date.now() - started} ms)`);
}

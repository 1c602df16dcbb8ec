/** API Gateway HTTP API (payload 2.0) events, as the gateway and the local server build them. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { lambdaContext } from '../../scripts/local/api-server.js';

export interface EventOptions {
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  pathParameters?: Record<string, string>;
  claims?: Record<string, string>;
  /**
   * the client's address (requestContext.http.sourceIp); a random one per event unless given, so the per-client limit stays out of
   * the way
   */
  sourceIp?: string;
}

const rnd = () => Math.floor(Math.random() * 256);

export function apiEvent(routeKey: string, o: EventOptions = {}): APIGatewayProxyEventV2 {
  const [method, path] = routeKey.split(' ') as [string, string];
  let rawPath = path;
  for (const [k, v] of Object.entries(o.pathParameters ?? {})) rawPath = rawPath.replace(`{${k}}`, encodeURIComponent(v));
  const body = o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(o.query ?? {}).toString(),
    headers: {
      'content-type': 'application/json',
      ...Object.fromEntries(Object.entries(o.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    },
    ...(o.query ? { queryStringParameters: o.query } : {}),
    ...(o.pathParameters ? { pathParameters: o.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: o.sourceIp ?? `10.${rnd()}.${rnd()}.${rnd()}`, userAgent: 'vitest' },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      ...(o.claims ? { authorizer: { jwt: { claims: o.claims, scopes: null } } } : {}),
    } as APIGatewayProxyEventV2['requestContext'],
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  };
}

export const staffClaims = (sub = 'staff-1', email = 'staff1@salibandy.test') => ({
  sub,
  email,
  name: `Staff ${sub}`,
  'cognito:groups': '[staff]',
});
export const adminClaims = (sub = 'admin-1') => ({ sub, email: `${sub}@salibandy.test`, 'cognito:groups': '[admin]' });
export const officialClaims = (email: string, sub = `official-${email}`) => ({
  sub,
  email,
  email_verified: 'true',
  token_use: 'id',
  'cognito:groups': '[official]',
});

type Handler = (e: APIGatewayProxyEventV2, c: ReturnType<typeof lambdaContext>) => Promise<unknown>;

export async function call(
  handler: Handler,
  routeKey: string,
  o: EventOptions = {},
): Promise<{ status: number; body: any; headers: Record<string, string> }> {
  const r = (await handler(apiEvent(routeKey, o), lambdaContext('test', 'test'))) as {
    statusCode: number;
    body: string;
    headers: Record<string, string>;
  };
  let body: unknown = r.body;
  try {
    body = r.body ? JSON.parse(r.body) : undefined;
  } catch {
    /* CSV and other text stay as they are */
  }
  return { status: r.statusCode, body, headers: r.headers };
}

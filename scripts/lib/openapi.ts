/**
 * OpenAPI 3.1 for the HTTP API, generated from the same zod schemas the handlers validate with
 * (zod's own JSON Schema output, draft 2020-12 — what OpenAPI 3.1 uses) and the route manifest.
 * Run at build time (`npm run build` writes docs/openapi.json); the openapi function serves that file.
 */
import * as z from 'zod/mini';
import { ROUTES, type RouteSpec } from '../../shared/manifest.js';
import * as s from '../../shared/schemas.js';

type Schema = z.ZodMiniType;

const BODIES: Record<string, Schema> = {
  'POST /corrections': s.publicCorrectionBody,
  'POST /corrections/{id}/replies': s.replyBody,
  'POST /callbacks': s.callbackBody,
  'POST /staff/corrections': s.staffCorrectionBody,
  'POST /staff/corrections/{id}/claim': s.versionOnlyBody,
  'POST /staff/corrections/{id}/release': s.versionOnlyBody,
  'POST /staff/corrections/{id}/request-info': s.requestInfoBody,
  'POST /staff/corrections/{id}/resolve': s.resolveBody,
  'POST /staff/corrections/{id}/escalate': s.escalateBody,
  'POST /staff/corrections/{id}/notes': s.noteBody,
  'POST /staff/corrections/{id}/classify': s.classifyBody,
  'POST /staff/callbacks/{id}/claim': s.versionOnlyBody,
  'POST /staff/callbacks/{id}/complete': s.callbackCompleteBody,
  'POST /officials/corrections/{id}/decision': s.decisionBody,
  'PUT /admin/series/{seriesId}': s.seriesBody,
  'POST /admin/matches': s.matchesBody,
  'PUT /admin/limits': s.limitsBody,
  'POST /admin/privacy/erase': s.privacyContact,
};

const QUERIES: Record<string, Schema> = {
  'GET /staff/queue': s.queueQuery,
  'GET /service-status': s.serviceStatusQuery,
  'GET /matches': s.matchesQuery,
  'GET /staff/reports/summary': s.reportQuery,
  'GET /admin/privacy/export': s.privacyContact,
};

const SUMMARIES: Record<string, string> = {
  'GET /health': 'Store reachability',
  'GET /openapi.json': 'This API description',
  'GET /service-status': 'Is the hotline open, and when will a report be answered',
  'GET /challenge': 'An ALTCHA proof-of-work challenge; its solution goes in the X-Altcha header of public POSTs',
  'POST /corrections': 'Report a wrong match result (team official)',
  'GET /corrections/{id}': "The reporter's view (header X-Tracking-Token)",
  'POST /corrections/{id}/replies': 'Answer a request for details (header X-Tracking-Token)',
  'POST /callbacks': 'Ask to be called back',
  'GET /matches':
    "A day's known matches (Helsinki date), by team or series name; at most 100: {items:[{id, seriesId, " +
    'seriesName, startsAt, home, away, status, homeGoals?, awayGoals?}]}',
  'GET /staff/queue': 'Open corrections and callbacks, oldest first',
  'POST /staff/corrections': 'Log a contact taken by phone, email or social media',
  'GET /staff/corrections/{id}': 'A correction with its version, notes and audit history',
  'POST /staff/corrections/{id}/claim': 'Take a correction (exactly one of concurrent claims wins)',
  'POST /staff/corrections/{id}/release': 'Put it back in the queue, same position',
  'POST /staff/corrections/{id}/request-info': 'Ask the reporter for details',
  'POST /staff/corrections/{id}/resolve': 'Resolve with an outcome',
  'POST /staff/corrections/{id}/escalate': 'Hand to the series officials',
  'POST /staff/corrections/{id}/notes': 'Internal note',
  'POST /staff/corrections/{id}/classify': 'Set the match and/or category of an emailed contact (completes an unclassified one)',
  'POST /staff/callbacks/{id}/claim': 'Take a callback',
  'POST /staff/callbacks/{id}/complete': 'Complete a callback',
  'GET /staff/reports/summary': 'Contact volumes and first-contact resolution per week, month or year',
  'GET /officials/escalations': "Escalated corrections of the caller's series",
  'GET /officials/corrections/{id}': 'One escalated correction of the caller’s series',
  'POST /officials/corrections/{id}/decision': 'Decide an escalated correction',
  'GET /admin/calendar': 'The service calendar',
  'PUT /admin/calendar': 'Replace the service calendar',
  'GET /admin/series': 'Series and their officials',
  'PUT /admin/series/{seriesId}': 'Create or replace a series',
  'POST /admin/matches': 'Upsert matches (at most 500 a call)',
  'GET /admin/limits': 'Limits on the public doors (acknowledgements, callbacks, requests per client)',
  'PUT /admin/limits': 'Set the limits on the public doors',
  'GET /admin/privacy/export':
    'Everything stored about one email address or phone number (found through a keyed hash, never a scan), as JSON',
  'POST /admin/privacy/erase':
    'Erase one email address or phone number from every case, message, email record and index key; audited without the values',
};

const jsonSchema = (schema: Schema) => {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function operation(route: RouteSpec) {
  const key = `${route.method} ${route.path}`;
  const params: unknown[] = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = QUERIES[key];
  if (query) {
    const js = jsonSchema(query) as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(js.properties ?? {}))
      params.push({ name, in: 'query', required: js.required?.includes(name) ?? false, schema });
  }
  if (key === 'POST /corrections' || key === 'POST /callbacks' || key === 'POST /staff/corrections') {
    params.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'A retry with the same key and body returns the first response and creates nothing; the same key with another body → 422.',
      schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' },
    });
  }
  if (key.startsWith('GET /corrections/') || key.startsWith('POST /corrections/{id}')) {
    params.push({
      name: 'X-Tracking-Token',
      in: 'header',
      required: true,
      description: 'The trackingToken from the 201 answer of POST /corrections.',
      schema: { type: 'string' },
    });
  }
  const body = BODIES[key];
  const success =
    route.method === 'POST' &&
    (key === 'POST /corrections' ||
      key === 'POST /callbacks' ||
      key === 'POST /staff/corrections' ||
      key.endsWith('/notes') ||
      key.endsWith('/replies'))
      ? '201'
      : '200';
  return {
    operationId: key.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, ''),
    summary: SUMMARIES[key] ?? key,
    tags: [route.auth === 'public' ? 'public' : route.auth[0]],
    ...(route.auth === 'public' ? { security: [] } : { security: [{ cognito: [] }], description: `Groups: ${route.auth.join(', ')}` }),
    ...(params.length ? { parameters: params } : {}),
    ...(body
      ? {
          requestBody: {
            required: !key.endsWith('/claim') && !key.endsWith('/release'),
            content: { 'application/json': { schema: jsonSchema(body) } },
          },
        }
      : {}),
    responses: {
      [success]: { description: 'Success', content: { 'application/json': { schema: { type: 'object' } } } },
      '400': errorResponse('validation_failed: details lists one {path, message} per problem'),
      ...(route.auth === 'public' ? {} : { '401': errorResponse('unauthorized'), '403': errorResponse('forbidden') }),
      '404': errorResponse('not_found'),
      '409': errorResponse('conflict / already_claimed / invalid_transition / version_mismatch'),
      '413': errorResponse('payload_too_large: bodies over 64 KiB'),
      '422': errorResponse('unknown_match / idempotency_key_reused'),
    },
  };
}

export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const p = (paths[route.path] ??= {});
    p[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Results hotline API',
      version: '1.0.0',
      description:
        "The floorball federation's results-service hotline: team officials report wrong match results; " +
        'staff work them in arrival order; officials decide escalations. Every error is {"error": {"code", ' +
        '"message", "details"?}}.',
    },
    paths,
    components: {
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Cognito user pool token; groups in the cognito:groups claim (staff, official, admin).',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                details: {
                  type: 'array',
                  items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
                },
              },
            },
          },
        },
      },
    },
  };
}

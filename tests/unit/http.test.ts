import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import {
  authenticatedFunction,
  callerFromClaims,
  httpFunction,
  json,
  MAX_BODY_BYTES,
  parseGroups,
  type HttpRequest,
} from '../../shared/http/lambda-http.js';
import { adminClaims, apiEvent, officialClaims, staffClaims } from '../support/events.js';

describe('parseGroups', () => {
  it.each([
    ['[staff admin]', ['staff', 'admin']],
    ['[staff]', ['staff']],
    ['[admin staff]', ['staff', 'admin']],
    ['[official]', ['official']],
    ['[]', []],
    ['', []],
    ['staff', ['staff']],
    ['staff,admin', ['staff', 'admin']],
    ['[staff, admin]', ['staff', 'admin']],
    ['  [staff   official]  ', ['staff', 'official']],
    ['["staff","admin"]', ['staff', 'admin']],
    ['["official"]', ['official']],
    ['[ "staff" ]', ['staff']],
    ['["staff"', []],
    ['[superuser root]', []],
    ['[Staff ADMIN]', []],
    ['[staffer administrators]', []],
  ] as const)('the string %j → %j', (input, expected) => {
    expect(parseGroups(input)).toEqual(expected);
  });

  it('takes arrays, keeping only known groups', () => {
    expect(parseGroups(['admin', 'staff'])).toEqual(['staff', 'admin']);
    expect(parseGroups(['official', 'root', 7, null])).toEqual(['official']);
    expect(parseGroups([])).toEqual([]);
  });

  it.each([undefined, null, 42, {}, { staff: true }, true])('gives no groups for %j', (input) => {
    expect(parseGroups(input)).toEqual([]);
  });
});

describe('callerFromClaims', () => {
  it('needs a subject', () => {
    expect(callerFromClaims(undefined)).toBeUndefined();
    expect(callerFromClaims({ 'cognito:groups': '[admin]' })).toBeUndefined();
    expect(callerFromClaims({ sub: '', 'cognito:groups': '[admin]' })).toBeUndefined();
    expect(callerFromClaims({ sub: 42 })).toBeUndefined();
  });

  it('reads groups, a lower-cased email, name and locale', () => {
    expect(
      callerFromClaims({
        sub: 's1',
        email: 'Staff.One@Salibandy.TEST',
        name: 'Staff One',
        locale: 'sv-FI',
        'cognito:groups': '[staff admin]',
      }),
    ).toEqual({
      sub: 's1',
      groups: ['staff', 'admin'],
      email: 'staff.one@salibandy.test',
      emailVerified: false,
      tokenUse: undefined,
      name: 'Staff One',
      locale: 'sv-FI',
    });
    expect(callerFromClaims({ sub: 's2' })).toEqual({
      sub: 's2',
      groups: [],
      email: undefined,
      emailVerified: false,
      tokenUse: undefined,
      name: undefined,
      locale: undefined,
    });
  });
});

// A function with one public and one staff route, echoing what the edge made of the request.
const echo = async (req: HttpRequest) =>
  json(200, { body: req.body, query: req.query, headers: req.headers, caller: req.caller, path: req.pathParameters });
const publicFn = httpFunction('public-corrections', {
  'POST /corrections': echo,
  'GET /corrections/{id}': echo,
  'POST /corrections/{id}/replies': async () => {
    throw new Error('database exploded: secret-connection-string');
  },
});
const staffFn = httpFunction('staff-queue', { 'GET /staff/queue': echo });
const adminFn = httpFunction('admin', {
  'GET /admin/calendar': echo,
  'PUT /admin/calendar': echo,
  'GET /admin/series': echo,
  'PUT /admin/series/{seriesId}': echo,
  'GET /admin/limits': echo,
  'PUT /admin/limits': echo,
  'POST /admin/matches': async () => {
    throw new AppError('validation_failed', 'Nothing was imported.', [{ path: 'matches.0.seriesId', message: 'is not a series' }]);
  },
});

type Fn = typeof publicFn;
async function invoke(
  fn: Fn,
  routeKey: string,
  o: Parameters<typeof apiEvent>[1] = {},
  patch: (e: ReturnType<typeof apiEvent>) => void = () => undefined,
) {
  const event = apiEvent(routeKey, o);
  patch(event);
  const r = (await fn(event as never, {} as never)) as { statusCode: number; body: string; headers: Record<string, string> };
  return { status: r.statusCode, headers: r.headers, body: r.body ? (JSON.parse(r.body) as any) : undefined };
}
function expectError(r: { status: number; body: any; headers: Record<string, string> }, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  expect(Object.keys(r.body)).toEqual(['error']);
  expect(r.body.error.code).toBe(code);
  expect(typeof r.body.error.message).toBe('string');
  expect(r.body.error.message.length).toBeGreaterThan(10);
  for (const k of Object.keys(r.body.error)) expect(['code', 'message', 'details']).toContain(k);
}

describe('httpFunction: the HTTP edge', () => {
  it('refuses to build when a manifest route has no handler, or a handler has no route', () => {
    expect(() => httpFunction('staff-queue', {})).toThrow(/no handler for GET \/staff\/queue/);
    expect(() => httpFunction('staff-queue', { 'GET /staff/queue': echo, 'GET /staff/extra': echo })).toThrow(/not in the manifest/);
  });

  it('parses the JSON body, lower-cases header names, passes query and path', async () => {
    const r = await invoke(publicFn, 'GET /corrections/{id}', {
      pathParameters: { id: 'abc' },
      query: { lang: 'sv' },
      headers: { 'X-Tracking-Token': 'tok' },
    });
    expect(r.status).toBe(200);
    expect(r.body.path).toEqual({ id: 'abc' });
    expect(r.body.query).toEqual({ lang: 'sv' });
    expect(r.body.headers['x-tracking-token']).toBe('tok');
    const p = await invoke(publicFn, 'POST /corrections', { body: { a: [1, { b: 'ä' }] } });
    expect(p.body.body).toEqual({ a: [1, { b: 'ä' }] });
  });

  it('decodes base64 bodies', async () => {
    const r = await invoke(publicFn, 'POST /corrections', {}, (e) => {
      e.body = Buffer.from(JSON.stringify({ message: 'hei' })).toString('base64');
      e.isBase64Encoded = true;
    });
    expect(r.body.body).toEqual({ message: 'hei' });
  });

  it('has no body for an empty or blank request body', async () => {
    expect((await invoke(publicFn, 'POST /corrections', { rawBody: '' })).body.body).toBeUndefined();
    expect((await invoke(publicFn, 'POST /corrections', { rawBody: '  \n ' })).body.body).toBeUndefined();
  });

  it.each(['{', '{"a":1,}', "{'a':1}", 'undefined', '{"a":1}{"b":2}', 'NaN', '\u0000'])(
    'refuses invalid JSON %j with 400',
    async (rawBody) => {
      const r = await invoke(publicFn, 'POST /corrections', { rawBody });
      expectError(r, 400, 'validation_failed');
      expect(r.body.error.details).toEqual([{ path: '', message: 'is not valid JSON' }]);
    },
  );

  it('accepts a body of exactly 64 KiB and refuses one byte more with 413', async () => {
    const exact = JSON.stringify({ d: 'x'.repeat(MAX_BODY_BYTES - 8) });
    expect(Buffer.byteLength(exact)).toBe(MAX_BODY_BYTES);
    expect((await invoke(publicFn, 'POST /corrections', { rawBody: exact })).status).toBe(200);
    expectError(
      await invoke(publicFn, 'POST /corrections', { rawBody: JSON.stringify({ d: 'x'.repeat(MAX_BODY_BYTES - 7) }) }),
      413,
      'payload_too_large',
    );
  });

  it('counts the size in UTF-8 bytes, not characters', async () => {
    // 30 000 'ä' are 60 000 bytes: fine. 40 000 are 80 000 bytes: too large.
    expect((await invoke(publicFn, 'POST /corrections', { rawBody: JSON.stringify({ d: 'ä'.repeat(30_000) }) })).status).toBe(200);
    expectError(
      await invoke(publicFn, 'POST /corrections', { rawBody: JSON.stringify({ d: 'ä'.repeat(40_000) }) }),
      413,
      'payload_too_large',
    );
  });

  it('checks the size before parsing or authorising', async () => {
    expectError(await invoke(staffFn, 'GET /staff/queue', { rawBody: `{${'x'.repeat(70_000)}` }), 413, 'payload_too_large');
  });

  it('denies a protected route without claims (401) or without an allowed group (403)', async () => {
    expectError(await invoke(staffFn, 'GET /staff/queue'), 401, 'unauthorized');
    expectError(await invoke(staffFn, 'GET /staff/queue', { claims: { 'cognito:groups': '[staff]' } }), 401, 'unauthorized');
    expectError(await invoke(staffFn, 'GET /staff/queue', { claims: officialClaims('o@x.fi') }), 403, 'forbidden');
    expectError(await invoke(staffFn, 'GET /staff/queue', { claims: { sub: 'nobody' } }), 403, 'forbidden');
    expectError(await invoke(staffFn, 'GET /staff/queue', { claims: { sub: 'x', 'cognito:groups': '[Staff]' } }), 403, 'forbidden');
    expectError(await invoke(adminFn, 'GET /admin/series', { claims: staffClaims() }), 403, 'forbidden');
  });

  it('lets staff and admin into staff routes, only admin into admin routes', async () => {
    const s = await invoke(staffFn, 'GET /staff/queue', { claims: staffClaims('s1', 'S1@X.FI') });
    expect(s.status).toBe(200);
    expect(s.body.caller).toMatchObject({ sub: 's1', groups: ['staff'], email: 's1@x.fi' });
    expect((await invoke(staffFn, 'GET /staff/queue', { claims: adminClaims() })).status).toBe(200);
    expect((await invoke(staffFn, 'GET /staff/queue', { claims: { sub: 'x', 'cognito:groups': '["official","staff"]' } })).status).toBe(
      200,
    );
    expect((await invoke(adminFn, 'GET /admin/series', { claims: adminClaims() })).status).toBe(200);
    expect((await invoke(adminFn, 'GET /admin/series', { claims: { sub: 'x', 'cognito:groups': '[staff admin]' } })).status).toBe(200);
  });

  it('answers a route of another function with 404', async () => {
    expectError(await invoke(staffFn, 'GET /admin/series', { claims: adminClaims() }), 404, 'not_found');
  });

  it('answers 404 for an over-long path id instead of asking the store', async () => {
    expectError(await invoke(publicFn, 'GET /corrections/{id}', { pathParameters: { id: 'x'.repeat(5000) } }), 404, 'not_found');
  });

  it('turns an AppError into the contract error shape with details', async () => {
    const r = await invoke(adminFn, 'POST /admin/matches', { claims: adminClaims(), body: {} });
    expectError(r, 400, 'validation_failed');
    expect(r.body.error.details).toEqual([{ path: 'matches.0.seriesId', message: 'is not a series' }]);
  });

  it('turns any other error into a 500 that leaks nothing', async () => {
    const r = await invoke(publicFn, 'POST /corrections/{id}/replies', { pathParameters: { id: 'x' }, body: {} });
    expectError(r, 500, 'internal_error');
    expect(JSON.stringify(r.body)).not.toContain('secret');
    expect(JSON.stringify(r.body)).not.toContain('exploded');
    expect(r.body.error.message).toMatch(/nothing was saved/);
  });
});

describe('authenticatedFunction: routes for signed-in users only', () => {
  const seen: string[] = [];
  const queue = authenticatedFunction('staff-queue', {
    // the type says caller is set: no `req.caller!`
    'GET /staff/queue': async (req) => (seen.push(req.caller.sub), json(200, { sub: req.caller.sub, groups: req.caller.groups })),
  });

  it('refuses to serve a function with a public route', () => {
    expect(() => authenticatedFunction('public-matches', { 'GET /matches': async () => json(200, {}) })).toThrow(
      /GET \/matches is public in the manifest/,
    );
  });

  it('runs a route handler only with a caller of an allowed group', async () => {
    expectError(await invoke(queue, 'GET /staff/queue'), 401, 'unauthorized');
    expectError(await invoke(queue, 'GET /staff/queue', { claims: officialClaims('o@x.fi') }), 403, 'forbidden');
    expect(seen).toEqual([]);
    const r = await invoke(queue, 'GET /staff/queue', { claims: staffClaims('s9', 's9@x.fi') });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ sub: 's9', groups: ['staff'] });
    expect(seen).toEqual(['s9']);
  });
});

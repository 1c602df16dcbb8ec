/**
 * Hardening: fuzz EVERY route of the manifest through the real local HTTP server (API Gateway v2
 * events, JWT check) against DynamoDB Local. Random JSON (deep, huge, odd unicode), raw non-JSON
 * bodies, random headers, methods, paths and path ids.
 *
 * Never a 5xx; every 4xx has `{error: {code, message}}` with a message; a refused request (any 4xx)
 * and any GET write nothing: the queue, pending-outbox, SLA and escalation indexes, the config,
 * series, today's counters, the target cases' partitions and every partition the request names
 * (its Idempotency-Key under each scope, its path id, the match ids and phone in its body) are the
 * same before and after. Query only, no Scan.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, OUTCOMES } from '../../shared/domain/correction.js';
import { ROUTES, type RouteSpec } from '../../shared/manifest.js';
import { generateKeys, signToken } from '../../scripts/local/jwt.js';
import { createTestEnv, DEMO_SERIES, OTHER_SERIES, seedBasics, uniqueEmail, type TestEnv } from '../support/harness.js';
import { expectContractError, headerBytes, startLocalApi, type LocalApi, type RawResponse } from '../support/hardening-http.js';
import { idempotencyPk, indexPartition, snapshot, type Item } from '../support/table-snapshot.js';
import { openCallbackGuardKey } from '../../shared/store/contact-keys.js';

const NOW = '2026-11-21T10:00:00.000Z'; // a Saturday in season: the results window is open
const TODAY = '2026-11-21';
const RUNS = Number(process.env.HARDENING_FUZZ_RUNS ?? 350);

let env: TestEnv;
let api: LocalApi;
const tokens: Record<string, string> = {};
const targets = { correction: '', trackingToken: '', escalated: '', escalatedToken: '', callback: '' };
const FUZZ_SERIES = 'fz-series';
const STAFF_SUBS = ['fz-staff', 'fz-admin'];

async function json(method: string, path: string, body: unknown, token?: string) {
  const r = await api.request(
    method,
    path,
    { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    Buffer.from(JSON.stringify(body)),
  );
  expect(r.status, r.text).toBeLessThan(300);
  return r.json;
}

beforeAll(async () => {
  env = await createTestEnv({ now: NOW });
  await seedBasics(env);
  api = await startLocalApi();
  tokens.staff = await api.token({ sub: 'fz-staff', groups: ['staff'], email: 'fz-staff@salibandy.test', name: 'Fuzz Staff' });
  tokens.admin = await api.token({ sub: 'fz-admin', groups: ['admin'], email: 'fz-admin@salibandy.test' });
  tokens.official = await api.token({ sub: 'fz-official', groups: ['official'], email: DEMO_SERIES.officials[0]!.email });
  tokens.officialNoEmail = await api.token({ sub: 'fz-official-2', groups: ['official'] });
  tokens.noGroup = await api.token({ sub: 'fz-nobody', groups: [] });
  tokens.oddGroups = await api.token({ sub: 'fz-odd', groups: ['Staff', 'admins', 'staff admin', '[admin]'] });
  tokens.expired = await api.token({ sub: 'fz-staff', groups: ['admin'], expiresIn: -120 });
  tokens.foreign = await signToken(await generateKeys(), { sub: 'fz-staff', groups: ['admin'] });

  const reporter = { name: 'Fuzz Reporter', email: uniqueEmail('fuzz') };
  const a = await json('POST', '/corrections', {
    matchId: 'M-1002',
    category: 'other',
    description: 'Fuzz target',
    reporter,
    language: 'en',
  });
  targets.correction = a.id;
  targets.trackingToken = a.trackingToken;
  const e = await json('POST', '/corrections', {
    matchId: 'M-1001',
    category: 'penalty',
    description: 'Fuzz escalated target',
    reporter,
    language: 'fi',
  });
  targets.escalated = e.id;
  targets.escalatedToken = e.trackingToken;
  await json('POST', `/staff/corrections/${e.id}/escalate`, { reason: 'For the fuzz official' }, tokens.staff);
  const cb = await json('POST', '/callbacks', { name: 'Fuzz Caller', phone: '+358401110000', language: 'fi', topic: 'Fuzz callback' });
  targets.callback = cb.id;
  await json('PUT', `/admin/series/${FUZZ_SERIES}`, { name: 'Fuzz series', officials: [] }, tokens.admin);
}, 60_000);

afterAll(async () => {
  await api?.close();
});

// ---------------------------------------------------------------- arbitraries

/** Characters that break naive code: NUL, lone surrogates, BOM, RTL marks/overrides, zero-width, combining, emoji, specials. */
const oddChar = fc.oneof(
  fc.constantFrom(
    '\u0000',
    '\u0007',
    '\ud800',
    '\udc00',
    '\udfff',
    '\u200b',
    '\u200f',
    '\u202e',
    '\u2067',
    '\u061c',
    '\ufeff',
    '\uffff',
    '\u2028',
    'ä',
    'Å',
    'ß',
    '€',
    '"',
    "'",
    '\\',
    '\n',
    '\r',
    '\t',
    '#',
    '%',
    '/',
    '?',
    '&',
    '=',
    '{',
    '<',
    '$',
    '\u0301',
    '🏑',
    '👨‍👩‍👧',
    'ﷺ',
    '𝕏',
  ),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
const oddString = (maxLength = 40) =>
  fc.oneof(
    fc.string({ unit: oddChar, maxLength }),
    fc.string({ maxLength }),
    fc.constantFrom(
      '',
      ' ',
      'null',
      'undefined',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      '[object Object]',
      'NaN',
      '-0',
      '1e400',
      '0x10',
      '<script>alert(1)</script>',
      "' OR 1=1 --",
      '${jndi:x}',
      '../../etc/passwd',
    ),
  );
const huge = fc
  .integer({ min: 1_000, max: 100_000 })
  .chain((n) =>
    fc.constantFrom(
      'x'.repeat(n),
      'ä'.repeat(Math.ceil(n / 2)),
      '🏑'.repeat(Math.ceil(n / 4)),
      '\u0000'.repeat(Math.ceil(n / 6)),
      '\u202e\ud800'.repeat(Math.ceil(n / 6)),
    ),
  );
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: oddString() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, true, false, 0, -1, 1, 2, 99, 100, 1.5, 2 ** 53, -0, 1e308, [], {}, [null], { expectedVersion: 1 }),
  },
  { weight: 1, arbitrary: huge },
);

/** Nests a value 1–200 levels deep in arrays, objects or both. */
const deepNest = fc
  .tuple(
    fc.integer({ min: 1, max: 200 }),
    fc.constantFrom('array', 'object', 'mixed'),
    fc.jsonValue({ maxDepth: 1 }),
    fc.constantFrom('a', 'message', 'matchId', '__proto__'),
  )
  .map(([n, shape, leaf, key]) => {
    let v: unknown = leaf;
    for (let i = 0; i < n; i++) v = shape === 'array' || (shape === 'mixed' && i % 2 === 0) ? [v] : { [key]: v };
    return v;
  });

const goals = fc.integer({ min: 0, max: 99 });
const reporterArb = fc.record(
  {
    name: fc.string({ unit: oddChar, minLength: 1, maxLength: 30 }),
    email: fc.constantFrom('matti@example.fi', 'MATTI@EXAMPLE.FI', 'x+tag@sub.example.test'),
  },
  { requiredKeys: ['name', 'email'] },
);
const reportArb = fc.record(
  {
    matchId: fc.constantFrom('M-1001', 'M-1002', 'M-2001', 'M-404'),
    category: fc.constantFrom(...CATEGORIES),
    description: fc.string({ unit: oddChar, minLength: 1, maxLength: 60 }),
    proposed: fc.record({ homeGoals: goals, awayGoals: goals }),
    reporter: reporterArb,
    language: fc.constantFrom('fi', 'sv', 'en'),
  },
  { requiredKeys: ['matchId', 'category', 'description', 'reporter'] },
);
const message = fc.string({ unit: oddChar, minLength: 1, maxLength: 60 });
const version = fc.option(fc.integer({ min: -1, max: 6 }), { nil: undefined });
const withVersion = <T extends Record<string, unknown>>(a: fc.Arbitrary<T>) =>
  fc.tuple(a, version).map(([b, v]) => (v === undefined ? b : { ...b, expectedVersion: v }));

/** A body that is valid for the route, or near it: the fuzz then reaches the use cases, not only the schemas. */
const VALID: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'POST /corrections': reportArb,
  'POST /corrections/{id}/replies': fc.record({ message }),
  'POST /callbacks': fc.record(
    {
      name: message,
      phone: fc.constantFrom('+358401234567', '+46701234567', '+358401110000', '358', '+0123'),
      language: fc.constantFrom('fi', 'sv', 'en'),
      topic: message,
      matchId: fc.constantFrom('M-1001', 'M-404'),
    },
    { requiredKeys: ['name', 'phone', 'language', 'topic'] },
  ),
  'POST /staff/corrections': fc
    .tuple(reportArb, fc.constantFrom('phone', 'email', 'social', 'web'))
    .map(([r, channel]) => ({ ...r, channel })),
  'POST /staff/corrections/{id}/claim': withVersion(fc.constant({})),
  'POST /staff/corrections/{id}/release': withVersion(fc.constant({})),
  'POST /staff/corrections/{id}/request-info': withVersion(fc.record({ message })),
  'POST /staff/corrections/{id}/resolve': withVersion(
    fc.record(
      { outcome: fc.constantFrom(...OUTCOMES), message, correctedResult: fc.record({ homeGoals: goals, awayGoals: goals }) },
      { requiredKeys: ['outcome', 'message'] },
    ),
  ),
  'POST /staff/corrections/{id}/escalate': withVersion(fc.record({ reason: message })),
  'POST /staff/corrections/{id}/notes': withVersion(fc.record({ text: message })),
  'POST /staff/callbacks/{id}/claim': withVersion(fc.constant({})),
  'POST /staff/callbacks/{id}/complete': withVersion(
    fc.record({ outcome: fc.constantFrom('resolved', 'no-answer', 'wrong-number', 'done'), note: message }, { requiredKeys: ['outcome'] }),
  ),
  'POST /officials/corrections/{id}/decision': withVersion(
    fc.record({ decision: fc.constantFrom('correct', 'no-change', 'reject'), message }, { requiredKeys: ['decision', 'message'] }),
  ),
  'PUT /admin/calendar': fc.record(
    { timezone: fc.constantFrom('Europe/Helsinki', 'Mars/Base'), dutyOfficers: fc.constant([]) },
    { requiredKeys: [] },
  ),
  'PUT /admin/series/{seriesId}': fc.record({
    name: message,
    officials: fc.array(fc.record({ name: message, email: fc.constantFrom('a@b.test', 'nope'), language: fc.constantFrom('fi', 'xx') }), {
      maxLength: 2,
    }),
  }),
  'POST /admin/matches': fc.record({
    matches: fc.array(
      fc.record({
        id: fc.constantFrom('FZ-1', 'FZ-2', 'M-1001'),
        seriesId: fc.constantFrom(FUZZ_SERIES, 'no-such-series'),
        startsAt: fc.constantFrom('2026-11-28T12:00:00Z', 'yesterday'),
        home: message,
        away: message,
        homeGoals: goals,
      }),
      { maxLength: 3 },
    ),
  }),
};
const FIELDS = [
  'matchId',
  'category',
  'description',
  'proposed',
  'reporter',
  'language',
  'message',
  'outcome',
  'reason',
  'text',
  'decision',
  'expectedVersion',
  'status',
  'version',
  'assignee',
  'id',
  'channel',
  'phone',
  'matches',
  'officials',
  'name',
  '__proto__',
  'constructor',
];

/** Take a valid body and maybe set, replace or delete one field (at the top, or one level down). */
const nearValid = (valid: fc.Arbitrary<Record<string, unknown>>) =>
  fc
    .tuple(
      valid,
      fc.option(fc.tuple(fc.constantFrom(...FIELDS), fc.oneof(oddValue, deepNest, fc.constant(undefined)), fc.boolean()), { freq: 2 }),
    )
    .map(([b, change]) => {
      const out: Record<string, unknown> = structuredClone(b);
      if (change) {
        const [k, v, nested] = change;
        const host = nested && out.reporter && typeof out.reporter === 'object' ? (out.reporter as Record<string, unknown>) : out;
        if (v === undefined) delete host[k];
        else Object.defineProperty(host, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
      return out;
    });

const jsonBytes = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? undefined : Buffer.from(s, 'utf8');
};
/** Raw bytes that are not JSON, or not even UTF-8 (lone surrogates as CESU bytes, NUL, BOM, truncated sequences). */
const rawBytes = fc.oneof(
  fc.string({ unit: oddChar, maxLength: 200 }).map((s) => Buffer.from(s, 'utf8')),
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  fc
    .constantFrom(
      '{',
      '}',
      '[',
      '{"a":1,}',
      "{'a':1}",
      'NaN',
      'Infinity',
      'undefined',
      '\ufeff{}',
      '{"a":1}{"b":2}',
      '"\\ud800"',
      '{"message":"\\u0000"}',
      '{"__proto__":{"admin":true}}',
      'null',
      '0',
      '""',
      'true',
    )
    .map((s) => Buffer.from(s, 'utf8')),
  fc.constantFrom(
    Buffer.from([0xed, 0xa0, 0x80]),
    Buffer.from([0x7b, 0x22, 0x6d, 0x22, 0x3a, 0x22, 0xed, 0xb0, 0x80, 0x22, 0x7d]),
    Buffer.from([0xc3]),
    Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
    Buffer.from([0x00, 0x00]),
  ),
);

const bodyFor = (routeKey: string | undefined): fc.Arbitrary<Buffer | undefined> =>
  fc.oneof(
    {
      weight: routeKey && VALID[routeKey] ? 6 : 0,
      arbitrary: (routeKey && VALID[routeKey] ? nearValid(VALID[routeKey]) : fc.constant({})).map(jsonBytes),
    },
    { weight: 2, arbitrary: oddValue.map(jsonBytes) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(jsonBytes) },
    { weight: 1, arbitrary: deepNest.map(jsonBytes) },
    { weight: 1, arbitrary: huge.map((s) => jsonBytes({ description: s, message: s, text: s, reason: s })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 200 }), fc.constantFrom('[', '{"a":', '{"message":['))
        .map(([n, open]) => Buffer.from(open.repeat(n))),
    },
    { weight: 2, arbitrary: rawBytes },
    { weight: 2, arbitrary: fc.constant(undefined) },
  );

/** Path ids: the real one, odd unicode, traversal and encoding tricks, malformed escapes, over-long ids. Returns the raw path segment. */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
const pathSegment = (real: (pick: number) => string) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.nat(8).map((pick) => encodeURIComponent(real(pick))) },
    { weight: 2, arbitrary: oddString(60).map((s) => encodeURIComponent(wellFormed(s)) || 'x') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '..',
        '.',
        '%2F',
        '%2f..%2f',
        'a%2Fb',
        '%2e%2e',
        '%2E%2E%2Fadmin',
        'C%23x',
        'REF%23TP-AAAA',
        '%00',
        '%',
        '%E0%A4%A',
        '%ZZ',
        '%C3',
        '%ED%A0%80',
        '%FF%FE',
        '%u0041',
        'null',
        'undefined',
        '__proto__',
        '%20',
        '+',
        '~',
        '*',
        '$',
        "'",
        '(',
        ')',
        ':',
        '@',
        '!',
        ';',
        ',',
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'x'.repeat(64),
        'x'.repeat(65),
        'x'.repeat(200),
        'x'.repeat(201),
        'x'.repeat(2048),
        encodeURIComponent('ä'.repeat(700)),
        encodeURIComponent('🏑'.repeat(300)),
        encodeURIComponent('\u202e'.repeat(100)),
        `${'%2F'.repeat(300)}`,
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: oddChar, minLength: 60, maxLength: 250 }).map((s) => encodeURIComponent(wellFormed(s))) },
  );

const REAL_IDS: Record<string, (pick: number) => string> = {
  correction: () => targets.correction,
  escalated: () => targets.escalated,
  callback: () => targets.callback,
  series: () => FUZZ_SERIES,
};
const realFor = (route: RouteSpec): ((pick: number) => string) => {
  if (route.path.includes('{seriesId}')) return REAL_IDS.series!;
  if (route.path.includes('/callbacks/')) return REAL_IDS.callback!;
  if (route.path.startsWith('/officials/')) return REAL_IDS.escalated!;
  return (pick) => (pick % 3 === 2 ? targets.escalated : targets.correction);
};

const routePath = (route: RouteSpec) =>
  fc
    .tuple(pathSegment(realFor(route)), fc.constantFrom('', '', '', '', '', '', '', '', '', '', '', '', '/', '/extra', '//'))
    .map(([seg, tail]) => route.path.replace(/\{\w+\}/, seg) + (tail === '/' || tail === '//' ? tail : tail ? tail : ''));

const strayPath = fc.oneof(
  fc.constantFrom(
    '/',
    '//',
    '/health/',
    '/HEALTH',
    '/staff',
    '/staff/',
    '/staff/../admin/calendar',
    '/corrections/../admin/series',
    '/%2e%2e/admin/calendar',
    '//corrections',
    '/corrections/',
    '/corrections//replies',
    '/staff/corrections/x/claim/extra',
    '/openapi.json/..',
    '/admin/series/',
    '/admin/series/%2F',
    '/officials/corrections//decision',
    '/%00',
    '/%',
    '/%E0%A4%A',
    '/\\',
    '/.well-known/x',
    '/favicon.ico',
    '/*',
    '/corrections%2F1',
  ),
  fc
    .array(
      oddString(12).map((s) => encodeURIComponent(wellFormed(s))),
      { minLength: 1, maxLength: 4 },
    )
    .map((parts) => `/${parts.join('/')}`),
);

const queryKey = fc.oneof(
  fc.constantFrom('status', 'kind', 'limit', 'cursor', 'at', 'lang', 'from', 'to', 'period', 'id', '__proto__', 'status[]', ''),
  oddString(8),
);
const queryValue = fc.oneof(
  oddString(40),
  fc.constantFrom(
    'queued',
    'in-progress',
    'resolved',
    'correction',
    'callback',
    '0',
    '1',
    '100',
    '101',
    '-1',
    '1e3',
    'fi',
    'sv',
    'xx',
    'week',
    'month',
    'decade',
    '2026-11-21',
    '2026-02-30',
    '1900-01-01',
    '9999-12-31',
    '2026-11-21T10:00:00Z',
    '2026-11-21T25:00:00Z',
    'eyJQSyI6IkMjeCJ9',
    Buffer.from(JSON.stringify({ PK: 'C#x', SK: 'META', GSI1PK: 'QUEUE', GSI1SK: '' })).toString('base64url'),
    'x'.repeat(3000),
  ),
);
const queryString = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.tuple(queryKey, queryValue), { maxLength: 5 })
      .map((kv) =>
        kv.length ? `?${kv.map(([k, v]) => `${encodeURIComponent(wellFormed(k))}=${encodeURIComponent(wellFormed(v))}`).join('&')}` : '',
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '?',
      '?&&',
      '?status',
      '?limit=%ZZ',
      '?cursor=%',
      '?a=1&a=2&a=3',
      '?from=2026-01-01&to=2026-12-31&period=week',
      '?from=2000-01-01&to=2099-12-31&period=week',
      '?at=%00',
      '?lang=fi&lang=sv',
      '?=x',
    ),
  },
);

const HEADER_NAMES = [
  'idempotency-key',
  'Idempotency-Key',
  'x-tracking-token',
  'X-Tracking-Token',
  'content-type',
  'accept',
  'accept-language',
  'x-forwarded-for',
  'user-agent',
  'cookie',
  'x-amz-date',
  'origin',
  'x-requested-with',
  'expect-ct',
  'x-api-key',
];
const KEY_POOL = ['fuzz-key-00000001', 'fuzz-key-00000002', 'fuzz-key-00000003'];
const headerValue = fc.oneof(
  { weight: 4, arbitrary: oddString(60) },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 2, arbitrary: fc.constantFrom(...KEY_POOL) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      'application/json',
      'application/json; charset=latin1',
      'text/plain',
      'text/csv',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      '*/*',
      'application/xml',
      'text/csv;q=0.1, application/json',
      '-1',
      'abcdefg',
      'abcdefgh',
      `k-${'a'.repeat(126)}`,
      `k-${'a'.repeat(127)}`,
      'REAL-TOKEN-A',
      'REAL-TOKEN-E',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1_000, max: 4_000 })
      .chain((n) => fc.constantFrom('a'.repeat(n), 'ä'.repeat(Math.floor(n / 2)), '\u202e'.repeat(Math.floor(n / 3)))),
  },
);
const headersArb = fc.dictionary(
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...HEADER_NAMES) }, { weight: 1, arbitrary: fc.stringMatching(/^x-[a-z0-9-]{1,20}$/) }),
  headerValue,
  { maxKeys: 4 },
);

const AUTH = [
  'none',
  'staff',
  'admin',
  'official',
  'officialNoEmail',
  'noGroup',
  'oddGroups',
  'expired',
  'foreign',
  'garbage',
  'basic',
  'empty-bearer',
] as const;
type Auth = (typeof AUTH)[number];
const authFor = (route: RouteSpec | undefined): fc.Arbitrary<Auth> => {
  const allowed: Auth[] =
    !route || route.auth === 'public'
      ? ['none']
      : (route.auth.flatMap((g) => (g === 'staff' ? ['staff'] : g === 'admin' ? ['admin'] : ['official'])) as Auth[]);
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...allowed) }, { weight: 1, arbitrary: fc.constantFrom(...AUTH) });
};
const authHeader = (a: Auth): Record<string, string> => {
  if (a === 'none') return {};
  if (a === 'garbage') return { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' };
  if (a === 'basic') return { authorization: 'Basic Zm9vOmJhcg==' };
  if (a === 'empty-bearer') return { authorization: 'Bearer ' };
  return { authorization: `Bearer ${tokens[a]}` };
};

/** Methods Node's HTTP parser accepts (an unknown token like FOO is refused by the parser itself, before any of our code). */
const OTHER_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'get'];

interface Req {
  route?: RouteSpec;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Counterexamples print short: method, path, header names, the first bytes of the body. */
const printable = (r: Req): Req => Object.assign(r, { [fc.toStringMethod]: () => describeReq(r) });

const requestArb: fc.Arbitrary<Req> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.constantFrom(...ROUTES).chain((route) =>
      fc
        .record({
          route: fc.constant(route),
          method: fc.oneof(
            { weight: 9, arbitrary: fc.constant(route.method) },
            { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) },
          ),
          path: fc.tuple(routePath(route), queryString).map(([p, q]) => p + q),
          auth: authFor(route),
          headers: headersArb,
          body: bodyFor(`${route.method} ${route.path}`),
        })
        .map(({ auth, headers, ...r }) => printable({ ...r, headers: { ...cleanHeaders(headers), ...authHeader(auth) } })),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        method: fc.constantFrom(...OTHER_METHODS),
        path: fc.tuple(strayPath, queryString).map(([p, q]) => p + q),
        auth: authFor(undefined),
        headers: headersArb,
        body: bodyFor(undefined),
      })
      .map(({ auth, headers, ...r }) => printable({ ...r, headers: { ...cleanHeaders(headers), ...authHeader(auth) } })),
  },
);

/** Header values as bytes a client can send; the real tracking token where the fuzz asks for it. */
function cleanHeaders(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    const name = k.toLowerCase();
    out[name] = v === 'REAL-TOKEN-A' ? targets.trackingToken : v === 'REAL-TOKEN-E' ? targets.escalatedToken : headerBytes(v);
  }
  return out;
}

// ---------------------------------------------------------------- "nothing written" bookkeeping

const wellFormedKey = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s.length <= 200 && wellFormed(s) === s;

/** Partitions this request could touch, beyond the fixed ones. */
function partitionsOf(req: Req): string[] {
  const out = new Set<string>();
  const key = req.headers['idempotency-key'];
  if (key !== undefined) {
    for (const scope of ['POST /corrections', 'POST /callbacks', ...STAFF_SUBS.map((sub) => `POST /staff/corrections\n${sub}`)])
      out.add(idempotencyPk(scope, key));
  }
  const seg =
    /^\/[^/?]+\/(?:corrections|callbacks|series)\/([^/?]+)/.exec(req.path)?.[1] ??
    /^\/(?:corrections|admin\/series)\/([^/?]+)/.exec(req.path)?.[1];
  if (seg) {
    try {
      const id = decodeURIComponent(seg);
      if (wellFormedKey(id)) out.add(`C#${id}`);
    } catch {
      /* a malformed escape names no partition */
    }
  }
  let body: any;
  try {
    body = req.body ? JSON.parse(req.body.toString('utf8')) : undefined;
  } catch {
    body = undefined;
  }
  if (body && typeof body === 'object') {
    if (wellFormedKey(body.matchId)) out.add(`MATCH#${body.matchId}`);
    if (wellFormedKey(body.phone)) out.add(openCallbackGuardKey(body.phone).PK);
    if (Array.isArray(body.matches)) for (const m of body.matches.slice(0, 5)) if (m && wellFormedKey(m.id)) out.add(`MATCH#${m.id}`);
    if (Array.isArray(body.officials))
      for (const o of body.officials.slice(0, 5)) if (o && wellFormedKey(o.email)) out.add(`OFFICIAL#${o.email.toLowerCase()}`);
  }
  return [...out].slice(0, 16);
}

async function fixedState(): Promise<Record<string, Item[]>> {
  const s = await snapshot(env, {
    caseIds: [targets.correction, targets.escalated, targets.callback],
    partitions: ['CONFIG', 'SERIES', `AGG#${TODAY}`, `OFFICIAL#${DEMO_SERIES.officials[0]!.email}`],
  });
  for (const series of [DEMO_SERIES.id, OTHER_SERIES.id, FUZZ_SERIES])
    s[`index:esc:${series}`] = await indexPartition(env, 'escalatedBySeries', `ESC#${series}`);
  return s;
}

async function partitionsState(pks: string[]): Promise<Record<string, Item[]>> {
  return pks.length ? snapshot(env, { partitions: pks }).then((s) => Object.fromEntries(pks.map((pk) => [pk, s[pk]!]))) : {};
}

const describeReq = (r: Req) =>
  `${r.method} ${r.path.slice(0, 200)}${r.path.length > 200 ? '…' : ''} ` +
  `headers=${JSON.stringify(Object.keys(r.headers))} ` +
  `body=${r.body ? `${r.body.length}B ${JSON.stringify(r.body.subarray(0, 120).toString('utf8'))}` : 'none'}`;

function checkResponse(req: Req, r: RawResponse): void {
  const ctx = describeReq(req);
  // No 503 either: nothing in this run is throttled or unavailable.
  expect(r.status, `${ctx} → ${r.status} ${r.text.slice(0, 500)}`).toBeLessThan(500);
  expect(r.status, ctx).toBeGreaterThanOrEqual(200);
  if (req.method === 'HEAD') return; // a HEAD answer has no body
  if (r.status >= 400) {
    expect(r.headers['content-type'], ctx).toMatch(/^application\/json/);
    expectContractError(r, ctx);
  } else if (!/^text\/csv/.test(String(r.headers['content-type']))) {
    expect(r.headers['content-type'], ctx).toMatch(/^application\/json/);
    expect(r.json !== undefined && typeof r.json === 'object', `${ctx} → ${r.text.slice(0, 300)}`).toBe(true);
  }
}

// ---------------------------------------------------------------- the property

describe('HTTP fuzz over every route of the manifest (real local server, DynamoDB Local)', () => {
  it('never a 5xx; every 4xx has the error shape; a refused request or a GET writes nothing', async () => {
    const seen = { byStatus: new Map<number, number>(), routes: new Set<string>() };
    let baseline = await fixedState();
    await fc.assert(
      fc.asyncProperty(requestArb, async (req) => {
        const extra = partitionsOf(req);
        const extraBefore = await partitionsState(extra);
        const r = await api.request(req.method, req.path, req.headers, req.method === 'HEAD' ? undefined : req.body);
        seen.byStatus.set(r.status, (seen.byStatus.get(r.status) ?? 0) + 1);
        if (req.route) seen.routes.add(`${req.route.method} ${req.route.path}`);
        checkResponse(req, r);
        const after = await fixedState();
        const mustNotWrite = r.status >= 400 || req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS';
        if (mustNotWrite) {
          expect(after, `${describeReq(req)} → ${r.status} changed the table`).toEqual(baseline);
          expect(await partitionsState(extra), `${describeReq(req)} → ${r.status} wrote to a partition it names`).toEqual(extraBefore);
        }
        baseline = after;
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    if (process.env.HARDENING_VERBOSE) console.log(Object.fromEntries([...seen.byStatus].sort()));
    // The fuzz reached every route, and got past the edge into the use cases (some 2xx, many kinds of 4xx).
    expect(seen.routes.size).toBe(ROUTES.length);
    expect([...seen.byStatus.keys()].filter((s) => s < 300).length).toBeGreaterThan(0);
    expect([...seen.byStatus.keys()].filter((s) => s >= 400).length).toBeGreaterThanOrEqual(5);
  }, 120_000);
});

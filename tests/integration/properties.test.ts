/**
 * Property tests at the HTTP edge: random JSON bodies (deep, huge, odd unicode), random headers,
 * random claims and path ids, sent through the real Lambda handlers to DynamoDB Local.
 * Never a 5xx; every 4xx has the contract's error shape; a refused request stores nothing (the whole table
 * and the file's own local SES are compared before and after). The staff-action property acts on cases in
 * every state; all its randomness comes from fast-check, so a failure replays (seed, path) and shrinks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeSesClient } from '../../shared/adapters/ses-client.js';
import { SesMailer } from '../../shared/adapters/ses-mailer.js';
import { loadConfig } from '../../shared/config.js';
import { CATEGORIES, CORRECTION_STATUSES, OUTCOMES, type Correction, type CorrectionStatus } from '../../shared/domain/correction.js';
import { freePort, startSesLocal } from '../../scripts/local/services.js';
import { handlers, reported, staff, type Response } from '../support/api.js';
import { adminClaims, call, officialClaims, staffClaims } from '../support/events.js';
import { createTestEnv, seedBasics, sentEmails, type TestEnv } from '../support/harness.js';
import { idempotencyPk, partition, queueLength, wholeTable } from '../support/table-snapshot.js';
import { expectErrorShape } from '../support/error-shape.js';

const RUNS = 120;
/** each run compares the whole table before and after; a failure then shrinks: room for both on a loaded machine */
const SLOW = 300_000;
let env: TestEnv;
/** this file's own local SES: its store holds only what these properties sent */
let ses: Awaited<ReturnType<typeof startSesLocal>>;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
  await seedBasics(env);
  ses = await startSesLocal({ port: await freePort() });
  env.mailer = new SesMailer(makeSesClient({ ...loadConfig(), sesEndpoint: ses.endpoint }), loadConfig().sesFrom);
});
afterAll(async () => {
  await ses?.stop();
});

/** Everything a request could leave behind: every item of the table and every email SES accepted. */
const world = async () => ({ table: await wholeTable(env), emails: await sentEmails(ses.endpoint) });

// ---------------------------------------------------------------- arbitraries

/** Characters that break naive code: NUL, lone surrogates, BOM, RTL override, zero-width, combining, emoji, JSON/regex/URL specials. */
const oddChar = fc.oneof(
  fc.constantFrom(
    '\u0000',
    '\u0007',
    '\ud800',
    '\udfff',
    '\u200b',
    '\u202e',
    '\ufeff',
    '\uffff',
    '\u2028',
    'ä',
    'Å',
    '€',
    '"',
    '\\',
    '\n',
    '#',
    '%',
    '{',
    '<',
    '$',
    '\u0301',
    '🏑',
    '👨‍👩‍👧',
  ),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const oddString = (maxLength = 40) =>
  fc.oneof(
    fc.string({ unit: oddChar, maxLength }),
    fc.string({ maxLength }),
    fc.constantFrom('', ' ', 'null', 'undefined', '__proto__', 'constructor', '[object Object]', 'NaN', '-0', '1e400'),
  );
const oddJson = fc.jsonValue({ maxDepth: 4 }).chain((v) => fc.constant(v));
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  oddJson,
  oddString(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, 0, -1, 99, 100, 1.5, 2 ** 53, -0, [], {}),
  fc.anything({ maxDepth: 3 }),
);

/** A value serialised to JSON, or raw text that may not be JSON at all. */
function jsonText(v: unknown): string | undefined {
  try {
    return JSON.stringify(v);
  } catch {
    return undefined;
  }
}
const deep = fc
  .integer({ min: 1, max: 3000 })
  .chain((n) =>
    fc.constantFrom(
      `${'['.repeat(n)}${']'.repeat(n)}`,
      `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`,
      `{"matchId":${'['.repeat(n)}${']'.repeat(n)}}`,
      `{"message":${'{"x":'.repeat(n)}null${'}'.repeat(n)}}`,
      '['.repeat(n),
    ),
  );
const huge = fc
  .integer({ min: 60 * 1024, max: 70 * 1024 })
  .chain((n) =>
    fc.constantFrom(
      JSON.stringify({ description: 'x'.repeat(n) }),
      JSON.stringify({ message: 'ä'.repeat(Math.floor(n / 2)) }),
      JSON.stringify({ outcome: 'corrected', message: '🏑'.repeat(Math.floor(n / 4)) }),
      `"${'\\u0000'.repeat(Math.floor(n / 6))}"`,
    ),
  );
const rawText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: oddChar, maxLength: 200 }),
  fc.constantFrom('{', '}', '{"a":1,}', "{'a':1}", 'NaN', 'Infinity', '\ufeff{}', '{"a":1}{"b":2}'),
);

/** A body that is valid or one field away from it. */
const validReport = fc.record(
  {
    matchId: fc.constantFrom('M-1001', 'M-1002', 'M-2001', 'M-404'),
    category: fc.constantFrom(...CATEGORIES),
    description: fc.string({ unit: oddChar, minLength: 1, maxLength: 60 }),
    proposed: fc.record({ homeGoals: fc.integer({ min: 0, max: 99 }), awayGoals: fc.integer({ min: 0, max: 99 }) }),
    reporter: fc.record(
      {
        name: fc.string({ unit: oddChar, minLength: 1, maxLength: 30 }),
        email: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom('matti@example.fi', 'MATTI@EXAMPLE.FI', 'x+tag@sub.example.test') },
          { weight: 1, arbitrary: fc.emailAddress() },
        ),
        phone: fc.constantFrom('+358401234567', '+46701234567'),
        team: oddString(20),
        role: oddString(20),
      },
      { requiredKeys: ['name', 'email'] },
    ),
    language: fc.constantFrom('fi', 'sv', 'en'),
  },
  { requiredKeys: ['matchId', 'category', 'description', 'reporter'] },
);
const REPORT_FIELDS = [
  'matchId',
  'category',
  'description',
  'proposed',
  'reporter',
  'language',
  'status',
  'version',
  'assignee',
  'id',
  'reference',
  'trackingToken',
  'channel',
  'extra',
];

/** Take a valid object and, maybe, set, replace or delete a field (at the top or one level down). */
function nearValid<T extends Record<string, unknown>>(base: fc.Arbitrary<T>, fields: string[]) {
  return fc
    .tuple(
      base,
      fc.option(fc.tuple(fc.constantFrom(...fields), fc.oneof(oddValue, fc.constant(undefined))), { freq: 2 }),
      fc.option(oddString(12)),
    )
    .map(([b, change, nestedKey]) => {
      const out: Record<string, unknown> = structuredClone(b);
      if (change) {
        const [k, v] = change;
        if (v === undefined) delete out[k];
        else out[k] = v;
      }
      if (nestedKey !== null && out.reporter && typeof out.reporter === 'object' && nestedKey.length % 5 === 0)
        (out.reporter as Record<string, unknown>)[nestedKey] = 'x';
      return out;
    });
}

const body = (valid: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: valid.map(jsonText) },
    { weight: 2, arbitrary: oddValue.map(jsonText) },
    { weight: 1, arbitrary: fc.object({ maxDepth: 3 }).map(jsonText) },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: huge },
    { weight: 1, arbitrary: rawText },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );

const headerName = fc.oneof(
  fc.constantFrom(
    'idempotency-key',
    'Idempotency-Key',
    'x-tracking-token',
    'X-Tracking-Token',
    'content-type',
    'authorization',
    'accept',
    'content-length',
    'x-forwarded-for',
  ),
  fc.string({ minLength: 1, maxLength: 20 }),
);
const headerValue = fc.oneof(
  oddString(300),
  fc.uuid(),
  fc.constantFrom('', 'application/json', 'text/plain', 'Bearer x', '-1', `k-${'a'.repeat(128)}`, 'abcdefgh'),
);
const headers = fc.dictionary(headerName, headerValue, { maxKeys: 5 });

const claims: fc.Arbitrary<Record<string, string> | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(staffClaims('prop-staff')),
  fc.constant(adminClaims('prop-admin')),
  fc.constant(officialClaims('sarjavastaava@salibandy.test')),
  fc.record(
    {
      sub: oddString(20),
      'cognito:groups': fc.oneof(
        oddString(30),
        fc.constantFrom('[staff]', '[admin]', '["staff"]', '[official]', '[staff admin]', '[]', '["admin"'),
      ),
      email: oddString(30),
    },
    { requiredKeys: [] },
  ),
);

/** A URL path cannot carry a lone surrogate (API Gateway decodes bytes), so path ids are well-formed strings. */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
/** Mostly someone allowed on staff routes, sometimes anyone. */
const staffish = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(staffClaims('prop-staff'), adminClaims('prop-admin')) },
  { weight: 1, arbitrary: claims },
);
const pathId = (real: () => string) =>
  fc
    .oneof(
      { weight: 6, arbitrary: fc.constant('REAL') },
      { weight: 2, arbitrary: oddString(60) },
      { weight: 1, arbitrary: fc.string({ unit: oddChar, minLength: 150, maxLength: 400 }) },
      { weight: 1, arbitrary: fc.constantFrom('x'.repeat(3000), '..', '%2F', 'C#x', 'a/b') },
    )
    .map((s) => (s === 'REAL' ? real() : s.length === 0 ? 'x' : wellFormed(s)));

// ---------------------------------------------------------------- invariants

function checkShape(r: Response): void {
  expect(r.status, JSON.stringify(r.body)?.slice(0, 500)).toBeLessThan(500);
  expect(r.status).toBeGreaterThanOrEqual(200);
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  if (r.status >= 400) {
    expectErrorShape(r.status, r.body);
  } else {
    expect(r.body && typeof r.body === 'object').toBe(true);
  }
}

const event = (rawBody: string | undefined, h: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  ...(rawBody === undefined ? {} : { rawBody }),
  headers: h,
  ...extra,
});

/** A correction to aim at, renewed when a run changed it. */
let target: { id: string; trackingToken: string };
const newTarget = async () => {
  target = await reported({ matchId: 'M-1002', category: 'other' });
};
const version = async () => ((await env.store.getCase(target.id)) as Correction).version;
const messageCount = async () => (await env.store.getPublicMessages(target.id)).length;
const versionOf = async (id: string) => ((await env.store.getCase(id)) as Correction).version;

/** One case in each state for the staff-action property, made through the API and kept until it changes state. */
const targets = new Map<CorrectionStatus, { id: string }>();
async function targetIn(state: CorrectionStatus): Promise<{ id: string }> {
  const have = targets.get(state);
  if (have) return have;
  const c = await reported({ matchId: 'M-1002', category: 'other' });
  const step = async (action: Parameters<typeof staff>[0], body?: unknown) => {
    const r = await staff(action, c.id, body, 'prop-setup');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  if (state === 'in-progress') await step('claim');
  if (state === 'awaiting-reporter') await step('request-info', { message: 'Kumpi maali?' });
  if (state === 'escalated') await step('escalate', { reason: 'Sarjan päätettävä' });
  if (state === 'resolved') await step('resolve', { outcome: 'rejected', message: 'Tulos oli oikein.' });
  expect((await env.store.getCase(c.id))?.status).toBe(state);
  targets.set(state, { id: c.id });
  return { id: c.id };
}

describe('properties at the HTTP edge', () => {
  beforeAll(() => newTarget());

  it(
    'POST /corrections: never a 5xx, errors have the shape, a refusal stores nothing',
    async () => {
      const createdKeys = new Set<string>();
      await fc.assert(
        fc.asyncProperty(body(nearValid(validReport, REPORT_FIELDS)), headers, async (raw, h) => {
          const [before, world0] = [await queueLength(env), await world()];
          const r = await call(handlers.publicCorrections, 'POST /corrections', event(raw, h));
          checkShape(r);
          const after = await queueLength(env);
          const key = Object.entries(h).find(([k]) => k.toLowerCase() === 'idempotency-key')?.[1];
          if (r.status === 201) {
            expect(r.body).toMatchObject({
              id: expect.any(String),
              reference: expect.stringMatching(/^TP-/),
              status: 'queued',
              trackingToken: expect.any(String),
            });
            if (r.headers['idempotent-replayed'] === 'true') expect(after).toBe(before);
            else expect(after).toBe(before + 1);
            if (key !== undefined) createdKeys.add(key);
          } else {
            expect(after).toBe(before);
            expect(await world(), 'a refused report changed the table or sent an email').toEqual(world0);
            if (key !== undefined && !createdKeys.has(key) && r.status !== 409) {
              expect(await partition(env, idempotencyPk('POST /corrections', key)), 'idempotency record left behind').toEqual([]);
            }
          }
        }),
        { numRuns: RUNS },
      );
    },
    SLOW,
  );

  it(
    'POST /corrections/{id}/replies: never a 5xx; a refusal changes neither the version nor the messages',
    async () => {
      const token = fc.oneof(
        { weight: 4, arbitrary: fc.constant('REAL') },
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: oddString(60) },
        { weight: 1, arbitrary: fc.string({ minLength: 190, maxLength: 260 }) },
      );
      const replyBody = nearValid(fc.record({ message: fc.string({ unit: oddChar, minLength: 1, maxLength: 80 }) }), [
        'message',
        'expectedVersion',
        'status',
        'extra',
      ]);
      await fc.assert(
        fc.asyncProperty(
          body(replyBody),
          headers,
          token,
          pathId(() => target.id),
          async (raw, h, tok, id) => {
            const hh = { ...h };
            for (const k of Object.keys(hh)) if (k.toLowerCase() === 'x-tracking-token') delete hh[k];
            if (tok !== undefined) hh['x-tracking-token'] = tok === 'REAL' ? target.trackingToken : tok;
            const [v0, m0, q0, world0] = [await version(), await messageCount(), await queueLength(env), await world()];
            const r = await call(handlers.publicCorrections, 'POST /corrections/{id}/replies', event(raw, hh, { pathParameters: { id } }));
            checkShape(r);
            if (r.status === 201) {
              expect(id).toBe(target.id);
              expect(await version()).toBe(v0 + 1);
              expect(await messageCount()).toBe(m0 + 1);
            } else {
              expect(await version()).toBe(v0);
              expect(await messageCount()).toBe(m0);
              expect(await world(), 'a refused reply changed the table or sent an email').toEqual(world0);
            }
            expect(await queueLength(env)).toBe(q0);
          },
        ),
        { numRuns: RUNS },
      );
    },
    SLOW,
  );

  it(
    'staff mutations (resolve, claim, release, request-info, escalate, notes): never a 5xx; a refusal changes nothing',
    async () => {
      const resolveBody = fc.record(
        {
          outcome: fc.constantFrom(...OUTCOMES),
          message: fc.string({ unit: oddChar, minLength: 1, maxLength: 60 }),
          correctedResult: fc.record({ homeGoals: fc.integer({ min: 0, max: 99 }), awayGoals: fc.integer({ min: 0, max: 99 }) }),
          duplicateOf: fc.constantFrom('M-1', 'abc'),
          expectedVersion: fc.integer({ min: 1, max: 5 }),
        },
        { requiredKeys: ['outcome', 'message'] },
      );
      const bodies = {
        resolve: nearValid(resolveBody, ['outcome', 'message', 'correctedResult', 'expectedVersion', 'status', 'version', 'assignee']),
        claim: nearValid(fc.record({ expectedVersion: fc.integer({ min: 1, max: 5 }) }, { requiredKeys: [] }), [
          'expectedVersion',
          'version',
        ]),
        release: nearValid(fc.record({ expectedVersion: fc.integer({ min: 1, max: 5 }) }, { requiredKeys: [] }), [
          'expectedVersion',
          'assignee',
        ]),
        'request-info': nearValid(fc.record({ message: fc.string({ unit: oddChar, minLength: 1, maxLength: 60 }) }), [
          'message',
          'expectedVersion',
          'status',
        ]),
        escalate: nearValid(fc.record({ reason: fc.string({ unit: oddChar, minLength: 1, maxLength: 60 }) }), [
          'reason',
          'expectedVersion',
          'message',
        ]),
        notes: nearValid(fc.record({ text: fc.string({ unit: oddChar, minLength: 1, maxLength: 60 }) }), [
          'text',
          'expectedVersion',
          'note',
        ]),
      };
      const action = fc.constantFrom(...(Object.keys(bodies) as (keyof typeof bodies)[]));
      // the case acted on is in any state; its id is the real one (the marker REAL) or a made-up one
      const run = fc.tuple(action, fc.constantFrom(...CORRECTION_STATUSES)).chain(([a, state]) =>
        fc.tuple(
          fc.constant(a),
          fc.constant(state),
          body(bodies[a]),
          headers,
          staffish,
          pathId(() => 'REAL'),
        ),
      );
      const seen = new Map<CorrectionStatus, { tried: number; ok: number }>();
      await fc.assert(
        fc.asyncProperty(run, async ([a, state, raw, h, cl, idChoice]) => {
          const target = await targetIn(state);
          const id = idChoice === 'REAL' ? target.id : idChoice;
          const v0 = await versionOf(target.id);
          const world0 = await world();
          const r = await call(
            handlers.staffCorrections,
            `POST /staff/corrections/{id}/${a}`,
            event(raw, h, { pathParameters: { id }, ...(cl ? { claims: cl } : {}) }),
          );
          checkShape(r);
          const counts = seen.get(state) ?? { tried: 0, ok: 0 };
          seen.set(state, { tried: counts.tried + 1, ok: counts.ok + (r.status < 300 ? 1 : 0) });
          if (r.status < 300) {
            expect(id).toBe(target.id);
            expect(r.body).toMatchObject({ id: target.id, version: v0 + 1 });
            expect(r.body).not.toHaveProperty('trackingTokenHash');
            expect(await versionOf(target.id)).toBe(v0 + 1);
            if (r.body.status !== state) targets.delete(state); // it moved on: the next run in this state gets a new case
          } else {
            expect(await versionOf(target.id)).toBe(v0);
            expect(await world(), `a refused ${a} on a ${state} case changed the table or sent an email`).toEqual(world0);
          }
        }),
        { numRuns: RUNS },
      );
      // the runs acted on cases in every state (fast-check's arbitraries, not luck, chose them)
      expect([...seen.keys()].sort()).toEqual([...CORRECTION_STATUSES].sort());
    },
    SLOW,
  );

  it('GET /corrections/{id} and GET /staff/queue: never a 5xx, whatever the id, token, query or cursor', async () => {
    // cursors of the right shape with odd values (empty, over-long, odd unicode), and of other shapes
    const forged = fc
      .oneof(
        fc.record({
          PK: fc.oneof(
            oddString(30).map((s) => `C#${s}`),
            oddString(30),
            fc.constantFrom(`C#${'x'.repeat(1500)}`),
          ),
          SK: fc.constant('META'),
          GSI1PK: fc.constant('QUEUE'),
          GSI1SK: fc.oneof(oddString(40), fc.constantFrom('', 'x'.repeat(1100))),
        }),
        fc.record(
          { PK: oddString(30), SK: fc.constantFrom('META', 'X', ''), GSI1PK: fc.constantFrom('QUEUE', ''), GSI1SK: oddString(40) },
          { requiredKeys: [] },
        ),
      )
      .map((o) => Buffer.from(JSON.stringify(o)).toString('base64url'));
    const query = fc.record(
      {
        status: fc.oneof(fc.constantFrom('queued', 'in-progress', 'awaiting-reporter', 'escalated', 'resolved'), oddString(10)),
        kind: fc.oneof(fc.constantFrom('correction', 'callback'), oddString(10)),
        limit: fc.oneof(fc.integer({ min: -5, max: 120 }).map(String), oddString(5)),
        cursor: fc.oneof(
          { weight: 3, arbitrary: forged },
          { weight: 1, arbitrary: oddString(100) },
          { weight: 1, arbitrary: fc.base64String({ maxLength: 200 }) },
        ),
        extra: oddString(5),
      },
      { requiredKeys: [] },
    );
    const q0 = await queueLength(env);
    await fc.assert(
      fc.asyncProperty(
        query,
        staffish,
        pathId(() => target.id),
        fc.oneof(fc.constant(undefined), fc.constant('REAL'), oddString(250)),
        async (q, cl, id, tok) => {
          const qs = Object.fromEntries(Object.entries(q).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
          const r1 = await call(handlers.staffQueue, 'GET /staff/queue', { query: qs, ...(cl ? { claims: cl } : {}) });
          checkShape(r1);
          if (r1.status === 200) expect(Array.isArray(r1.body.items)).toBe(true);
          const r2 = await call(handlers.publicCorrections, 'GET /corrections/{id}', {
            pathParameters: { id },
            ...(tok === undefined ? {} : { headers: { 'x-tracking-token': tok === 'REAL' ? target.trackingToken : tok } }),
          });
          checkShape(r2);
          if (r2.status === 200) {
            expect(r2.body.id).toBe(target.id);
            for (const k of ['notes', 'history', 'trackingTokenHash', 'assignee']) expect(r2.body).not.toHaveProperty(k);
          }
        },
      ),
      { numRuns: RUNS },
    );
    expect(await queueLength(env)).toBe(q0);
  });
});

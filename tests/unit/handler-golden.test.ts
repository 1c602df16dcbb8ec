/**
 * Golden run of the two hot routes (issue 15, CPU work): ~30 requests of POST /corrections and GET /staff/queue
 * through their real handlers with a fixed clock, fixed randomness (node:crypto's randomUUID/randomBytes replaced by
 * a seeded generator) and a recording document client, and every DynamoDB command sent, every answer (status,
 * headers, body), every email and every log line recorded. Each request's record is hashed into
 * ./golden/handler-golden.txt: a change made for speed must leave every line of it as it is.
 *
 * The queue page covers what a serialiser could get wrong: non-ASCII names, an en dash in match names, quotes,
 * backslashes, control characters, lone surrogates, U+2028, a missing channel, assignees by name/email/sub, a
 * nextCursor, a 304 for If-None-Match. POST covers three languages, refused inputs, an Idempotency-Key, a duplicate,
 * a re-contact and a transaction refused for its ack-once guard (retried without the acknowledgement).
 *
 * `GOLDEN_DUMP=/tmp/x.json npx vitest run tests/unit/handler-golden.test.ts` writes the full records for a diff;
 * `GOLDEN_UPDATE=1` rewrites the golden file (only when a behaviour change is meant).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { STUB_MATCH } from '../support/stub-items.js';

// Seeded randomness: the same ids, references, tokens and IVs on every run.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  let seed = 0x9e3779b9;
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) & 0xff;
  };
  const randomBytes = (n: number) => {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = next();
    return b;
  };
  let uuids = 0;
  const randomUUID = () => `00000000-0000-4000-8000-${String(++uuids).padStart(12, '0')}`;
  return { ...real, default: { ...real, randomBytes, randomUUID }, randomBytes, randomUUID };
});

const GOLDEN = join(import.meta.dirname, 'golden', 'handler-golden.txt');
const T0 = Date.parse('2026-11-21T09:58:00.000Z');

type Rec = { label: string; commands: unknown[]; answer: unknown; emails: unknown[]; logs: string[] };

/** JSON with what JSON drops made visible: Sets, undefined values, class names of commands. */
function show(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (x instanceof Set) return { $set: [...x] };
    if (x === undefined) return '$undefined';
    return x;
  });
}

const MATCHES: Record<string, Record<string, unknown>> = {
  'MATCH#M-1': STUB_MATCH,
  'MATCH#M-2': {
    PK: 'MATCH#M-2',
    SK: 'META',
    id: 'M-2',
    seriesId: 's1',
    startsAt: '2026-11-22T16:30:00.000Z',
    home: 'Åland "Örnar"',
    away: 'Täby \\ FC',
    venue: 'Käpylä',
  },
};
const SERIES = {
  PK: 'SERIES',
  SK: 's1',
  id: 's1',
  name: 'F-liiga – Miehet',
  officials: [{ name: 'Äijä Öljy', email: 'aija@x.fi', language: 'fi' }],
};

/** A page with every kind of row the queue shows, and strings JSON must escape. */
function queueFixture(): Record<string, unknown>[] {
  const odd = [
    'Ä"ö\\',
    'tab\there',
    'nl\nx\r',
    'ctl\u0001\u001f\u007f',
    'lone \ud800 high',
    'lone \udc00 low',
    'pair 😀',
    'ls\u2028ps\u2029',
  ];
  return Array.from({ length: 60 }, (_, i) => {
    const callback = i % 5 === 3;
    const it: Record<string, unknown> = {
      PK: `C#id-${i}`,
      SK: 'META',
      GSI1PK: 'QUEUE',
      GSI1SK: `2026-11-21T10:00:${String(i % 60).padStart(2, '0')}.000Z#id-${i}`,
      kind: callback ? 'callback' : 'correction',
      id: `id-${i}`,
      reference: callback ? `CB-2345-67${String(i).padStart(2, '0')}` : `TP-2345-67${String(i).padStart(2, '0')}`,
      status: ['queued', 'in-progress', 'awaiting-reporter', 'escalated'][i % 4],
      receivedAt: `2026-11-21T${String(8 + (i % 12)).padStart(2, '0')}:0${i % 10}:00.000Z`,
      version: (i % 7) + 1,
    };
    if (i % 6 !== 5)
      it.sla = {
        targetMode: 'results',
        firstResponseDueAt: `2026-11-2${1 + (i % 3)}T1${i % 10}:30:00.000Z`,
        resolutionDueAt: '2026-11-23T13:00:00.000Z',
      };
    if (i % 9 !== 8) it.channel = ['web', 'phone', 'email'][i % 3];
    if (i % 4 === 1) it.expiresAt = 1_800_000_000;
    if (i % 10 === 2) it.tags = new Set(['b', 'a']);
    if (i % 8 !== 7) it.language = ['fi', 'sv', 'en'][i % 3];
    if (i % 3 === 1)
      it.assignee = i % 2 ? { sub: 's-1', name: `Ännä ${odd[i % odd.length]}`, email: 'a@x.fi' } : { sub: 's-2', email: 'b@x.fi' };
    if (i % 11 === 4) it.assignee = { sub: `sub-${i}` };
    if (i % 7 === 2) it.recontactOf = `id-${i - 1}`;
    if (callback) {
      it.name = `Sörkkä ${odd[i % odd.length]}`;
      it.topic = `Aihe "${odd[(i + 3) % odd.length]}" – ${i}`;
      it.phone = '+358401234567';
    } else {
      it.category = ['final-score', 'goal', 'penalty', 'other'][i % 4];
      if (i % 13 !== 12) it.matchId = `M-${i}`;
      if (i % 5 !== 4) it.match = { home: `Koti ${odd[i % odd.length]}`, away: 'Vieras ÅÄÖ', startsAt: '2026-11-21T14:00:00.000Z' };
      if (i % 6 === 1) it.duplicateOf = `id-${i - 1}`;
      if (i % 13 === 12) it.unclassified = true;
      it.description = `Kuvaus ${i}`;
      it.reporter = { name: 'Matti', email: `m${i}@x.fi` };
    }
    return it;
  });
}

function recordingClient(log: unknown[]) {
  const queue = queueFixture();
  const puts = new Map<string, Record<string, unknown>>();
  const refusedOnce = new Set<string>();
  const send = async (cmd: { constructor: { name: string }; input: Record<string, any> }) => {
    const name = cmd.constructor.name.replace(/\d+$/, '');
    log.push({ command: name, input: JSON.parse(show(cmd.input)) });
    const input = cmd.input;
    switch (name) {
      case 'GetCommand': {
        const pk = String(input.Key?.PK);
        if (MATCHES[pk]) return { Item: MATCHES[pk] };
        if (pk === 'SERIES') return { Item: SERIES };
        return {};
      }
      case 'QueryCommand': {
        if (input.IndexName === 'queue') {
          const values = input.ExpressionAttributeValues as Record<string, string>;
          let at = 0;
          if (input.ExclusiveStartKey) at = queue.findIndex((q) => q.GSI1SK === input.ExclusiveStartKey.GSI1SK) + 1;
          const slice = queue.slice(at, at + input.Limit);
          const items = slice.filter((q) => (!values[':s'] || q.status === values[':s']) && (!values[':k'] || q.kind === values[':k']));
          const last = slice[slice.length - 1];
          const more = at + input.Limit < queue.length;
          return {
            Items: items,
            ...(more && last ? { LastEvaluatedKey: { PK: last.PK, SK: last.SK, GSI1PK: last.GSI1PK, GSI1SK: last.GSI1SK } } : {}),
          };
        }
        const pk = String(Object.values(input.ExpressionAttributeValues ?? {})[0]);
        if (pk === 'OPEN#M-2#goal') return { Items: [{ GSI2SK: '2026-11-20T10:00:00.000Z#dup-1' }] };
        if (pk.startsWith('RC#M-2#')) return { Items: [{ caseId: 'earlier-1' }, { caseId: 'earlier-2' }] };
        return { Items: [] };
      }
      case 'BatchGetCommand': {
        const table = Object.keys(input.RequestItems)[0]!;
        return {
          Responses: {
            [table]: [
              {
                PK: 'C#earlier-1',
                SK: 'META',
                kind: 'correction',
                id: 'earlier-1',
                status: 'resolved',
                resolvedAt: '2026-11-20T12:00:00.000Z',
                reporter: { name: 'M', email: 'matti13@example.fi' },
                matchId: 'M-2',
                category: 'goal',
                receivedAt: '2026-11-20T10:00:00.000Z',
              },
              {
                PK: 'C#earlier-2',
                SK: 'META',
                kind: 'correction',
                id: 'earlier-2',
                status: 'queued',
                reporter: { name: 'M', email: 'matti14@example.fi' },
                matchId: 'M-2',
                category: 'penalty',
                receivedAt: '2026-11-20T11:00:00.000Z',
              },
            ],
          },
        };
      }
      case 'TransactWriteCommand': {
        const items = input.TransactItems as { Put?: { Item: Record<string, unknown> } }[];
        const caseItem = items.find((t) => t.Put?.Item.SK === 'META')?.Put?.Item as
          { id?: string; reporter?: { email?: string } } | undefined;
        const email = caseItem?.reporter?.email ?? '';
        if (email.includes('refuse') && caseItem?.id && !refusedOnce.has(caseItem.id)) {
          refusedOnce.add(caseItem.id);
          throw Object.assign(new Error('refused'), {
            name: 'TransactionCanceledException',
            CancellationReasons: items.map((t) => {
              const pk = String((t.Put?.Item ?? (t as any).Update?.Key ?? (t as any).ConditionCheck?.Key)?.PK ?? '');
              return { Code: pk.startsWith('ACKONCE#') ? 'ConditionalCheckFailed' : 'None' };
            }),
          });
        }
        for (const t of items) if (t.Put) puts.set(`${String(t.Put.Item.PK)}|${String(t.Put.Item.SK)}`, t.Put.Item);
        return {};
      }
      case 'UpdateCommand': {
        const stored = puts.get(`${String(input.Key?.PK)}|${String(input.Key?.SK)}`);
        return stored ? { Attributes: { ...stored, attempts: 1 } } : {};
      }
      default:
        return {};
    }
  };
  return { send } as unknown as DynamoDBDocumentClient;
}

type Handler = (e: APIGatewayProxyEventV2, c: unknown) => Promise<{ statusCode: number; headers?: Record<string, string>; body?: string }>;

const records: Rec[] = [];

describe('the hot routes answer, write and log exactly as recorded (golden run)', () => {
  const logs: string[] = [];
  const saved = { level: process.env.LOG_LEVEL };
  beforeAll(() => {
    process.env.LOG_LEVEL = 'debug';
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.map(String).join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void logs.push(a.map(String).join(' ')));
  });
  afterAll(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    if (saved.level === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = saved.level;
  });

  it('~30 requests of POST /corrections and GET /staff/queue', async () => {
    const { apiEvent } = await import('../support/events.js');
    const { lambdaContext } = await import('../../scripts/local/api-server.js');
    const { composeStore } = await import('../../shared/store/core.js');
    const { QueueStore } = await import('../../shared/store/queue.js');
    const { ConfigStore } = await import('../../shared/store/config.js');
    const { ChallengeStore } = await import('../../shared/store/challenges.js');
    const { CORRECTION_CASE_WORK } = await import('../../shared/wiring/store-groups.js');
    const commands: unknown[] = [];
    const emails: unknown[] = [];
    const doc = recordingClient(commands);
    let now = T0;
    const clock = { now: () => new Date(now) };
    const mailer = {
      send: async (e: unknown) => {
        emails.push(e);
        return `ses-${emails.length}`;
      },
    };
    const Reporter = composeStore(...CORRECTION_CASE_WORK, ChallengeStore);
    const Queue = composeStore(QueueStore, ConfigStore);
    const post = (await import('../../functions/public-corrections/handler.js')).makeHandler({
      store: new Reporter(doc, 'golden'),
      mailer,
      clock,
      publicWebUrl: 'https://tulospalvelu.test',
    }) as unknown as Handler;
    const queue = (await import('../../functions/staff-queue/handler.js')).makeHandler({
      store: new Queue(doc, 'golden'),
    }) as unknown as Handler;

    let n = 0;
    const run = async (label: string, h: Handler, routeKey: string, o: Parameters<typeof apiEvent>[1]) => {
      now += 7 * 60_000 + 1234; // a new instant per request: open and closed hours, the calendar's paths
      vi.setSystemTime(now);
      const event = apiEvent(routeKey, { sourceIp: `10.0.0.${++n}`, ...o });
      (event.requestContext as { requestId: string }).requestId = `req-${n}`;
      (event.requestContext as { time: string }).time = new Date(now).toUTCString();
      const from = { c: commands.length, e: emails.length, l: logs.length };
      const r = await h(event, lambdaContext('golden', `req-${n}`));
      const rec: Rec = {
        label,
        commands: commands.slice(from.c),
        answer: r,
        emails: emails.slice(from.e),
        logs: logs.slice(from.l),
      };
      records.push(rec);
      return r;
    };

    const staff = { sub: 'anna', email: 'anna@x.fi', name: 'Anna', 'cognito:groups': '[staff]' };
    const body = (i: number, o: Record<string, unknown> = {}) => ({
      matchId: 'M-1',
      category: 'final-score',
      description: `Pöytäkirjaan on merkitty lopputulokseksi 5–4, oikea tulos on 5–3 (maali 58:12 hylättiin) #${i}. "Lainaus" \\ ja\nrivi`,
      proposed: { homeGoals: 5, awayGoals: 3 },
      reporter: { name: 'Matti Meikäläinen', email: `Matti${i}@Example.fi`, phone: '+358401234567', team: 'SPV', role: 'joukkueenjohtaja' },
      language: 'fi',
      ...o,
    });

    // POST /corrections
    for (let i = 0; i < 4; i++) await run(`post fi ${i}`, post, 'POST /corrections', { body: body(i) });
    await run('post sv', post, 'POST /corrections', { body: body(10, { language: 'sv' }) });
    await run('post en, no phone', post, 'POST /corrections', {
      body: body(11, { language: 'en', reporter: { name: 'Ōsaka \'Ö\' "Ä"', email: 'en@example.com' } }),
    });
    await run('post no language', post, 'POST /corrections', { body: { ...body(12), language: undefined } });
    await run('post goal on M-2: duplicate, re-contact', post, 'POST /corrections', {
      body: body(13, { matchId: 'M-2', category: 'goal', proposed: undefined }),
    });
    await run('post penalty on M-2 (open earlier report: ack-once)', post, 'POST /corrections', {
      body: body(14, { matchId: 'M-2', category: 'penalty', proposed: undefined, language: 'en' }),
    });
    await run('post ack refused by the transaction, retried', post, 'POST /corrections', {
      body: body(15, { reporter: { name: 'Refusé', email: 'refuse@example.fi' } }),
    });
    await run('post with Idempotency-Key', post, 'POST /corrections', { body: body(16), headers: { 'Idempotency-Key': 'golden-key-16' } });
    await run('post final-score without proposed', post, 'POST /corrections', { body: body(17, { proposed: undefined }) });
    await run('post unknown match', post, 'POST /corrections', { body: body(18, { matchId: 'M-404' }) });
    await run('post bad email', post, 'POST /corrections', { body: body(19, { reporter: { name: 'X', email: 'not-an-email' } }) });
    await run('post not JSON', post, 'POST /corrections', { rawBody: '{"matchId": ' });
    await run('post extra field', post, 'POST /corrections', { body: body(20, { extra: 1 }) });
    await run('post name with link', post, 'POST /corrections', { body: body(21, { reporter: { name: 'www.x.com', email: 'l@x.fi' } }) });
    await run('post control chars', post, 'POST /corrections', {
      body: body(22, { description: 'a\u0001b\u2028c \ud83d\ude00 \\"', reporter: { name: 'Tab\tName', email: 'c@x.fi' } }),
    });

    // GET /staff/queue
    const first = await run('queue default', queue, 'GET /staff/queue', { claims: staff });
    await run('queue 304', queue, 'GET /staff/queue', { claims: staff, headers: { 'If-None-Match': first.headers!.etag! } });
    await run('queue stale etag', queue, 'GET /staff/queue', { claims: staff, headers: { 'If-None-Match': '"stale"' } });
    const p50 = await run('queue limit 50', queue, 'GET /staff/queue', { claims: staff, query: { limit: '50' } });
    const cursor = (JSON.parse(p50.body!) as { nextCursor: string }).nextCursor;
    await run('queue next page', queue, 'GET /staff/queue', { claims: staff, query: { limit: '50', cursor } });
    await run('queue limit 7', queue, 'GET /staff/queue', { claims: staff, query: { limit: '7' } });
    await run('queue callbacks', queue, 'GET /staff/queue', { claims: staff, query: { kind: 'callback' } });
    await run('queue escalated', queue, 'GET /staff/queue', { claims: staff, query: { status: 'escalated', limit: '3' } });
    await run('queue bad cursor', queue, 'GET /staff/queue', { claims: staff, query: { cursor: 'bm9wZQ' } });
    await run('queue bad limit', queue, 'GET /staff/queue', { claims: staff, query: { limit: '0' } });
    await run('queue no caller', queue, 'GET /staff/queue', {});
    await run('queue official', queue, 'GET /staff/queue', { claims: { sub: 'o', 'cognito:groups': '[official]' } });

    const lines = records.map((r) => `${createHash('sha256').update(show(r)).digest('hex')}  ${r.label}`).join('\n') + '\n';
    if (process.env.GOLDEN_DUMP) writeFileSync(process.env.GOLDEN_DUMP, records.map((r) => show(r)).join('\n') + '\n');
    if (process.env.GOLDEN_UPDATE) writeFileSync(GOLDEN, lines);
    expect(records.length).toBeGreaterThanOrEqual(30);
    // the run reached every path it is meant to
    const statuses = records.map((r) => (r.answer as { statusCode: number }).statusCode);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(10);
    expect(statuses).toContain(304);
    expect(statuses).toContain(400);
    expect(lines).toBe(readFileSync(GOLDEN, 'utf8'));
  });
});

/**
 * The access patterns behind "Report and resolve": the queue (oldest first, filters, pagination),
 * duplicates and re-contacts, through the handlers and the store, against DynamoDB Local.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Callback } from '../../shared/domain/records.js';
import { caseIndexAttributes } from '../../shared/store/core.js';
import { expectError, queue, reply, reported, staff, staffView, type Response } from '../support/api.js';
import { createTestEnv, seedBasics, uniqueEmail, type TestEnv } from '../support/harness.js';
import { partition } from '../support/table-snapshot.js';

const T0 = Date.parse('2026-11-21T10:00:00Z'); // Saturday 12:00 in Helsinki
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const DAY = 24 * 60;

let env: TestEnv;
async function freshEnv(start = at(0)) {
  env = await createTestEnv({ now: start });
  await seedBasics(env);
}

const ok = (r: Response, status = 200) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};

/** A callback straight into the store (its routes are another issue): it shares the queue. */
async function putCallback(receivedAt: string, status: Callback['status'] = 'queued'): Promise<Callback> {
  const id = `cb-${receivedAt.replace(/[^0-9]/g, '')}`;
  const cb: Callback = {
    kind: 'callback',
    id,
    reference: `CB-${id.slice(-4)}-2222`,
    name: 'Soita minulle',
    phone: '+358401234567',
    language: 'fi',
    topic: 'Tulos väärin',
    channel: 'callback',
    status,
    version: 1,
    receivedAt,
    sla: { targetMode: 'results', firstResponseDueAt: receivedAt },
  };
  await env.store.commitChange({
    next: cb,
    fromVersion: null,
    history: [{ at: receivedAt, actor: 'reporter', action: 'create', version: 1, to: status }],
  });
  return cb;
}

/** Every page of the queue, following nextCursor; returns the pages. */
async function allPages(query: Record<string, string>) {
  const pages: { items: { id: string; receivedAt: string; status: string; kind: string }[]; nextCursor: string | null }[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = ok(await queue({ ...query, ...(cursor ? { cursor } : {}) }));
    pages.push(page);
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return pages;
}
const ids = (pages: Awaited<ReturnType<typeof allPages>>) => pages.flatMap((p) => p.items.map((i) => i.id));

describe('the queue: every open case, oldest first', () => {
  let c: Record<string, string>;
  let cb: Callback;

  beforeAll(async () => {
    await freshEnv();
    c = {};
    const make = async (name: string, minute: number, overrides: Record<string, unknown> = {}) => {
      env.setNow(at(minute));
      c[name] = (await reported({ category: 'other', ...overrides })).id;
    };
    // created out of order on purpose for the callback; statuses set afterwards
    await make('queued1', 1);
    cb = await putCallback(at(2));
    await make('inProgress', 3);
    await make('awaiting', 4);
    await make('escalated', 5);
    await make('resolved', 6);
    await make('queued2', 7, { matchId: 'M-2001' });
    env.setNow(at(10));
    ok(await staff('claim', c.inProgress!));
    ok(await staff('request-info', c.awaiting!, { message: 'Kuka?' }));
    ok(await staff('escalate', c.escalated!, { reason: 'Päätös' }));
    ok(await staff('resolve', c.resolved!, { outcome: 'no-change', message: 'Ei muutosta' }));
  });

  it(
    'lists queued, in-progress, awaiting-reporter and escalated cases and open callbacks in arrival ' + 'order; not resolved ones',
    async () => {
      const body = ok(await queue());
      expect(body.items.map((i: { id: string }) => i.id)).toEqual([c.queued1, cb.id, c.inProgress, c.awaiting, c.escalated, c.queued2]);
      expect(body.items.map((i: { status: string }) => i.status)).toEqual([
        'queued',
        'queued',
        'in-progress',
        'awaiting-reporter',
        'escalated',
        'queued',
      ]);
      expect(body.items.map((i: { kind: string }) => i.kind)).toEqual([
        'correction',
        'callback',
        'correction',
        'correction',
        'correction',
        'correction',
      ]);
      expect(body.nextCursor).toBeNull();
      const received = body.items.map((i: { receivedAt: string }) => i.receivedAt);
      expect([...received].sort()).toEqual(received);
      for (const item of body.items) {
        expect(item).toEqual(
          expect.objectContaining({
            kind: expect.any(String),
            id: expect.any(String),
            reference: expect.any(String),
            status: expect.any(String),
            receivedAt: expect.any(String),
            firstResponseDueAt: expect.any(String),
          }),
        );
      }
      expect(body.items.find((i: { id: string }) => i.id === c.inProgress).assignee).toBe('Staff staff-1');
    },
  );

  it.each([
    ['queued', ['queued1', 'cb', 'queued2']],
    ['in-progress', ['inProgress']],
    ['awaiting-reporter', ['awaiting']],
    ['escalated', ['escalated']],
  ])('?status=%s', async (status, names) => {
    const body = ok(await queue({ status }));
    expect(body.items.map((i: { id: string }) => i.id)).toEqual(names.map((n) => (n === 'cb' ? cb.id : c[n])));
    expect(body.items.every((i: { status: string }) => i.status === status)).toBe(true);
  });

  it('?kind= and both filters together', async () => {
    expect(ok(await queue({ kind: 'callback' })).items.map((i: { id: string }) => i.id)).toEqual([cb.id]);
    expect(ok(await queue({ kind: 'correction' })).items.map((i: { id: string }) => i.id)).toEqual([
      c.queued1,
      c.inProgress,
      c.awaiting,
      c.escalated,
      c.queued2,
    ]);
    expect(ok(await queue({ kind: 'correction', status: 'queued' })).items.map((i: { id: string }) => i.id)).toEqual([
      c.queued1,
      c.queued2,
    ]);
    expect(ok(await queue({ kind: 'callback', status: 'escalated' })).items).toEqual([]);
  });

  it('refuses ?status=resolved, unknown kinds and parameters, bad limits', async () => {
    for (const q of [
      { status: 'resolved' },
      { kind: 'email' },
      { limit: '0' },
      { limit: '101' },
      { limit: 'ten' },
      { limit: '-5' },
      { sort: 'newest' },
    ] as Record<string, string>[]) {
      expectError(await queue(q), 400, 'validation_failed');
    }
  });

  it('a resolved case and a completed callback are not in the queue index at all (sparse index)', async () => {
    const [meta] = (await partition(env, `C#${c.resolved}`)).filter((i) => i.SK === 'META');
    expect(meta).toBeDefined();
    for (const k of ['GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI4PK']) expect(meta, k).not.toHaveProperty(k);
    expect(caseIndexAttributes({ ...cb, status: 'completed' })).not.toHaveProperty('GSI1PK');
    const [open] = (await partition(env, `C#${c.queued1}`)).filter((i) => i.SK === 'META');
    expect(open).toMatchObject({ GSI1PK: 'QUEUE', GSI1SK: `${at(1)}#${c.queued1}`, GSI2PK: 'OPEN#M-1001#other' });
  });
});

describe('queue pagination', () => {
  let openIds: string[];
  let queuedIds: string[];

  beforeAll(async () => {
    await freshEnv();
    openIds = [];
    queuedIds = [];
    for (let i = 0; i < 26; i++) {
      env.setNow(at(i + 1));
      const { id } = await reported({ category: 'other', matchId: i % 2 ? 'M-1001' : 'M-1002' });
      if (i % 7 === 3) {
        ok(await staff('resolve', id, { outcome: 'no-change', message: 'ok' }));
        continue;
      }
      if (i % 5 === 1) ok(await staff('claim', id));
      else if (i % 5 === 2) ok(await staff('request-info', id, { message: '?' }));
      else queuedIds.push(id);
      openIds.push(id);
    }
    expect(openIds.length).toBeGreaterThan(20);
  });

  it.each(['1', '5', '7', '22', '100'])('limit=%s visits every open case exactly once, in arrival order', async (limit) => {
    const pages = await allPages({ limit });
    expect(ids(pages)).toEqual(openIds);
    for (const p of pages) expect(p.items.length).toBeLessThanOrEqual(Number(limit));
    for (const p of pages.slice(0, -1)) expect(p.nextCursor).toEqual(expect.any(String));
    expect(pages.at(-1)!.nextCursor).toBeNull();
    // no more pages than needed (at most one empty page at the end)
    expect(pages.length).toBeLessThanOrEqual(Math.ceil(openIds.length / Number(limit)) + 1);
  });

  it('the default page size holds the whole queue here', async () => {
    const body = ok(await queue());
    expect(body.items.map((i: { id: string }) => i.id)).toEqual(openIds);
    expect(body.nextCursor).toBeNull();
  });

  it.each(['1', '2', '4'])('with ?status=queued and limit=%s, every queued case exactly once', async (limit) => {
    const pages = await allPages({ limit, status: 'queued' });
    expect(ids(pages)).toEqual(queuedIds);
    for (const p of pages) for (const i of p.items) expect(i.status).toBe('queued');
  });

  it('a case leaving the queue between pages neither repeats nor skips the others', async () => {
    const first = ok(await queue({ limit: '4' }));
    expect(first.items.map((i: { id: string }) => i.id)).toEqual(openIds.slice(0, 4));
    // resolve one already seen and one not yet seen
    const seen = openIds[1]!;
    const unseen = openIds[6]!;
    for (const id of [seen, unseen]) {
      const s = ok(await staff('resolve', id, { outcome: 'duplicate', message: 'dup' }));
      expect(s.status).toBe('resolved');
    }
    const rest: string[] = [];
    let cursor = first.nextCursor as string | null;
    while (cursor) {
      const page = ok(await queue({ limit: '4', cursor }));
      rest.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    }
    expect(rest).toEqual(openIds.slice(4).filter((id) => id !== unseen));
  });

  it('a bad cursor → 400', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const bad = [
      'junk',
      '!!!',
      b64({}),
      b64([]),
      b64('QUEUE'),
      b64({ PK: 'C#x', SK: 'META' }),
      b64({ PK: 'C#x', SK: 'META', GSI1PK: 'OTHER', GSI1SK: 'a' }),
      b64({ PK: 'C#x', SK: 'H#1', GSI1PK: 'QUEUE', GSI1SK: 'a' }),
      b64({ PK: '', SK: 'META', GSI1PK: 'QUEUE', GSI1SK: '' }),
      b64({ PK: 'C#x', SK: 'META', GSI1PK: 'QUEUE', GSI1SK: '' }),
      b64({ PK: 'MATCH#M-1001', SK: 'META', GSI1PK: 'QUEUE', GSI1SK: 'x' }),
      b64({ PK: `C#${'x'.repeat(1200)}`, SK: 'META', GSI1PK: 'QUEUE', GSI1SK: 'x' }),
      b64({ PK: 'C#x', SK: 'META', GSI1PK: 'QUEUE', GSI1SK: 'x'.repeat(1100) }),
      'x'.repeat(2001),
    ];
    for (const cursor of bad) {
      const r = await queue({ cursor });
      expectError(r, 400, 'validation_failed');
      expect(r.body.error.details?.[0]?.path).toBe('cursor');
    }
  });
});

describe('duplicates: duplicateOf names the open correction of the same match and category', () => {
  beforeAll(() => freshEnv());

  it('the second report of the same match + category is a duplicate of the first; other matches or categories are not', async () => {
    env.setNow(at(1));
    const first = await reported({ matchId: 'M-1001', category: 'goal' });
    expect(first.duplicateOf).toBeUndefined();
    env.setNow(at(2));
    const second = await reported({ matchId: 'M-1001', category: 'goal' });
    expect(second.duplicateOf).toBe(first.id);
    env.setNow(at(3));
    expect((await reported({ matchId: 'M-1001', category: 'penalty' })).duplicateOf).toBeUndefined();
    expect((await reported({ matchId: 'M-1002', category: 'goal' })).duplicateOf).toBeUndefined();
    // the oldest open one is named, whatever its open status
    ok(await staff('claim', first.id));
    env.setNow(at(4));
    expect((await reported({ matchId: 'M-1001', category: 'goal' })).duplicateOf).toBe(first.id);
    ok(await staff('escalate', first.id, { reason: 'x' }));
    expect((await reported({ matchId: 'M-1001', category: 'goal' })).duplicateOf).toBe(first.id);
    // once the first is resolved, the next open one is named
    ok(await staff('resolve', first.id, { outcome: 'corrected', message: 'ok' }));
    expect((await reported({ matchId: 'M-1001', category: 'goal' })).duplicateOf).toBe(second.id);
    // the staff view and the queue carry it
    const sv = ok(await staffView(second.id));
    expect(sv.duplicateOf).toBe(first.id);
    const item = ok(await queue()).items.find((i: { id: string }) => i.id === second.id);
    expect(item.duplicateOf).toBe(first.id);
  });

  it('no duplicate when the earlier one is resolved', async () => {
    env.setNow(at(10));
    const a = await reported({ matchId: 'M-2001', category: 'lineup' });
    ok(await staff('resolve', a.id, { outcome: 'corrected', message: 'ok' }));
    env.setNow(at(11));
    const b = await reported({ matchId: 'M-2001', category: 'lineup' });
    expect(b.duplicateOf).toBeUndefined();
    // … and again a duplicate when it is reopened (it keeps its place: older than b)
    env.setNow(at(12));
    ok(await reply(a.id, a.trackingToken, { message: 'Ei ole korjattu!' }), 201);
    const c = await reported({ matchId: 'M-2001', category: 'lineup' });
    expect(c.duplicateOf).toBe(a.id);
  });

  it('store.findOpenCorrection answers the oldest open id', async () => {
    // its own cases, on a match no other test here reports on: a resolved oldest one, then two open ones
    env.setNow(at(20));
    const resolved = await reported({ matchId: 'M-2001', category: 'penalty' });
    ok(await staff('resolve', resolved.id, { outcome: 'rejected', message: 'ok' }));
    env.setNow(at(21));
    const older = await reported({ matchId: 'M-2001', category: 'penalty' });
    env.setNow(at(22));
    const newer = await reported({ matchId: 'M-2001', category: 'penalty' });
    expect(newer.duplicateOf).toBe(older.id);
    ok(await staff('claim', older.id)); // any open status counts
    expect(await env.store.findOpenCorrection('M-2001', 'penalty')).toBe(older.id);
    ok(await staff('resolve', older.id, { outcome: 'corrected', message: 'ok' }));
    expect(await env.store.findOpenCorrection('M-2001', 'penalty')).toBe(newer.id);
    expect(await env.store.findOpenCorrection('M-2001', 'final-score')).toBeUndefined();
    expect(await env.store.findOpenCorrection('M-404', 'penalty')).toBeUndefined();
  });
});

describe('re-contacts: recontactOf names a case on the same match by the same email or phone, resolved in the last 14 days', () => {
  const email = uniqueEmail('recontact');
  const phone = '+358401239876';
  let first: { id: string };

  beforeAll(async () => {
    await freshEnv();
    env.setNow(at(0));
    first = await reported({
      matchId: 'M-1001',
      category: 'final-score',
      proposed: { homeGoals: 1, awayGoals: 2 },
      reporter: { name: 'Pekka', email, phone },
    });
    env.setNow(at(30));
    ok(await staff('resolve', first.id, { outcome: 'rejected', message: 'Tulos oli oikein.' }));
  });

  it('same email, same match, a day later → recontactOf', async () => {
    env.setNow(at(DAY));
    const r = await reported({ matchId: 'M-1001', category: 'goal', reporter: { name: 'Pekka', email } });
    expect(r.recontactOf).toBe(first.id);
    expect(r.duplicateOf).toBeUndefined();
  });

  it('the email matches whatever its case', async () => {
    env.setNow(at(DAY + 1));
    const r = await reported({ matchId: 'M-1001', category: 'penalty', reporter: { name: 'Pekka', email: email.toUpperCase() } });
    expect(r.recontactOf).toBe(first.id);
  });

  it('same phone, another email → recontactOf', async () => {
    env.setNow(at(2 * DAY));
    const r = await reported({ matchId: 'M-1001', category: 'lineup', reporter: { name: 'Pekka', email: uniqueEmail(), phone } });
    expect(r.recontactOf).toBe(first.id);
  });

  it('same reporter, another match → no recontactOf', async () => {
    env.setNow(at(2 * DAY));
    const r = await reported({ matchId: 'M-1002', category: 'goal', reporter: { name: 'Pekka', email, phone } });
    expect(r.recontactOf).toBeUndefined();
  });

  it('another reporter, same match → no recontactOf', async () => {
    env.setNow(at(2 * DAY));
    const r = await reported({
      matchId: 'M-1001',
      category: 'other',
      reporter: { name: 'Muu', email: uniqueEmail(), phone: '+358405550000' },
    });
    expect(r.recontactOf).toBeUndefined();
  });

  it('just under 14 days after the resolution → recontactOf; 15 days after → none', async () => {
    env.setNow(at(30 + 14 * DAY - 1));
    expect((await reported({ matchId: 'M-1001', category: 'other', reporter: { name: 'Pekka', email } })).recontactOf).toBe(first.id);
    env.setNow(at(30 + 15 * DAY));
    const late = await reported({ matchId: 'M-1001', category: 'period-score', reporter: { name: 'Pekka', email: uniqueEmail(), phone } });
    expect(late.recontactOf).toBeUndefined();
  });

  it('the most recently resolved case is named, and the staff view and history carry it', async () => {
    await freshEnv(at(0));
    const mail = uniqueEmail('twice');
    const a = await reported({ matchId: 'M-2001', category: 'goal', reporter: { name: 'T', email: mail } });
    const b = await reported({ matchId: 'M-2001', category: 'penalty', reporter: { name: 'T', email: mail } });
    // an open earlier case is no re-contact
    expect(b.recontactOf).toBeUndefined();
    env.setNow(at(60));
    ok(await staff('resolve', a.id, { outcome: 'no-change', message: 'ok' }));
    env.setNow(at(120));
    ok(await staff('resolve', b.id, { outcome: 'no-change', message: 'ok' }));
    env.setNow(at(180));
    const c = await reported({ matchId: 'M-2001', category: 'other', reporter: { name: 'T', email: mail } });
    expect(c.recontactOf).toBe(b.id);
    const sv = ok(await staffView(c.id));
    expect(sv.recontactOf).toBe(b.id);
    expect(sv.history[0]).toMatchObject({ action: 'create', recontactOf: b.id });
    expect(ok(await queue()).items.find((i: { id: string }) => i.id === c.id).recontactOf).toBe(b.id);
  });
});

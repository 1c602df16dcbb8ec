/**
 * sla-watch's limits, against DynamoDB Local and the local SES: it pages through more than one index page
 * (100 entries) in a run, it stops starting new work when its time budget (40 s of its 60 s) is used up
 * and the next run goes on where it stopped, and a first-response breach with no duty officers in the
 * calendar goes to the series officials.
 */
import { BatchWriteCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { publicCorrections } from '../support/functions.js';
import { slaWatch } from '../support/functions.js';
import { DEFAULT_CALENDAR } from '../../shared/domain/calendar-config.js';
import type { Correction } from '../../shared/domain/correction.js';
import { caseIndexAttributes } from '../../shared/store/core.js';
import { forgetCalendar } from '../../shared/usecases/deps.js';
import type { SlaWatchSummary } from '../../shared/usecases/sla-watch.js';
import { call } from '../support/events.js';
import { mockPassThrough } from '../support/hardening-mocks.js';
import { createTestEnv, DEMO_SERIES, seedBasics, sentEmails, uniqueEmail, type TestEnv } from '../support/harness.js';

const runWatch = (time: string) =>
  slaWatch({
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    time,
    detail: { job: 'sla-watch-general' },
  } as never) as Promise<SlaWatchSummary>;

afterEach(() => {
  vi.restoreAllMocks();
});

/** `n` queued corrections whose first response fell due at 10:00Z, written straight into the table (no one to email). */
async function overdue(env: TestEnv, n: number): Promise<string[]> {
  await env.store.putSeries({ id: 'quiet', name: 'Hiljainen sarja', officials: [] }, undefined);
  await env.store.putCalendar({ ...DEFAULT_CALENDAR, dutyOfficers: [] }, '2026-11-21T09:00:00.000Z', 'test');
  forgetCalendar();
  const ids: string[] = [];
  const items = Array.from({ length: n }, (_, i) => {
    const receivedAt = new Date(Date.parse('2026-11-21T09:30:00Z') + i * 1000).toISOString();
    const c: Correction = {
      kind: 'correction',
      id: `due-${String(i).padStart(4, '0')}`,
      reference: `TP-${String(i).padStart(4, '0')}-DUEX`,
      matchId: 'M-quiet',
      seriesId: 'quiet',
      category: 'goal',
      description: 'x',
      reporter: { name: 'R', email: `r${i}@example.test` },
      language: 'fi',
      channel: 'web',
      status: 'queued',
      version: 1,
      receivedAt,
      trackingTokenHash: '0'.repeat(64),
      sla: { targetMode: 'results', firstResponseDueAt: '2026-11-21T10:00:00.000Z', resolutionDueAt: '2026-11-21T18:00:00.000Z' },
    };
    ids.push(c.id);
    return { PK: `C#${c.id}`, SK: 'META', ...c, ...caseIndexAttributes(c) };
  });
  for (let i = 0; i < items.length; i += 25) {
    const r = await env.store.doc.send(
      new BatchWriteCommand({ RequestItems: { [env.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }),
    );
    expect(r.UnprocessedItems?.[env.tableName] ?? []).toEqual([]);
  }
  return ids;
}

const notifiedAt = async (env: TestEnv, ids: string[]) =>
  Promise.all(ids.map(async (id) => (await env.store.getCase(id))?.sla?.firstResponseBreachNotifiedAt));

describe('sla-watch: more breaches than one index page', () => {
  it('one run marks all 105 overdue cases (two pages of the first-response index), each once', async () => {
    const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    const ids = await overdue(env, 105);
    const r = await runWatch('2026-11-21T10:05:00Z');
    expect(r.firstResponse).toMatchObject({ due: 105, notified: 105, conflicts: 0, stale: 0, emails: 0 });
    expect(new Set(r.notified!.map((n) => n.id))).toEqual(new Set(ids));
    expect(await notifiedAt(env, ids)).toEqual(ids.map(() => '2026-11-21T10:05:00.000Z'));
    expect((await runWatch('2026-11-21T10:10:00Z')).firstResponse).toMatchObject({ due: 0, notified: 0 });
  });
});

describe('sla-watch: a case that changes while its transaction is in flight', () => {
  it('is left out as a conflict; the other cases of the same transaction are still marked', async () => {
    const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    const ids = await overdue(env, 30);
    // a staff change lands on due-0003 after sla-watch read it and before its first transaction commits
    const { mock, real } = mockPassThrough(env.store.doc);
    let sent = 0;
    mock.on(TransactWriteCommand).callsFake(async (input: ConstructorParameters<typeof TransactWriteCommand>[0]) => {
      if (sent++ === 0) {
        const c = (await env.store.getCase('due-0003'))!;
        await real(
          new UpdateCommand({
            TableName: env.tableName,
            Key: { PK: 'C#due-0003', SK: 'META' },
            UpdateExpression: 'SET version = :n',
            ExpressionAttributeValues: { ':n': c.version + 1 },
          }),
        );
      }
      return real(new TransactWriteCommand(input));
    });
    const r = await runWatch('2026-11-21T10:05:00Z');
    mock.restore();
    expect(r.firstResponse).toMatchObject({ due: 30, notified: 29, conflicts: 1, stale: 0 });
    const marked = await notifiedAt(env, ids);
    expect(marked.filter((m) => m === '2026-11-21T10:05:00.000Z')).toHaveLength(29);
    expect(marked[3]).toBeUndefined();
    // the next run marks it: it is still breached
    expect((await runWatch('2026-11-21T10:10:00Z')).notified!.map((n) => n.id)).toEqual(['due-0003']);
  });
});

describe('sla-watch: its time budget', () => {
  it('stops starting new transactions once 40 s are used; the next run goes on from the oldest remaining one', async () => {
    const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    const ids = await overdue(env, 120);
    // every breach transaction (up to 25 cases) takes 10 s of wall-clock time (the budget is wall-clock, not the job's "now")
    const realNow = Date.now.bind(Date);
    let spent = 0;
    let transactions = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + spent);
    const { mock, real } = mockPassThrough(env.store.doc);
    mock.on(TransactWriteCommand).callsFake(async (input: ConstructorParameters<typeof TransactWriteCommand>[0]) => {
      const out = await real(new TransactWriteCommand(input));
      transactions++;
      spent += 10_000;
      return out;
    });
    const first = await runWatch('2026-11-21T10:05:00Z');
    mock.restore();
    // the first page's 100 cases in 4 transactions of 25 reach the 40 s budget: the second page is not started
    expect(transactions).toBe(4);
    expect(first.firstResponse).toMatchObject({ due: 100, notified: 100 });
    expect(first.notified!.map((n) => n.id)).toEqual(ids.slice(0, 100));
    expect(await notifiedAt(env, ids)).toEqual([
      ...ids.slice(0, 100).map(() => '2026-11-21T10:05:00.000Z'),
      ...ids.slice(100).map(() => undefined),
    ]);

    const next = await runWatch('2026-11-21T10:10:00Z');
    expect(next.firstResponse).toMatchObject({ due: 20, notified: 20 });
    expect(next.notified!.map((n) => n.id)).toEqual(ids.slice(100));
  });
});

describe('sla-watch: who is emailed about a first-response breach', () => {
  it('with no duty officers in the calendar, the series officials are emailed (once each)', async () => {
    const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    await env.store.putCalendar({ ...DEFAULT_CALENDAR, dutyOfficers: [] }, '2026-11-21T09:00:00.000Z', 'test');
    forgetCalendar();
    const email = uniqueEmail();
    const r = await call(publicCorrections as never, 'POST /corrections', {
      body: { matchId: 'M-1001', category: 'goal', description: 'Maalintekijä väärin', reporter: { name: 'Matti', email }, language: 'fi' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const { id, reference } = r.body as { id: string; reference: string };
    const run = await runWatch('2026-11-21T10:30:00Z');
    expect(run.firstResponse).toMatchObject({ notified: 1, emails: DEMO_SERIES.officials.length });
    for (const o of DEMO_SERIES.officials) {
      const mails = (await sentEmails(env.sesEndpoint, o.email)).filter((m) => m.subject.includes(reference));
      expect(mails, o.email).toHaveLength(1);
    }
    expect((await env.store.getCase(id))?.sla?.firstResponseBreachNotifiedAt).toBe('2026-11-21T10:30:00.000Z');
    await runWatch('2026-11-21T10:35:00Z');
    for (const o of DEMO_SERIES.officials)
      expect((await sentEmails(env.sesEndpoint, o.email)).filter((m) => m.subject.includes(reference))).toHaveLength(1);
  });
});

/**
 * sla-watch over cases past both targets (issue 15): the first-response and the resolution breach of one case are
 * marked in ONE conditional write of three items, the very items two writes one after the other made before
 * (the case at version v+2 with both breaches marked, an audit record at v+1 and one at v+2), and the run's summary
 * still lists the resolution breaches in the resolution index's order (due time, then id), however they were found.
 */
import { BatchWriteCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { slaWatch } from '../support/functions.js';
import { DEFAULT_CALENDAR } from '../../shared/domain/calendar-config.js';
import type { Correction } from '../../shared/domain/correction.js';
import { caseIndexAttributes } from '../../shared/store/core.js';
import { forgetCalendar } from '../../shared/usecases/deps.js';
import type { SlaWatchSummary } from '../../shared/usecases/sla-watch.js';
import { mockPassThrough } from '../support/hardening-mocks.js';
import { createTestEnv, seedBasics, type TestEnv } from '../support/harness.js';

const RUN = '2026-11-21T12:05:00Z';
const RUN_ISO = new Date(RUN).toISOString();

const runWatch = (time: string) =>
  slaWatch({ 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time, detail: { job: 'sla-watch-general' } } as never) as Promise<
    Omit<SlaWatchSummary, 'at'>
  >;

afterEach(() => {
  vi.restoreAllMocks();
});

/** Queued corrections with the given due times, written straight into the table (no one to email). */
async function cases(env: TestEnv, rows: { id: string; firstResponseDueAt: string; resolutionDueAt: string }[]): Promise<void> {
  await env.store.putSeries({ id: 'quiet', name: 'Hiljainen sarja', officials: [] }, undefined);
  await env.store.putCalendar({ ...DEFAULT_CALENDAR, dutyOfficers: [] }, '2026-11-21T09:00:00.000Z', 'test');
  forgetCalendar();
  const items = rows.map(({ id, firstResponseDueAt, resolutionDueAt }) => {
    const c: Correction = {
      kind: 'correction',
      id,
      reference: `TP-${id.slice(-4)}-BOTH`,
      matchId: 'M-quiet',
      seriesId: 'quiet',
      category: 'goal',
      description: 'x',
      reporter: { name: 'R', email: `${id}@example.test` },
      language: 'fi',
      channel: 'web',
      status: 'queued',
      version: 1,
      receivedAt: '2026-11-21T09:30:00.000Z',
      trackingTokenHash: '0'.repeat(64),
      sla: { targetMode: 'results', firstResponseDueAt, resolutionDueAt },
    };
    return { PK: `C#${c.id}`, SK: 'META', ...c, ...caseIndexAttributes(c) };
  });
  await env.store.doc.send(new BatchWriteCommand({ RequestItems: { [env.tableName]: items.map((Item) => ({ PutRequest: { Item } })) } }));
}

const partition = async (env: TestEnv, id: string) =>
  (
    await env.store.doc.send(
      new QueryCommand({ TableName: env.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `C#${id}` } }),
    )
  ).Items ?? [];

const caseItem = async (env: TestEnv, id: string) => (await partition(env, id)).find((it) => it.SK === 'META')!;

/** A fresh environment with one queued correction whose first response fell due at 10:00 and resolution at 12:00. */
async function onePastBoth(prefix: string): Promise<{ env: TestEnv; id: string }> {
  const env = await createTestEnv({ now: '2026-11-21T09:30:00Z' });
  await seedBasics(env);
  const id = `${prefix}-${Date.now()}-0001`;
  await cases(env, [{ id, firstResponseDueAt: '2026-11-21T10:00:00.000Z', resolutionDueAt: '2026-11-21T12:00:00.000Z' }]);
  return { env, id };
}

describe('sla-watch: a case past both targets', () => {
  it('gets both breaches in one write of three items: the case at v+2 and an audit record at v+1 and at v+2', async () => {
    const { env, id } = await onePastBoth('both');
    const sdk = mockPassThrough(env.store.doc);

    const r = await runWatch(RUN);

    // one Put of the case in all the run's transactions, with the audit records beside it
    const puts = sdk.mock
      .commandCalls(TransactWriteCommand)
      .flatMap((call) => call.args[0].input.TransactItems ?? [])
      .map((t) => t.Put)
      .filter((p) => p?.Item?.PK === `C#${id}`);
    expect(puts.map((p) => p!.Item!.SK)).toEqual(['META', 'H#000002#0', 'H#000003#0']);
    expect(puts[0]).toMatchObject({ ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': 1 } });

    const items = await partition(env, id);
    const meta = items.find((it) => it.SK === 'META')!;
    expect(meta.version).toBe(3);
    expect(meta.sla).toEqual({
      targetMode: 'results',
      firstResponseDueAt: '2026-11-21T10:00:00.000Z',
      resolutionDueAt: '2026-11-21T12:00:00.000Z',
      firstResponseBreachNotifiedAt: RUN_ISO,
      resolutionBreachNotifiedAt: RUN_ISO,
    });
    // out of both due indexes: no later run finds it again
    for (const index of ['firstResponseDue', 'resolutionDue'] as const)
      expect((await env.store.listDuePage(index, '2027-01-01T00:00:00.000Z', 100)).ids).not.toContain(id);
    const audit = items.filter((it) => String(it.SK).startsWith('H#'));
    expect(audit.map(({ PK: _pk, SK, ...h }) => ({ SK, ...h }))).toEqual([
      {
        SK: 'H#000002#0',
        at: RUN_ISO,
        actor: 'system',
        action: 'sla-breach',
        version: 2,
        breach: 'first-response',
        dueAt: '2026-11-21T10:00:00.000Z',
        recipients: [],
      },
      {
        SK: 'H#000003#0',
        at: RUN_ISO,
        actor: 'system',
        action: 'sla-breach',
        version: 3,
        breach: 'resolution',
        dueAt: '2026-11-21T12:00:00.000Z',
        recipients: [],
      },
    ]);
    expect(r.firstResponse).toMatchObject({ due: 1, notified: 1, stale: 0, conflicts: 0 });
    expect(r.resolution).toMatchObject({ due: 1, notified: 1, stale: 0, conflicts: 0 });
    expect(r.breaches).toBe(2);

    // a second run finds nothing and writes nothing
    const again = await runWatch('2026-11-21T12:10:00Z');
    expect(again.breaches).toBe(0);
    expect(await partition(env, id)).toEqual(items);
  });

  it('lists the resolution breaches in due-time order, those marked with a first-response breach among the others', async () => {
    const env = await createTestEnv({ now: '2026-11-21T09:30:00Z' });
    await seedBasics(env);
    const p = `order-${Date.now()}`;
    // resolution due order: C (11:00) < B (11:30, first response already due later than the run) < A (12:00)
    await cases(env, [
      { id: `${p}-A`, firstResponseDueAt: '2026-11-21T10:00:00.000Z', resolutionDueAt: '2026-11-21T12:00:00.000Z' },
      { id: `${p}-B`, firstResponseDueAt: '2026-11-21T13:00:00.000Z', resolutionDueAt: '2026-11-21T11:30:00.000Z' },
      { id: `${p}-C`, firstResponseDueAt: '2026-11-21T10:30:00.000Z', resolutionDueAt: '2026-11-21T11:00:00.000Z' },
    ]);
    const r = await runWatch(RUN);
    const mine = r.notified!.filter((n) => n.id.startsWith(p)).map((n) => `${n.id.slice(-1)} ${n.breach}`);
    expect(mine).toEqual(['A first-response', 'C first-response', 'C resolution', 'B resolution', 'A resolution']);
    expect(r.firstResponse).toMatchObject({ due: 2, notified: 2 });
    expect(r.resolution).toMatchObject({ due: 3, notified: 3 });
  });

  it('a case that changed meanwhile gets neither breach from that write; the resolution pass reads it again', async () => {
    const { env, id } = await onePastBoth('race');
    // a staff change commits first: the case is at version 2 (still queued, still past both targets)
    const sdk = mockPassThrough(env.store.doc);
    let raced = false;
    sdk.mock.on(TransactWriteCommand).callsFake(async (input) => {
      if (!raced) {
        raced = true;
        const meta = await caseItem(env, id);
        await sdk.real(new PutCommand({ TableName: env.tableName, Item: { ...meta, version: meta.version + 1 } }));
      }
      return sdk.real(new TransactWriteCommand(input));
    });
    const r = await runWatch(RUN);
    expect(raced).toBe(true);
    expect(r.firstResponse).toMatchObject({ due: 1, notified: 0, conflicts: 1 });
    expect(r.resolution).toMatchObject({ due: 1, notified: 1, conflicts: 0 });
    const meta = await caseItem(env, id);
    expect(meta.version).toBe(3);
    expect(meta.sla.firstResponseBreachNotifiedAt).toBeUndefined();
    expect(meta.sla.resolutionBreachNotifiedAt).toBe(RUN_ISO);
  });
});

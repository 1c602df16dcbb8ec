/**
 * A new case's reference is drawn at random and guarded by a conditional put: when another case holds
 * the drawn reference (a real collision in DynamoDB Local, made by writing that reference's guard just
 * before the transaction reaches the table), the intake draws another and the report still succeeds, once.
 */
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { publicCallbacks } from '../support/functions.js';
import { reportBody } from '../support/api.js';
import { call } from '../support/events.js';
import { handlers } from '../support/api.js';
import { mockPassThrough, type PassThroughMock } from '../support/hardening-mocks.js';
import { createTestEnv, seedBasics, sentEmails, type TestEnv } from '../support/harness.js';
import { partition } from '../support/table-snapshot.js';

let m: PassThroughMock<any> | undefined;
afterEach(() => {
  m?.mock.restore();
  m = undefined;
});

type TransactInput = ConstructorParameters<typeof TransactWriteCommand>[0];

/** Before the first create transaction reaches the table, another case takes the reference it drew. */
function stealFirstReference(env: TestEnv) {
  m = mockPassThrough(env.store.doc);
  const { real } = m;
  const drawn: string[] = [];
  m.mock.on(TransactWriteCommand).callsFake(async (input: TransactInput) => {
    const created = input
      .TransactItems!.map((t) => t.Put?.Item)
      .find((i) => i && typeof i.reference === 'string' && i.version === 1 && i.kind);
    if (created) {
      drawn.push(created.reference as string);
      if (drawn.length === 1) {
        await real(
          new PutCommand({ TableName: env.tableName, Item: { PK: `REF#${created.reference}`, SK: 'REF', caseId: 'someone-else' } }),
        );
      }
    }
    return real(new TransactWriteCommand(input));
  });
  return drawn;
}

describe('reference collision at intake', () => {
  it('a correction whose first reference is taken draws another: 201, one case, one acknowledgement', async () => {
    const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    const drawn = stealFirstReference(env);
    const body = reportBody({ matchId: 'M-1001', category: 'goal' });
    const r = await call(handlers.publicCorrections, 'POST /corrections', { body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(drawn).toHaveLength(2);
    expect(drawn[1]).not.toBe(drawn[0]);
    expect(r.body.reference).toBe(drawn[1]);
    // the other case keeps its reference; ours is guarded by its own
    expect(await partition(env, `REF#${drawn[0]}`)).toEqual([expect.objectContaining({ caseId: 'someone-else' })]);
    expect(await partition(env, `REF#${drawn[1]}`)).toEqual([expect.objectContaining({ caseId: r.body.id })]);
    expect(await env.store.getCase(r.body.id)).toMatchObject({ reference: drawn[1], version: 1 });
    const mails = await sentEmails(env.sesEndpoint, body.reporter.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(drawn[1]);
  });

  it('a callback whose first reference is taken draws another: 201, one case', async () => {
    const env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
    await seedBasics(env);
    const drawn = stealFirstReference(env);
    const r = await call(publicCallbacks as never, 'POST /callbacks', {
      body: { name: 'Maija Meikäläinen', phone: '+358401112233', language: 'fi', topic: 'Tulos väärin', matchId: 'M-1001' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(drawn).toHaveLength(2);
    expect(r.body.reference).toBe(drawn[1]);
    expect(await partition(env, `REF#${drawn[0]}`)).toEqual([expect.objectContaining({ caseId: 'someone-else' })]);
    expect(await env.store.getCase(r.body.id)).toMatchObject({ reference: drawn[1], version: 1 });
  });
});

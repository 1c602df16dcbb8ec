/**
 * The privacy backfill (issue 11; scripts/lib/privacy-backfill.ts) against DynamoDB Local: cases made the way
 * they were before the privacy release (no CONTACT# or RETAIN# items, raw contacts in RC#/CBOPEN#/OPENCB# keys)
 * are found by export/erase, the open-callback guard and the retention job after one run; a second run writes nothing.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { backfillPrivacy, emptySummary } from '../../scripts/lib/privacy-backfill.js';
import { contactIndexKey, legacyOpenCallbackGuardKey, openCallbackGuardKey } from '../../shared/store/contact-keys.js';
import { caseKey, type Case } from '../../shared/store/core.js';
import { IN_INDEX, ITEMS } from '../../shared/store/items.js';
import { contactsOfCase } from '../../shared/store/privacy.js';
import { reported, staff } from '../support/api.js';
import { adminClaims, call } from '../support/events.js';
import { adminPrivacy, privacyRetention, publicCallbacks } from '../support/functions.js';
import { createTestEnv, seedBasics, uniqueEmail, type TestEnv } from '../support/harness.js';
import { keysOf, wholeTable } from '../support/table-snapshot.js';

const h = <T>(x: T) => x as never;
let env: TestEnv;
let seq = 0;
const newPhone = () => `+35850${String(3_000_000 + ++seq * 7919).slice(-7)}`;
const person = (tag: string) => ({ name: `Henkilö ${tag}${seq}`, email: uniqueEmail(`bf-${tag}`), phone: newPhone() });
const exportOf = (query: Record<string, string>) => call(h(adminPrivacy), 'GET /admin/privacy/export', { query, claims: adminClaims() });
const runRetention = (time: string) => privacyRetention({ 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time, detail: {} });
const backfill = (pageSize = 2) => backfillPrivacy(env.store.doc, env.tableName, { pageSize });
/** Nothing written (what was read aside). */
const { cases: _cases, erased: _erased, ...NOTHING } = emptySummary();

async function resolvedCase(who: { name: string; email: string; phone?: string }, matchId = 'M-1001') {
  const c = await reported({ matchId, reporter: who });
  expect((await staff('claim', c.id)).status).toBe(200);
  expect((await staff('resolve', c.id, { outcome: 'corrected', message: `Kiitos ${who.name}, korjattu.` })).status).toBe(200);
  return c;
}

async function openCallback(who: { name: string; phone: string }) {
  const r = await call(h(publicCallbacks), 'POST /callbacks', {
    body: { name: who.name, phone: who.phone, language: 'fi', topic: 'Tulos väärin', matchId: 'M-1001' },
  });
  return r;
}

/** Turns a case into one made before the privacy release: no CONTACT#/RETAIN# items, raw contacts in its keys. */
async function makeOld(id: string): Promise<void> {
  const { doc } = env.store;
  const TableName = env.tableName;
  const c = (await env.store.getCase(id)) as Case;
  const table = await wholeTable(env);
  for (const contactValue of contactsOfCase(c)) await doc.send(new DeleteCommand({ TableName, Key: contactIndexKey(contactValue, id) }));
  const ours = (prefix: string) => table.filter((i) => String(i.PK).startsWith(prefix) && i.caseId === id);
  for (const it of ours(ITEMS.retentionEntry.pk.prefix)) await doc.send(new DeleteCommand({ TableName, Key: { PK: it.PK, SK: it.SK } }));
  // RC#<matchId>#<hmac> → RC#<matchId>#<contact>, filed under the case's arrival (as the product files it)
  const recontacts = ours(ITEMS.recontact.pk.prefix);
  expect(recontacts.length).toBe(contactsOfCase(c).length);
  for (const it of recontacts) await doc.send(new DeleteCommand({ TableName, Key: { PK: it.PK, SK: it.SK } }));
  for (const contactValue of contactsOfCase(c)) {
    const PK = ITEMS.recontact.pk.build({ matchId: c.matchId!, contactHash: contactValue.toLowerCase() });
    await doc.send(new PutCommand({ TableName, Item: { PK, SK: ITEMS.recontact.sk.build({ receivedAt: c.receivedAt, id }), caseId: id } }));
  }
  if (c.kind !== 'callback') return;
  const guard = (await doc.send(new GetCommand({ TableName, Key: openCallbackGuardKey(c.phone) }))).Item;
  if (guard) {
    await doc.send(new DeleteCommand({ TableName, Key: openCallbackGuardKey(c.phone) }));
    await doc.send(new PutCommand({ TableName, Item: { ...guard, ...legacyOpenCallbackGuardKey(c.phone) } }));
  }
  await doc.send(
    new UpdateCommand({
      TableName,
      Key: caseKey(id),
      UpdateExpression: 'SET GSI2PK = :raw',
      ExpressionAttributeValues: { ':raw': IN_INDEX.openCallback.pk.build({ phoneHash: c.phone }) },
    }),
  );
}

beforeEach(async () => {
  env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
  await seedBasics(env);
});

describe('npm run privacy:backfill (scripts/lib/privacy-backfill.ts)', () => {
  it('indexes cases from before the privacy release, hashes their raw keys, and a second run writes nothing', async () => {
    const p = person('a');
    const resolved = await resolvedCase(p);
    const cb = await openCallback(p);
    expect(cb.status, JSON.stringify(cb.body)).toBe(201);
    const q = person('b');
    const older = await resolvedCase({ name: q.name, email: q.email }, 'M-1002');
    // resolved in 2025: before the first month the retention job walks
    await env.store.doc.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: caseKey(older.id),
        UpdateExpression: 'SET receivedAt = :at, resolvedAt = :at',
        ExpressionAttributeValues: { ':at': '2025-09-15T09:00:00.000Z' },
      }),
    );
    for (const id of [resolved.id, cb.body.id, older.id]) await makeOld(id);
    const fresh = person('c');
    const after = await resolvedCase({ name: fresh.name, email: fresh.email }, 'M-1002');

    // before: nothing finds them, and the raw contacts stand in keys
    expect(await env.store.casesOfContact(`email:${p.email}`)).toEqual([]);
    expect((await exportOf({ phone: p.phone })).body.callbacks).toEqual([]);
    expect(keysOf(await wholeTable(env)).some((k) => k.includes(p.phone))).toBe(true);

    const first = await backfill();
    expect(first).toMatchObject({
      cases: 4,
      erased: 0,
      contactIndex: 4, // p: email + phone (correction), phone (callback); q: email
      retention: 3,
      recontactKeys: 4,
      callbackGuards: 1,
      callbackIndexKeys: 1,
      conflicts: 0,
    });
    const table = await wholeTable(env);
    const second = await backfill(1);
    expect(second).toMatchObject({ cases: 4, ...NOTHING });
    expect(await wholeTable(env), 'a second run writes nothing').toEqual(table);

    // no contact in any key any more
    for (const v of [p.email, p.phone, q.email, fresh.email]) expect(keysOf(table).filter((k) => k.toLowerCase().includes(v))).toEqual([]);
    // export finds them through the contact index
    expect((await env.store.casesOfContact(`email:${p.email}`)).sort()).toEqual([resolved.id]);
    const byPhone = await exportOf({ phone: p.phone });
    expect(byPhone.body.callbacks.map((c: { id: string }) => c.id)).toEqual([cb.body.id]);
    expect(byPhone.body.corrections.map((c: { id: string }) => c.id)).toEqual([resolved.id]);
    expect((await env.store.casesOfContact(`email:${fresh.email}`)).sort()).toEqual([after.id]);
    // the open-callback guard and index hold the number's hash again: a second request joins the open callback
    expect(await env.store.openCallbackGuard(p.phone)).toBe(cb.body.id);
    expect(await env.store.findOpenCallback(p.phone)).toBe(cb.body.id);
    const again = await openCallback(p);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    // re-contacts find the earlier case by the hashed key
    expect(await env.store.findReporterCases('M-1001', [`email:${p.email}`])).toEqual([resolved.id]);

    // the retention job reaches them: the 2025 case on its first walk of 2026-01, the other 13 months after resolution
    const early = await runRetention('2027-03-01T01:30:00Z');
    expect(early).toMatchObject({ erased: 1, failed: 0 });
    expect(await env.store.getCase(older.id)).toHaveProperty('personalDataErasedAt');
    expect(await env.store.getCase(resolved.id)).not.toHaveProperty('personalDataErasedAt');
    const late = await runRetention('2027-12-22T01:30:00Z');
    expect(late).toMatchObject({ erased: 2, failed: 0 }); // the resolved correction and the fresh one
    expect(await env.store.getCase(resolved.id)).toHaveProperty('personalDataErasedAt');
    expect(await env.store.casesOfContact(`email:${p.email}`)).toEqual([]);

    // erased cases are left alone by a later run
    expect(await backfill()).toMatchObject({ cases: 4, erased: 3, ...NOTHING });
  }, 90_000);

  it('a dry run counts and writes nothing; erasure by request finds a backfilled callback', async () => {
    const p = person('d');
    const cb = await openCallback(p);
    expect(cb.status).toBe(201);
    await makeOld(cb.body.id);
    const before = await wholeTable(env);
    expect(await backfillPrivacy(env.store.doc, env.tableName, { dryRun: true })).toMatchObject({
      contactIndex: 1,
      retention: 1,
      recontactKeys: 1,
      callbackGuards: 1,
      callbackIndexKeys: 1,
    });
    expect(await wholeTable(env)).toEqual(before);
    await backfill();
    const er = await call(h(adminPrivacy), 'POST /admin/privacy/erase', { body: { phone: p.phone }, claims: adminClaims() });
    expect(er.status, JSON.stringify(er.body)).toBe(200);
    expect(er.body.cases).toBe(1);
    const table = await wholeTable(env);
    expect(table.filter((i) => JSON.stringify(i).includes(p.phone))).toEqual([]);
  }, 60_000);
});

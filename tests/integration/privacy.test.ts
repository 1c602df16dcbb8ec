/**
 * Personal data (issue 11, contract §12) through the real handlers against DynamoDB Local: the retention job,
 * GET /admin/privacy/export and POST /admin/privacy/erase (found through the contact index, a keyed hash),
 * and no raw email address or phone number in any key of the table.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { adminPrivacy, privacyRetention, publicCallbacks, staffCallbacks, staffReports } from '../support/functions.js';
import { contactIndexPk } from '../../shared/store/contact-keys.js';
import { reply, reported, staff } from '../support/api.js';
import { adminClaims, call, officialClaims, staffClaims } from '../support/events.js';
import { createTestEnv, seedBasics, uniqueEmail, type TestEnv } from '../support/harness.js';
import { keysOf, partition, wholeTable, type Item } from '../support/table-snapshot.js';

const h = <T>(x: T) => x as never;
let env: TestEnv;
let seq = 0;
const newPhone = () => `+35850${String(2_000_000 + ++seq * 7919).slice(-7)}`;

const exportOf = (query: Record<string, string>, claims: Record<string, string> | null = adminClaims()) =>
  call(h(adminPrivacy), 'GET /admin/privacy/export', { query, ...(claims ? { claims } : {}) });
const erase = (body: unknown, claims: Record<string, string> | null = adminClaims()) =>
  call(h(adminPrivacy), 'POST /admin/privacy/erase', { body, ...(claims ? { claims } : {}) });
const summary = () =>
  call(h(staffReports), 'GET /staff/reports/summary', {
    query: { from: '2026-11-01', to: '2026-12-31', period: 'month' },
    claims: staffClaims(),
  });
const runRetention = (time: string) => privacyRetention({ 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time, detail: {} });

/** A correction with everything a person can leave behind: name, email, phone, description, a reply, a note, emails. */
async function fullCase(who: { name: string; email: string; phone: string }, matchId = 'M-1001') {
  const c = await reported({
    matchId,
    description: `Väärä maalintekijä, soita ${who.name}`,
    reporter: { name: who.name, email: who.email, phone: who.phone },
  });
  expect((await staff('claim', c.id)).status).toBe(200);
  expect((await staff('request-info', c.id, { message: `Hei ${who.name}, kuka teki maalin?` })).status).toBe(200);
  expect((await reply(c.id, c.trackingToken, { message: `Numero 17, terveisin ${who.name}` })).status).toBe(201);
  expect((await staff('notes', c.id, { text: `Soitin numeroon ${who.phone}` })).status).toBe(201);
  expect((await staff('claim', c.id)).status).toBe(200);
  expect((await staff('resolve', c.id, { outcome: 'corrected', message: `Kiitos ${who.name}, korjattu.` })).status).toBe(200);
  return c;
}

async function callback(who: { name: string; phone: string }, complete: boolean) {
  const r = await call(h(publicCallbacks), 'POST /callbacks', {
    body: { name: who.name, phone: who.phone, language: 'fi', topic: `Soittakaa ${who.name}`, matchId: 'M-1001' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  if (complete) {
    const done = await call(h(staffCallbacks), 'POST /staff/callbacks/{id}/complete', {
      pathParameters: { id: r.body.id },
      claims: staffClaims(),
      body: { outcome: 'resolved', note: `Puhuttu: ${who.name}` },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
  }
  return r.body as { id: string; reference: string };
}

const person = (tag: string) => ({ name: `Henkilö ${tag}${seq}`, email: uniqueEmail(`p-${tag}`), phone: newPhone() });
const mentions = (items: Item[], values: string[]) =>
  items.filter((i) => values.some((v) => JSON.stringify(i).toLowerCase().includes(v.toLowerCase())));
const aggregates = async () => (await wholeTable(env)).filter((i) => String(i.PK).startsWith('AGG#'));

beforeEach(async () => {
  env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
  await seedBasics(env);
});

describe('privacy-retention job', () => {
  it('erases cases resolved more than 13 months ago from every item, keeps the report figures, leaves recent ones', async () => {
    const old = person('old');
    const oldCase = await fullCase(old);
    const oldCallback = await callback({ name: old.name, phone: old.phone }, true);
    // a case resolved much later: within the period at the run
    const recent = person('recent');
    env.setNow('2027-06-01T10:00:00Z');
    const recentCase = await fullCase(recent, 'M-1002');
    // still open
    const open = person('open');
    const openCase = await reported({ reporter: { name: open.name, email: open.email } });

    const before = await aggregates();
    const reportBefore = (await summary()).body;
    expect(mentions(await wholeTable(env), [old.email, old.phone, old.name]).length).toBeGreaterThan(10);

    // 2027-12-22: 13 months after 2026-11-21
    const r = await runRetention('2027-12-22T01:30:00Z');
    expect(r).toMatchObject({ erased: 2, failed: 0, more: false });

    const table = await wholeTable(env);
    expect(mentions(table, [old.email, old.phone, old.name]), 'nothing left about the old reporter').toEqual([]);
    expect(mentions(table, [recent.email, recent.phone, recent.name]).length).toBeGreaterThan(5);
    expect(mentions(table, [open.email, open.name]).length).toBeGreaterThan(0);
    // the erased case keeps what the reports count, and says what was erased (never the values)
    const erased = (await env.store.getCase(oldCase.id)) as unknown as Record<string, any>;
    expect(erased).toMatchObject({
      status: 'resolved',
      outcome: 'corrected',
      category: 'goal',
      channel: 'web',
      reporter: { name: '', email: '' },
      description: '[erased]',
    });
    expect(erased.personalDataErasedAt).toBe('2027-12-22T01:30:00.000Z');
    const d = await env.store.getCaseWithDetails(oldCase.id);
    expect(d!.messages.every((m) => m.message === '[erased]')).toBe(true);
    expect(d!.notes.every((n) => n.text === '[erased]')).toBe(true);
    expect(d!.history.at(-1)).toMatchObject({ action: 'erase-personal-data', actor: 'privacy-retention', cause: 'retention' });
    expect(d!.history.at(-1)!.fields).toEqual(expect.arrayContaining(['description', 'email', 'message', 'name', 'note', 'phone']));
    expect(await env.store.getCase(oldCallback.id)).toMatchObject({ name: '', phone: '', topic: '[erased]', status: 'completed' });
    expect((await env.store.outboxOfCase(oldCase.id)).every((e) => e.to === '' && e.text === '[erased]')).toBe(true);
    expect(await env.store.casesOfContact(`email:${old.email}`)).toEqual([]);
    // report figures unchanged
    expect(await aggregates()).toEqual(before);
    expect((await summary()).body).toEqual(reportBefore);
    // the recent and the open case are untouched
    expect(await env.store.getCase(recentCase.id)).toMatchObject({
      reporter: { email: recent.email },
      description: expect.stringContaining(recent.name),
    });
    expect(await env.store.getCase(openCase.id)).toMatchObject({ reporter: { email: open.email } });

    // safe to run again: nothing more changes
    const again = await runRetention('2027-12-22T01:35:00Z');
    expect(again).toMatchObject({ erased: 0, failed: 0 });
    expect(await wholeTable(env)).toEqual(table);

    // the recent one goes once its own 13 months are over (its entry was moved to its resolution)
    const later = await runRetention('2028-07-02T01:30:00Z');
    expect(later).toMatchObject({ erased: 1 });
    expect(mentions(await wholeTable(env), [recent.email, recent.phone, recent.name])).toEqual([]);
    expect(mentions(await wholeTable(env), [open.email]).length).toBeGreaterThan(0);
  }, 60_000);

  it('works in bounded runs: the next run goes on', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await fullCase(person(`b${i}`))).id);
    const first = await runRetention('2027-12-22T01:30:00Z');
    expect(first).toMatchObject({ erased: 3 });
    // a bound of one case a run
    const more = [(await fullCase(person('c1'))).id, (await fullCase(person('c2'))).id];
    const { runRetention: run } = await import('../../shared/usecases/privacy-retention.js');
    env.setNow('2028-01-01T00:00:00Z');
    expect(await run(env, { maxCases: 1 })).toMatchObject({ erased: 1, more: true });
    expect(await run(env, { maxCases: 1 })).toMatchObject({ erased: 1 });
    expect(await run(env, { maxCases: 1 })).toMatchObject({ erased: 0, more: false });
    for (const id of [...ids, ...more]) expect((await env.store.getCase(id)) as unknown).toHaveProperty('personalDataErasedAt');
  }, 60_000);
});

describe('GET /admin/privacy/export and POST /admin/privacy/erase', () => {
  it('exports everything about a contact through its keyed-hash index, and erases it with an audit record without the values', async () => {
    const p = person('x');
    const a = await fullCase(p);
    const b = await reported({ matchId: 'M-1002', reporter: { name: p.name, email: p.email.toUpperCase() } });
    const cb = await callback({ name: p.name, phone: p.phone }, false);
    const other = person('other');
    const otherCase = await reported({ reporter: { name: other.name, email: other.email } });

    // found through CONTACT#<hmac>, which holds no address
    expect(contactIndexPk(`email:${p.email}`)).not.toContain(p.email);
    expect((await partition(env, contactIndexPk(`email:${p.email}`))).map((i) => i.SK).sort()).toEqual([a.id, b.id].sort());

    const ex = await exportOf({ email: p.email.toUpperCase() });
    expect(ex.status, JSON.stringify(ex.body)).toBe(200);
    expect(ex.body.contact).toEqual({ kind: 'email', email: p.email });
    expect(ex.body.corrections.map((c: { id: string }) => c.id).sort()).toEqual([a.id, b.id].sort());
    const full = ex.body.corrections.find((c: { id: string }) => c.id === a.id);
    expect(full.reporter).toMatchObject({ name: p.name, email: p.email, phone: p.phone });
    expect(full.messages.map((m: { from: string }) => m.from)).toEqual(['staff', 'reporter', 'staff']);
    expect(full.notes).toHaveLength(1);
    expect(full.emails.map((e: { to: string }) => e.to)).toEqual([p.email, p.email, p.email]);
    expect(full).not.toHaveProperty('trackingTokenHash');
    expect(ex.body.callbacks).toEqual([]);
    expect(JSON.stringify(ex.body)).not.toContain(other.email);
    const byPhone = await exportOf({ phone: p.phone });
    expect(byPhone.body.callbacks.map((c: { id: string }) => c.id)).toEqual([cb.id]);
    expect(byPhone.body.corrections.map((c: { id: string }) => c.id)).toEqual([a.id]);

    env.setNow('2026-11-22T09:00:00Z');
    const er = await erase({ email: p.email });
    expect(er.status, JSON.stringify(er.body)).toBe(200);
    expect(er.body.cases).toBe(2);
    expect(er.body.records).toBeGreaterThan(8);
    expect(er.body.fields).toEqual(expect.arrayContaining(['description', 'email', 'name', 'message', 'note']));
    const er2 = await erase({ phone: p.phone });
    expect(er2.body.cases).toBe(1); // the callback: case a's phone entry went with its erasure by email
    const table = await wholeTable(env);
    expect(mentions(table, [p.email, p.phone, p.name]), 'nothing left about the person').toEqual([]);
    expect(mentions(table, [other.email]).length).toBeGreaterThan(0);
    expect(await env.store.getCase(otherCase.id)).toMatchObject({ reporter: { email: other.email } });
    expect((await exportOf({ email: p.email })).body).toMatchObject({ corrections: [], callbacks: [] });

    // audited: who, when, what kinds, how many; never the values (not even the hash)
    const audit = await partition(env, 'PRIVACY#AUDIT');
    expect(audit).toHaveLength(2);
    // both erasures ran at the same (test) instant: the audit SK's random suffix orders them, so find the email one
    expect(audit.find((r) => r.contactKind === 'email')).toMatchObject({
      action: 'erase',
      by: 'admin-1@salibandy.test',
      at: '2026-11-22T09:00:00.000Z',
      contactKind: 'email',
      cases: 2,
    });
    expect(JSON.stringify(audit)).not.toMatch(new RegExp(`${p.email}|\\${p.phone}|${contactIndexPk(`email:${p.email}`).slice(8)}`));
    const hist = (await env.store.getCaseWithDetails(a.id))!.history;
    expect(hist.filter((e) => e.action === 'erase-personal-data')).toHaveLength(1);
    expect(hist.at(-1)).toMatchObject({ actor: 'admin-1@salibandy.test', cause: 'request' });

    // erasing again changes nothing
    const again = await erase({ email: p.email });
    expect(again.body).toMatchObject({ cases: 0, records: 0 });
  }, 60_000);

  it('is for admins only, and refuses bad input with 400 storing nothing', async () => {
    const p = person('y');
    await reported({ reporter: { name: p.name, email: p.email } });
    for (const claims of [staffClaims(), officialClaims('sarjavastaava@salibandy.test')]) {
      expect((await exportOf({ email: p.email }, claims)).status).toBe(403);
      expect((await erase({ email: p.email }, claims)).status).toBe(403);
    }
    expect((await exportOf({ email: p.email }, null)).status).toBe(401);
    expect((await erase({ email: p.email }, null)).status).toBe(401);
    const before = await wholeTable(env);
    for (const body of [
      {},
      { email: p.email, phone: p.phone },
      { email: 'not-an-address' },
      { phone: '0401234567' },
      { email: p.email, name: 'x' },
    ]) {
      const r = await erase(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
    }
    expect((await exportOf({ email: p.email, extra: '1' })).status).toBe(400);
    expect((await exportOf({})).status).toBe(400);
    expect(await wholeTable(env)).toEqual(before);
  }, 60_000);
});

describe('keys hold no personal data', () => {
  it('after a flow of corrections and callbacks, no key or index key of the table holds an email address or phone number', async () => {
    const p = person('k');
    await fullCase(p);
    await reported({ matchId: 'M-1002', reporter: { name: p.name, email: p.email, phone: p.phone } });
    await callback({ name: p.name, phone: p.phone }, true);
    const q = person('q');
    await callback({ name: q.name, phone: q.phone }, false); // an open one: OPENCB#, CBOPEN#
    const keys = keysOf(await wholeTable(env));
    expect(keys.length).toBeGreaterThan(30);
    const leaks = keys.filter((k) =>
      [p.email, p.phone.slice(1), q.email, q.phone.slice(1)].some((v) => k.toLowerCase().includes(v.toLowerCase())),
    );
    expect(leaks).toEqual([]);
    // no address or number of anybody else either, but for officials' grants (OFFICIAL#<email>: staff, not reporters)
    expect(keys.filter((k) => !k.startsWith('OFFICIAL#') && /@|\+\d{6,}/.test(k))).toEqual([]);
  }, 60_000);
});

/** Admin: series and their officials, match import — what "Report and resolve" stands on. */
import { beforeAll, describe, expect, it } from 'vitest';
import { officials } from '../support/functions.js';
import { expectError, handlers, report, reportBody, reported, staff, type Response } from '../support/api.js';
import { adminClaims, call, officialClaims, staffClaims } from '../support/events.js';
import { createTestEnv, DEMO_SERIES, seedBasics, type TestEnv } from '../support/harness.js';
import { partition } from '../support/table-snapshot.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
  await seedBasics(env);
});

const ok = (r: Response, status = 200) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};
const putSeries = (seriesId: string, body: unknown, claims: Record<string, string> = adminClaims()) =>
  call(handlers.admin, 'PUT /admin/series/{seriesId}', { pathParameters: { seriesId }, body, claims });
const getSeries = (claims: Record<string, string> = adminClaims()) => call(handlers.admin, 'GET /admin/series', { claims });
const importMatches = (matches: unknown[], claims: Record<string, string> = adminClaims()) =>
  call(handlers.admin, 'POST /admin/matches', { body: { matches }, claims });
const person = (name: string, email: string, language = 'fi') => ({ name, email, language });
const match = (id: string, seriesId = 'm-div', extra: Record<string, unknown> = {}) => ({
  id,
  seriesId,
  startsAt: '2026-11-28T15:00:00+02:00',
  home: `Koti ${id}`,
  away: `Vieras ${id}`,
  ...extra,
});

describe('PUT /admin/series/{seriesId}', () => {
  it("creates a series, and its officials' scope follows every change", async () => {
    const a = 'anna@salibandy.test';
    const b = 'bertil@salibandy.test';
    const c = 'cecilia@salibandy.test';
    const s = ok(
      await putSeries('div-2', { name: '2. divisioona', officials: [person('Anna', a), person('Bertil', 'Bertil@Salibandy.TEST', 'sv')] }),
    );
    expect(s).toMatchObject({ id: 'div-2', name: '2. divisioona', officials: [person('Anna', a), person('Bertil', b, 'sv')] });
    expect(s.updatedAt).toBe('2026-11-21T10:00:00.000Z');
    expect(await env.store.seriesOfOfficial(a)).toEqual(['div-2']);
    expect(await env.store.seriesOfOfficial(b)).toEqual(['div-2']);
    expect(await env.store.seriesOfOfficial('BERTIL@salibandy.test')).toEqual(['div-2']);

    // replace Anna by Cecilia
    ok(await putSeries('div-2', { name: '2. divisioona', officials: [person('Bertil', b, 'sv'), person('Cecilia', c, 'en')] }));
    expect(await env.store.seriesOfOfficial(a)).toEqual([]);
    expect(await env.store.seriesOfOfficial(b)).toEqual(['div-2']);
    expect(await env.store.seriesOfOfficial(c)).toEqual(['div-2']);
    expect(await partition(env, `OFFICIAL#${a}`)).toEqual([]);

    // an official of two series sees both
    ok(await putSeries('div-3', { name: '3. divisioona', officials: [person('Cecilia', c, 'en')] }));
    expect((await env.store.seriesOfOfficial(c)).sort()).toEqual(['div-2', 'div-3']);

    // nobody left
    ok(await putSeries('div-3', { name: '3. divisioona', officials: [] }));
    expect(await env.store.seriesOfOfficial(c)).toEqual(['div-2']);
  });

  it('an official removed from a series no longer sees its escalations', async () => {
    const o = 'duty@salibandy.test';
    ok(await putSeries('div-4', { name: '4. divisioona', officials: [person('Duty', o)] }));
    ok(await importMatches([match('D4-1', 'div-4')]));
    const c = await reported({ matchId: 'D4-1' });
    ok(await staff('escalate', c.id, { reason: 'Päätös tarvitaan' }));
    const list = () => call(officials as never, 'GET /officials/escalations', { claims: officialClaims(o) });
    expect(ok(await list()).items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    ok(await putSeries('div-4', { name: '4. divisioona', officials: [person('Other', 'other@salibandy.test')] }));
    expect(ok(await list()).items).toEqual([]);
    expectError(
      await call(officials as never, 'GET /officials/corrections/{id}', { pathParameters: { id: c.id }, claims: officialClaims(o) }),
      404,
      'not_found',
    );
  });

  it('refuses bad bodies with 400 and changes nothing', async () => {
    ok(await putSeries('div-2', { name: '2. divisioona', officials: [person('Bertil', 'bertil@salibandy.test', 'sv')] }));
    const before = await env.store.getSeries('div-2');
    expect(before).toBeDefined();
    const bad: [unknown, string][] = [
      [{ name: 'x', officials: [person('A', 'a@x.fi'), person('A2', 'A@X.FI')] }, 'officials'],
      [{ name: 'x', officials: [person('A', 'not-an-email')] }, 'officials.0.email'],
      [{ name: 'x', officials: [person('A', 'a@x.fi', 'de')] }, 'officials.0.language'],
      [{ name: '', officials: [] }, 'name'],
      [{ name: 'x' }, 'officials'],
      [{ name: 'x', officials: [], id: 'div-9' }, 'id'],
      [{ name: 'x', officials: [], updatedAt: 'now' }, 'updatedAt'],
      [{ name: 'x', officials: Array.from({ length: 41 }, (_, i) => person(`O${i}`, `o${i}@x.fi`)) }, 'officials'],
    ];
    for (const [body, path] of bad) {
      const r = await putSeries('div-2', body);
      expectError(r, 400, 'validation_failed');
      expect(
        r.body.error.details.map((d: { path: string }) => d.path),
        JSON.stringify(r.body),
      ).toContain(path);
    }
    expectError(await putSeries('bad id!', { name: 'x', officials: [] }), 400, 'validation_failed');
    expect(await env.store.getSeries('div-2')).toEqual(before);
    expect(await env.store.seriesOfOfficial('a@x.fi')).toEqual([]);
  });

  it('is for admins only', async () => {
    ok(await putSeries('div-admins', { name: 'Vain ylläpito', officials: [person('Anna', 'anna@salibandy.test')] }));
    const before = await env.store.getSeries('div-admins');
    expectError(await putSeries('div-admins', { name: 'x', officials: [] }, staffClaims()), 403, 'forbidden');
    expectError(await putSeries('div-admins', { name: 'x', officials: [] }, officialClaims('anna@salibandy.test')), 403, 'forbidden');
    expectError(
      await call(handlers.admin, 'PUT /admin/series/{seriesId}', {
        pathParameters: { seriesId: 'div-admins' },
        body: { name: 'x', officials: [] },
      }),
      401,
      'unauthorized',
    );
    expectError(await getSeries(staffClaims()), 403, 'forbidden');
    expect(await env.store.getSeries('div-admins')).toEqual(before);
    expect(before!.name).toBe('Vain ylläpito');
  });
});

describe('GET /admin/series', () => {
  it('lists every series with its officials', async () => {
    ok(
      await putSeries('list-a', {
        name: 'Lista A',
        officials: [person('Bertil', 'bertil@salibandy.test', 'sv'), person('Cecilia', 'cecilia@salibandy.test', 'en')],
      }),
    );
    ok(await putSeries('list-b', { name: 'Lista B', officials: [] }));
    const body = ok(await getSeries());
    const byId = Object.fromEntries(body.items.map((s: { id: string }) => [s.id, s]));
    expect(Object.keys(byId)).toEqual(expect.arrayContaining([DEMO_SERIES.id, 'f-liiga-n', 'list-a', 'list-b']));
    expect(byId[DEMO_SERIES.id]).toMatchObject({ name: DEMO_SERIES.name, officials: DEMO_SERIES.officials });
    expect(byId['list-a'].officials.map((o: { email: string }) => o.email)).toEqual(['bertil@salibandy.test', 'cecilia@salibandy.test']);
    expect(byId['list-b']).toMatchObject({ name: 'Lista B', officials: [] });
    for (const s of body.items) {
      expect(s).not.toHaveProperty('PK');
      expect(s).not.toHaveProperty('SK');
    }
  });
});

describe('POST /admin/matches', () => {
  // the series these imports name, set up here so no test leans on another's
  beforeAll(async () => {
    ok(await putSeries('m-div', { name: 'Otteluiden sarja', officials: [] }));
    ok(await putSeries('m-div-b', { name: 'Toinen sarja', officials: [] }));
  });

  it('imports 500 matches in one call, and a report can name them at once', async () => {
    const matches = Array.from({ length: 500 }, (_, i) => match(`D2-${String(i).padStart(3, '0')}`));
    expect(ok(await importMatches(matches))).toEqual({ upserted: 500 });
    for (const i of [0, 137, 499]) {
      const m = await env.store.getMatch(`D2-${String(i).padStart(3, '0')}`);
      expect(m).toMatchObject({ seriesId: 'm-div', home: `Koti D2-${String(i).padStart(3, '0')}`, startsAt: '2026-11-28T13:00:00.000Z' });
    }
    const r = await report(reportBody({ matchId: 'D2-499' }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  });

  it('upserts: a second import changes the match', async () => {
    ok(await importMatches([match('UP-1')]));
    expect(await env.store.getMatch('UP-1')).toMatchObject({ seriesId: 'm-div', home: 'Koti UP-1' });
    ok(await importMatches([match('UP-1', 'm-div', { homeGoals: 3, awayGoals: 1, home: 'Uusi koti' })]));
    expect(await env.store.getMatch('UP-1')).toMatchObject({ home: 'Uusi koti', homeGoals: 3, awayGoals: 1 });
    ok(await importMatches([match('UP-1', 'm-div-b')]));
    const m = await env.store.getMatch('UP-1');
    expect(m).toMatchObject({ seriesId: 'm-div-b', home: 'Koti UP-1' });
    expect(m).not.toHaveProperty('homeGoals');
  });

  it('refuses 501 matches with 400, importing none', async () => {
    const matches = Array.from({ length: 501 }, (_, i) => match(`BIG-${i}`));
    const r = await importMatches(matches);
    expectError(r, 400, 'validation_failed');
    expect(r.body.error.details).toEqual([{ path: 'matches', message: 'must have at most 500 items' }]);
    expect(await env.store.getMatch('BIG-0')).toBeUndefined();
  });

  it('refuses unknown series with 400 and one detail per such match, importing none', async () => {
    const r = await importMatches([
      match('U-1'),
      match('U-2', 'no-such-series'),
      match('U-3'),
      match('U-4', 'also-missing'),
      match('U-5', 'no-such-series'),
    ]);
    expectError(r, 400, 'validation_failed');
    expect(r.body.error.details).toEqual([
      { path: 'matches.1.seriesId', message: expect.stringContaining('"no-such-series" is not a series') },
      { path: 'matches.3.seriesId', message: expect.stringContaining('"also-missing" is not a series') },
      { path: 'matches.4.seriesId', message: expect.stringContaining('"no-such-series" is not a series') },
    ]);
    expect(r.body.error.message).toMatch(/Nothing was imported/);
    for (const id of ['U-1', 'U-2', 'U-3', 'U-4', 'U-5']) expect(await env.store.getMatch(id)).toBeUndefined();
  });

  it('refuses other bad imports with 400', async () => {
    const bad: [unknown[], string][] = [
      [[], 'matches'],
      [[match('R-1'), match('R-1')], 'matches.1.id'],
      [[match('R-2', 'm-div', { homeGoals: 2 })], 'matches.0'],
      [[match('R-3', 'm-div', { startsAt: '2026-11-28 15:00' })], 'matches.0.startsAt'],
      [[match('R-4', 'm-div', { homeGoals: 100, awayGoals: 1 })], 'matches.0.homeGoals'],
      [[match('R 5')], 'matches.0.id'],
      [[match('R-6', 'm-div', { venue: 'Areena' })], 'matches.0.venue'],
    ];
    for (const [matches, path] of bad) {
      const r = await importMatches(matches);
      expectError(r, 400, 'validation_failed');
      expect(
        r.body.error.details.map((d: { path: string }) => d.path),
        JSON.stringify(r.body),
      ).toContain(path);
    }
    for (const id of ['R-1', 'R-2', 'R-3', 'R-4', 'R 5', 'R-6']) expect(await env.store.getMatch(id)).toBeUndefined();
  });

  it('is for admins only', async () => {
    expectError(await importMatches([match('S-1')], staffClaims()), 403, 'forbidden');
    expect(await env.store.getMatch('S-1')).toBeUndefined();
  });
});

/**
 * The results-service client against real local HTTP servers: the fixture (recorded-shape demo data) and a
 * server that misbehaves on purpose. Every failure mode ends in a ResultsServiceError that says what happened,
 * within the time budget, retried only when asking again can help; the key never shows in a message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultsClient, ResultsServiceError, type ResultsErrorKind } from '../../shared/adapters/results-service.js';
import { addDays, localDateOf } from '../../shared/domain/helsinki-time.js';
import { FIXTURE_CATEGORY_ID, FIXTURE_COMPETITION_ID } from '../../scripts/local/results-fixture-data.js';
import { FIXTURE_API_KEY, startResultsFixture, type ResultsFixture } from '../../scripts/local/results-fixture.js';
import { startMisbehavingServer, type MisbehavingServer } from '../support/results-misbehaving.js';

const NOW = new Date('2026-11-21T10:00:00Z');
const KEY = 'secret-key-123';
let fixture: ResultsFixture;
let bad: MisbehavingServer;

beforeAll(async () => {
  fixture = await startResultsFixture({ now: NOW });
  bad = await startMisbehavingServer();
});
afterAll(async () => {
  await fixture.stop();
  await bad.stop();
});

const okMatch = (id: string, extra: Record<string, unknown> = {}) => ({
  match_id: id,
  date: '2026-11-21',
  time: '17:00:00',
  status: 'Played',
  team_A_name: 'SPV',
  team_B_name: 'Classic',
  fs_A: '5',
  fs_B: '4',
  ...extra,
});

async function failure(p: Promise<unknown>): Promise<{ kind: ResultsErrorKind; message: string; ms: number }> {
  const started = Date.now();
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ResultsServiceError);
    const e = err as ResultsServiceError;
    expect(e.message).not.toContain(KEY);
    return { kind: e.kind, message: e.message, ms: Date.now() - started };
  }
  throw new Error('expected a failure');
}

describe('against the fixture results service', () => {
  const client = () => new ResultsClient({ baseUrl: fixture.url, apiKey: FIXTURE_API_KEY });

  it('gets the demo round: played, upcoming, an overtime, a shootout and a walkover', async () => {
    const today = localDateOf(NOW);
    const { records, rejected } = await client().getMatches({
      competitionId: FIXTURE_COMPETITION_ID,
      categoryId: FIXTURE_CATEGORY_ID,
      startDate: addDays(today, -7),
      endDate: addDays(today, 7),
    });
    expect(rejected).toEqual([]);
    expect(records).toHaveLength(30);
    expect(records.filter((r) => r.status === 'played')).toHaveLength(14);
    expect(records.filter((r) => r.status === 'fixture')).toHaveLength(16);
    const ot = records.filter((r) => r.overtime && r.overtime.home + r.overtime.away > 0 && !r.shootout);
    const so = records.filter((r) => r.shootout);
    const wo = records.filter((r) => r.walkover);
    expect([ot.length, so.length, wo.length]).toEqual([1, 1, 1]);
    expect(ot[0]!.regulation!.home).toBe(ot[0]!.regulation!.away);
    expect(so[0]!.final!.home - so[0]!.final!.away).toBe(1);
    expect(wo[0]!).toMatchObject({ final: { home: 5, away: 0 }, forfeitedBy: 'away' });
    for (const r of records.filter((x) => x.status === 'played' && !x.walkover)) {
      const goals = r.events.filter((e) => e.kind === 'goal');
      expect(goals.length, r.matchId).toBe(r.final!.home + r.final!.away - (r.shootout ? 1 : 0));
    }
  });

  it('getMatch finds a match, and answers null for one it does not know', async () => {
    const id = [...fixture.matches.keys()][0]!;
    expect((await client().getMatch(id))?.matchId).toBe(id);
    expect(await client().getMatch('999999999')).toBeNull();
  });

  it('a wrong key gets "Invalid db", which says the configuration is wrong, and is not retried', async () => {
    const before = fixture.calls.getMatch ?? 0;
    const f = await failure(new ResultsClient({ baseUrl: fixture.url, apiKey: KEY }).getMatch('930001'));
    expect(f.kind).toBe('invalid_db');
    expect(f.message).toMatch(/RESULTS_API_URL or RESULTS_API_KEY/);
    expect(fixture.calls.getMatch).toBe(before + 1);
  });
});

describe('against a misbehaving server', () => {
  const client = (o: Partial<ConstructorParameters<typeof ResultsClient>[0]> = {}) =>
    new ResultsClient({ baseUrl: bad.url, apiKey: KEY, backoffMs: 10, timeoutMs: 400, ...o });
  const attempts = async (run: () => Promise<unknown>) => {
    const before = bad.requests.length;
    const r = await run().then(
      (v) => ({ v }),
      (e: unknown) => ({ e }),
    );
    return { ...r, attempts: bad.requests.length - before };
  };

  it('sends the key as api_key and the parameters', async () => {
    bad.script({ kind: 'json', body: { call: { status: 'ok' }, match: okMatch('1') } });
    await client().getMatch('1');
    const u = bad.requests.at(-1)!;
    expect(u.pathname).toBe('/taso/rest/getMatch');
    expect(u.searchParams.get('api_key')).toBe(KEY);
    expect(u.searchParams.get('match_id')).toBe('1');
  });

  it('a 30-second stall is cut at the 3 s budget (default), and a stall mid-body too', async () => {
    bad.script({ kind: 'stall' });
    const f = await failure(client({ timeoutMs: undefined, retries: 0 }).getMatch('1'));
    expect(f.kind).toBe('timeout');
    expect(f.ms).toBeGreaterThanOrEqual(2900);
    expect(f.ms).toBeLessThan(4500);
    bad.script({ kind: 'stall-body' }, { kind: 'stall-body' }, { kind: 'stall-body' });
    expect(
      (await failure(client().getMatches({ competitionId: 'c', categoryId: '1', startDate: '2026-11-14', endDate: '2026-11-28' }))).kind,
    ).toBe('timeout');
  }, 20_000);

  it('retries 5xx, resets and timeouts with backoff, and then succeeds', async () => {
    bad.script(
      { kind: 'text', status: 502, body: 'Bad Gateway' },
      { kind: 'reset' },
      { kind: 'json', body: { call: { status: 'ok' }, match: okMatch('7') } },
    );
    const r = await attempts(() => client().getMatch('7'));
    expect(r.attempts).toBe(3);
    expect((r as { v?: { matchId: string } }).v?.matchId).toBe('7');
    bad.script({ kind: 'stall' }, { kind: 'json', body: { call: { status: 'ok' }, match: okMatch('8') } });
    expect(((await attempts(() => client().getMatch('8'))) as { v?: { matchId: string } }).v?.matchId).toBe('8');
  });

  it('gives up after the retries on a lasting 5xx', async () => {
    bad.script(
      { kind: 'text', status: 500, body: 'oops' },
      { kind: 'text', status: 503, body: 'oops' },
      { kind: 'text', status: 500, body: 'oops' },
    );
    const r = await attempts(() => client().getMatch('1'));
    expect(r.attempts).toBe(3);
    expect((r as { e: ResultsServiceError }).e.kind).toBe('server_error');
    bad.script({ kind: 'reset' }, { kind: 'reset' }, { kind: 'reset' });
    expect((await failure(client().getMatch('1'))).kind).toBe('network');
  });

  it('does not retry what asking again will not fix: 403, Invalid db, HTML, an error status, a 10 MB body', async () => {
    const cases: [Parameters<MisbehavingServer['script']>[0], ResultsErrorKind][] = [
      [{ kind: 'text', status: 403, body: '<html>403 Forbidden</html>', contentType: 'text/html' }, 'forbidden'],
      [{ kind: 'text', body: 'Invalid db' }, 'invalid_db'],
      [{ kind: 'text', status: 401, body: 'Invalid db' }, 'invalid_db'],
      [{ kind: 'text', body: '<!DOCTYPE html><html><body>Maintenance</body></html>', contentType: 'text/html' }, 'not_json'],
      [{ kind: 'json', body: { call: { status: 'Error', message: 'Unknown competition' } } }, 'upstream_error'],
      [{ kind: 'huge', bytes: 10 * 1024 * 1024 }, 'too_large'],
      [{ kind: 'text', status: 404, body: 'Not found' }, 'http_error'],
    ];
    for (const [behaviour, kind] of cases) {
      bad.script(behaviour);
      const r = await attempts(() =>
        client({ timeoutMs: 3000 }).getMatches({ competitionId: 'c', categoryId: '1', startDate: '2026-11-14', endDate: '2026-11-28' }),
      );
      expect(r.attempts, behaviour.kind).toBe(1);
      expect((r as { e: ResultsServiceError }).e.kind, JSON.stringify(behaviour).slice(0, 60)).toBe(kind);
    }
  });

  it('reads a body with stray output before the JSON, and ignores fields it does not know', async () => {
    bad.script({
      kind: 'text',
      contentType: 'text/html',
      body:
        `<br />\n<b>Notice</b>: Undefined offset: 3 in <b>/var/www/taso/rest.php</b><br ` +
        `/>\n${JSON.stringify({ call: { status: 'OK' }, match: okMatch('42', { brand_new: { x: 1 } }), extra_resource: [1] })}`,
    });
    const r = await client().getMatch('42');
    expect(r).toMatchObject({ matchId: '42', status: 'played', final: { home: 5, away: 4 } });
  });

  it('lists matches it cannot map whole as rejected, and keeps the rest', async () => {
    bad.script({
      kind: 'json',
      body: {
        call: { status: 'ok' },
        matches: [
          okMatch('1'),
          okMatch('2', { team_A_name: '' }),
          okMatch('3', { date: '21/11/2026' }),
          { nonsense: true },
          okMatch('4', { status: 'LIVE', fs_A: '', fs_B: '', live_A: '2', live_B: 1 }),
          okMatch('1'),
        ],
      },
    });
    const { records, rejected } = await client().getMatches({
      competitionId: 'c',
      categoryId: '1',
      startDate: '2026-11-14',
      endDate: '2026-11-28',
    });
    expect(records.map((r) => r.matchId)).toEqual(['1', '4']);
    expect(records[1]).toMatchObject({ status: 'live', final: { home: 2, away: 1 } });
    expect(rejected).toEqual([
      { matchId: '2', reason: 'has no teams' },
      { matchId: '3', reason: expect.stringContaining('date in the wrong format') },
      { reason: 'has no usable match_id' },
    ]);
  });

  it('getMatch: a not-found error or an empty match is null; a match it cannot map is an error', async () => {
    bad.script(
      { kind: 'json', body: { call: { status: 'error', message: 'Match not found' } } },
      { kind: 'json', body: { call: { status: 'ok' }, match: null } },
      { kind: 'json', body: { call: { status: 'ok' }, match: {} } },
    );
    expect(await client().getMatch('5')).toBeNull();
    expect(await client().getMatch('5')).toBeNull();
    expect(await client().getMatch('5')).toBeNull();
    bad.script({ kind: 'json', body: { call: { status: 'ok' }, match: okMatch('5', { team_B_name: '' }) } });
    expect((await failure(client().getMatch('5'))).kind).toBe('upstream_error');
  });

  it('reads the key once, however many calls', async () => {
    let reads = 0;
    const c = client({ apiKey: async () => (reads++, KEY) });
    bad.script(
      { kind: 'json', body: { call: { status: 'ok' }, match: okMatch('1') } },
      { kind: 'json', body: { call: { status: 'ok' }, match: okMatch('1') } },
    );
    await c.getMatch('1');
    await c.getMatch('1');
    expect(reads).toBe(1);
  });
});

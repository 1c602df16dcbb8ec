/** GET /service-status: modes, hours, season and the response promise, with messages in fi, sv and en. */
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceStatus } from '../support/functions.js';
import { call } from '../support/events.js';
import { createTestEnv } from '../support/harness.js';

beforeAll(async () => {
  await createTestEnv({ now: '2026-11-21T10:00:00Z' });
});

const status = (query?: Record<string, string>) => call(serviceStatus as never, 'GET /service-status', query ? { query } : {});

describe('GET /service-status', () => {
  it('defaults to now and Finnish: Saturday in season, results service open', async () => {
    const r = await status();
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      at: '2026-11-21T10:00:00.000Z',
      mode: 'results',
      open: true,
      opensAt: '2026-11-21T07:00:00.000Z',
      closesAt: '2026-11-21T19:00:00.000Z',
      nextOpenAt: '2026-11-22T07:00:00.000Z',
      season: { id: '2026-27', active: true },
      firstResponseTargetMinutes: 30,
      expectedResponseBy: '2026-11-21T10:30:00.000Z',
      message: 'Tulospalvelu palvelee nyt klo 21.00 asti. Vastaamme viestiisi noin 30 minuutissa.',
    });
  });

  it('speaks Finland Swedish and English', async () => {
    expect((await status({ lang: 'sv' })).body.message).toBe(
      'Resultattjänsten betjänar nu till kl. 21.00. Vi svarar på ditt meddelande inom cirka 30 minuter.',
    );
    expect((await status({ lang: 'en' })).body.message).toBe(
      'The results service is open until 21:00 (Finnish time). We will reply to your message in about 30 minutes.',
    );
  });

  it('closed: reports are accepted and the next opening is named', async () => {
    // Friday 20 Nov 2026 22:00 local: closed; next window Saturday 9:00 (results)
    const r = await status({ at: '2026-11-20T20:00:00Z' });
    expect(r.body).toMatchObject({
      mode: 'closed',
      open: false,
      opensAt: null,
      closesAt: null,
      nextOpenAt: '2026-11-21T07:00:00.000Z',
      firstResponseTargetMinutes: 30,
      expectedResponseBy: '2026-11-21T07:30:00.000Z',
    });
    expect(r.body.message).toBe(
      'Palvelu on nyt suljettu. Ilmoitukset otetaan vastaan ja käsitellään saapumisjärjestyksessä; palvelemme taas la 21.11. klo 9.00.',
    );
    expect((await status({ at: '2026-11-20T20:00:00Z', lang: 'sv' })).body.message).toBe(
      'Tjänsten är stängd just nu. Anmälningar tas emot och behandlas i den ordning de kommer in; vi betjänar igen lördag 21.11 kl. 9.00.',
    );
    expect((await status({ at: '2026-11-20T20:00:00Z', lang: 'en' })).body.message).toBe(
      'The service is closed right now. Reports are still accepted and handled in order of arrival; we ' +
        'are open again on Saturday 21 November at 09:00 (Finnish time).',
    );
  });

  it('general service with a promise that runs past closing names the time', async () => {
    // Tuesday 24 Nov 2026 14:00 local: general, 240 open minutes → 2 today + 2 tomorrow → Wed 11:00 local
    const r = await status({ at: '2026-11-24T14:00:00+02:00' });
    expect(r.body).toMatchObject({
      mode: 'general',
      open: true,
      closesAt: '2026-11-24T14:00:00.000Z',
      firstResponseTargetMinutes: 240,
      expectedResponseBy: '2026-11-25T09:00:00.000Z',
    });
    expect(r.body.message).toBe('Palvelemme nyt klo 16.00 asti. Vastaamme viestiisi viimeistään ke 25.11. klo 11.00.');
    expect((await status({ at: '2026-11-24T14:00:00+02:00', lang: 'sv' })).body.message).toBe(
      'Vi betjänar nu till kl. 16.00. Vi svarar på ditt meddelande senast onsdag 25.11 kl. 11.00.',
    );
    expect((await status({ at: '2026-11-24T14:00:00+02:00', lang: 'en' })).body.message).toBe(
      'We are open until 16:00 (Finnish time). We will reply to your message by Wednesday 25 November at 11:00 (Finnish time).',
    );
    // Tuesday 09:30: the whole promise fits in today's window
    expect((await status({ at: '2026-11-24T09:30:00+02:00' })).body.message).toBe(
      'Palvelemme nyt klo 16.00 asti. Vastaamme viestiisi noin 4 tunnissa.',
    );
  });

  it('knows the season between seasons, holidays and the DST switch', async () => {
    const summer = await status({ at: '2027-07-03T10:00:00+03:00' }); // Saturday, no season
    expect(summer.body).toMatchObject({
      mode: 'closed',
      season: { id: '2027-28', active: false },
      nextOpenAt: '2027-07-05T06:00:00.000Z',
      firstResponseTargetMinutes: 240,
    });
    const christmas = await status({ at: '2026-12-25T12:00:00+02:00' }); // closed all day; next: Sunday 27 Dec, results
    expect(christmas.body).toMatchObject({
      mode: 'closed',
      nextOpenAt: '2026-12-27T07:00:00.000Z',
      season: { id: '2026-27', active: true },
    });
    const epiphany = await status({ at: '2027-01-06T12:00:00+02:00' }); // weekday public holiday in season: results
    expect(epiphany.body).toMatchObject({ mode: 'results', open: true, closesAt: '2027-01-06T19:00:00.000Z' });
    const dst = await status({ at: '2026-10-24T20:50:00+03:00' });
    expect(dst.body).toMatchObject({
      mode: 'results',
      expectedResponseBy: '2026-10-25T07:20:00.000Z',
      nextOpenAt: '2026-10-25T07:00:00.000Z',
    });
    expect(dst.body.message).toBe('Tulospalvelu palvelee nyt klo 21.00 asti. Vastaamme viestiisi viimeistään su 25.10. klo 9.20.');
  });

  it('windows exclude their end minute', async () => {
    const r = await status({ at: '2026-11-27T16:00:00+02:00' }); // Friday 16:00
    expect(r.body).toMatchObject({ mode: 'closed', open: false, nextOpenAt: '2026-11-28T07:00:00.000Z' });
  });

  it('refuses bad queries with 400 and details', async () => {
    const bad = await status({ at: 'tomorrow', lang: 'de' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['at', 'lang']);
    const extra = await status({ when: 'now' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.details).toEqual([expect.objectContaining({ path: 'when' })]);
  });
});

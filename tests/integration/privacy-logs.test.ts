/**
 * Personal data never appears in logs (contract §12): a whole flow through the real handlers — a report, a
 * request for details, the reporter's reply, a resolution, a callback, an email SES refuses with a message naming
 * the address, an unexpected error whose message names it, sla-watch, the retention job, export and erasure —
 * with every log line captured at debug level. No line may hold the reporter's email address, phone or name.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminPrivacy, emailOutbox, privacyRetention, publicCallbacks, slaWatch, staffCallbacks } from '../support/functions.js';
import { redact } from '../../shared/log.js';
import { reply, reported, staff, staffView } from '../support/api.js';
import { adminClaims, call, staffClaims } from '../support/events.js';
import { createTestEnv, seedBasics, uniqueEmail, type TestEnv } from '../support/harness.js';

const h = <T>(x: T) => x as never;
let env: TestEnv;
let lines: string[] = [];
const savedLevel = process.env.LOG_LEVEL;

beforeEach(async () => {
  env = await createTestEnv({ now: '2026-11-21T10:00:00Z' });
  await seedBasics(env);
  process.env.LOG_LEVEL = 'debug';
  lines = [];
  const capture = (...args: unknown[]) => {
    lines.push(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.message} ${a.stack}` : JSON.stringify(a))).join(' '));
  };
  for (const m of ['log', 'error', 'warn', 'info', 'debug'] as const) vi.spyOn(console, m).mockImplementation(capture);
});
afterEach(() => {
  vi.restoreAllMocks();
  if (savedLevel === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = savedLevel;
});

describe('logs', () => {
  it('a whole flow logs no reporter email address, phone number or name', async () => {
    const email = uniqueEmail('logged');
    const phone = '+358409876543';
    const name = 'Salla Salainen';
    const c = await reported({ description: `Soita minulle ${name}`, reporter: { name, email, phone } });
    expect((await staff('claim', c.id)).status).toBe(200);
    // SES refuses the request-info email with a message that names the address
    const mailer = env.mailer;
    env.mailer = {
      send: () =>
        Promise.reject(
          Object.assign(new Error(`Email address is not verified: ${email}`), {
            name: 'MessageRejected',
            $metadata: { httpStatusCode: 400 },
          }),
        ),
    };
    expect((await staff('request-info', c.id, { message: `Hei ${name}` })).status).toBe(200);
    env.setNow('2026-11-21T10:10:00Z');
    await emailOutbox({ time: '2026-11-21T10:10:00Z' } as never);
    env.mailer = mailer;
    expect((await reply(c.id, c.trackingToken, { message: `Terveisin ${name}, ${phone}` })).status).toBe(201);
    // an unexpected error whose message names the address: logged as an unhandled error, masked
    const getCase = vi.spyOn(env.store, 'getCaseWithDetails').mockRejectedValueOnce(new Error(`cannot read case of ${email} ${phone}`));
    expect((await staffView(c.id)).status).toBe(500);
    getCase.mockRestore();
    expect((await staff('claim', c.id)).status).toBe(200);
    expect((await staff('resolve', c.id, { outcome: 'corrected', message: `Kiitos ${name}` })).status).toBe(200);

    const cb = await call(h(publicCallbacks), 'POST /callbacks', { body: { name, phone, language: 'fi', topic: `Soita ${name}` } });
    expect(cb.status).toBe(201);
    await slaWatch({ time: '2026-11-21T12:00:00Z' } as never);
    expect(
      (
        await call(h(staffCallbacks), 'POST /staff/callbacks/{id}/complete', {
          pathParameters: { id: cb.body.id },
          claims: staffClaims(),
          body: { outcome: 'resolved', note: name },
        })
      ).status,
    ).toBe(200);
    expect((await call(h(adminPrivacy), 'GET /admin/privacy/export', { query: { email }, claims: adminClaims() })).status).toBe(200);
    await privacyRetention({ time: '2027-12-22T01:30:00Z' } as never);
    expect((await call(h(adminPrivacy), 'POST /admin/privacy/erase', { body: { phone }, claims: adminClaims() })).status).toBe(200);

    expect(lines.length, 'the flow logged something (the test would prove nothing otherwise)').toBeGreaterThan(3);
    const leaks = lines.filter((l) => [email, phone, phone.slice(1), name].some((v) => l.toLowerCase().includes(v.toLowerCase())));
    expect(leaks).toEqual([]);
    expect(lines.some((l) => l.includes('unhandled error') && l.includes('[email]'))).toBe(true);
  }, 120_000);

  it('masks addresses and international numbers in any line', () => {
    expect(redact('{"error":"x a.b-c@ex-ample.fi and +358401234567 at 2026-11-21T10:00:00.000Z #17"}')).toBe(
      '{"error":"x [email] and [phone] at 2026-11-21T10:00:00.000Z #17"}',
    );
  });
});

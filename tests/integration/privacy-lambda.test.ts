/**
 * The contact hash key in Lambda (contract §12): functions composed as in Lambda (a fresh module graph, their
 * environment, AWS_LAMBDA_FUNCTION_NAME set) hash contacts with a key derived from the hotline secret — not the
 * public development key — so the keys of one function are found by another; without the key, hashing refuses.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FUNCTIONS } from '../../shared/manifest.js';
import { adminClaims, call } from '../support/events.js';
import { createTestEnv, seedBasics, uniqueEmail, type TestEnv } from '../support/harness.js';
import { wholeTable } from '../support/table-snapshot.js';

const NOW = '2026-11-21T10:00:00.000Z';
let env: TestEnv;
const savedEnv = { ...process.env };

beforeEach(async () => {
  env = await createTestEnv({ now: NOW, install: false });
  await seedBasics(env);
});
afterEach(() => {
  process.env = { ...savedEnv };
  vi.useRealTimers();
  vi.resetModules();
});
afterAll(() => {
  process.env = savedEnv;
});

type Handler = (event: unknown, context?: unknown) => Promise<any>;

function lambdaEnv(name: string, secret: string | undefined): void {
  process.env = {
    ...savedEnv,
    AWS_LAMBDA_FUNCTION_NAME: `results-hotline-test-${name}`,
    TABLE_NAME: env.tableName,
    SES_FROM: 'tulospalvelu@salibandy.test',
    SES_ENDPOINT: env.sesEndpoint,
    ...(secret ? { HOTLINE_SECRET: secret } : {}),
  };
  delete process.env.CONTACT_HMAC_KEY;
}

async function lambda(name: keyof typeof FUNCTIONS, secret = 'privacy-lambda-test-secret'): Promise<Handler> {
  lambdaEnv(name, secret);
  vi.resetModules();
  return ((await import(/* @vite-ignore */ `../../${FUNCTIONS[name].entry.replace(/\.ts$/, '.js')}`)) as { handler: Handler }).handler;
}

describe('contact hash key in Lambda', () => {
  it("is derived from the hotline secret: intake writes keys that export finds, and none is the development key's", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(NOW));
    const email = uniqueEmail('lambda');
    const created = await call((await lambda('public-corrections')) as never, 'POST /corrections', {
      body: {
        matchId: 'M-1001',
        category: 'goal',
        description: 'Maali väärin',
        reporter: { name: 'Maija', email, phone: '+358401112223' },
        language: 'fi',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ex = await call((await lambda('admin-privacy')) as never, 'GET /admin/privacy/export', {
      query: { email },
      claims: adminClaims(),
    });
    expect(ex.status, JSON.stringify(ex.body)).toBe(200);
    expect(ex.body.corrections.map((c: { id: string }) => c.id)).toEqual([created.body.id]);

    // the development key (what tests and `npm start` use) computes other keys
    process.env = { ...savedEnv };
    vi.resetModules();
    const { contactIndexPk, reporterKey } = await import('../../shared/store/contact-keys.js');
    const keys = new Set((await wholeTable(env)).map((i) => String(i.PK)));
    expect(keys.has(contactIndexPk(`email:${email}`))).toBe(false);
    expect(keys.has(reporterKey('M-1001', `email:${email}`))).toBe(false);
    expect([...keys].filter((k) => k.startsWith('CONTACT#'))).toHaveLength(2);
  });

  it('without the key, a function in Lambda refuses to hash (never the public development key)', async () => {
    lambdaEnv('staff-queue', undefined);
    vi.resetModules();
    const { contactHash } = await import('../../shared/domain/contact-key.js');
    expect(() => contactHash('email:someone@example.test')).toThrow(/not installed/);
  });

  it('every function that hashes a contact has the hotline secret', () => {
    for (const name of [
      'public-corrections',
      'public-callbacks',
      'staff-corrections',
      'staff-callbacks',
      'email-in',
      'sla-watch',
      'admin-privacy',
      'privacy-retention',
    ] as const) {
      const spec = FUNCTIONS[name] as { ses?: boolean; secret?: boolean };
      expect(Boolean(spec.ses || spec.secret), name).toBe(true);
    }
  });
});

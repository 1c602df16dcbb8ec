/**
 * End to end over HTTP: the local API server (the one `npm start` runs) with real JWTs, against
 * DynamoDB Local and the local SES. Report → claim → request-info → reply → resolve, emails read back.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../scripts/local/api-server.js';
import { testHandlerOf } from '../support/functions.js';
import { generateKeys, LOCAL_AUDIENCE, LOCAL_ISSUER, makeVerifier, signToken, type LocalKeys } from '../../scripts/local/jwt.js';
import { createTestEnv, seedBasics, sentEmails, uniqueEmail, type TestEnv } from '../support/harness.js';

let env: TestEnv;
let server: Server;
let base: string;
let keys: LocalKeys;
let staffToken: string;

async function http(method: string, path: string, opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {}) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    ...(opts.body !== undefined ? { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) } : {}),
  });
  const text = await r.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* text */
  }
  return { status: r.status, body };
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-11-21T10:00:00Z' }); // Saturday 12:00 in Helsinki: a fixed, open moment (no real clock)
  await seedBasics(env);
  keys = await generateKeys();
  server = createApiServer({ verify: makeVerifier(keys), handlerOf: testHandlerOf });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  staffToken = await signToken(keys, { sub: 'anna', groups: ['staff'], email: 'anna@salibandy.test', name: 'Anna Asiakaspalvelu' });
});

afterAll(async () => {
  await new Promise((res) => server.close(res));
});

describe('report and resolve over HTTP', () => {
  it('runs the whole flow, with the reporter emailed at each step in their language', async () => {
    const reporter = uniqueEmail('e2e');
    const created = await http('POST', '/corrections', {
      body: {
        matchId: 'M-1001',
        category: 'final-score',
        description: 'Pöytäkirjassa 5–4, oikea tulos 5–3.',
        proposed: { homeGoals: 5, awayGoals: 3 },
        reporter: { name: 'Sven Svensson', email: reporter, team: 'SPV', role: 'joukkueenjohtaja' },
        language: 'sv',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'queued',
      reference: expect.stringMatching(/^TP-[2-9A-Z]{4}-[2-9A-Z]{4}$/),
      trackingToken: expect.any(String),
      expectedResponseBy: expect.any(String),
    });
    const { id, trackingToken, reference } = created.body;

    const queue = await http('GET', '/staff/queue', { token: staffToken });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(id);

    const claimed = await http('POST', `/staff/corrections/${id}/claim`, { token: staffToken });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'in-progress', version: 2 });

    const asked = await http('POST', `/staff/corrections/${id}/request-info`, {
      token: staffToken,
      body: { message: 'Vem gjorde målet i 58:12?', expectedVersion: 2 },
    });
    expect(asked.status).toBe(200);
    expect(asked.body.status).toBe('awaiting-reporter');

    const view = await http('GET', `/corrections/${id}`, { headers: { 'x-tracking-token': trackingToken } });
    expect(view.status).toBe(200);
    expect(view.body.status).toBe('awaiting-reporter');
    expect(view.body.messages).toEqual([expect.objectContaining({ from: 'staff', message: 'Vem gjorde målet i 58:12?' })]);
    expect(view.body).not.toHaveProperty('assignee');
    expect(view.body).not.toHaveProperty('history');

    const replied = await http('POST', `/corrections/${id}/replies`, {
      headers: { 'x-tracking-token': trackingToken },
      body: { message: 'Nummer 17, Eriksson.' },
    });
    expect(replied.status).toBe(201);
    expect(replied.body.status).toBe('queued');

    expect((await http('POST', `/staff/corrections/${id}/claim`, { token: staffToken })).status).toBe(200);
    const resolved = await http('POST', `/staff/corrections/${id}/resolve`, {
      token: staffToken,
      body: { outcome: 'corrected', message: 'Resultatet är rättat till 5–3.', correctedResult: { homeGoals: 5, awayGoals: 3 } },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', outcome: 'corrected' });
    expect(resolved.body.history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'claim',
      'request-info',
      'reply',
      'claim',
      'resolve',
    ]);

    const mails = await sentEmails(env.sesEndpoint, reporter);
    expect(mails).toHaveLength(3);
    for (const m of mails) expect(`${m.subject}\n${m.body.text}`).toContain(reference);
    expect(mails[0]!.body.text).toMatch(/Tack/);
    expect(mails.some((m) => m.body.text?.includes('Vem gjorde målet i 58:12?'))).toBe(true);
    expect(mails.some((m) => m.body.text?.includes('Resultatet är rättat till 5–3.'))).toBe(true);

    const after = await http('GET', '/staff/queue', { token: staffToken });
    expect(after.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('serves the OpenAPI description and health', async () => {
    const doc = await http('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/corrections');
    expect((await http('GET', '/health')).body).toEqual({ status: 'ok' });
  });
});

describe('JWTs like the HTTP API authorizer checks them', () => {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

  it('refuses missing, expired, unsigned, tampered and foreign tokens with 401, and the wrong group with 403', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await signToken(keys, { sub: 'x', groups: ['staff'], expiresIn: -60 });
    const unsigned =
      `${b64({ alg: 'none', typ: 'JWT' })}` +
      `.${b64({ sub: 'x', 'cognito:groups': ['admin'], iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: now + 600 })}.`;
    const [h, , sig] = staffToken.split('.');
    const tamperedPayload = b64({ sub: 'anna', 'cognito:groups': ['admin'], iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: now + 600 });
    const tampered = `${h}.${tamperedPayload}.${sig}`;
    const foreign = await signToken(await generateKeys(), { sub: 'x', groups: ['admin'] });
    for (const token of [undefined, expired, unsigned, tampered, foreign, 'not-a-jwt']) {
      const r = await http('GET', '/staff/queue', { token });
      expect(r.status, String(token)).toBe(401);
      expect(r.body.error).toMatchObject({ code: 'unauthorized', message: expect.any(String) });
    }
    const official = await signToken(keys, { sub: 'o', groups: ['official'], email: 'o@x.test' });
    const r = await http('GET', '/staff/queue', { token: official });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
    const staffOnAdmin = await http('GET', '/admin/series', { token: staffToken });
    expect(staffOnAdmin.status).toBe(403);
  });

  it('answers unknown routes with the error shape', async () => {
    const r = await http('GET', '/nope');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });
});

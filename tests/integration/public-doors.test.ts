/**
 * Issue 10's server side: the ALTCHA proof of work on public POSTs (contract §11) and the status-page
 * links in reporter emails (contract §8): a fresh token per email, stored nowhere, valid while the case is
 * open and 30 days after it was resolved.
 */
import { solveChallenge } from 'altcha-lib/v1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { challenge as challengeHandler } from '../support/functions.js';
import { publicCallbacks as callbacksHandler } from '../support/functions.js';
import { STATUS_TOKEN_PLACEHOLDER } from '../../shared/domain/status-links.js';
import { outboxId } from '../../shared/store/core.js';
import { requestInfo, resolve } from '../../shared/usecases/corrections-staff.js';
import { handlers, reportBody, report, reporterView } from '../support/api.js';
import { call } from '../support/events.js';
import { createTestEnv, seedBasics, sentEmails, type TestEnv } from '../support/harness.js';
import { partition } from '../support/table-snapshot.js';

let env: TestEnv;
const STAFF = { sub: 's1', email: 's1@salibandy.test', language: 'fi' as const };

beforeAll(async () => {
  env = await createTestEnv();
  await seedBasics(env);
  env.publicWebUrl = 'https://tulospalvelu.example.fi';
});
afterAll(() => {
  delete process.env.CAPTCHA;
});

async function solved(): Promise<string> {
  const r = await call(challengeHandler as never, 'GET /challenge', {});
  expect(r.status).toBe(200);
  const c = r.body as { algorithm: string; challenge: string; salt: string; signature: string; maxnumber: number };
  expect(c.salt).toMatch(/expires=\d+/);
  const s = (await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise)!;
  return Buffer.from(
    JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: s.number, salt: c.salt, signature: c.signature }),
  ).toString('base64');
}

describe('ALTCHA on the public doors', () => {
  it('off unless CAPTCHA=required; then required, single use, and expiring', async () => {
    delete process.env.CAPTCHA;
    expect((await report(reportBody())).status).toBe(201);

    process.env.CAPTCHA = 'required';
    const missing = await report(reportBody());
    expect(missing.status).toBe(403);
    expect((missing.body as { error: { code: string; message: string } }).error.message).toMatch(/GET \/challenge/);
    expect((await report(reportBody(), { 'x-altcha': 'bm90LWpzb24=' })).status).toBe(403);

    const proof = await solved();
    const ok = await report(reportBody(), { 'x-altcha': proof });
    expect(ok.status).toBe(201);
    const replay = await report(reportBody(), { 'x-altcha': proof });
    expect(replay.status).toBe(403);
    expect((replay.body as { error: { message: string } }).error.message).toMatch(/used already/);

    // tampered: another number
    const tampered = JSON.parse(Buffer.from(await solved(), 'base64').toString()) as { number: number };
    tampered.number += 1;
    expect((await report(reportBody(), { 'x-altcha': Buffer.from(JSON.stringify(tampered)).toString('base64') })).status).toBe(403);

    // expired: solved now, sent 11 minutes later
    const late = await solved();
    env.setNow(new Date(Date.now() + 11 * 60_000));
    expect((await report(reportBody(), { 'x-altcha': late })).status).toBe(403);
    env.setNow(new Date());

    // callbacks and replies carry it too
    const cb = await call(callbacksHandler as never, 'POST /callbacks', {
      body: { name: 'Kalle', phone: '+358401112223', language: 'fi', topic: 'tulos' },
    });
    expect(cb.status).toBe(403);
    const created = ok.body as { id: string; trackingToken: string };
    const reply = await call(handlers.publicCorrections, 'POST /corrections/{id}/replies', {
      pathParameters: { id: created.id },
      body: { message: 'hei' },
      headers: { 'x-tracking-token': created.trackingToken },
    });
    expect(reply.status).toBe(403);
    delete process.env.CAPTCHA;
  });
});

describe('status-page links in reporter emails', () => {
  it('every reporter email links /status/{id}#t=…, each with its own token, which is stored nowhere', async () => {
    const body = reportBody();
    const r = await report(body);
    expect(r.status).toBe(201);
    const { id, reference } = r.body as { id: string; reference: string };
    await requestInfo(env, id, STAFF, 'Mikä oli oikea maalintekijä?');
    await resolve(env, id, STAFF, { outcome: 'corrected', message: 'Korjattu.' });
    const mails = (await sentEmails(env.sesEndpoint, body.reporter.email)).filter((m) => m.subject.includes(reference));
    expect(mails).toHaveLength(3);
    const tokens = mails.map((m) => {
      const link = new RegExp(`https://tulospalvelu\\.example\\.fi/status/${id}#t=([A-Za-z0-9_.-]+)`).exec(m.body.text ?? '');
      expect(link, m.subject).toBeTruthy();
      expect(m.body.html).toContain(`/status/${id}#t=${link![1]}`);
      return link![1]!;
    });
    expect(new Set(tokens).size).toBe(3);
    // the stored emails hold the placeholder, never a token
    const outbox = [`${id}#v1#acknowledgement`, `${id}#v2#request-info#reporter`, `${id}#v3#resolution#reporter`].map(
      (cause) => `OUTBOX#${outboxId(cause)}`,
    );
    const items = [...(await partition(env, `C#${id}`)), ...(await Promise.all(outbox.map((pk) => partition(env, pk)))).flat()];
    expect(items.filter((i) => String(i.PK).startsWith('OUTBOX#'))).toHaveLength(3);
    expect(JSON.stringify(items)).toContain(STATUS_TOKEN_PLACEHOLDER);
    const stored = JSON.stringify(items);
    for (const t of tokens) expect(stored).not.toContain(t);
    for (const t of tokens) expect((await reporterView(id, t)).status).toBe(200);
    // a token of another case does not open this one
    const other = await report(reportBody());
    expect((await reporterView((other.body as { id: string }).id, tokens[0])).status).toBe(404);
  });

  it('works 30 days after resolution, not after', async () => {
    const r = await report(reportBody());
    const { id, trackingToken } = r.body as { id: string; trackingToken: string };
    const t0 = Date.now();
    env.setNow(new Date(t0));
    await resolve(env, id, STAFF, { outcome: 'no-change', message: 'Tulos on oikein.' });
    env.setNow(new Date(t0 + 29 * 86_400_000));
    expect((await reporterView(id, trackingToken)).status).toBe(200);
    env.setNow(new Date(t0 + 31 * 86_400_000));
    const gone = await reporterView(id, trackingToken);
    expect(gone.status).toBe(404);
    env.setNow(new Date());
  });
});

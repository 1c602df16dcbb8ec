/** GET /health: 200 while the table answers, 503 service_unavailable (with what to do) when it does not. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { health } from '../support/functions.js';
import { call } from '../support/events.js';
import { mockPassThrough } from '../support/hardening-mocks.js';
import { createTestEnv } from '../support/harness.js';

describe('GET /health', () => {
  it('200 when the store answers; 503 when it does not; 200 again when it is back', async () => {
    const env = await createTestEnv();
    const ok = await call(health as never, 'GET /health', {});
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ status: 'ok' });

    const { mock, passedThrough } = mockPassThrough(env.store.doc);
    mock
      .on(GetCommand)
      .rejects(new ResourceNotFoundException({ message: 'Requested resource not found', $metadata: { httpStatusCode: 400 } }));
    const down = await call(health as never, 'GET /health', {});
    expect(down.status, JSON.stringify(down.body)).toBe(503);
    expect(down.body).toEqual({ error: { code: 'service_unavailable', message: expect.any(String) } });
    expect(down.body.error.message).toMatch(/try again/i);
    expect(passedThrough(GetCommand)).toBe(0);
    mock.restore();

    expect((await call(health as never, 'GET /health', {})).status).toBe(200);
  });
});

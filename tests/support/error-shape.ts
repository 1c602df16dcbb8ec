/** The contract's error shape (§4), checked one way for every test that looks at a refusal. */
import { expect } from 'vitest';

/** Which codes each status may carry. */
export const CODES_BY_STATUS: Record<number, string[]> = {
  400: ['validation_failed'],
  401: ['unauthorized'],
  403: ['forbidden'],
  404: ['not_found'],
  409: ['conflict', 'already_claimed', 'invalid_transition', 'version_mismatch'],
  413: ['payload_too_large'],
  422: ['unknown_match', 'idempotency_key_reused'],
  429: ['rate_limited'],
};

/** `{error: {code, message, details?}}`, a message a person can act on, and a code that fits the status. */
export function expectErrorShape(status: number, body: any, show = `${status} ${JSON.stringify(body)?.slice(0, 300)}`): void {
  expect(body && typeof body === 'object' && !Array.isArray(body), show).toBe(true);
  expect(Object.keys(body), show).toEqual(['error']);
  const e = body.error;
  expect(typeof e?.code, show).toBe('string');
  expect(typeof e?.message, show).toBe('string');
  expect(e.message.trim().length, show).toBeGreaterThan(10);
  for (const k of Object.keys(e)) expect(['code', 'message', 'details'], show).toContain(k);
  if (e.details !== undefined) {
    expect(Array.isArray(e.details), show).toBe(true);
    for (const d of e.details) {
      expect(typeof d.path, show).toBe('string');
      expect(typeof d.message, show).toBe('string');
      expect(d.message.length, show).toBeGreaterThan(0);
    }
  }
  expect(CODES_BY_STATUS[status], `${show}: unexpected status`).toBeDefined();
  expect(CODES_BY_STATUS[status], show).toContain(e.code);
}

/** Short-hands for the correction routes, through the real Lambda handlers. */
import { expect } from 'vitest';
import { admin as adminHandler } from './functions.js';
import { publicCorrections } from './functions.js';
import { staffCorrections } from './functions.js';
import { staffQueue } from './functions.js';
import { call, staffClaims, type EventOptions } from './events.js';
import { uniqueEmail } from './harness.js';
import { expectErrorShape } from './error-shape.js';

export type Response = Awaited<ReturnType<typeof call>>;
type H = Parameters<typeof call>[0];

export const handlers = {
  publicCorrections: publicCorrections as unknown as H,
  staffCorrections: staffCorrections as unknown as H,
  staffQueue: staffQueue as unknown as H,
  admin: adminHandler as unknown as H,
};

export function reportBody(overrides: Record<string, unknown> = {}) {
  const { reporter, ...rest } = overrides;
  return {
    matchId: 'M-1001',
    category: 'goal',
    description: 'Maalin 3–2 teki #17, ei #71.',
    reporter: { name: 'Matti Meikäläinen', email: uniqueEmail(), ...(reporter as object | undefined) },
    language: 'fi',
    ...rest,
  };
}

export const report = (body: unknown, headers?: Record<string, string>) =>
  call(handlers.publicCorrections, 'POST /corrections', { body, ...(headers ? { headers } : {}) });

/** Reports and expects 201. */
export async function reported(overrides: Record<string, unknown> = {}) {
  const body = reportBody(overrides);
  const r = await report(body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return {
    ...(r.body as { id: string; reference: string; trackingToken: string; receivedAt: string; duplicateOf?: string; recontactOf?: string }),
    email: body.reporter.email,
  };
}

export type StaffAction = 'claim' | 'release' | 'request-info' | 'resolve' | 'escalate' | 'notes';

export const staff = (
  action: StaffAction,
  id: string,
  body?: unknown,
  sub = 'staff-1',
  claims: Record<string, string> = staffClaims(sub, `${sub}@salibandy.test`),
) =>
  call(handlers.staffCorrections, `POST /staff/corrections/{id}/${action}`, {
    pathParameters: { id },
    ...(body === undefined ? {} : { body }),
    claims,
  });

export const staffView = (id: string, claims: Record<string, string> = staffClaims()) =>
  call(handlers.staffCorrections, 'GET /staff/corrections/{id}', { pathParameters: { id }, claims });

export const reporterView = (id: string, token?: string) =>
  call(handlers.publicCorrections, 'GET /corrections/{id}', {
    pathParameters: { id },
    ...(token === undefined ? {} : { headers: { 'x-tracking-token': token } }),
  });

export const reply = (id: string, token: string | undefined, body: unknown) =>
  call(handlers.publicCorrections, 'POST /corrections/{id}/replies', {
    pathParameters: { id },
    body,
    ...(token === undefined ? {} : { headers: { 'x-tracking-token': token } }),
  });

export const queue = (query: Record<string, string> = {}, claims: Record<string, string> = staffClaims()) =>
  call(handlers.staffQueue, 'GET /staff/queue', { query, claims });

export const callRaw = (handler: H, routeKey: string, o: EventOptions) => call(handler, routeKey, o);

/** The contract's error shape: `{error: {code, message, details?}}`, a message a person can act on. */
export function expectError(r: Response, status: number, code?: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  if (code) expect(r.body?.error?.code, JSON.stringify(r.body)).toBe(code);
  expectErrorShape(r.status, r.body);
}

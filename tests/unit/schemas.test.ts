import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import {
  callbackBody,
  e164,
  escalateBody,
  matchesBody,
  noteBody,
  publicCorrectionBody,
  queueQuery,
  replyBody,
  requestInfoBody,
  resolveBody,
  seriesBody,
  staffCorrectionBody,
  versionOnlyBody,
} from '../../shared/schemas.js';
import { createCorrection } from '../../shared/usecases/corrections-intake.js';

const valid = () => ({
  matchId: 'M-1001',
  category: 'final-score',
  description: 'Lopputulos oli 5–3, ei 5–4.',
  proposed: { homeGoals: 5, awayGoals: 3 },
  reporter: { name: 'Matti Meikäläinen', email: 'matti@example.fi', phone: '+358401234567', team: 'SPV', role: 'joukkueenjohtaja' },
  language: 'fi',
});

/** parseOrThrow's error, or a failure if the input was accepted. */
function refusal(schema: Parameters<typeof parseOrThrow>[0], input: unknown): AppError {
  try {
    parseOrThrow(schema, input);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('validation_failed');
    expect(e.status).toBe(400);
    expect(e.message.length).toBeGreaterThan(10);
    expect(e.details?.length).toBeGreaterThan(0);
    for (const d of e.details ?? []) expect(d.message.length).toBeGreaterThan(3);
    return e;
  }
  throw new Error(`accepted: ${JSON.stringify(input)}`);
}
const detail = (e: AppError, path: string) => e.details?.find((d) => d.path === path)?.message;

describe('POST /corrections body', () => {
  it('accepts a full valid report, and a minimal one', () => {
    expect(publicCorrectionBody.safeParse(valid()).success).toBe(true);
    const min = { matchId: 'M-1', category: 'goal', description: 'x', reporter: { name: 'A', email: 'a@b.fi' } };
    expect(publicCorrectionBody.safeParse(min).success).toBe(true);
  });

  it('trims text fields', () => {
    const r = parseOrThrow(publicCorrectionBody, { ...valid(), description: '  väärä maalintekijä  ' });
    expect(r.description).toBe('väärä maalintekijä');
  });

  it('refuses unknown fields, at any depth, naming each', () => {
    const e = refusal(publicCorrectionBody, { ...valid(), colour: 'red', reporter: { ...valid().reporter, shoeSize: 44 } });
    expect(detail(e, 'colour')).toMatch(/not a field of this request; remove "colour"/);
    expect(detail(e, 'reporter.shoeSize')).toMatch(/remove "shoeSize"/);
    expect(refusal(publicCorrectionBody, { ...valid(), proposed: { homeGoals: 1, awayGoals: 2, overtime: true } }).details?.[0]?.path).toBe(
      'proposed.overtime',
    );
  });

  it.each([
    'status',
    'version',
    'assignee',
    'id',
    'reference',
    'trackingToken',
    'receivedAt',
    'outcome',
    'history',
    'duplicateOf',
    'recontactOf',
    'channel',
  ])('refuses the server-owned field %s with an actionable message', (field) => {
    const e = refusal(publicCorrectionBody, {
      ...valid(),
      [field]: field === 'version' ? 3 : field === 'assignee' ? { sub: 'x' } : 'queued',
    });
    expect(detail(e, field)).toBe(`is set by the server and cannot be sent; remove "${field}" from the request`);
    expect(e.message).toContain(field);
  });

  it('refuses missing required fields', () => {
    const { matchId: _m, description: _d, ...rest } = valid();
    const e = refusal(publicCorrectionBody, rest);
    expect(detail(e, 'matchId')).toBe('is required');
    expect(detail(e, 'description')).toBe('is required');
    expect(detail(refusal(publicCorrectionBody, { ...valid(), reporter: { name: 'A' } }), 'reporter.email')).toBe('is required');
  });

  it('refuses empty, blank and over-long strings', () => {
    expect(detail(refusal(publicCorrectionBody, { ...valid(), description: '' }), 'description')).toBe('must not be empty');
    expect(detail(refusal(publicCorrectionBody, { ...valid(), description: '   \n\t ' }), 'description')).toBe('must not be empty');
    expect(detail(refusal(publicCorrectionBody, { ...valid(), description: 'x'.repeat(4001) }), 'description')).toBe(
      'must be at most 4000 characters',
    );
    expect(publicCorrectionBody.safeParse({ ...valid(), description: 'x'.repeat(4000) }).success).toBe(true);
    expect(
      detail(refusal(publicCorrectionBody, { ...valid(), reporter: { ...valid().reporter, name: 'n'.repeat(201) } }), 'reporter.name'),
    ).toBe('must be at most 200 characters');
    expect(
      detail(refusal(publicCorrectionBody, { ...valid(), reporter: { ...valid().reporter, team: 't'.repeat(201) } }), 'reporter.team'),
    ).toBe('must be at most 200 characters');
    expect(
      detail(refusal(publicCorrectionBody, { ...valid(), reporter: { ...valid().reporter, role: 'r'.repeat(101) } }), 'reporter.role'),
    ).toBe('must be at most 100 characters');
    expect(
      detail(
        refusal(publicCorrectionBody, { ...valid(), reporter: { ...valid().reporter, email: `${'a'.repeat(250)}@b.fi` } }),
        'reporter.email',
      ),
    ).toBeDefined();
  });

  it('refuses match ids that are empty, too long or carry odd characters', () => {
    for (const matchId of ['', 'x'.repeat(65), 'M 1001', 'M#1001', 'M/1', 'ä', 42, null]) {
      expect(publicCorrectionBody.safeParse({ ...valid(), matchId }).success, JSON.stringify(matchId)).toBe(false);
    }
    expect(detail(refusal(publicCorrectionBody, { ...valid(), matchId: 'M#1' }), 'matchId')).toBe(
      'may contain only letters, digits and . _ : -',
    );
  });

  it.each([-1, 100, 1.5, '3', null, Number.MAX_SAFE_INTEGER + 2])('refuses the goal count %s', (goals) => {
    const e = refusal(publicCorrectionBody, { ...valid(), proposed: { homeGoals: goals, awayGoals: 2 } });
    expect(e.details?.[0]?.path).toBe('proposed.homeGoals');
  });

  it('accepts goal counts 0 and 99, and says what is wrong with others', () => {
    expect(publicCorrectionBody.safeParse({ ...valid(), proposed: { homeGoals: 0, awayGoals: 99 } }).success).toBe(true);
    expect(detail(refusal(publicCorrectionBody, { ...valid(), proposed: { homeGoals: 100, awayGoals: 0 } }), 'proposed.homeGoals')).toBe(
      'must be at most 99',
    );
    expect(detail(refusal(publicCorrectionBody, { ...valid(), proposed: { homeGoals: -1, awayGoals: 0 } }), 'proposed.homeGoals')).toBe(
      'must be at least 0',
    );
    expect(detail(refusal(publicCorrectionBody, { ...valid(), proposed: { homeGoals: 1.5, awayGoals: 0 } }), 'proposed.homeGoals')).toBe(
      'must be a whole number',
    );
    expect(detail(refusal(publicCorrectionBody, { ...valid(), proposed: { homeGoals: 1 } }), 'proposed.awayGoals')).toBe('is required');
    // a wrong type is named as such, not as a missing field
    expect(detail(refusal(publicCorrectionBody, { ...valid(), proposed: { homeGoals: '3', awayGoals: 0 } }), 'proposed.homeGoals')).toBe(
      'must be of type number',
    );
    expect(detail(refusal(publicCorrectionBody, { ...valid(), matchId: 1001 }), 'matchId')).toBe('must be of type string');
  });

  it.each([
    '0401234567',
    '+0401234567',
    '358401234567',
    '+358 40 123 4567',
    '+358-40-1234567',
    '+12345',
    '+1234567890123456',
    '+35840123456a',
    '',
  ])('refuses the phone number %j', (phone) => {
    const e = refusal(publicCorrectionBody, { ...valid(), reporter: { ...valid().reporter, phone } });
    expect(detail(e, 'reporter.phone')).toBe('must be a phone number in international format, e.g. +358401234567');
  });

  it.each(['+358401234567', '+46701234567', '+1234567', '+123456789012345'])('accepts the E.164 number %s', (phone) => {
    expect(e164.safeParse(phone).success).toBe(true);
  });

  it.each(['matti', 'matti@', '@example.fi', 'matti@example', 'matti example@x.fi', 'matti@@x.fi', ''])('refuses the email %j', (email) => {
    const e = refusal(publicCorrectionBody, { ...valid(), reporter: { ...valid().reporter, email } });
    expect(detail(e, 'reporter.email')).toBe('must be an email address like name@example.fi');
  });

  it('knows exactly the six categories and three languages', () => {
    for (const category of ['final-score', 'period-score', 'goal', 'penalty', 'lineup', 'other']) {
      expect(publicCorrectionBody.safeParse({ ...valid(), category }).success, category).toBe(true);
    }
    const e = refusal(publicCorrectionBody, { ...valid(), category: 'score' });
    expect(detail(e, 'category')).toBe('must be one of: final-score, period-score, goal, penalty, lineup, other');
    for (const language of ['fi', 'sv', 'en']) expect(publicCorrectionBody.safeParse({ ...valid(), language }).success).toBe(true);
    expect(detail(refusal(publicCorrectionBody, { ...valid(), language: 'de' }), 'language')).toBe('must be one of: fi, sv, en');
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, undefined, [], 'text', 42, true])
      expect(publicCorrectionBody.safeParse(body).success, String(body)).toBe(false);
    expect(detail(refusal(publicCorrectionBody, undefined), '')).toBe('is required');
  });

  it('summarises at most three problems in the message', () => {
    const e = refusal(publicCorrectionBody, { a: 1, b: 2, c: 3, d: 4 });
    expect(e.details!.length).toBeGreaterThan(3);
    expect(e.message).toMatch(/; …\.$/);
  });
});

describe('final-score without a proposed result', () => {
  it('passes the schema (proposed is optional there) …', () => {
    const { proposed: _p, ...body } = valid();
    expect(publicCorrectionBody.safeParse(body).success).toBe(true);
  });

  it('… but the use case refuses it before touching the store', async () => {
    const { proposed: _p, ...body } = valid();
    const untouchable = new Proxy(
      {},
      {
        get: () => {
          throw new Error('the store must not be used');
        },
      },
    );
    const deps = {
      store: untouchable,
      mailer: untouchable,
      clock: { now: () => new Date('2026-11-21T10:00:00Z') },
    } as unknown as Parameters<typeof createCorrection>[0];
    const err = await createCorrection(deps, parseOrThrow(publicCorrectionBody, body), { channel: 'web' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).code).toBe('validation_failed');
    expect((err as AppError).details).toEqual([{ path: 'proposed', message: 'is required when category is final-score' }]);
    expect((err as AppError).message).toMatch(/proposed/);
  });
});

describe('POST /staff/corrections body', () => {
  const staff = () => ({ ...valid(), reporter: { name: 'Soittaja', phone: '+358401234567' }, channel: 'phone' });
  it('needs a channel of phone, email or social, and allows a reporter without email', () => {
    expect(staffCorrectionBody.safeParse(staff()).success).toBe(true);
    for (const channel of ['phone', 'email', 'social']) expect(staffCorrectionBody.safeParse({ ...staff(), channel }).success).toBe(true);
    expect(detail(refusal(staffCorrectionBody, { ...staff(), channel: 'web' }), 'channel')).toBe('must be one of: phone, email, social');
    const { channel: _c, ...noChannel } = staff();
    expect(detail(refusal(staffCorrectionBody, noChannel), 'channel')).toMatch(/^(is required|must be one of: phone, email, social)$/);
    expect(detail(refusal(staffCorrectionBody, { ...staff(), status: 'queued' }), 'status')).toMatch(/set by the server/);
  });
});

describe('workflow bodies', () => {
  it('resolve: the four outcomes, a message, optional corrected result, nothing server-owned', () => {
    for (const outcome of ['corrected', 'no-change', 'rejected', 'duplicate'])
      expect(resolveBody.safeParse({ outcome, message: 'ok' }).success, outcome).toBe(true);
    expect(detail(refusal(resolveBody, { outcome: 'fixed', message: 'ok' }), 'outcome')).toBe(
      'must be one of: corrected, no-change, rejected, duplicate',
    );
    // message may be left out by the schema: the use case requires it unless the official record already agrees (recordNow)
    expect(resolveBody.safeParse({ outcome: 'corrected' }).success).toBe(true);
    expect(
      resolveBody.safeParse({ outcome: 'corrected', message: 'ok', correctedResult: { homeGoals: 3, awayGoals: 2 }, expectedVersion: 4 })
        .success,
    ).toBe(true);
    expect(
      detail(
        refusal(resolveBody, { outcome: 'corrected', message: 'ok', correctedResult: { homeGoals: 300, awayGoals: 2 } }),
        'correctedResult.homeGoals',
      ),
    ).toBe('must be at most 99');
    for (const field of ['status', 'version', 'assignee', 'id', 'reference']) {
      expect(detail(refusal(resolveBody, { outcome: 'corrected', message: 'ok', [field]: 'x' }), field)).toMatch(
        new RegExp(`set by the server.*remove "${field}"`),
      );
    }
  });

  it('expectedVersion is a whole number from 1', () => {
    expect(versionOnlyBody.safeParse({}).success).toBe(true);
    expect(versionOnlyBody.safeParse({ expectedVersion: 1 }).success).toBe(true);
    for (const v of [0, -1, 1.5, '2', null]) expect(versionOnlyBody.safeParse({ expectedVersion: v }).success, String(v)).toBe(false);
    expect(detail(refusal(versionOnlyBody, { version: 2 }), 'version')).toMatch(/set by the server/);
  });

  it('request-info, reply, note and escalate need their text, within limits', () => {
    expect(detail(refusal(requestInfoBody, {}), 'message')).toBe('is required');
    expect(detail(refusal(requestInfoBody, { message: 'x'.repeat(4001) }), 'message')).toBe('must be at most 4000 characters');
    expect(detail(refusal(replyBody, { message: ' ' }), 'message')).toBe('must not be empty');
    expect(detail(refusal(replyBody, { message: 'ok', expectedVersion: 1 }), 'expectedVersion')).toMatch(/not a field/);
    expect(detail(refusal(noteBody, { note: 'x' }), 'note')).toMatch(/not a field/);
    expect(detail(refusal(escalateBody, { reason: 'x'.repeat(2001) }), 'reason')).toBe('must be at most 2000 characters');
    expect(escalateBody.safeParse({ reason: 'Sarjavastaavan päätös tarvitaan' }).success).toBe(true);
  });
});

describe('other bodies and queries', () => {
  it('queue query: status and kind enums, limit 1..100, no other parameters', () => {
    expect(queueQuery.safeParse({ status: 'queued', kind: 'correction', limit: '100' }).success).toBe(true);
    for (const limit of ['0', '101', '-1', '1.5', 'ten', '007']) expect(queueQuery.safeParse({ limit }).success, limit).toBe(false);
    expect(queueQuery.safeParse({ status: 'resolved' }).success).toBe(false);
    expect(queueQuery.safeParse({ kind: 'email' }).success).toBe(false);
    expect(detail(refusal(queueQuery, { sort: 'desc' }), 'sort')).toMatch(/not a field/);
  });

  it('callback: E.164 phone and language required', () => {
    expect(callbackBody.safeParse({ name: 'A', phone: '+358401234567', language: 'sv', topic: 'tulos' }).success).toBe(true);
    expect(callbackBody.safeParse({ name: 'A', phone: '040123456', language: 'sv', topic: 'tulos' }).success).toBe(false);
  });

  it('series and matches', () => {
    expect(seriesBody.safeParse({ name: 'S', officials: [{ name: 'O', email: 'o@x.fi', language: 'fi' }] }).success).toBe(true);
    expect(seriesBody.safeParse({ name: 'S', officials: [{ name: 'O', email: 'not-an-email', language: 'fi' }] }).success).toBe(false);
    const m = { id: 'M-1', seriesId: 'S', startsAt: '2026-11-21T16:00:00+02:00', home: 'A', away: 'B' };
    expect(matchesBody.safeParse({ matches: [m] }).success).toBe(true);
    expect(matchesBody.safeParse({ matches: [] }).success).toBe(false);
    expect(matchesBody.safeParse({ matches: [{ ...m, startsAt: '21.11.2026 16:00' }] }).success).toBe(false);
    expect(matchesBody.safeParse({ matches: Array.from({ length: 500 }, (_, i) => ({ ...m, id: `M-${i}` })) }).success).toBe(true);
    expect(detail(refusal(matchesBody, { matches: Array.from({ length: 501 }, (_, i) => ({ ...m, id: `M-${i}` })) }), 'matches')).toBe(
      'must have at most 500 items',
    );
  });
});

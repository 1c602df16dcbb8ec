/**
 * Request schemas (zod/mini: a fraction of classic zod's bundle size). Every object is strict:
 * unknown and server-owned fields are refused. The OpenAPI description is generated from these.
 */
import * as z from 'zod/mini';
import { CATEGORIES, OUTCOMES, STAFF_CHANNELS } from './domain/correction.js';
import { CALLBACK_OUTCOMES } from './domain/records.js';

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const optionalText = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max)));
export const idSchema = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9._:-]+$/, 'may contain only letters, digits and . _ : -'));
const goals = z.int().check(z.minimum(0), z.maximum(99));
export const languageSchema = z.enum(['fi', 'sv', 'en']);
export const e164 = z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in international format, e.g. +358401234567'));
const email = z.email().check(z.maxLength(254));
const expectedVersion = z.optional(z.int().check(z.minimum(1)));
const score = z.strictObject({ homeGoals: goals, awayGoals: goals });

const reporterFields = {
  name: text(200),
  phone: z.optional(e164),
  team: optionalText(200),
  role: optionalText(100),
};

const correctionFields = {
  matchId: idSchema,
  category: z.enum(CATEGORIES),
  description: text(4000),
  proposed: z.optional(score),
  language: z.optional(languageSchema),
};

/** POST /corrections */
export const publicCorrectionBody = z.strictObject({
  ...correctionFields,
  reporter: z.strictObject({ ...reporterFields, email }),
});

/** POST /staff/corrections: a contact taken by phone, email or social media. The caller may have no email. */
export const staffCorrectionBody = z.strictObject({
  ...correctionFields,
  reporter: z.strictObject({ ...reporterFields, email: z.optional(email) }),
  channel: z.enum(STAFF_CHANNELS),
});

export const replyBody = z.strictObject({ message: text(4000) });
export const versionOnlyBody = z.strictObject({ expectedVersion });
export const requestInfoBody = z.strictObject({ message: text(4000), expectedVersion });
export const resolveBody = z.strictObject({
  outcome: z.enum(OUTCOMES),
  message: text(4000),
  correctedResult: z.optional(score),
  duplicateOf: z.optional(idSchema),
  expectedVersion,
});
export const escalateBody = z.strictObject({ reason: text(2000), expectedVersion });
export const noteBody = z.strictObject({ text: text(4000), expectedVersion });
export const decisionBody = z.strictObject({ decision: z.enum(['correct', 'no-change', 'reject']), message: text(4000), correctedResult: z.optional(score), expectedVersion });

export const queueQuery = z.strictObject({
  status: z.optional(z.enum(['queued', 'in-progress', 'awaiting-reporter', 'escalated'])),
  kind: z.optional(z.enum(['correction', 'callback'])),
  limit: z.optional(z.string().check(z.regex(/^(100|[1-9][0-9]?)$/, 'must be a whole number from 1 to 100'))),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

export const callbackBody = z.strictObject({
  name: text(200),
  phone: e164,
  language: languageSchema,
  topic: text(1000),
  matchId: z.optional(idSchema),
});
export const callbackCompleteBody = z.strictObject({ outcome: z.enum(CALLBACK_OUTCOMES), note: optionalText(4000), expectedVersion });

export const personSchema = z.strictObject({ name: text(200), email, language: languageSchema });
export const seriesBody = z.strictObject({ name: text(200), officials: z.array(personSchema).check(z.maxLength(40)) });
export const matchSchema = z.strictObject({
  id: idSchema,
  seriesId: idSchema,
  startsAt: z.iso.datetime({ offset: true }),
  home: text(200),
  away: text(200),
  homeGoals: z.optional(goals),
  awayGoals: z.optional(goals),
});
export const matchesBody = z.strictObject({ matches: z.array(matchSchema).check(z.minLength(1), z.maxLength(500)) });

export const serviceStatusQuery = z.strictObject({
  at: z.optional(z.iso.datetime({ offset: true })),
  lang: z.optional(languageSchema),
});
export const reportQuery = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  period: z.optional(z.enum(['week', 'month', 'year'])),
});

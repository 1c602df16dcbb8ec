/**
 * Request schemas (zod/mini: a fraction of classic zod's bundle size). Every object is strict:
 * unknown and server-owned fields are refused. The OpenAPI description is generated from these.
 *
 * Each schema has a getter, `lazyX()`, that builds it on first use (and then always returns that one
 * object), and the schema itself, `x`. Function code validates through the getters: a cold start then
 * builds no schema, and a request builds only the one of its route. `x` is the same object, for tests
 * and the OpenAPI generator. Both are made through calls the bundler knows to be free of side effects
 * (`lazy`, `def`), so a function's bundle keeps only the schemas it uses.
 */
import * as z from 'zod/mini';
import { CATEGORIES, OUTCOMES, STAFF_CHANNELS } from './domain/correction.js';
import { CALLBACK_OUTCOMES } from './domain/records.js';

/** A getter that builds on first call and then returns the same object. */
const lazy = /* @__NO_SIDE_EFFECTS__ */ <T>(make: () => T): (() => T) => {
  let built: T | undefined;
  return () => (built ??= make());
};
/** The schema itself, from its getter (dropped from a bundle that does not use it). */
const def = /* @__NO_SIDE_EFFECTS__ */ <T>(get: () => T): T => get();

const text = /* @__NO_SIDE_EFFECTS__ */ (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const optionalText = /* @__NO_SIDE_EFFECTS__ */ (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max)));

export const lazyIdSchema = lazy(() =>
  z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9._:-]+$/, 'may contain only letters, digits and . _ : -')),
);
const goals = lazy(() => z.int().check(z.minimum(0), z.maximum(99)));
export const lazyLanguageSchema = lazy(() => z.enum(['fi', 'sv', 'en']));
export const lazyE164 = lazy(() =>
  z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in international format, e.g. +358401234567')),
);
const email = lazy(() => z.email().check(z.maxLength(254)));
const expectedVersion = lazy(() => z.optional(z.int().check(z.minimum(1))));
const score = lazy(() => z.strictObject({ homeGoals: goals(), awayGoals: goals() }));

/**
 * A person's name goes into emails to addresses nobody verified: a web address in it would arrive as a
 * clickable link (issue 11), so names with one are refused.
 */
const NAME_WITH_LINK =
  /(https?:|ftp:|mailto:|\/\/|www\.|[\w-]\.(com|net|org|fi|se|eu|io|ru|info|xyz|ly|me|co|app|link|click|top|biz|site|online|shop)\b)/i;
const personName = lazy(() =>
  text(200).check(z.refine((v: string) => !NAME_WITH_LINK.test(v), 'may not contain a web address or link: write the name only')),
);

const reporterFields = lazy(() => ({
  name: personName(),
  phone: z.optional(lazyE164()),
  team: optionalText(200),
  role: optionalText(100),
}));

const correctionFields = lazy(() => ({
  matchId: lazyIdSchema(),
  category: z.enum(CATEGORIES),
  description: text(4000),
  proposed: z.optional(score()),
  language: z.optional(lazyLanguageSchema()),
}));

/** POST /corrections */
export const lazyPublicCorrectionBody = lazy(() =>
  z.strictObject({
    ...correctionFields(),
    reporter: z.strictObject({ ...reporterFields(), email: email() }),
  }),
);

/** POST /staff/corrections: a contact taken by phone, email or social media. The caller may have no email. */
export const lazyStaffCorrectionBody = lazy(() =>
  z.strictObject({
    ...correctionFields(),
    reporter: z.strictObject({ ...reporterFields(), email: z.optional(email()) }),
    channel: z.enum(STAFF_CHANNELS),
  }),
);

export const lazyReplyBody = lazy(() => z.strictObject({ message: text(4000) }));
export const lazyVersionOnlyBody = lazy(() => z.strictObject({ expectedVersion: expectedVersion() }));
export const lazyRequestInfoBody = lazy(() => z.strictObject({ message: text(4000), expectedVersion: expectedVersion() }));
export const lazyResolveBody = lazy(() =>
  z.strictObject({
    outcome: z.enum(OUTCOMES),
    /** required, except when resolving as corrected a case whose record now agrees (recordNow) */
    message: z.optional(text(4000)),
    correctedResult: z.optional(score()),
    duplicateOf: z.optional(lazyIdSchema()),
    expectedVersion: expectedVersion(),
  }),
);
/** POST /staff/corrections/{id}/classify: what an emailed contact is about */
export const lazyClassifyBody = lazy(() =>
  z
    .strictObject({ matchId: z.optional(lazyIdSchema()), category: z.optional(z.enum(CATEGORIES)), expectedVersion: expectedVersion() })
    .check(
      z.refine((b) => b.matchId !== undefined || b.category !== undefined, {
        message: 'give matchId, category or both',
        path: ['matchId'],
      }),
    ),
);
export const lazyEscalateBody = lazy(() => z.strictObject({ reason: text(2000), expectedVersion: expectedVersion() }));
export const lazyNoteBody = lazy(() => z.strictObject({ text: text(4000), expectedVersion: expectedVersion() }));
export const lazyDecisionBody = lazy(() =>
  z.strictObject({
    decision: z.enum(['correct', 'no-change', 'reject']),
    message: text(4000),
    correctedResult: z.optional(score()),
    expectedVersion: expectedVersion(),
  }),
);

export const lazyQueueQuery = lazy(() =>
  z.strictObject({
    status: z.optional(z.enum(['queued', 'in-progress', 'awaiting-reporter', 'escalated'])),
    kind: z.optional(z.enum(['correction', 'callback'])),
    limit: z.optional(z.string().check(z.regex(/^(100|[1-9][0-9]?)$/, 'must be a whole number from 1 to 100'))),
    cursor: z.optional(z.string().check(z.maxLength(2000))),
  }),
);

export const lazyCallbackBody = lazy(() =>
  z.strictObject({
    name: personName(),
    phone: lazyE164(),
    language: lazyLanguageSchema(),
    topic: text(1000),
    matchId: z.optional(lazyIdSchema()),
  }),
);
export const lazyCallbackCompleteBody = lazy(() =>
  z.strictObject({ outcome: z.enum(CALLBACK_OUTCOMES), note: optionalText(4000), expectedVersion: expectedVersion() }),
);

export const lazyPersonSchema = lazy(() => z.strictObject({ name: text(200), email: email(), language: lazyLanguageSchema() }));
const resultsRef = lazy(() =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1),
      z.maxLength(64),
      z.regex(/^[A-Za-z0-9._-]+$/, 'may contain only letters, digits and . _ - (as the results service writes it, e.g. sb2026 or 402)'),
    ),
);
export const lazySeriesBody = lazy(() =>
  z.strictObject({
    name: text(200),
    officials: z.array(lazyPersonSchema()).check(z.maxLength(40)),
    /** the results service's competition_id and category_id of this series: matches-sync keeps its matches */
    results: z.optional(z.strictObject({ competitionId: resultsRef(), categoryId: resultsRef() })),
  }),
);
export const lazyMatchSchema = lazy(() =>
  z.strictObject({
    id: lazyIdSchema(),
    seriesId: lazyIdSchema(),
    startsAt: z.iso.datetime({ offset: true }),
    home: text(200),
    away: text(200),
    homeGoals: z.optional(goals()),
    awayGoals: z.optional(goals()),
  }),
);
export const lazyMatchesBody = lazy(() => z.strictObject({ matches: z.array(lazyMatchSchema()).check(z.minLength(1), z.maxLength(500)) }));

/** GET /matches: a Helsinki date (default today), and optional filters; an empty `q` or `seriesId` (a blank form field) filters nothing. */
export const lazyMatchesQuery = lazy(() =>
  z.strictObject({
    date: z.optional(
      z.iso
        .date('must be a date like 2026-11-21 (YYYY-MM-DD, Helsinki time)')
        .check(
          z.refine(
            (d) => !/^\d{4}-\d\d-\d\d$/.test(d) || (d >= '2000-01-01' && d <= '2099-12-31'),
            'must be a date from 2000-01-01 to 2099-12-31',
          ),
        ),
    ),
    q: z.optional(z.string().check(z.maxLength(100, 'must be at most 100 characters: a team or series name, or part of one'))),
    seriesId: z.optional(
      z
        .string()
        .check(
          z.maxLength(64),
          z.regex(/^[A-Za-z0-9._:-]*$/, 'may contain only letters, digits and . _ : - (a series id from GET /admin/series)'),
        ),
    ),
  }),
);
const limit = lazy(() => z.int().check(z.minimum(1), z.maximum(100_000)));
/** PUT /admin/limits (contract §11) */
export const lazyLimitsBody = lazy(() =>
  z.strictObject({ perAddressPerDay: limit(), perPhonePerDay: limit(), perClientPer10Min: limit() }),
);

export const lazyServiceStatusQuery = lazy(() =>
  z.strictObject({
    at: z.optional(z.iso.datetime({ offset: true })),
    lang: z.optional(lazyLanguageSchema()),
  }),
);
export const lazyReportQuery = lazy(() =>
  z.strictObject({
    from: z.iso.date(),
    to: z.iso.date(),
    period: z.optional(z.enum(['week', 'month', 'year'])),
  }),
);

/** GET /admin/privacy/export and POST /admin/privacy/erase: exactly one of email or phone (contract §12). */
const oneContact = /* @__NO_SIDE_EFFECTS__ */ (v: { email?: string; phone?: string }) =>
  (v.email === undefined) !== (v.phone === undefined);
export const lazyPrivacyContact = lazy(() =>
  z
    .strictObject({ email: z.optional(email()), phone: z.optional(lazyE164()) })
    .check(z.refine(oneContact, 'give exactly one of "email" or "phone"')),
);

export const idSchema = def(lazyIdSchema);
export const languageSchema = def(lazyLanguageSchema);
export const e164 = def(lazyE164);
export const publicCorrectionBody = def(lazyPublicCorrectionBody);
export const staffCorrectionBody = def(lazyStaffCorrectionBody);
export const replyBody = def(lazyReplyBody);
export const versionOnlyBody = def(lazyVersionOnlyBody);
export const requestInfoBody = def(lazyRequestInfoBody);
export const resolveBody = def(lazyResolveBody);
export const escalateBody = def(lazyEscalateBody);
export const classifyBody = def(lazyClassifyBody);
export const noteBody = def(lazyNoteBody);
export const decisionBody = def(lazyDecisionBody);
export const queueQuery = def(lazyQueueQuery);
export const callbackBody = def(lazyCallbackBody);
export const callbackCompleteBody = def(lazyCallbackCompleteBody);
export const personSchema = def(lazyPersonSchema);
export const seriesBody = def(lazySeriesBody);
export const matchSchema = def(lazyMatchSchema);
export const matchesBody = def(lazyMatchesBody);
export const serviceStatusQuery = def(lazyServiceStatusQuery);
export const matchesQuery = def(lazyMatchesQuery);
export const reportQuery = def(lazyReportQuery);
export const limitsBody = def(lazyLimitsBody);
export const privacyContact = def(lazyPrivacyContact);

/** Turns zod issues into `{path, message}` details a person can act on (zod/mini has no message locale). */
import type * as z from 'zod/mini';
import { AppError, type ErrorDetail } from '../errors.js';

/** Fields the server owns: a client may never set them. */
const SERVER_OWNED = new Set([
  'status',
  'version',
  'assignee',
  'id',
  'reference',
  'receivedAt',
  'trackingToken',
  'history',
  'outcome',
  'duplicateOf',
  'recontactOf',
  'expectedResponseBy',
  'firstResponseDueAt',
  'kind',
  'channel',
]);

type Issue = z.core.$ZodIssue;

function describe(issue: Issue): string {
  const i = issue as Issue & Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type':
      if (i.input === undefined) return 'is required';
      return `must be ${i.expected === 'int' ? 'a whole number' : `of type ${String(i.expected)}`}`;
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? 'must not be empty' : `must be at least ${String(i.minimum)} characters`;
      if (i.origin === 'array') return `must have at least ${String(i.minimum)} item(s)`;
      return `must be at least ${String(i.minimum)}`;
    case 'too_big':
      if (i.origin === 'string') return `must be at most ${String(i.maximum)} characters`;
      if (i.origin === 'array') return `must have at most ${String(i.maximum)} items`;
      return `must be at most ${String(i.maximum)}`;
    case 'invalid_value':
      return `must be one of: ${(i.values as unknown[]).map(String).join(', ')}`;
    case 'invalid_format':
      if (i.format === 'email') return 'must be an email address like name@example.fi';
      if (i.format === 'regex' && typeof issue.message === 'string' && issue.message !== 'Invalid input') return issue.message;
      return `must be a valid ${String(i.format)}`;
    case 'invalid_union':
      return 'has an invalid value';
    default:
      return issue.message && issue.message !== 'Invalid input' ? issue.message : 'is invalid';
  }
}

const joinPath = (path: PropertyKey[]) => path.map(String).join('.');

export function issuesToDetails(issues: readonly Issue[]): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = joinPath([...issue.path, key]);
        details.push({
          path,
          message: SERVER_OWNED.has(key)
            ? `is set by the server and cannot be sent; remove "${key}" from the request`
            : `is not a field of this request; remove "${key}" (check the spelling against the API description)`,
        });
      }
      continue;
    }
    if (
      issue.code === 'custom' ||
      (issue.message &&
        issue.message !== 'Invalid input' &&
        issue.code !== 'invalid_type' &&
        issue.code !== 'too_small' &&
        issue.code !== 'too_big' &&
        issue.code !== 'invalid_value')
    ) {
      details.push({ path: joinPath(issue.path), message: issue.message });
      continue;
    }
    details.push({ path: joinPath(issue.path), message: describe(issue) });
  }
  return details;
}

export function parseOrThrow<S extends z.ZodMiniType>(schema: S, input: unknown, where = 'request body'): z.infer<S> {
  const ok = schema.safeParse(input);
  if (ok.success) return ok.data as z.infer<S>;
  // Invalid: parsed again for the issues with reportInput (without it zod leaves `input` out of every issue, and a wrong
  // type would read "is required"). Only a refused request pays for the option, which costs every parse a context copy.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data as z.infer<S>;
  const details = issuesToDetails(result.error.issues);
  const summary = details
    .slice(0, 3)
    .map((d) => `${d.path || where} ${d.message}`)
    .join('; ');
  throw new AppError('validation_failed', `The ${where} is not valid: ${summary}${details.length > 3 ? '; …' : ''}.`, details);
}

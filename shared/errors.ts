/** Errors a use case may raise; the HTTP layer maps each to the contract's error shape. */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'already_claimed'
  | 'invalid_transition'
  | 'version_mismatch'
  | 'payload_too_large'
  | 'unknown_match'
  | 'idempotency_key_reused'
  | 'rate_limited'
  | 'service_unavailable'
  | 'internal_error';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  already_claimed: 409,
  invalid_transition: 409,
  version_mismatch: 409,
  payload_too_large: 413,
  unknown_match: 422,
  idempotency_key_reused: 422,
  rate_limited: 429,
  service_unavailable: 503,
  internal_error: 500,
};

export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** response headers that go with the error (e.g. Retry-After of a 429) */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

export const notFound = (what = 'correction') =>
  new AppError('not_found', `No ${what} with this id was found. Check the id or reference you used.`);

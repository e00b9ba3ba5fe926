// One list of typed domain errors with stable codes; mapped to HTTP in src/http/errors.ts.
export const errorCodes = {
  VALIDATION: 400,
  IMPORT_REJECTED: 422,
  UNKNOWN_IMPORT_TYPE: 400,
  UNSUPPORTED_FILE: 415,
  FILE_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  LOCKED: 423,
  RATE_LIMITED: 429,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DB_UNAVAILABLE: 503,
  IDP_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { fields?: FieldError[]; [k: string]: unknown },
  ) {
    super(message);
    this.name = 'DomainError';
  }
  get status(): number {
    return errorCodes[this.code];
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} findes ikke.`);

/**
 * The one error type of vmcompare. `code` is stable and machine-readable; the
 * message is for people and says what went wrong and where.
 */
export type ErrorCode =
  | "parse_error"        // a snapshot file could not be understood
  | "unsupported_format" // no parser recognises the content
  | "unsupported_media_type" // a write whose Content-Type is neither JSON nor multipart
  | "too_large"          // a size or decompression cap was hit
  | "validation_error"   // input does not satisfy a schema
  | "implausible"        // numbers far outside what anyone runs, not confirmed by the contributor
  | "not_found"
  | "unauthorized"
  | "forbidden"
  | "conflict"           // e.g. a duplicate contribution
  | "rate_limited"
  | "database_unavailable"
  | "database_locked"
  | "overloaded"         // the server is at capacity for this kind of work; retry later
  | "internal";

export interface ErrorLocation {
  file?: string;
  line?: number;
  field?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
  readonly details?: unknown;
  /** Seconds after which a retry may succeed (sent as Retry-After). */
  retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, where: ErrorLocation = {}, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
    this.details = details;
  }

  /** "file.vmx, line 12, field memsize: message" — one line, for people. */
  describe(): string {
    const where = [
      this.file,
      this.line != null ? `line ${this.line}` : undefined,
      this.field ? `field ${this.field}` : undefined,
    ].filter(Boolean);
    return (where.length ? where.join(", ") + ": " : "") + this.message.replace(/\s*\n\s*/g, " ");
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** HTTP status for each error code: the one mapping used by every route handler. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  parse_error: 422,
  unsupported_format: 415,
  unsupported_media_type: 415,
  too_large: 413,
  validation_error: 422,
  implausible: 422,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  rate_limited: 429,
  database_unavailable: 503,
  database_locked: 503,
  overloaded: 503,
  internal: 500,
};

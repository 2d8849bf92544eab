/**
 * Every error code with its HTTP status and meaning: the one list from which
 * the `ErrorCode` type, the handlers' statuses and the OpenAPI document's
 * error schema are made.
 */
export const ERROR_CODES = {
  parse_error: { status: 422, meaning: "A snapshot file could not be understood" },
  unsupported_format: { status: 415, meaning: "No parser recognises the content" },
  unsupported_media_type: { status: 415, meaning: "A write whose Content-Type is neither JSON nor multipart" },
  too_large: { status: 413, meaning: "A size or decompression cap was hit" },
  validation_error: { status: 422, meaning: "Input does not satisfy a schema" },
  implausible: { status: 422, meaning: "Numbers far outside what anyone runs, not confirmed by the contributor" },
  not_found: { status: 404, meaning: "No such record" },
  unauthorized: { status: 401, meaning: "No edit token" },
  forbidden: { status: 403, meaning: "Wrong edit token, or a browser write from another site" },
  conflict: { status: 409, meaning: "E.g. a duplicate contribution" },
  rate_limited: { status: 429, meaning: "Too many writes from this client; see Retry-After" },
  database_unavailable: { status: 503, meaning: "The database cannot be reached" },
  database_locked: { status: 503, meaning: "Another process holds the embedded database" },
  overloaded: { status: 503, meaning: "The server is at capacity for this kind of work; retry later" },
  internal: { status: 500, meaning: "An unexpected failure" },
} as const satisfies Record<string, { status: number; meaning: string }>;

/**
 * The one error type of vmcompare. `code` is stable and machine-readable; the
 * message is for people and says what went wrong and where.
 */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes in their documented order. */
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

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
export const HTTP_STATUS = Object.fromEntries(ERROR_CODE_LIST.map((c) => [c, ERROR_CODES[c].status])) as Record<ErrorCode, number>;

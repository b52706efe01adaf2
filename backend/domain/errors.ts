export const APP_ERROR_CODES = [
  'validation',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'not_implemented',
  'unavailable',
  'internal',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export interface FieldProblem {
  /** Where the value came from: the body, the query string, a path parameter or a header. */
  location: 'body' | 'query' | 'path' | 'header';
  /** Dotted path to the field, e.g. `config.presets.0`; empty for the whole value. */
  field: string;
  message: string;
}

/** An error the caller can act on: the HTTP layer turns `code` into a status and a problem+json body. */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: AppErrorCode;
  readonly title: string;
  readonly errors: FieldProblem[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: AppErrorCode,
    title: string,
    detail: string,
    options: { errors?: FieldProblem[]; extra?: Record<string, unknown> } = {},
  ) {
    super(detail);
    this.code = code;
    this.title = title;
    this.errors = options.errors;
    this.extra = options.extra;
  }

  /** What went wrong and how to fix it: the problem+json `detail`. */
  get detail(): string {
    return this.message;
  }
}

export function notFound(what: string, id: string): AppError {
  return new AppError(
    'not_found',
    `${what} not found`,
    `No ${what.toLowerCase()} with id ${id} exists for this account.`,
  );
}

/**
 * The widgets' HTTP client. It speaks JSON, understands RFC 9457 problem+json errors, retries the
 * requests that are safe to repeat, and stops when the element that asked goes away.
 */

export const API_ERROR_KINDS = [
  'network',
  'validation',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'rate-limited',
  'unavailable',
  'server',
] as const;
export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];

/** An RFC 9457 problem document; `errors` carries per-field problems when the input was invalid. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: Array<{
    pointer?: string;
    path?: string | Array<string | number>;
    field?: string;
    detail?: string;
    message?: string;
  }>;
  [extension: string]: unknown;
}

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly problem: Problem | undefined;
  /** The id the server logged this failure under, for the fan to quote. */
  readonly reference: string | undefined;
  /** Seconds to wait before trying again, when the server said. */
  readonly retryAfter: number | undefined;
  /** Messages per field name, from the problem's `errors`. */
  readonly fieldErrors: Readonly<Record<string, string>>;

  constructor(init: {
    kind: ApiErrorKind;
    status: number;
    problem?: Problem;
    reference?: string;
    retryAfter?: number;
    cause?: unknown;
  }) {
    super(init.problem?.title ?? `Request failed (${init.kind})`, { cause: init.cause });
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.problem = init.problem;
    this.reference = init.reference;
    this.retryAfter = init.retryAfter;
    this.fieldErrors = fieldErrorsOf(init.problem);
  }
}

function fieldErrorsOf(problem: Problem | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of problem?.errors ?? []) {
    const path = Array.isArray(entry.path) ? entry.path.join('.') : entry.path;
    const field = entry.field ?? path ?? entry.pointer?.replace(/^#?\//, '').replaceAll('/', '.');
    const message = entry.detail ?? entry.message;
    if (field && message) result[field] = message;
  }
  return result;
}

export function kindOfStatus(status: number): ApiErrorKind {
  if (status === 400 || status === 422) return 'validation';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status === 502 || status === 503 || status === 504 || status === 408) return 'unavailable';
  return 'server';
}

const RETRYABLE_STATUS = new Set([408, 429, 502, 503, 504]);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD']);
const MAX_RETRY_WAIT_MS = 10_000;

export interface ApiClientOptions {
  /** Origin and path prefix of the API, e.g. `https://patchbay.example/api`. */
  baseUrl: string;
  /** How many times to retry a GET that failed for a reason that may pass. */
  retries?: number;
  /** First retry delay; doubles each time, with jitter. */
  retryDelayMs?: number;
  headers?: Record<string, string>;
  /** A token to send as `Authorization: Bearer …` on each request (a signed-in fan's), read per request. */
  bearer?: () => string | undefined;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function retryAfterSeconds(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function readProblem(response: Response): Promise<Problem | undefined> {
  const type = response.headers.get('content-type') ?? '';
  if (!/json/i.test(type)) return undefined;
  try {
    const body: unknown = await response.json();
    return body && typeof body === 'object' ? (body as Problem) : undefined;
  } catch {
    return undefined;
  }
}

function referenceOf(problem: Problem | undefined, response: Response): string | undefined {
  const fromBody = [problem?.['requestId'], problem?.['traceId'], problem?.instance].find(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
  return fromBody ?? response.headers.get('x-request-id') ?? undefined;
}

export class ApiClient {
  readonly #options: Required<Omit<ApiClientOptions, 'fetch' | 'headers' | 'bearer'>> &
    Pick<ApiClientOptions, 'headers' | 'bearer'>;
  readonly #fetch: typeof fetch;

  constructor(options: ApiClientOptions) {
    this.#options = { retries: 2, retryDelayMs: 300, ...options };
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  #bearerHeader(): Record<string, string> {
    const token = this.#options.bearer?.();
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, undefined, options);
  }

  /** POSTs are never retried automatically: a repeat could charge twice. Pass an `Idempotency-Key` header to make them safe. */
  post<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, body, options);
  }

  url(path: string, query: RequestOptions['query'] = {}): string {
    const base = this.#options.baseUrl.replace(/\/$/, '');
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
    const qs = search.toString();
    return `${base}${path.startsWith('/') ? path : `/${path}`}${qs ? `?${qs}` : ''}`;
  }

  async request<T>(method: string, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    const retries = IDEMPOTENT_METHODS.has(method) ? this.#options.retries : 0;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.#fetch(this.url(path, options.query), {
          method,
          signal: options.signal ?? null,
          headers: {
            accept: 'application/json, application/problem+json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...this.#options.headers,
            ...this.#bearerHeader(),
            ...options.headers,
          },
          body: body === undefined ? null : JSON.stringify(body),
        });
      } catch (cause) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (attempt < retries) {
          await this.#backoff(attempt, undefined, options.signal);
          continue;
        }
        throw new ApiError({ kind: 'network', status: 0, cause });
      }
      if (response.ok) {
        if (response.status === 204) return undefined as T;
        return (await response.json()) as T;
      }
      const retryAfter = retryAfterSeconds(response);
      if (attempt < retries && RETRYABLE_STATUS.has(response.status)) {
        await response.body?.cancel();
        await this.#backoff(attempt, retryAfter, options.signal);
        continue;
      }
      const problem = await readProblem(response);
      const init: ConstructorParameters<typeof ApiError>[0] = {
        kind: kindOfStatus(response.status),
        status: response.status,
      };
      if (problem) init.problem = problem;
      const reference = referenceOf(problem, response);
      if (reference) init.reference = reference;
      if (retryAfter !== undefined) init.retryAfter = retryAfter;
      throw new ApiError(init);
    }
  }

  #backoff(attempt: number, retryAfter: number | undefined, signal: AbortSignal | undefined): Promise<void> {
    const exponential = this.#options.retryDelayMs * 2 ** attempt * (0.75 + Math.random() / 2);
    const wait = retryAfter === undefined ? exponential : retryAfter * 1000;
    return sleep(Math.min(wait, MAX_RETRY_WAIT_MS), signal);
  }
}

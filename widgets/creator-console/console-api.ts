import { ApiError, kindOfStatus, type Problem } from '../shared/api-client.ts';

/**
 * The console's client for the REST API: the creator's session cookie (same origin), the CSRF token on
 * every call that changes something, and the creator account in `X-Patchbay-Tenant` when the creator
 * belongs to several. Failures are the widgets' `ApiError`, whose `fieldErrors` map a problem+json's
 * `errors` to field names such as `config.presets` or `theme.accent`.
 */
export class ConsoleApi {
  csrfToken = '';
  tenantId: string | undefined;

  constructor(private readonly base = '/api') {}

  #headers(method: string, body: unknown): Record<string, string> {
    return {
      accept: 'application/json, application/problem+json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrfToken }),
      ...(this.tenantId ? { 'x-patchbay-tenant': this.tenantId } : {}),
    };
  }

  async #send(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        credentials: 'same-origin',
        headers: this.#headers(method, body),
        body: body === undefined ? null : JSON.stringify(body),
        signal: signal ?? null,
      });
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      throw new ApiError({ kind: 'network', status: 0, cause });
    }
    if (response.ok) return response;
    let problem: Problem | undefined;
    if (/json/.test(response.headers.get('content-type') ?? '')) {
      problem = (await response.json().catch(() => undefined)) as Problem | undefined;
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiError({
      kind: kindOfStatus(response.status),
      status: response.status,
      ...(problem ? { problem } : {}),
      ...(response.headers.get('x-request-id') ? { reference: response.headers.get('x-request-id')! } : {}),
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {}),
    });
  }

  async #json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const response = await this.#send(method, path, body, signal);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.#json<T>('GET', path, undefined, signal);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.#json<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.#json<T>('PATCH', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.#json<T>('DELETE', path);
  }

  /** Downloads what `path` answers (a CSV, the tenant export) as a file named `filename`. */
  async download(path: string, filename: string): Promise<void> {
    const blob = await (await this.#send('GET', path)).blob();
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** What the creator reads when something failed: the server's own explanation when there is one. */
export function problemText(error: unknown): string {
  if (error instanceof ApiError) {
    const detail = error.problem?.detail ?? error.problem?.title;
    if (detail) return detail;
    if (error.kind === 'network')
      return 'The server could not be reached. Check your connection and try again.';
    return `The request failed (${error.status}). Try again.`;
  }
  return 'Something went wrong. Try again.';
}

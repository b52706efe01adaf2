import { expect } from '@open-wc/testing';
import { ApiClient, ApiError } from '../../../widgets/shared/api-client.ts';

type Reply = Response | Error;

function fakeFetch(replies: Reply[]) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    calls.push({ url: String(input), init });
    const reply = replies.shift();
    if (!reply) throw new Error('no more replies');
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

describe('ApiClient', () => {
  it('retries an idempotent GET that failed for a passing reason', async () => {
    const { fetch, calls } = fakeFetch([new TypeError('offline'), problem({}, 503), json({ ok: 1 })]);
    const client = new ApiClient({ baseUrl: 'https://api.test/api/', fetch, retryDelayMs: 1 });
    expect(await client.get('/apps/a1', { query: { locale: 'es', skip: undefined } })).to.deep.equal({
      ok: 1,
    });
    expect(calls.length).to.equal(3);
    expect(calls[0]?.url).to.equal('https://api.test/api/apps/a1?locale=es');
  });

  it('never retries a POST', async () => {
    const { fetch, calls } = fakeFetch([problem({ title: 'Unavailable' }, 503)]);
    const client = new ApiClient({ baseUrl: '/api', fetch, retryDelayMs: 1 });
    const error = await client.post('/requests', { a: 1 }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).kind).to.equal('unavailable');
    expect(calls.length).to.equal(1);
    expect(calls[0]?.init?.body).to.equal('{"a":1}');
  });

  it('turns problem+json into a typed error with field messages and a reference', async () => {
    const { fetch } = fakeFetch([
      problem(
        {
          type: 'https://patchbay.dev/problems/validation',
          title: 'Invalid request',
          status: 422,
          errors: [
            { pointer: '/fields/message', detail: 'Too long' },
            { path: ['email'], message: 'Not an email' },
          ],
          requestId: 'req_123',
        },
        422,
      ),
    ]);
    const error = (await new ApiClient({ baseUrl: '/api', fetch })
      .post('/requests', {})
      .catch((e: unknown) => e)) as ApiError;
    expect(error.kind).to.equal('validation');
    expect(error.reference).to.equal('req_123');
    expect(error.fieldErrors).to.deep.equal({ 'fields.message': 'Too long', email: 'Not an email' });
  });

  it('reads Retry-After on 429 once retries are spent', async () => {
    const { fetch } = fakeFetch([
      problem({}, 429, { 'retry-after': '0' }),
      problem({}, 429, { 'retry-after': '7' }),
    ]);
    const client = new ApiClient({ baseUrl: '/api', fetch, retries: 1 });
    const error = (await client.get('/x').catch((e: unknown) => e)) as ApiError;
    expect(error.kind).to.equal('rate-limited');
    expect(error.retryAfter).to.equal(7);
  });

  it('stops waiting when aborted', async () => {
    const { fetch } = fakeFetch([problem({}, 503, { 'retry-after': '5' }), json({})]);
    const controller = new AbortController();
    const pending = new ApiClient({ baseUrl: '/api', fetch }).get('/x', { signal: controller.signal });
    controller.abort(new DOMException('gone', 'AbortError'));
    const error = (await pending.catch((e: unknown) => e)) as DOMException;
    expect(error.name).to.equal('AbortError');
  });
});

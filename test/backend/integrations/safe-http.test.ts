import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../backend/domain/errors.ts';
import { createSafeHttp } from '../../../backend/integrations/http/safe-http.ts';
import { startReceiver } from '../../helpers/http-receiver.ts';

let internal: Awaited<ReturnType<typeof startReceiver>>;
let redirector: Awaited<ReturnType<typeof startReceiver>>;
let slowLoris: Awaited<ReturnType<typeof startReceiver>>;
let big: Awaited<ReturnType<typeof startReceiver>>;

const strict = createSafeHttp({
  allowPrivate: [],
  connectTimeoutMs: 1000,
  totalTimeoutMs: 1000,
  maxBodyBytes: 1024,
});
const loopbackAllowed = createSafeHttp({
  allowPrivate: ['127.0.0.0/8', '::1/128'],
  connectTimeoutMs: 1000,
  totalTimeoutMs: 800,
  maxBodyBytes: 1024,
});
const post = { method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: '{}' };

beforeAll(async () => {
  internal = await startReceiver();
  redirector = await startReceiver((_request, res) => {
    res.writeHead(302, { location: `${internal.url}/admin` }).end();
  });
  slowLoris = await startReceiver((_request, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const drip = setInterval(() => res.write('.'), 100);
    res.on('close', () => clearInterval(drip));
  });
  big = await startReceiver((_request, res) => {
    res.writeHead(200);
    res.end('x'.repeat(1024 * 1024));
  });
});
afterAll(async () => {
  await Promise.all([internal.close(), redirector.close(), slowLoris.close(), big.close()]);
});

describe('the SSRF-safe outbound agent, with no private range allowed', () => {
  const refused = () => [
    'http://169.254.169.254/latest/meta-data/',
    `http://[::ffff:127.0.0.1]:${internal.port}/`,
    `http://2130706433:${internal.port}/`,
    `http://0x7f.1:${internal.port}/`,
    `http://localhost:${internal.port}/`,
    `http://127.0.0.1:${internal.port}/`,
    `http://[::1]:${internal.port}/`,
    'http://10.1.2.3/',
    'http://192.168.0.1/',
    'http://172.16.0.1/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://224.0.0.1/',
    'http://[fe80::1]/',
    'http://[fd00::1]/',
    'http://[::]/',
  ];

  it('refuses every internal address when a route is saved', async () => {
    for (const url of refused()) {
      const error = await strict.check(url).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error, url).toBeInstanceOf(AppError);
      expect((error as AppError).detail, url).toMatch(/address|resolve/);
    }
  });

  it('refuses every internal address at send time, names resolved at connect time included, and reaches nothing', async () => {
    for (const url of refused()) {
      await expect(strict.request(url, post), url).rejects.toThrow(/address/);
    }
    expect(internal.requests).toHaveLength(0);
  });

  it('refuses URLs with credentials and other schemes', async () => {
    await expect(strict.check('http://user:pass@example.com/')).rejects.toThrow(/user name or password/);
    await expect(strict.check('file:///etc/passwd')).rejects.toThrow(/Only http and https/);
  });
});

describe('the outbound agent with loopback allowed by the operator', () => {
  it('reaches an allowed address, by name too', async () => {
    const response = await loopbackAllowed.request(`http://localhost:${internal.port}/hook`, post);
    expect(response.status).toBe(200);
    expect(response.body).toBe('ok');
    expect(internal.requests.at(-1)?.path).toBe('/hook');
  });

  it('does not follow a redirect to an internal address', async () => {
    const before = internal.requests.length;
    const response = await loopbackAllowed.request(`${redirector.url}/hook`, post);
    expect(response.status).toBe(302);
    expect(internal.requests).toHaveLength(before);
  });

  it('cuts off a receiver that trickles its answer and reads at most the body cap', async () => {
    const startedAt = Date.now();
    await expect(loopbackAllowed.request(slowLoris.url, post)).rejects.toThrow(
      /No complete answer within 800 ms/,
    );
    expect(Date.now() - startedAt).toBeLessThan(3000);
    const response = await loopbackAllowed.request(big.url, post);
    expect(response.body).toHaveLength(1024);
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant } from '../../helpers/factories.ts';
import { newKey } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let tipJarId: string;

beforeAll(async () => {
  // Behind a proxy on loopback, as in production behind a load balancer: the address is X-Forwarded-For.
  server = await startTestServer({ TRUST_PROXY: 'loopback' });
  const creator = await createTenant(server);
  tipJarId = (await createApp(server, creator)).id;
});
afterAll(() => server.close());

const tipFrom = (address: string) =>
  apiClient(server)(
    'POST',
    `/api/public/apps/${tipJarId}/tips`,
    { amount: 500, idempotencyKey: newKey('tip') },
    { 'x-forwarded-for': address },
  );

describe('the shared rate limiter', () => {
  it('cuts off 1,000 submissions from one fan in a minute with 429 and Retry-After, while other fans go on', async () => {
    const statuses: number[] = [];
    const started = Date.now();
    let refusal: Awaited<ReturnType<typeof tipFrom>> | undefined;
    for (let batch = 0; batch < 50; batch++) {
      const responses = await Promise.all(Array.from({ length: 20 }, () => tipFrom('203.0.113.7')));
      for (const response of responses) {
        statuses.push(response.status);
        if (response.status === 429) refusal ??= response;
      }
    }
    expect(statuses).toHaveLength(1000);
    // One window of 60 s lets 30 through; a machine too busy to send 1,000 in a minute sees a new window.
    const windows = Math.ceil((Date.now() - started) / 60_000);
    const accepted = statuses.filter((status) => status === 201).length;
    if (windows === 1) expect(accepted).toBe(30);
    else expect(accepted).toBeLessThanOrEqual(30 * windows);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1000 - accepted);
    expect(refusal!.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(refusal!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refusal!.body).toMatchObject({
      status: 429,
      title: 'Too many requests',
      retryAfterSeconds: retryAfter,
    });
    expect(refusal!.body.detail).toMatch(/Wait \d+ seconds/);

    expect((await tipFrom('198.51.100.9')).status).toBe(201);
    expect((await tipFrom('2001:db8::1')).status).toBe(201);
  }, 180_000);

  it('counts an IPv6 fan by their /56, so rotating addresses within it gains nothing', async () => {
    for (let i = 0; i < 30; i++) expect((await tipFrom(`2001:db8:aa:bb00::${i + 1}`)).status).toBe(201);
    expect((await tipFrom('2001:db8:aa:bbff:1234::9')).status).toBe(429);
    expect((await tipFrom('2001:db8:aa:cc00::1')).status).toBe(201);
  });

  it('keeps the counts in the database, hashed, so every process shares them', async () => {
    const { rows } = (await server.services.database.db.execute(
      sql`select key, points from rate_limits order by points desc`,
    )) as unknown as { rows: Array<{ key: string; points: number }> };
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((row) => row.key.includes('203.0.113.7'))).toBe(false);
    expect(rows[0]!.points).toBeGreaterThanOrEqual(1000);
  });

  it('documents 429 on the limited operations', async () => {
    const document = (await apiClient(server)('GET', '/api/openapi.json')).body;
    expect(document.paths['/api/public/apps/{appId}/tips'].post.responses['429']).toBeDefined();
    expect(
      document.paths['/api/public/payments/{paymentId}/test-confirm'].post.responses['429'],
    ).toBeDefined();
  });
});

describe('RATE_LIMIT_SCALE', () => {
  it('multiplies every limit, for fans behind one shared address', async () => {
    const scaled = await startTestServer({ TRUST_PROXY: 'loopback', RATE_LIMIT_SCALE: '2' });
    try {
      const app = (await createApp(scaled, await createTenant(scaled))).id;
      const tip = () =>
        apiClient(scaled)(
          'POST',
          `/api/public/apps/${app}/tips`,
          { amount: 500, idempotencyKey: newKey('tip') },
          { 'x-forwarded-for': '192.0.2.44' },
        );
      for (let i = 0; i < 60; i++) expect((await tip()).status).toBe(201);
      const refusal = await tip();
      expect(refusal.status).toBe(429);
      expect(refusal.body.detail).toContain('at most 60 per 60 seconds');
    } finally {
      await scaled.close();
    }
  });
});

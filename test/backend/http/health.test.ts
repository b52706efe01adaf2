import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createTenant } from '../../helpers/factories.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

const OPERATOR_TOKEN = 'operator-token-for-tests-0123456789';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ OPERATOR_TOKEN });
});
afterAll(() => server.close());

describe('health, readiness and metrics', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });

  it('serves metrics only with the operator token', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status,
    ).toBe(401);
    await fetch(`${server.url}/api/apps`);
    const metrics = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
    });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(
      /patchbay_http_request_duration_seconds_count\{method="GET",route="\/api\/apps",status_code="401"\} 1/,
    );
    expect(text).toContain('patchbay_db_pool_connections{state="total"}');
    expect(text).toContain('patchbay_job_queue_depth');
  });

  it('forbids framing of API responses and lets only allowed sites frame a widget', async () => {
    const api = await fetch(`${server.url}/api/openapi.json`);
    expect(api.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(api.headers.get('x-frame-options')).toBe('DENY');
    const app = await createApp(server, await createTenant(server), {
      type: 'tip-jar',
      name: 'Framed',
      allowedOrigins: ['https://creator.example', 'http://localhost:*'],
    });
    const frame = await fetch(
      `${server.widgetUrl}/frame/${app.id}?host=${encodeURIComponent('https://creator.example')}`,
    );
    expect(frame.status).toBe(200);
    expect(frame.headers.get('content-security-policy')).toContain(
      'frame-ancestors https://creator.example http://localhost:*',
    );
    expect(frame.headers.get('content-security-policy')).toContain(
      `connect-src 'self' ${server.services.config.publicUrl}`,
    );
    expect(frame.headers.get('x-frame-options')).toBeNull();

    const refused = await fetch(
      `${server.widgetUrl}/frame/${app.id}?host=${encodeURIComponent('https://evil.example')}`,
    );
    expect(refused.status).toBe(200);
    expect(await refused.text()).toContain('This widget isn&#39;t set up to appear on https://evil.example');
    expect(refused.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect((await fetch(`${server.widgetUrl}/api/apps`)).status).toBe(404);
  });

  it('puts the request id in the response header and in every problem', async () => {
    const response = await fetch(`${server.url}/api/apps`, {
      headers: { 'x-request-id': 'trace-1234567890' },
    });
    expect(response.headers.get('x-request-id')).toBe('trace-1234567890');
    expect(((await response.json()) as { requestId: string }).requestId).toBe('trace-1234567890');
  });
});

describe('metrics without an operator token', () => {
  it('explains how to turn them on', async () => {
    const bare = await startTestServer();
    try {
      const response = await fetch(`${bare.url}/metrics`);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { detail: string }).detail).toContain('OPERATOR_TOKEN');
    } finally {
      await bare.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let tenant: TestTenant;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  server = await startTestServer();
  tenant = await createTenant(server);
  api = apiClient(server, tenant.apiKey);
});
afterAll(() => server.close());

describe('apps', () => {
  it('creates an app with per-type defaults and lists and reads it back', async () => {
    const created = await api('POST', '/api/apps', {
      type: 'tip-jar',
      name: 'Stream tips',
      config: { currency: 'EUR' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/apps/${created.body.id}`);
    expect(created.body).toMatchObject({
      type: 'tip-jar',
      name: 'Stream tips',
      status: 'active',
      config: { currency: 'EUR', presets: [300, 500, 1000], minAmount: 100 },
    });
    const list = await api('GET', '/api/apps');
    expect(list.body.apps.map((app: { id: string }) => app.id)).toContain(created.body.id);
    const read = await api('GET', `/api/apps/${created.body.id}`);
    expect(read.body).toEqual(created.body);
  });

  it('merges config changes and checks the result against the app type', async () => {
    const app = await createApp(server, tenant);
    const updated = await api('PATCH', `/api/apps/${app.id}`, {
      config: { label: 'Coffee' },
      name: 'Coffee jar',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Coffee jar', config: { label: 'Coffee', currency: 'USD' } });

    const bad = await api('PATCH', `/api/apps/${app.id}`, { config: { minAmount: 5000, maxAmount: 100 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('config.minAmount');
    expect((await api('GET', `/api/apps/${app.id}`)).body.config.minAmount).toBe(100);
  });

  it('refuses allowed origins that are not origins', async () => {
    const response = await api('POST', '/api/apps', {
      type: 'booking',
      name: 'Calls',
      allowedOrigins: ['https://example.com/path'],
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ location: 'body', field: 'allowedOrigins.0' });
  });

  it('records every change in the audit log, newest first, with the key that made it', async () => {
    const app = await createApp(server, tenant);
    await api('PATCH', `/api/apps/${app.id}`, { name: 'Renamed' });
    const log = await api('GET', '/api/audit-log?limit=2');
    expect(log.status).toBe(200);
    expect(log.body.entries.map((entry: { action: string }) => entry.action)).toEqual([
      'app.update',
      'app.create',
    ]);
    expect(log.body.entries[0]).toMatchObject({
      actorType: 'api_key',
      targetId: app.id,
      before: { name: 'Tips' },
      after: { name: 'Renamed' },
    });
    expect(log.body.entries[0].requestId).toEqual(expect.any(String));
    const next = await api('GET', `/api/audit-log?limit=2&before=${log.body.nextBefore}`);
    expect(next.body.entries[0].id).toBeLessThan(log.body.entries[1].id);
  });

  it('keeps the audit log append-only in the database itself', async () => {
    const failure = (statement: string) =>
      server.services.database.db.execute(statement).then(
        () => 'succeeded',
        (error: Error & { cause?: Error }) => String(error.cause?.message ?? error.message),
      );
    expect(await failure("update audit_log set action = 'x'")).toMatch(/append-only/);
    expect(await failure('delete from audit_log')).toMatch(/append-only/);
  });

  it('exports everything the tenant owns and nothing else', async () => {
    const other = await createTenant(server);
    const othersApp = await createApp(server, other);
    const mine = await createApp(server, tenant);
    const exported = await api('GET', '/api/export');
    expect(exported.status).toBe(200);
    expect(exported.body.tenant.id).toBe(tenant.tenantId);
    const ids = exported.body.apps.map((app: { id: string }) => app.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(othersApp.id);
    expect(JSON.stringify(exported.body)).not.toContain(other.tenantId);
    expect(JSON.stringify(exported.body)).not.toMatch(/secretHash|secret_hash/);
    expect(exported.body.auditLog.length).toBeGreaterThan(0);
  });

  it('serves the public part of an app to its allowed sites only (CORS)', async () => {
    const app = await createApp(server, tenant);
    const allowed = await fetch(`${server.url}/api/public/apps/${app.id}`, {
      headers: { origin: 'https://creator.example' },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://creator.example');
    const body = (await allowed.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('allowedOrigins');
    const stranger = await fetch(`${server.url}/api/public/apps/${app.id}`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    const widget = await fetch(`${server.url}/api/public/apps/${app.id}`, {
      headers: { origin: server.services.config.widgetOrigin },
    });
    expect(widget.headers.get('access-control-allow-origin')).toBe(server.services.config.widgetOrigin);
  });
});

describe('theme overrides', () => {
  it('accepts an accent that keeps every pair readable', async () => {
    const response = await api('POST', '/api/apps', {
      type: 'tip-jar',
      name: 'Violet',
      theme: { accent: '#7c3aed' },
    });
    expect(response.status).toBe(201);
    expect(response.body.theme).toEqual({ accent: '#7c3aed' });
  });

  it('refuses an accent that breaks contrast, naming the pair, the ratio and the nearest accent that passes', async () => {
    const response = await api('POST', '/api/apps', {
      type: 'tip-jar',
      name: 'Pale',
      theme: { accent: '#fde68a' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    expect(response.body.detail).toMatch(
      /contrast ratio of [\d.]+:1; it needs at least [\d.]+:1\. The nearest accent that passes is #[0-9a-f]{6}/,
    );
    expect(response.body.errors[0].field).toBe('theme.accent');
    const [failure] = response.body.contrast;
    expect(failure).toMatchObject({ pair: expect.stringContaining('accent'), required: expect.any(Number) });
    expect(failure.ratio).toBeLessThan(failure.required);
    const retry = await api('POST', '/api/apps', {
      type: 'tip-jar',
      name: 'Fixed',
      theme: { accent: failure.suggestion },
    });
    expect(retry.status).toBe(201);
  });
});

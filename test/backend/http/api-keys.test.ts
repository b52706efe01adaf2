import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createTenant, type TestTenant } from '../../helpers/factories.ts';
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

describe('API keys', () => {
  it('shows a new key once and stores only a hash of it', async () => {
    const created = await api('POST', '/api/keys', { name: 'reader', scopes: ['apps:read'] });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^pbk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true);
    const secret = created.body.key.split('_').at(-1);
    const rows = await server.services.database.db.execute(
      `select * from api_keys where id = '${created.body.id}'`,
    );
    const stored = JSON.stringify((rows as unknown as { rows: unknown[] }).rows);
    expect(stored).not.toContain(secret);
    expect(stored).toMatch(/[0-9a-f]{64}/);
    const listed = await api('GET', '/api/keys');
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(listed.body.keys.find((key: { id: string }) => key.id === created.body.id)).toMatchObject({
      scopes: ['apps:read'],
    });
  });

  it('refuses a revoked key on the very next call', async () => {
    const created = await api('POST', '/api/keys', { name: 'short-lived', scopes: ['apps:read'] });
    const asKey = apiClient(server, created.body.key);
    expect((await asKey('GET', '/api/apps')).status).toBe(200);
    const revoked = await api('DELETE', `/api/keys/${created.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const after = await asKey('GET', '/api/apps');
    expect(after.status).toBe(401);
    expect(after.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('answers 403 naming the missing scope', async () => {
    const created = await api('POST', '/api/keys', { name: 'reader', scopes: ['apps:read'] });
    const response = await apiClient(server, created.body.key)('POST', '/api/apps', {
      type: 'tip-jar',
      name: 'x',
    });
    expect(response.status).toBe(403);
    expect(response.body.detail).toContain('apps:write');
    expect(response.body.missingScopes).toEqual(['apps:write']);
  });

  it('lets a key grant only scopes it holds', async () => {
    const narrow = await api('POST', '/api/keys', { name: 'key admin', scopes: ['keys:write', 'apps:read'] });
    const response = await apiClient(server, narrow.body.key)('POST', '/api/keys', {
      name: 'escalation',
      scopes: ['apps:read', 'payments:refund'],
    });
    expect(response.status).toBe(403);
    expect(response.body.detail).toContain('payments:refund');
  });

  it('refuses missing, malformed and unknown keys alike with 401', async () => {
    for (const header of [
      undefined,
      'Bearer nonsense',
      `Bearer pbk_aaaaaaaaaaaa_${'A'.repeat(43)}`,
      'Basic abc',
    ]) {
      const response = await fetch(`${server.url}/api/apps`, {
        headers: header ? { authorization: header } : {},
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/API key/);
    }
  });

  it('records when a key was last used', async () => {
    const created = await api('POST', '/api/keys', { name: 'tracked', scopes: ['apps:read', 'keys:read'] });
    expect(created.body.lastUsedAt).toBeNull();
    const asKey = apiClient(server, created.body.key);
    const listed = await asKey('GET', '/api/keys');
    expect(listed.body.keys.find((key: { id: string }) => key.id === created.body.id).lastUsedAt).toEqual(
      expect.any(String),
    );
  });
});

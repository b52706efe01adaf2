import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, signInFan, type TestTenant } from '../helpers/factories.ts';
import { cookieJar, startOAuthProvider } from '../helpers/oauth-provider.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/*
 * Credentials used where they do not belong. A session cookie an attacker planted before sign-in must
 * not become the victim's session (fixation); a fan token, an overlay key, a session cookie without
 * its CSRF token, or a key of another kind must each be refused where another credential is expected
 * (audience confusion).
 */
let provider: Awaited<ReturnType<typeof startOAuthProvider>>;
let server: TestServer;
let creator: TestTenant;
let tipJar: string;

beforeAll(async () => {
  provider = await startOAuthProvider();
  server = await startTestServer(provider.env);
  creator = await createTenant(server);
  tipJar = (await createApp(server, creator)).id;
});
afterAll(async () => {
  await server?.close();
  await provider?.close();
});

async function signIn(jar: ReturnType<typeof cookieJar>) {
  const start = await jar.fetch(`${server.url}/auth/twitch`);
  const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  return jar.fetch(authorize.headers.get('location')!);
}

describe('session fixation', () => {
  it('issues a new session at sign-in and never adopts a cookie set before it', async () => {
    const jar = cookieJar();
    const planted = 'attacker-chosen-session-value';
    jar.cookies.set('pb_session', planted);
    const callback = await signIn(jar);
    expect(callback.status).toBe(303);
    const issued = jar.cookies.get('pb_session');
    expect(issued).toBeDefined();
    expect(issued).not.toBe(planted);
    expect(issued).not.toContain(planted);

    const attacker = cookieJar();
    attacker.cookies.set('pb_session', planted);
    expect((await attacker.fetch(`${server.url}/api/session`)).status).toBe(401);
    expect((await jar.fetch(`${server.url}/api/session`)).status).toBe(200);
  });

  it('gives every sign-in its own session, so a stolen earlier one is not reused', async () => {
    const first = cookieJar();
    await signIn(first);
    const second = cookieJar();
    second.cookies.set('pb_session', first.cookies.get('pb_session')!);
    await signIn(second);
    expect(second.cookies.get('pb_session')).not.toBe(first.cookies.get('pb_session'));
  });
});

describe('audience confusion', () => {
  it("refuses a fan token as a creator's API key", async () => {
    const { token } = await signInFan(server, tipJar);
    const response = await apiClient(server, token)('GET', '/api/apps');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses an overlay key anywhere but its own app’s public event stream', async () => {
    const created = await apiClient(server, creator.apiKey)('POST', `/api/apps/${tipJar}/overlay-keys`, {
      name: 'OBS',
    });
    expect(created.status).toBe(201);
    const overlayKey = String(created.body.key ?? created.body.token);
    expect(overlayKey).toBeTruthy();
    for (const path of ['/api/apps', `/api/apps/${tipJar}`, '/api/payments/balance', '/api/keys']) {
      expect((await apiClient(server, overlayKey)('GET', path)).status, path).toBe(401);
    }
  });

  it("refuses a creator's API key where a fan's token is required, and a fan token at another app", async () => {
    const other = (await createApp(server, creator)).id;
    const { token } = await signInFan(server, tipJar);
    const mine = await apiClient(server, token)('GET', `/api/public/apps/${tipJar}/my-data`);
    expect(mine.status).toBe(200);
    expect((await apiClient(server, token)('GET', `/api/public/apps/${other}/my-data`)).status).toBe(401);
    expect(
      (await apiClient(server, creator.apiKey)('GET', `/api/public/apps/${tipJar}/my-data`)).status,
    ).toBe(401);
  });

  it('refuses a state change made with a session cookie but without its CSRF token', async () => {
    const jar = cookieJar();
    await signIn(jar);
    const response = await jar.fetch(`${server.url}/api/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'sneaky', scopes: ['apps:read'] }),
    });
    expect(response.status).toBe(403);
  });
});

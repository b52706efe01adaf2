import { mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../backend/config.ts';
import { createLogger } from '../../../backend/logger.ts';
import { startServer, type RunningServer } from '../../../backend/server.ts';
import { createApp, createTenant } from '../../helpers/factories.ts';
import { cookieJar, startOAuthProvider } from '../../helpers/oauth-provider.ts';
import { openTestDatabase } from '../../helpers/test-database.ts';

/*
 * The server behind a TLS-terminating proxy: PUBLIC_URL and WIDGET_ORIGIN are https, the process itself
 * listens on plain HTTP on loopback. Cookie names and attributes follow the public origins. The browser
 * reaches the public URLs; here each one is sent to the local port that serves it.
 */

const PUBLIC_URL = 'https://patchbay.test';
const WIDGET_ORIGIN = 'https://widgets.patchbay.test';

let provider: Awaited<ReturnType<typeof startOAuthProvider>>;
let running: RunningServer;
let local: { api: string; widget: string };

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The public URL as the local server that answers it. */
function viaProxy(url: string): string {
  const target = new URL(url);
  const base = target.origin === PUBLIC_URL ? local.api : target.origin === WIDGET_ORIGIN ? local.widget : '';
  return base ? `${base}${target.pathname}${target.search}` : url;
}

beforeAll(async () => {
  provider = await startOAuthProvider();
  const [apiPort, widgetPort] = [await freePort(), await freePort()];
  const config = loadConfig({
    ...provider.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    PATCHBAY_DATA_DIR: mkdtempSync(join(tmpdir(), 'patchbay-test-')),
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    WIDGET_PORT: String(widgetPort),
    PUBLIC_URL,
    WIDGET_ORIGIN,
    TRUST_PROXY: 'loopback',
  });
  running = await startServer({
    config,
    database: await openTestDatabase(),
    logger: createLogger(config.logLevel),
  });
  local = { api: `http://127.0.0.1:${apiPort}`, widget: `http://127.0.0.1:${widgetPort}` };
});

afterAll(async () => {
  await running?.close();
  await provider?.close();
});

const forwarded = { 'x-forwarded-proto': 'https' };

function cookieLine(response: Response, name: string): string {
  const line = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
  expect(line, `${name} is set`).toBeDefined();
  return line!;
}

/** `__Host-` cookies must be Secure, Path=/ and carry no Domain, or browsers drop them. */
function expectHostCookie(line: string) {
  expect(line).toMatch(/;\s*Secure/i);
  expect(line).toMatch(/;\s*Path=\/(;|$)/i);
  expect(line).not.toMatch(/;\s*Domain=/i);
  expect(line).toMatch(/;\s*HttpOnly/i);
}

describe('sign-in over HTTPS (PUBLIC_URL https behind a proxy)', () => {
  it('uses __Host- cookies, Secure and host-only, through the whole creator sign-in', async () => {
    const jar = cookieJar();
    const start = await jar.fetch(`${local.api}/auth/twitch`, { headers: forwarded });
    expect(start.status).toBe(302);
    expectHostCookie(cookieLine(start, '__Host-pb_oauth'));
    const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const callbackUrl = authorize.headers.get('location')!;
    expect(new URL(callbackUrl).origin).toBe(PUBLIC_URL);
    const callback = await jar.fetch(viaProxy(callbackUrl), { headers: forwarded });
    expect(callback.status).toBe(303);
    const sessionCookie = cookieLine(callback, '__Host-pb_session');
    expectHostCookie(sessionCookie);
    expect(sessionCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(jar.cookies.has('pb_session')).toBe(false);

    const session = await jar.fetch(`${local.api}/api/session`, { headers: forwarded });
    expect(session.status).toBe(200);
    expectHostCookie(cookieLine(session, '__Host-pb_csrf'));
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    // A cookie without the prefix is not the session: a sibling subdomain could have planted it.
    const planted = await fetch(`${local.api}/api/session`, {
      headers: { ...forwarded, cookie: `pb_session=${jar.cookies.get('__Host-pb_session')}` },
    });
    expect(planted.status).toBe(401);

    const out = await jar.fetch(`${local.api}/api/sessions/revoke-all`, {
      method: 'POST',
      headers: { ...forwarded, 'x-csrf-token': csrfToken },
    });
    expect(out.status).toBe(200);
    expect(cookieLine(out, '__Host-pb_session')).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it('keeps the fan popup state in a __Host- cookie of the widget origin', async () => {
    const app = await createApp(
      { ...running, url: local.api, widgetUrl: local.widget },
      await createTenant({ ...running, url: local.api, widgetUrl: local.widget }),
    );
    const jar = cookieJar();
    const start = await jar.fetch(
      `${local.widget}/auth/fan/twitch?app=${app.id}&opener=${encodeURIComponent(WIDGET_ORIGIN)}`,
      { headers: forwarded },
    );
    expect(start.status).toBe(302);
    expectHostCookie(cookieLine(start, '__Host-pb_fan_oauth'));
    const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const callbackUrl = authorize.headers.get('location')!;
    expect(new URL(callbackUrl).origin).toBe(WIDGET_ORIGIN);
    const page = await jar.fetch(viaProxy(callbackUrl), { headers: forwarded });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('fan-signed-in');
  });
});

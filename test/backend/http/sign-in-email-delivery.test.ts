import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../backend/config.ts';
import { startServer, type RunningServer } from '../../../backend/server.ts';
import { apiClient, createApp, createTenant } from '../../helpers/factories.ts';
import { cookieJar } from '../../helpers/oauth-provider.ts';
import { openTestDatabase } from '../../helpers/test-database.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

/*
 * Without SMTP_URL a sign-in link can go nowhere safe: a development server writes it to its log (so a
 * fresh checkout can still sign in), every other server refuses to make one, and the pages say so.
 */

describe('email links on a server without SMTP, in production', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      NODE_ENV: 'production',
      SESSION_SECRET: 'a-production-secret-of-32-characters',
      ALLOW_TEST_PAYMENTS: 'true',
    });
  });
  afterAll(() => server?.close());

  it('refuses the API request with a problem that names SMTP_URL, and sets no cookie', async () => {
    const response = await apiClient(server)('POST', '/api/auth/magic-link', { email: 'a@example.com' });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.detail).toContain('SMTP_URL');
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('says so on the sign-in page, offers no form, and refuses a posted one', async () => {
    const page = await (await fetch(`${server.url}/auth/sign-in`)).text();
    expect(page).toContain('Email links are off');
    expect(page).toContain('SMTP_URL');
    expect(page).not.toContain('<form');
    const posted = await fetch(`${server.url}/auth/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40example.com',
    });
    expect(posted.status).toBe(503);
    expect(await posted.text()).toContain('SMTP_URL');
  });

  it('says so in the fan popup too', async () => {
    const app = await createApp(server, await createTenant(server));
    const query = `app=${app.id}&opener=${encodeURIComponent(server.widgetUrl)}`;
    const chooser = await (await fetch(`${server.widgetUrl}/auth/fan?${query}`)).text();
    expect(chooser).toContain('Email links are off');
    expect(chooser).not.toContain('<form');
    const posted = await fetch(`${server.widgetUrl}/auth/fan/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=a%40example.com&${query}`,
    });
    expect(posted.status).toBe(503);
  });
});

describe('email links on a development server without SMTP', () => {
  let running: RunningServer;
  let url: string;
  const lines: string[] = [];
  beforeAll(async () => {
    const config = {
      ...loadConfig({
        NODE_ENV: 'development',
        PATCHBAY_DATA_DIR: mkdtempSync(join(tmpdir(), 'patchbay-test-')),
      }),
      port: 0,
      widgetPort: 0,
      host: '127.0.0.1',
    };
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    running = await startServer({ config, database: await openTestDatabase(), logger });
    url = `http://127.0.0.1:${running.apiPort}`;
  });
  afterAll(() => running?.close());

  it('writes the link to the server log, says so, and the link signs in', async () => {
    const page = await (await fetch(`${url}/auth/sign-in`)).text();
    expect(page).toContain('writes the link to its log');
    const jar = cookieJar();
    const response = await jar.fetch(`${url}/api/auth/magic-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'dev@example.com' }),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ delivery: 'server-log' });
    const logged = lines.join('\n');
    const link = /http:\/\/[^\s"\\]+\/auth\/email\/callback\?token=[\w%-]+/.exec(logged)?.[0];
    expect(link, 'the link is in the log').toBeDefined();
    const opened = await jar.fetch(link!.replace(/^http:\/\/[^/]+/, url));
    expect(opened.status).toBe(303);
    const session = (await (await jar.fetch(`${url}/api/session`)).json()) as { user: { email: string } };
    expect(session.user.email).toBe('dev@example.com');
  });
});

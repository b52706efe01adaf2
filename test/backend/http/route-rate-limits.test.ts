import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAN_TOKEN_ACCOUNT_LIMIT,
  PUBLIC_SUBMISSION_LIMITS,
  SIGN_IN_ACCOUNT_LIMIT,
  SIGN_IN_IP_LIMITS,
} from '../../../backend/http/rate-limits.ts';
import { apiClient, createApp, createTenant, signInFan, type TestTenant } from '../../helpers/factories.ts';
import { cookieJar, startOAuthProvider } from '../../helpers/oauth-provider.ts';
import { startSmtpCapture } from '../../helpers/smtp-capture.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let provider: Awaited<ReturnType<typeof startOAuthProvider>>;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let server: TestServer;
let creator: TestTenant;
let other: TestTenant;
let tipJarId: string;

beforeAll(async () => {
  // Behind a proxy on loopback, as in production behind a load balancer: the address is X-Forwarded-For.
  provider = await startOAuthProvider();
  smtp = await startSmtpCapture();
  server = await startTestServer({ ...provider.env, SMTP_URL: smtp.url, TRUST_PROXY: 'loopback' });
  creator = await createTenant(server);
  other = await createTenant(server);
  tipJarId = (await createApp(server, creator)).id;
});
afterAll(async () => {
  await server?.close();
  await provider?.close();
  await smtp?.close();
});

const perAddress = SIGN_IN_IP_LIMITS[0]!.points;

type Call = () => Promise<{ status: number; headers: Headers; body?: unknown }>;

/** Calls until the first 429 (at most `max` times) and checks it is the limiter's problem. */
async function expectCutOffAfter(allowed: number, call: Call) {
  for (let i = 0; i < allowed; i++) expect((await call()).status, `call ${i + 1}`).not.toBe(429);
  const refused = await call();
  expect(refused.status).toBe(429);
  expect(refused.headers.get('content-type')).toContain('application/problem+json');
  const retryAfter = Number(refused.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(900);
}

const get = (base: string, path: string, address: string) =>
  fetch(`${base}${path}`, { headers: { 'x-forwarded-for': address }, redirect: 'manual' });

describe('rate limits on sign-in', () => {
  it('limits magic links per address and per email address', async () => {
    const ask = (address: string, email = `${randomUUID()}@example.com`) =>
      apiClient(server)('POST', '/api/auth/magic-link', { email }, { 'x-forwarded-for': address });
    await expectCutOffAfter(perAddress, () => ask('203.0.113.10'));
    expect((await ask('203.0.113.11')).status).toBe(202);

    let n = 20;
    await expectCutOffAfter(5, () => ask(`198.51.100.${n++}`, 'Victim@Example.com'));
    expect((await ask('198.51.100.99', 'someone-else@example.com')).status).toBe(202);
  });

  it('limits email-link callbacks and OAuth starts per address', async () => {
    await expectCutOffAfter(perAddress, () =>
      get(server.url, '/auth/email/callback?token=nope', '203.0.113.20'),
    );
    expect((await get(server.url, '/auth/email/callback?token=nope', '203.0.113.21')).status).not.toBe(429);
    await expectCutOffAfter(perAddress, () =>
      get(server.url, '/auth/twitch/callback?code=x', '203.0.113.22'),
    );
    expect((await get(server.url, '/auth/twitch', '203.0.113.23')).status).not.toBe(429);
  });

  it('counts IPv6 callers by their /56', async () => {
    const callback = (address: string) => get(server.url, '/auth/email/callback?token=nope', address);
    let host = 1;
    // Every address of 2001:db8:0:1xx::/56 is one caller; 2001:db8:0:200:: is the next network.
    await expectCutOffAfter(perAddress, () =>
      callback(`2001:db8:0:1${(host++ % 256).toString(16).padStart(2, '0')}::${host}`),
    );
    expect((await callback('2001:db8:0:200::1')).status).not.toBe(429);
  });

  it('limits fan sign-in popups per address', async () => {
    const popup = (address: string) =>
      get(
        server.widgetUrl,
        `/auth/fan/twitch?app=${tipJarId}&opener=${encodeURIComponent(server.widgetUrl)}`,
        address,
      );
    await expectCutOffAfter(perAddress, () => popup('203.0.113.30'));
    expect((await popup('203.0.113.31')).status).not.toBe(429);
  });
});

describe('rate limits per sign-in account', () => {
  let n = 0;
  /** A whole OAuth sign-in, each from a fresh address so only the per-account count can refuse it. */
  async function signIn(name: 'twitch' | 'discord' | 'google', start: string) {
    const jar = cookieJar();
    const headers = { 'x-forwarded-for': `198.18.${Math.floor(n / 250)}.${(n++ % 250) + 1}` };
    const first = await jar.fetch(start, { headers });
    if (first.status !== 302) return first;
    const authorize = await fetch(first.headers.get('location')!, { redirect: 'manual' });
    const callback = await jar.fetch(authorize.headers.get('location')!, { headers });
    return Object.assign(callback, { jar });
  }
  const creator = (name: 'twitch' | 'discord' | 'google', query = '') =>
    signIn(name, `${server.url}/auth/${name}${query}`);
  const fan = (name: 'twitch' | 'discord' | 'google') =>
    signIn(
      name,
      `${server.widgetUrl}/auth/fan/${name}?app=${tipJarId}&opener=${encodeURIComponent(server.widgetUrl)}`,
    );

  it('limits OAuth sign-ins of one provider account, creators and fans together, from any address', async () => {
    provider.users.twitch = { id: '9100', name: 'Busy', email: 'busy@twitch.example' };
    const allowed = SIGN_IN_ACCOUNT_LIMIT.points;
    for (let i = 0; i < allowed - 1; i++)
      expect((await creator('twitch')).status, `sign-in ${i + 1}`).toBe(303);
    expect((await fan('twitch')).status).toBe(200);
    const refused = await creator('twitch');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.text()).toContain('Too many sign-ins');
    const popup = await fan('twitch');
    expect(popup.status).toBe(429);
    expect(await popup.text()).toContain('fan-sign-in-failed');

    provider.users.twitch = { id: '9101', name: 'Calm', email: 'calm@twitch.example' };
    expect((await creator('twitch')).status).toBe(303);
  });

  it('limits the fan tokens minted for one person across their sign-in methods', async () => {
    provider.users.twitch = { id: '9200', name: 'Collector', email: 'collector@twitch.example' };
    provider.users.discord = { id: '9201', name: 'Collector D', email: 'collector@discord.example' };
    provider.users.google = { id: '9202', name: 'Collector G', email: 'collector@google.example' };
    // One person with three providers, so no single provider account reaches its own limit first.
    const signedIn = await creator('twitch');
    const { jar } = signedIn as typeof signedIn & { jar: ReturnType<typeof cookieJar> };
    for (const name of ['discord', 'google'] as const) {
      const start = await jar.fetch(`${server.url}/auth/${name}?link=1`);
      const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
      expect((await jar.fetch(authorize.headers.get('location')!)).status).toBe(303);
    }
    const names = ['twitch', 'discord', 'google'] as const;
    for (let i = 0; i < FAN_TOKEN_ACCOUNT_LIMIT.points; i++) {
      expect((await fan(names[i % 3]!)).status, `token ${i + 1}`).toBe(200);
    }
    const refused = await fan('google');
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('fan-sign-in-failed');
  });
});

describe('rate limits on payments', () => {
  it('limits public reads of the tip jar per address', async () => {
    const jar = (address: string) =>
      apiClient(server)('GET', `/api/public/apps/${tipJarId}/tip-jar`, undefined, {
        'x-forwarded-for': address,
      });
    await expectCutOffAfter(120, () => jar('203.0.113.40'));
    expect((await jar('203.0.113.41')).status).toBe(200);
  });

  it("limits one signed-in fan's requests whatever address they send from", async () => {
    const form = await createApp(server, creator, {
      type: 'request-form',
      name: 'Shoutouts',
      config: { template: 'shoutout', pricing: { mode: 'free' } },
    });
    const { token } = await signInFan(server, form.id);
    let n = 0;
    const send = (authorization: string) =>
      apiClient(server)(
        'POST',
        '/api/requests',
        {
          appId: form.id,
          idempotencyKey: randomUUID(),
          answers: { recipient: 'Bo', occasion: 'birthday', message: `Happy birthday, Bo! (${n})` },
        },
        { authorization, 'x-forwarded-for': `198.51.100.${(n++ % 250) + 1}` },
      );
    await expectCutOffAfter(PUBLIC_SUBMISSION_LIMITS[2]!.points, () => send(`Bearer ${token}`));
    // Another fan is not held back by this one.
    const other = await signInFan(server, form.id);
    expect((await send(`Bearer ${other.token}`)).status).not.toBe(429);
  });

  it('limits refunds per API key, whatever the address, the casing of Bearer or other cookies', async () => {
    let n = 1;
    const refund = (authorization: string) =>
      apiClient(server)(
        'POST',
        `/api/payments/${randomUUID()}/refunds`,
        { reason: 'requested_by_customer' },
        { authorization, cookie: `junk${n}=${n}`, 'x-forwarded-for': `192.0.2.${n++}` },
      );
    const casings = ['Bearer ', 'bearer ', 'BEARER   '];
    await expectCutOffAfter(30, () => refund(`${casings[n % 3]}${creator.apiKey}`));
    expect((await refund(`Bearer ${other.apiKey}`)).status).toBe(404);
  });

  it('limits refunds per session, whatever other cookies come with it', async () => {
    provider.users.google = { id: '9300', name: 'Refunder', email: 'refunder@google.example' };
    const jar = cookieJar();
    const start = await jar.fetch(`${server.url}/auth/google`, {
      headers: { 'x-forwarded-for': '192.0.2.200' },
    });
    const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    await jar.fetch(authorize.headers.get('location')!, { headers: { 'x-forwarded-for': '192.0.2.200' } });
    const session = (await (await jar.fetch(`${server.url}/api/session`)).json()) as { csrfToken: string };
    let n = 1;
    const refund = async () => {
      const response = await fetch(`${server.url}/api/payments/${randomUUID()}/refunds`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': session.csrfToken,
          cookie: `${jar.header()}; junk${n}=${n}`,
          'x-forwarded-for': `192.0.2.${n++}`,
        },
        body: JSON.stringify({ reason: 'requested_by_customer' }),
      });
      return { status: response.status, headers: response.headers };
    };
    expect((await refund()).status).toBe(404);
    await expectCutOffAfter(29, refund);
  });
});

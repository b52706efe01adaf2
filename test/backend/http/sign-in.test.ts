import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant } from '../../helpers/factories.ts';
import { cookieJar, startOAuthProvider } from '../../helpers/oauth-provider.ts';
import { nextSignInLink } from '../../helpers/email-links.ts';
import { startSmtpCapture, type CapturedMail } from '../../helpers/smtp-capture.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let provider: Awaited<ReturnType<typeof startOAuthProvider>>;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let server: TestServer;

beforeAll(async () => {
  provider = await startOAuthProvider();
  smtp = await startSmtpCapture();
  // Every browser here is 127.0.0.1: the limits per address are tested in route-rate-limits.test.ts.
  server = await startTestServer({ ...provider.env, SMTP_URL: smtp.url, RATE_LIMIT_SCALE: '10' });
});

afterAll(async () => {
  await server?.close();
  await smtp?.close();
  await provider?.close();
});

type Jar = ReturnType<typeof cookieJar>;

/** Follows the browser's path: our start URL → provider's authorize → our callback. */
async function oauthSignIn(jar: Jar, name: 'twitch' | 'discord' | 'google', query = '') {
  const start = await jar.fetch(`${server.url}/auth/${name}${query}`);
  expect(start.status).toBe(302);
  const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  expect(authorize.status).toBe(302);
  const callbackUrl = authorize.headers.get('location')!;
  const callback = await jar.fetch(callbackUrl);
  return { start, callbackUrl, callback };
}

async function session(jar: Jar) {
  const response = await jar.fetch(`${server.url}/api/session`);
  return { status: response.status, body: (await response.json()) as any };
}

describe('creator sign-in with OAuth providers', () => {
  for (const name of ['twitch', 'discord', 'google'] as const) {
    it(`signs a new creator in with ${name}, gives them a creator account and a session`, async () => {
      const jar = cookieJar();
      const { callback } = await oauthSignIn(jar, name);
      expect(callback.status).toBe(303);
      expect(callback.headers.get('location')).toBe('/auth/signed-in');
      const cookie = callback.headers.getSetCookie().find((line) => line.startsWith('pb_session='))!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      const { status, body } = await session(jar);
      expect(status).toBe(200);
      expect(body.user.displayName).toBe(provider.users[name].name);
      expect(body.identities.map((i: any) => i.provider)).toEqual([name]);
      expect(body.memberships).toEqual([expect.objectContaining({ role: 'owner' })]);
      const landing = await jar.fetch(`${server.url}/auth/signed-in`);
      expect(await landing.text()).toContain(provider.users[name].name);
    });
  }

  it('sends state on every provider and a PKCE challenge where the provider supports it', () => {
    const byClient = new Map(provider.authorizeRequests.map((q) => [q.client_id, q]));
    for (const client of ['twitch-client', 'discord-client', 'google-client']) {
      expect(byClient.get(client)?.state, client).toMatch(/^[\w-]{20,}$/);
    }
    expect(byClient.get('discord-client')?.code_challenge_method).toBe('S256');
    expect(byClient.get('google-client')?.code_challenge_method).toBe('S256');
    // Twitch has no PKCE: the local provider refuses a verifier for a code without a challenge, so the
    // Twitch sign-in above passing proves none was sent.
    expect(byClient.get('twitch-client')?.code_challenge).toBeUndefined();
  });

  it('signs the same creator in again without a second account', async () => {
    const first = cookieJar();
    await oauthSignIn(first, 'twitch');
    const again = cookieJar();
    await oauthSignIn(again, 'twitch');
    expect((await session(again)).body.user.id).toBe((await session(first)).body.user.id);
  });

  it('refuses a callback whose state does not match the browser that started', async () => {
    const jar = cookieJar();
    const { callbackUrl } = await oauthSignIn(cookieJar(), 'twitch');
    const forged = await jar.fetch(callbackUrl);
    expect(forged.status).toBe(401);
    expect(await forged.text()).toContain('not started in this browser');
    expect((await session(jar)).status).toBe(401);

    const tampered = cookieJar();
    const start = await tampered.fetch(`${server.url}/auth/discord`);
    const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const url = new URL(authorize.headers.get('location')!);
    url.searchParams.set('state', 'not-the-state-we-sent');
    expect((await tampered.fetch(url.toString())).status).toBe(401);
  });

  it('refuses a replayed authorization code', async () => {
    const jar = cookieJar();
    const start = await jar.fetch(`${server.url}/auth/google`);
    const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const callbackUrl = authorize.headers.get('location')!;
    const savedState = jar.cookies.get('pb_oauth')!;
    expect((await jar.fetch(callbackUrl)).status).toBe(303);
    // Even with the state cookie put back, the provider refuses the used code.
    const replay = cookieJar();
    replay.cookies.set('pb_oauth', savedState);
    const replayed = await replay.fetch(callbackUrl);
    expect(replayed.status).toBe(401);
    expect(replay.cookies.has('pb_session')).toBe(false);
  });

  it('links a second provider to the signed-in creator and refuses unlinking the last one', async () => {
    provider.users.discord = { id: '2100', name: 'Linker', email: 'linker@discord.example' };
    provider.users.google = { id: '3100', name: 'Linker G', email: 'linker@google.example' };
    const jar = cookieJar();
    await oauthSignIn(jar, 'discord');
    const { callback } = await oauthSignIn(jar, 'google', '?link=1');
    expect(callback.status).toBe(303);
    const { body } = await session(jar);
    expect(body.identities.map((i: any) => i.provider).sort()).toEqual(['discord', 'google']);
    // The same user in a second browser, signed in with the linked provider.
    const other = cookieJar();
    await oauthSignIn(other, 'google');
    const otherSession = (await session(other)).body;
    expect(otherSession.user.id).toBe(body.user.id);
    const csrf = { 'x-csrf-token': otherSession.csrfToken };
    const discord = body.identities.find((i: any) => i.provider === 'discord');
    const google = body.identities.find((i: any) => i.provider === 'google');
    expect(
      (
        await other.fetch(`${server.url}/api/session/identities/${discord.id}`, {
          method: 'DELETE',
          headers: csrf,
        })
      ).status,
    ).toBe(204);
    // The browser that signed in with Discord is signed out with it; the Google one stays.
    expect((await session(jar)).status).toBe(401);
    const still = await session(other);
    expect(still.status).toBe(200);
    const last = await other.fetch(`${server.url}/api/session/identities/${google.id}`, {
      method: 'DELETE',
      headers: { 'x-csrf-token': still.body.csrfToken },
    });
    expect(last.status).toBe(409);
    expect(((await last.json()) as any).detail).toContain('only way to sign in');
  });

  it('signs this browser out when it unlinks the provider it signed in with', async () => {
    provider.users.twitch = { id: '1700', name: 'Switcher', email: 'switcher@twitch.example' };
    provider.users.google = { id: '3700', name: 'Switcher G', email: 'switcher@google.example' };
    const jar = cookieJar();
    await oauthSignIn(jar, 'twitch');
    await oauthSignIn(jar, 'google', '?link=1');
    const { body } = await session(jar);
    const twitch = body.identities.find((i: any) => i.provider === 'twitch');
    const unlinked = await jar.fetch(`${server.url}/api/session/identities/${twitch.id}`, {
      method: 'DELETE',
      headers: { 'x-csrf-token': body.csrfToken },
    });
    expect(unlinked.status).toBe(204);
    expect(unlinked.headers.getSetCookie().some((line) => /^pb_session=;/.test(line))).toBe(true);
    expect(jar.cookies.has('pb_session')).toBe(false);
    // Signing in with what is left works, as the same user.
    await oauthSignIn(jar, 'google');
    expect((await session(jar)).body.user.id).toBe(body.user.id);
  });
});

describe('email sign-in links', () => {
  async function requestLink(jar: Jar, email: string) {
    const response = await jar.fetch(`${server.url}/api/auth/magic-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    return { response, link: await nextSignInLink(smtp, email, '/auth/email/callback', seen) };
  }
  const seen = new Set<CapturedMail>();

  /** The browser's way: the form on the sign-in page, posted as a form from that page. */
  const postForm = (
    jar: Jar,
    fields: Record<string, string>,
    from: Record<string, string> = { origin: 'null', 'sec-fetch-site': 'same-origin' },
  ) =>
    jar.fetch(`${server.url}/auth/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...from },
      body: new URLSearchParams(fields).toString(),
    });

  it('offers an email form on the sign-in page, with no inline script', async () => {
    const response = await fetch(`${server.url}/auth/sign-in`);
    const html = await response.text();
    expect(html).toMatch(/<form method="post" action="\/auth\/email">/);
    expect(html).toContain('type="email" name="email" required');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/\son[a-z]+=/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).toContain('Sign in with Twitch');
  });

  it('sends the link from the form, and it signs in the browser that posted it', async () => {
    const jar = cookieJar();
    const posted = await postForm(jar, { email: 'Form.User@Example.com' });
    expect(posted.status).toBe(202);
    expect(await posted.text()).toContain('Check your email');
    const link = await nextSignInLink(smtp, 'form.user@example.com', '/auth/email/callback', seen);
    expect((await jar.fetch(link)).status).toBe(303);
    expect((await session(jar)).body.user.email).toBe('form.user@example.com');
  });

  it('refuses the form from another site and shows the form again for a bad address', async () => {
    const form = { email: 'x@example.com' };
    const foreign: Record<string, string>[] = [
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ];
    for (const from of foreign) {
      expect((await postForm(cookieJar(), form, from)).status, JSON.stringify(from)).toBe(403);
    }
    expect((await postForm(cookieJar(), form, { origin: server.url })).status).toBe(202);
    const bad = await postForm(cookieJar(), { email: 'not an address' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('value="not an address"');
  });

  it('adds an email to the signed-in creator in link mode, instead of making a new user', async () => {
    provider.users.twitch = { id: '1800', name: 'Adder', email: 'adder@twitch.example' };
    const jar = cookieJar();
    await oauthSignIn(jar, 'twitch');
    const before = (await session(jar)).body;
    const page = await (await jar.fetch(`${server.url}/auth/sign-in?link=1`)).text();
    expect(page).toContain('name="link" value="1"');
    expect((await postForm(jar, { email: 'adder@example.com', link: '1' })).status).toBe(202);
    const link = await nextSignInLink(smtp, 'adder@example.com', '/auth/email/callback', seen);
    expect((await jar.fetch(link)).status).toBe(303);
    const after = (await session(jar)).body;
    expect(after.user.id).toBe(before.user.id);
    expect(after.identities.map((i: any) => i.provider).sort()).toEqual(['email', 'twitch']);
    // The address now signs the same user in, from any browser that asks.
    const elsewhere = cookieJar();
    await requestLink(elsewhere, 'adder@example.com').then(({ link: next }) => elsewhere.fetch(next));
    expect((await session(elsewhere)).body.user.id).toBe(before.user.id);
  });

  it('links an email through the API too (`link: true`)', async () => {
    provider.users.discord = { id: '2800', name: 'Api Adder', email: 'api-adder@discord.example' };
    const jar = cookieJar();
    await oauthSignIn(jar, 'discord');
    const userId = (await session(jar)).body.user.id;
    const asked = await jar.fetch(`${server.url}/api/auth/magic-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'api-adder@example.com', link: true }),
    });
    expect(asked.status).toBe(202);
    await jar.fetch(await nextSignInLink(smtp, 'api-adder@example.com', '/auth/email/callback', seen));
    const { body } = await session(jar);
    expect(body.user.id).toBe(userId);
    expect(body.identities.map((i: any) => i.provider).sort()).toEqual(['discord', 'email']);
  });

  it('emails a link that signs the browser that asked in, once', async () => {
    const jar = cookieJar();
    const { response, link } = await requestLink(jar, 'Fan.Creator@Example.com');
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ delivery: 'email' });
    const opened = await jar.fetch(link);
    expect(opened.status).toBe(303);
    expect((await session(jar)).body.user.email).toBe('fan.creator@example.com');
    const reused = await jar.fetch(link);
    expect(reused.status).toBe(401);
    expect(await reused.text()).toContain('already used');
  });

  it('refuses a link opened in another browser', async () => {
    const { link } = await requestLink(cookieJar(), 'other-browser@example.com');
    const elsewhere = cookieJar();
    expect((await elsewhere.fetch(link)).status).toBe(401);
    expect(elsewhere.cookies.has('pb_session')).toBe(false);
  });

  it('refuses an expired link', async () => {
    const jar = cookieJar();
    const { link } = await requestLink(jar, 'slow@example.com');
    await server.services.database.db.execute(
      sql`update magic_links set expires_at = now() - interval '1 second' where email = 'slow@example.com'`,
    );
    expect((await jar.fetch(link)).status).toBe(401);
  });

  it('answers the same for a known and an unknown address', async () => {
    const known = await requestLink(cookieJar(), 'fan.creator@example.com');
    const unknown = await requestLink(cookieJar(), `nobody-${Date.now()}@example.com`);
    expect(unknown.response.status).toBe(known.response.status);
    expect(await unknown.response.json()).toEqual(await known.response.json());
  });
});

describe('sessions', () => {
  it('lists sessions, revokes one and signs out everywhere', async () => {
    provider.users.twitch = { id: '1500', name: 'Multi', email: 'multi@twitch.example' };
    const laptop = cookieJar();
    const phone = cookieJar();
    await oauthSignIn(laptop, 'twitch');
    await oauthSignIn(phone, 'twitch');
    const { body } = await session(laptop);
    const list = await laptop.fetch(`${server.url}/api/sessions`);
    const sessions = ((await list.json()) as any).sessions;
    expect(sessions).toHaveLength(2);
    const other = sessions.find((s: any) => !s.current);
    const csrf = { 'x-csrf-token': body.csrfToken };
    expect(
      (await laptop.fetch(`${server.url}/api/sessions/${other.id}`, { method: 'DELETE', headers: csrf }))
        .status,
    ).toBe(204);
    expect((await session(phone)).status).toBe(401);
    await oauthSignIn(phone, 'twitch');
    const all = await laptop.fetch(`${server.url}/api/sessions/revoke-all`, {
      method: 'POST',
      headers: csrf,
    });
    expect(await all.json()).toEqual({ revoked: 2 });
    expect((await session(laptop)).status).toBe(401);
    expect((await session(phone)).status).toBe(401);
  });

  it('refuses a cookie-authenticated change without the CSRF token', async () => {
    const jar = cookieJar();
    await oauthSignIn(jar, 'google');
    const list = await jar.fetch(`${server.url}/api/sessions`);
    const [current] = ((await list.json()) as any).sessions;
    const response = await jar.fetch(`${server.url}/api/sessions/${current.id}`, { method: 'DELETE' });
    expect(response.status).toBe(403);
    expect(((await response.json()) as any).detail).toContain('X-CSRF-Token');
    const keyCall = await jar.fetch(`${server.url}/api/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'tip-jar', name: 'Tips', allowedOrigins: [] }),
    });
    expect(keyCall.status).toBe(403);
  });

  it("keeps the first tab's CSRF token valid when a second tab of the same browser asks for one", async () => {
    const jar = cookieJar();
    await oauthSignIn(jar, 'google');
    const first = (await session(jar)).body.csrfToken;
    const second = (await session(jar)).body.csrfToken;
    const response = await jar.fetch(`${server.url}/api/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': first },
      body: JSON.stringify({ type: 'tip-jar', name: 'Tips', allowedOrigins: [] }),
    });
    expect(response.status).toBe(201);
    expect(second).toBe(first);
  });

  it('lets a signed-in owner call key operations with the session, audited as the user', async () => {
    provider.users.twitch = { id: '1600', name: 'Owner', email: 'owner@twitch.example' };
    const jar = cookieJar();
    await oauthSignIn(jar, 'twitch');
    const { body } = await session(jar);
    const created = await jar.fetch(`${server.url}/api/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': body.csrfToken },
      body: JSON.stringify({ type: 'tip-jar', name: 'Session tips', allowedOrigins: [] }),
    });
    expect(created.status).toBe(201);
    const audit = await jar.fetch(`${server.url}/api/audit-log?action=app.create`);
    const entries = ((await audit.json()) as any).entries;
    expect(entries[0]).toMatchObject({ actorType: 'user', actorId: body.user.id });
  });
});

describe('members of several creator accounts', () => {
  it("grant a moderator only their role's scopes, in the account they name", async () => {
    provider.users.discord = { id: '2900', name: 'Mod', email: 'mod@discord.example' };
    const jar = cookieJar();
    await oauthSignIn(jar, 'discord');
    const { body } = await session(jar);
    const other = await createTenant(server);
    await server.services.platform.accounts.addMember({
      tenantId: other.tenantId,
      userId: body.user.id,
      role: 'moderator',
    });
    const ambiguous = await jar.fetch(`${server.url}/api/apps`);
    expect(ambiguous.status).toBe(403);
    expect(((await ambiguous.json()) as any).detail).toContain('X-Patchbay-Tenant');
    const as = (tenantId: string) => ({ headers: { 'x-patchbay-tenant': tenantId } });
    expect((await jar.fetch(`${server.url}/api/apps`, as(other.tenantId))).status).toBe(200);
    const money = await jar.fetch(`${server.url}/api/payments/balance`, as(other.tenantId));
    expect(money.status).toBe(403);
    expect(((await money.json()) as any).detail).toContain('payments:read');
    const stranger = await createTenant(server);
    expect((await jar.fetch(`${server.url}/api/apps`, as(stranger.tenantId))).status).toBe(403);
  });
});

describe('API keys', () => {
  it('answers 403 naming the scope a key lacks', async () => {
    const tenant = await createTenant(server);
    await createApp(server, tenant);
    const call = apiClient(server, tenant.apiKey);
    const narrow = await call('POST', '/api/keys', { name: 'read only', scopes: ['apps:read'] });
    const response = await apiClient(server, narrow.body.key)('POST', '/api/apps', {
      type: 'tip-jar',
      name: 'Nope',
      allowedOrigins: [],
    });
    expect(response.status).toBe(403);
    expect(response.body.detail).toContain('apps:write');
    expect(response.body.missingScopes).toEqual(['apps:write']);
  });
});

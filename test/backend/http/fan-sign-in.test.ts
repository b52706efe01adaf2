import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { cookieJar, startOAuthProvider } from '../../helpers/oauth-provider.ts';
import { nextSignInLink } from '../../helpers/email-links.ts';
import { expectLedgerConsistent, newKey, waitFor } from '../../helpers/payments.ts';
import { startSmtpCapture, type CapturedMail } from '../../helpers/smtp-capture.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let provider: Awaited<ReturnType<typeof startOAuthProvider>>;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let server: TestServer;
let creator: TestTenant;
let tipJar: { id: string };
let otherJar: { id: string };

beforeAll(async () => {
  provider = await startOAuthProvider();
  smtp = await startSmtpCapture();
  server = await startTestServer({ ...provider.env, SMTP_URL: smtp.url });
  creator = await createTenant(server);
  tipJar = await createApp(server, creator, {
    type: 'tip-jar',
    name: 'Stream tips',
    allowedOrigins: ['https://creator.example'],
    config: { identity: { level: 'twitch', fromAmount: 500 } },
  });
  otherJar = await createApp(server, creator, { type: 'tip-jar', name: 'Other', allowedOrigins: [] });
});

afterEach(() => expectLedgerConsistent(server));
afterAll(async () => {
  await server?.close();
  await provider?.close();
  await smtp?.close();
});

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The popup's path on the widget origin; returns the result its last page hands to the opener. */
async function popupSignIn(appId: string, opener = server.widgetUrl, name: 'twitch' | 'google' = 'twitch') {
  const jar = cookieJar();
  const start = await jar.fetch(
    `${server.widgetUrl}/auth/fan/${name}?app=${appId}&opener=${encodeURIComponent(opener)}`,
  );
  if (start.status !== 302)
    return { status: start.status, result: undefined, opener: undefined, page: start };
  const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const callbackUrl = authorize.headers.get('location')!;
  expect(new URL(callbackUrl).origin).toBe(server.widgetUrl);
  const page = await jar.fetch(callbackUrl);
  const html = await page.text();
  const result = JSON.parse(unescapeHtml(/data-pb-result="([^"]*)"/.exec(html)![1]!));
  const target = unescapeHtml(/data-pb-opener="([^"]*)"/.exec(html)![1]!);
  return { status: page.status, result, opener: target, page, callbackUrl, jar };
}

const startTip = (appId: string, amount: number, token?: string, extra: Record<string, unknown> = {}) =>
  apiClient(server, token)('POST', `/api/public/apps/${appId}/tips`, {
    amount,
    idempotencyKey: newKey(),
    ...extra,
  });

describe('fan sign-in in a popup on the widget origin', () => {
  it('hands an app-bound fan token to exactly the opener origin, with a page that runs no inline script', async () => {
    const { status, result, opener, page } = await popupSignIn(tipJar.id);
    expect(status).toBe(200);
    expect(opener).toBe(server.widgetUrl);
    expect(result.type).toBe('fan-signed-in');
    expect(result.payload.displayName).toBe(provider.users.twitch.name);
    const identity = await server.services.fanTokens.verify(result.payload.token, tipJar.id);
    expect(identity).toMatchObject({ provider: 'twitch', appId: tipJar.id });
    await expect(server.services.fanTokens.verify(result.payload.token, otherJar.id)).rejects.toThrow();
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    const script = await fetch(`${server.widgetUrl}/auth/fan/done.js`);
    const code = await script.text();
    expect(code).toContain('postMessage(');
    expect(code).not.toContain("'*'");
  });

  it('refuses an opener the app does not allow, and accepts an allowed site for inline widgets', async () => {
    expect((await popupSignIn(tipJar.id, 'https://evil.example')).status).toBe(403);
    const allowed = await popupSignIn(tipJar.id, 'https://creator.example');
    expect(allowed.opener).toBe('https://creator.example');
  });

  it('refuses a callback with a state the popup did not start, and tells the opener', async () => {
    const { callbackUrl } = await popupSignIn(tipJar.id);
    const replay = await cookieJar().fetch(callbackUrl!);
    expect(replay.status).toBe(401);
    expect(await replay.text()).toContain('fan-sign-in-failed');
  });

  it('requires the identity the app asks for before a tip at or above its threshold', async () => {
    expect((await startTip(tipJar.id, 300)).status).toBe(201);
    const anonymous = await startTip(tipJar.id, 500);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.requiredIdentity).toBe('twitch');
    expect(anonymous.body.detail).toContain('sign-in with Twitch');

    const google = (await popupSignIn(tipJar.id, server.widgetUrl, 'google')).result.payload.token;
    expect((await startTip(tipJar.id, 500, google)).status).toBe(403);

    const { result } = await popupSignIn(tipJar.id);
    expect((await startTip(tipJar.id, 500, result.payload.token)).status).toBe(201);
  });

  it('refuses a token for another app and an expired token', async () => {
    const { result } = await popupSignIn(tipJar.id);
    const wrongApp = await startTip(otherJar.id, 500, result.payload.token);
    expect(wrongApp.status).toBe(401);
    const identity = await server.services.fanTokens.verify(result.payload.token, tipJar.id);
    const expired = await server.services.fanTokens.sign(identity, { ttlSeconds: -10 });
    expect((await startTip(tipJar.id, 500, expired)).status).toBe(401);
  });
});

describe("fans' own data", () => {
  it('lists a signed-in fan’s tips in the app and erases the personal parts, keeping the money', async () => {
    provider.users.twitch = { id: '7777', name: 'DataFan', email: 'datafan@twitch.example' };
    const { result } = await popupSignIn(tipJar.id);
    const token = result.payload.token as string;
    const started = await startTip(tipJar.id, 700, token, { name: 'Dana', message: 'Love the show' });
    await apiClient(server)('POST', `/api/public/payments/${started.body.id}/test-confirm`, {
      clientSecret: started.body.clientSecret,
      cardNumber: '4242 4242 4242 4242',
    });
    await waitFor(
      async () =>
        (
          (await server.services.database.db.execute(
            sql`select 1 from tips where payment_id = ${started.body.id}`,
          )) as unknown as { rows: unknown[] }
        ).rows.length > 0 || undefined,
      'the tip to be recorded',
    );
    const call = apiClient(server, token);
    const mine = await call('GET', `/api/public/apps/${tipJar.id}/my-data`);
    expect(mine.status).toBe(200);
    const [payments] = mine.body.sources;
    expect(payments.items).toEqual([
      expect.objectContaining({
        id: started.body.id,
        details: expect.objectContaining({ name: 'Dana', message: 'Love the show' }),
      }),
    ]);
    expect((await apiClient(server)('GET', `/api/public/apps/${tipJar.id}/my-data`)).status).toBe(401);
    expect((await call('GET', `/api/public/apps/${otherJar.id}/my-data`)).status).toBe(401);

    const deleted = await call('DELETE', `/api/public/apps/${tipJar.id}/my-data`);
    expect(deleted.body.erased).toEqual(
      expect.arrayContaining([
        { kind: 'payments', erased: 1 },
        { kind: 'requests', erased: 0 },
      ]),
    );
    expect((await call('GET', `/api/public/apps/${tipJar.id}/my-data`)).body.sources[0].items).toEqual([]);
    const { rows } = (await server.services.database.db.execute(
      sql`select p.amount, p.status, p.metadata, t.name, t.message from payments p join tips t on t.payment_id = p.id where p.id = ${started.body.id}`,
    )) as unknown as { rows: Array<Record<string, any>> };
    expect(rows[0]).toMatchObject({ status: 'succeeded', name: null, message: null });
    expect(Number(rows[0]!.amount)).toBe(700);
    expect(JSON.stringify(rows[0]!.metadata)).not.toMatch(/Dana|Love the show/);
    const events = (await server.services.database.db.execute(
      sql`select payload from live_events where source = ${started.body.id}`,
    )) as unknown as { rows: Array<{ payload: Record<string, unknown> }> };
    expect(JSON.stringify(events.rows)).not.toMatch(/Dana|Love the show/);
  });
});

describe('fan sign-in with an email link, in the popup', () => {
  const seen = new Set<CapturedMail>();
  let emailJar: { id: string };
  beforeAll(async () => {
    emailJar = await createApp(server, creator, {
      type: 'tip-jar',
      name: 'Email <fans>',
      allowedOrigins: ['https://creator.example'],
      config: { identity: { level: 'email' } },
    });
  });
  const query = (appId: string, opener = server.widgetUrl) =>
    `app=${appId}&opener=${encodeURIComponent(opener)}`;
  const attribute = (html: string, name: string) =>
    unescapeHtml(new RegExp(`${name}="([^"]*)"`).exec(html)?.[1] ?? '');
  const askForLink = (jar: ReturnType<typeof cookieJar>, appId: string, email: string) =>
    jar.fetch(`${server.widgetUrl}/auth/fan/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.widgetUrl },
      body: `email=${encodeURIComponent(email)}&${query(appId)}`,
    });

  it('offers the sign-ins the app accepts: every provider and the email form where an email will do', async () => {
    const chooser = await fetch(`${server.widgetUrl}/auth/fan?${query(emailJar.id)}`);
    expect(chooser.status).toBe(200);
    const html = await chooser.text();
    for (const name of ['Twitch', 'Discord', 'Google']) expect(html).toContain(`Sign in with ${name}`);
    expect(html).toMatch(/<form method="post" action="\/auth\/fan\/email">/);
    expect(html).toContain('Sign in to Email &lt;fans&gt;');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(chooser.headers.get('content-security-policy')).toContain("form-action 'self'");

    // The tip jar above asks for Twitch: only Twitch, no email form.
    const twitchOnly = await (await fetch(`${server.widgetUrl}/auth/fan?${query(tipJar.id)}`)).text();
    expect(twitchOnly).toContain('Sign in with Twitch');
    expect(twitchOnly).not.toContain('Sign in with Google');
    expect(twitchOnly).not.toContain('<form');
    expect(
      (await fetch(`${server.widgetUrl}/auth/fan?${query(tipJar.id, 'https://evil.example')}`)).status,
    ).toBe(403);
  });

  it('emails a link whose tab hands the token to the waiting popup, for this app only', async () => {
    const jar = cookieJar();
    const waiting = await askForLink(jar, emailJar.id, 'Mail.Fan@Example.com');
    expect(waiting.status).toBe(202);
    const waitPage = await waiting.text();
    const channel = attribute(waitPage, 'data-pb-wait');
    expect(channel).toMatch(/^[\w-]{20,}$/);
    expect(attribute(waitPage, 'data-pb-opener')).toBe(server.widgetUrl);
    expect(waitPage).toContain('src="/auth/fan/done.js"');

    const link = await nextSignInLink(smtp, 'mail.fan@example.com', '/auth/fan/email/callback', seen);
    expect(new URL(link).origin).toBe(server.widgetUrl);
    const opened = await jar.fetch(link);
    expect(opened.status).toBe(200);
    const html = await opened.text();
    expect(attribute(html, 'data-pb-channel')).toBe(channel);
    const result = JSON.parse(attribute(html, 'data-pb-result'));
    expect(result).toMatchObject({
      type: 'fan-signed-in',
      payload: { provider: 'email', displayName: 'mail.fan' },
    });
    const identity = await server.services.fanTokens.verify(result.payload.token, emailJar.id);
    expect(identity).toMatchObject({ provider: 'email', email: 'mail.fan@example.com' });
    expect((await startTip(emailJar.id, 500, result.payload.token)).status).toBe(201);
    expect((await startTip(tipJar.id, 500, result.payload.token)).status).toBe(401);
    expect((await jar.fetch(link)).status).toBe(401);
  });

  it('refuses the link in another browser, and email where the app asks for a provider', async () => {
    await askForLink(cookieJar(), emailJar.id, 'two.browsers@example.com');
    const link = await nextSignInLink(smtp, 'two.browsers@example.com', '/auth/fan/email/callback', seen);
    const elsewhere = await cookieJar().fetch(link);
    expect(elsewhere.status).toBe(401);
    expect(await elsewhere.text()).not.toContain('data-pb-result');

    expect((await askForLink(cookieJar(), tipJar.id, 'nope@example.com')).status).toBe(403);
    const foreign = await cookieJar().fetch(`${server.widgetUrl}/auth/fan/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: `email=x%40example.com&${query(emailJar.id)}`,
    });
    expect(foreign.status).toBe(403);
  });

  it('serves the popup script that waits on the channel and posts only to the named opener', async () => {
    const code = await (await fetch(`${server.widgetUrl}/auth/fan/done.js`)).text();
    expect(code).toContain('new BroadcastChannel(');
    expect(code).toContain('event.origin !== location.origin');
    expect(code).toContain('window.opener.postMessage(');
    expect(code).not.toContain("'*'");
  });
});

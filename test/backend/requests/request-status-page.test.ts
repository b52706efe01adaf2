import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { newKey, waitFor } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let creator: TestTenant;
let form: { id: string };
let songs: { id: string };
const asCreator = () => apiClient(server, creator.apiKey);
const lifecycleOnly = { duplicates: { windowMinutes: 0 }, spam: { holdAt: 100 } };
const hostile = '<script>alert(1)</script><b>bold</b> & "quoted"';

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '20' });
  creator = await createTenant(server);
  form = await createApp(server, creator, {
    type: 'request-form',
    name: 'Shoutouts',
    allowedOrigins: ['https://creator.example'],
    config: {
      title: 'Shoutouts <em>live</em>',
      fields: [
        { id: 'message', type: 'long-text', label: 'Message', required: true },
        {
          id: 'occasion',
          type: 'select',
          label: 'Occasion',
          options: [{ value: 'birthday', label: 'Birthday' }],
        },
      ],
      moderation: lifecycleOnly,
    },
  });
  songs = await createApp(server, creator, {
    type: 'request-form',
    name: 'Songs',
    allowedOrigins: ['https://creator.example'],
    config: { template: 'song', moderation: lifecycleOnly },
  });
});
afterAll(() => server.close());

async function submit(appId: string, answers: Record<string, unknown>, name?: string) {
  const created = await apiClient(server)('POST', '/api/requests', {
    appId,
    answers,
    name,
    idempotencyKey: newKey('request'),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; statusToken: string; statusUrl: string; payment: any };
}

async function open(url: string) {
  const response = await fetch(url);
  return { response, html: await response.text() };
}

describe("the fan's status page", () => {
  it('is HTML on the widget origin, runs no script, and shows the state, the place in the queue and what was sent, escaped', async () => {
    const created = await submit(form.id, { message: hostile, occasion: 'birthday' }, 'Sam <i>');
    expect(new URL(created.statusUrl).origin).toBe(server.services.config.widgetOrigin);
    const { response, html } = await open(created.statusUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('script-src');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('private, no-store');

    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;',
    );
    expect(html).toContain('Sam &lt;i&gt;');
    expect(html).toContain('Shoutouts &lt;em&gt;live&lt;/em&gt;');
    expect(html).toContain('Waiting for the creator. You are number 1 in the queue.');
    // Choices are shown by their label, as the fan picked them.
    expect(html).toMatch(/<dt>Occasion<\/dt><dd>Birthday<\/dd>/);
    // Still moving: the page reloads itself (no script needed for that).
    expect(html).toContain('<meta http-equiv="refresh" content="30">');

    const css = await fetch(`${server.services.config.widgetOrigin}/requests/status.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it("shows the creator's delivery note once fulfilled, as text, and stops refreshing", async () => {
    const created = await submit(form.id, { message: 'Happy birthday, Ada!' });
    const note = 'Done! <img src=x onerror=alert(1)> https://example.com/video';
    await asCreator()('POST', `/api/requests/${created.id}/complete`, { note });
    const { html } = await open(created.statusUrl);
    expect(html).toContain('Done! Your request is fulfilled.');
    expect(html).toContain('<h2>Note from the creator</h2>');
    expect(html).toContain('Done! &lt;img src=x onerror=alert(1)&gt; https://example.com/video');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('http-equiv="refresh"');
  });

  it('shows the reason of a rejection and that the card was not charged', async () => {
    const created = await submit(songs.id, {
      title: 'Clair de Lune',
      artist: 'Debussy',
      link: 'https://www.youtube.com/watch?v=CvFH_6DNRCY',
    });
    const waiting = await open(created.statusUrl);
    expect(waiting.html).toContain('Waiting for your payment.');
    // The fan can finish paying from the page: the pay window, with the secret in the fragment only.
    expect(waiting.html).toContain(
      `href="${server.services.config.widgetOrigin}/pay/${created.payment.id}#secret=`,
    );
    await apiClient(server)('POST', `/api/public/payments/${created.payment.id}/test-confirm`, {
      clientSecret: created.payment.clientSecret,
      cardNumber: '4242 4242 4242 4242',
    });
    await waitFor(
      async () => (await open(created.statusUrl)).html.includes('You are number'),
      'the request to be queued',
    );
    const authorized = await open(created.statusUrl);
    expect(authorized.html).toContain(
      '$3.00 is authorized on your card and charged only if the creator accepts.',
    );
    await asCreator()('POST', `/api/requests/${created.id}/reject`, { reason: 'Piano only <u>today</u>' });
    const { html } = await open(created.statusUrl);
    expect(html).toContain('The creator declined your request.');
    expect(html).toContain('<p class="reason">Piano only &lt;u&gt;today&lt;/u&gt;</p>');
    expect(html).toContain('Your card was not charged.');
  });

  it('answers a wrong or missing token, and an unknown request, with the same 404 page', async () => {
    const created = await submit(form.id, { message: 'Secret shoutout' });
    const base = `${server.services.config.widgetOrigin}/requests`;
    for (const url of [
      `${base}/${created.id}?token=${'x'.repeat(43)}`,
      `${base}/${created.id}`,
      `${base}/00000000-0000-4000-8000-000000000000?token=${created.statusToken}`,
      `${base}/not-a-uuid?token=abc`,
    ]) {
      const { response, html } = await open(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(html).toContain('Request not found');
      expect(html).not.toContain('Secret shoutout');
    }
  });
});

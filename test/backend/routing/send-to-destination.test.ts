import { describe, expect, it } from 'vitest';
import type { MailMessage } from '../../../backend/domain/mail.ts';
import type {
  DeliveryRecord,
  RouteDestination,
  RouteRecord,
  RoutingContext,
} from '../../../backend/domain/routing/routing-types.ts';
import { sendToDestination } from '../../../backend/domain/routing/send-to-destination.ts';

/** Fan text that tries every trick a display surface must defuse. */
const HOSTILE_NAME = '<img src=x onerror=alert(1)> @everyone';
const HOSTILE_MESSAGE = [
  '[click me](javascript:alert(1)) **bold** # heading',
  'in\u200bvoice\u202egnp.exe\u2066hidden\u2069',
  '<script>alert(2)</script> ![pixel](https://evil.example/p.png)',
].join('\n');
const MEGABYTE = `${'a'.repeat(1_000_000)}<img src=x onerror=alert(3)>`;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

function harness() {
  const requests: Array<{ url: string; body: string }> = [];
  const mails: MailMessage[] = [];
  const context: RoutingContext = {
    http: {
      check: async () => undefined,
      request: async (url, init) => {
        requests.push({ url, body: init.body });
        return { status: 200, headers: {}, body: JSON.stringify({ id: 'card1' }), latencyMs: 1 };
      },
    },
    mailer: {
      send: async (message) => {
        mails.push(message);
        return { delivered: true, messageId: 'm1' };
      },
    },
    retryScale: 1,
    trelloApiUrl: 'https://trello.test',
    discordWebhookPrefix: 'https://discord.test/api/webhooks/',
    now: () => new Date('2026-06-01T12:00:00Z'),
    random: () => 0,
  };
  return { context, requests, mails };
}

const route = (destination: RouteDestination, config: Record<string, unknown>): RouteRecord => ({
  id: 'route-1',
  tenantId: 'tenant-1',
  appId: 'app-1',
  name: 'Route',
  eventTypes: ['tip.received'],
  destination,
  config,
  secret: null,
  previousSecret: null,
  previousSecretExpiresAt: null,
  status: 'enabled',
  disabledReason: null,
  failingSince: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

const delivery = (name: string, message: string): DeliveryRecord => ({
  id: 'delivery-1',
  tenantId: 'tenant-1',
  routeId: 'route-1',
  eventId: 1,
  eventType: 'tip.received',
  messageId: 'msg_1',
  subject: 'payment-1',
  body: {
    type: 'tip.received',
    timestamp: '2026-06-01T12:00:00.000Z',
    data: { appId: 'app-1', amount: 500, currency: 'usd', name, message },
  },
  status: 'pending',
  attemptCount: 0,
  runAttempts: 0,
  nextAttemptAt: null,
  lastStatusCode: null,
  lastError: null,
  createdAt: new Date('2026-06-01T12:00:00Z'),
  updatedAt: new Date('2026-06-01T12:00:00Z'),
});

async function send(destination: RouteDestination, name: string, message: string) {
  const { context, requests, mails } = harness();
  const config =
    destination === 'email'
      ? { to: 'creator@example.com' }
      : destination === 'trello'
        ? { listId: 'list-1', apiKey: 'key', token: 'token' }
        : { url: 'https://discord.test/api/webhooks/1/token' };
  const result = await sendToDestination({
    route: route(destination, config),
    delivery: delivery(name, message),
    context,
    cardId: undefined,
  });
  expect(result.outcome, result.error ?? '').toBe('succeeded');
  return { request: requests[0], mail: mails[0] };
}

describe('fan text on person-facing destinations', () => {
  it('Discord: markup, links, Markdown and mentions stay text; invisible characters are gone', async () => {
    const { request } = await send('discord', HOSTILE_NAME, HOSTILE_MESSAGE);
    const body = JSON.parse(request!.body);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const [embed] = body.embeds;
    const name = embed.fields.find((field: { name: string }) => field.name === 'Name').value as string;
    expect(name).toBe('\\<img src=x onerror=alert\\(1\\)\\> @\u200beveryone');
    const description = embed.description as string;
    expect(description).toContain('\\[click me\\]\\(javascript:alert\\(1\\)\\)');
    expect(description).toContain('\\*\\*bold\\*\\* \\#\u200b heading');
    expect(description).toContain('\\!\\[pixel\\]');
    expect(description).toContain('invoicegnp.exehidden');
    expect(description.replace(/[@#]\u200b/g, '')).not.toMatch(INVISIBLE);
  });

  it('email: the HTML part escapes everything, the text part is clean, and nothing adds lines', async () => {
    const { mail } = await send('email', `${HOSTILE_NAME}\nAmount: $1,000,000`, HOSTILE_MESSAGE);
    const html = mail!.html!;
    expect(html).not.toMatch(/<img|<script|<a\b|href=/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('[click me](javascript:alert(1))');
    expect(html).toContain('invoicegnp.exehidden');
    expect(html).not.toMatch(INVISIBLE);
    const text = mail!.text;
    expect(text).not.toMatch(INVISIBLE);
    expect(text).toContain('invoicegnp.exehidden');
    // The fan's line break in their name cannot forge a line of its own.
    expect(text.split('\n').filter((line) => line.startsWith('Amount:'))).toEqual(['Amount: $5.00']);
    expect(mail!.subject).toBe('New tip: $5.00');
  });

  it('Trello: the card description shows Markdown, links and images as typed', async () => {
    const { request } = await send('trello', HOSTILE_NAME, HOSTILE_MESSAGE);
    const body = JSON.parse(request!.body) as { name: string; desc: string };
    expect(body.desc).toContain('**Name:** \\<img src=x onerror=alert\\(1\\)\\> @everyone');
    expect(body.desc).toContain('> \\[click me\\]\\(javascript:alert\\(1\\)\\) \\*\\*bold\\*\\* \\# heading');
    expect(body.desc).toContain('> \\<script\\>alert\\(2\\)\\</script\\> \\!\\[pixel\\]');
    expect(body.desc).toContain('> invoicegnp.exehidden');
    expect(body.desc).not.toMatch(INVISIBLE);
    expect(body.name).toBe('New tip · payment-1');
  });

  it.each(['discord', 'email', 'trello'] as const)(
    '%s: a 1 MB name and message are cut short',
    async (to) => {
      const { request, mail } = await send(to, MEGABYTE, MEGABYTE);
      const sent = request ? request.body : `${mail!.subject}\n${mail!.text}\n${mail!.html}`;
      expect(sent.length).toBeLessThan(12_000);
      expect(sent).not.toContain('<img');
      expect(sent).toContain('…');
    },
  );
});

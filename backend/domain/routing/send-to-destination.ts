import { formatForDiscord } from '../moderation/format-for-discord.ts';
import { formatForHtml } from '../moderation/format-for-html.ts';
import { formatForMarkdown } from '../moderation/format-for-markdown.ts';
import { formatPlainText } from '../moderation/format-plain-text.ts';
import { describeEvent, type EventDescription } from './describe-event.ts';
import type {
  AttemptOutcome,
  DeliveryRecord,
  OutboundResponse,
  RouteRecord,
  RoutingContext,
} from './routing-types.ts';
import { signWebhook } from './sign-webhook.ts';

export interface SendResult {
  outcome: AttemptOutcome;
  statusCode: number | null;
  error: string | null;
  retryAfterSeconds?: number | undefined;
  latencyMs: number;
  /** A Trello card made by this attempt. */
  cardId?: string | undefined;
}

const USER_AGENT = 'Patchbay-Webhooks/1';

/**
 * Text for a Discord embed: moderation's one Discord formatter (`formatForDiscord`: cleaned, Markdown
 * escaped, mentions and channel links neutralised), then cut to Discord's limit for the place, which
 * escaping may have pushed it past.
 */
function discordSafe(text: string, limit: number): string {
  const safe = formatForDiscord(text, limit);
  return safe.length > limit ? `${safe.slice(0, limit - 1)}…` : safe;
}

/**
 * The longest a labelled value (a fan's name, a request's title) is shown in an email or on a card; the
 * fan's message gets moderation's display limit.
 */
const FIELD_LIMIT = 500;
const SUBJECT_LIMIT = 200;

function parseRetryAfter(value: string | string[] | undefined, now: Date): number | undefined {
  const header = Array.isArray(value) ? value[0] : value;
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

function fromResponse(response: OutboundResponse, now: Date): SendResult {
  const ok = response.status >= 200 && response.status < 300;
  return {
    outcome: ok ? 'succeeded' : response.status === 410 ? 'gone' : 'failed',
    statusCode: response.status,
    error: ok
      ? null
      : response.status >= 300 && response.status < 400
        ? `The destination answered ${response.status} (a redirect); redirects are not followed.`
        : `The destination answered ${response.status}.`,
    retryAfterSeconds: parseRetryAfter(response.headers['retry-after'], now),
    latencyMs: response.latencyMs,
  };
}

function failure(error: unknown, startedAt: number): SendResult {
  return {
    outcome: 'failed',
    statusCode: null,
    error: error instanceof Error ? error.message : String(error),
    latencyMs: Date.now() - startedAt,
  };
}

function eventData(delivery: DeliveryRecord): Record<string, unknown> {
  const data = delivery.body.data;
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

async function sendWebhook(route: RouteRecord, delivery: DeliveryRecord, context: RoutingContext) {
  const now = context.now();
  const body = JSON.stringify(delivery.body);
  const secrets = [route.secret ?? ''];
  if (route.previousSecret && route.previousSecretExpiresAt && route.previousSecretExpiresAt > now) {
    secrets.push(route.previousSecret);
  }
  const timestamp = Math.floor(now.getTime() / 1000);
  const response = await context.http.request(String(route.config.url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'webhook-id': delivery.messageId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook({ secrets, messageId: delivery.messageId, timestamp, body }),
    },
    body,
  });
  return fromResponse(response, now);
}

function discordMessage(description: EventDescription, delivery: DeliveryRecord) {
  return {
    username: 'Patchbay',
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: discordSafe(description.title, 256),
        ...(description.text ? { description: discordSafe(description.text, 4096) } : {}),
        fields: description.fields.map((field) => ({
          name: discordSafe(field.name, 256),
          value: discordSafe(field.value, 1024) || '—',
          inline: true,
        })),
        timestamp: delivery.createdAt.toISOString(),
        color: 0x7c3aed,
        footer: { text: delivery.eventType },
      },
    ],
  };
}

async function sendDiscord(route: RouteRecord, delivery: DeliveryRecord, context: RoutingContext) {
  const description = describeEvent(delivery.eventType, eventData(delivery));
  const url = new URL(String(route.config.url));
  url.searchParams.set('wait', 'true');
  const response = await context.http.request(url.href, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT },
    body: JSON.stringify(discordMessage(description, delivery)),
  });
  return fromResponse(response, context.now());
}

async function sendEmail(route: RouteRecord, delivery: DeliveryRecord, context: RoutingContext) {
  const startedAt = Date.now();
  const description = describeEvent(delivery.eventType, eventData(delivery));
  // Fan-written values pass moderation's formatters: cleaned (no zero-width or direction-changing
  // characters), capped, and for HTML escaped; a labelled value stays on its line.
  const plain = (value: string) => formatPlainText(value, { limit: FIELD_LIMIT, singleLine: true });
  const lines = description.fields.map((field) => `${plain(field.name)}: ${plain(field.value)}`);
  const message = description.text ? formatPlainText(description.text) : '';
  const text = [description.title, '', ...lines, ...(message ? ['', message] : [])].join('\n');
  const html = [
    `<h1>${formatForHtml(description.title)}</h1>`,
    '<table>',
    ...description.fields.map(
      (field) =>
        `<tr><th align="left">${formatForHtml(field.name, FIELD_LIMIT)}</th><td>${formatForHtml(field.value, FIELD_LIMIT)}</td></tr>`,
    ),
    '</table>',
    ...(description.text
      ? [`<blockquote style="white-space:pre-wrap">${formatForHtml(description.text)}</blockquote>`]
      : []),
  ].join('\n');
  const summary = description.fields.find((field) => field.name === 'Amount')?.value;
  await context.mailer.send({
    to: String(route.config.to),
    subject: formatPlainText(summary ? `${description.title}: ${summary}` : description.title, {
      limit: SUBJECT_LIMIT,
      singleLine: true,
    }),
    text,
    html,
    headers: { 'X-Patchbay-Delivery': delivery.messageId },
  });
  return { outcome: 'succeeded' as const, statusCode: null, error: null, latencyMs: Date.now() - startedAt };
}

async function sendTrello(
  route: RouteRecord,
  delivery: DeliveryRecord,
  context: RoutingContext,
  cardId: string | undefined,
): Promise<SendResult> {
  const description = describeEvent(delivery.eventType, eventData(delivery));
  const name = formatPlainText(`${description.title} · ${delivery.subject}`, {
    limit: SUBJECT_LIMIT,
    singleLine: true,
  });
  // Card descriptions render Markdown: fan text goes through moderation's Markdown formatter (cleaned,
  // capped, every Markdown character escaped), each line of the message quoted.
  const markdown = (value: string) => formatForMarkdown(value, FIELD_LIMIT).replace(/\s*\n\s*/g, ' ');
  const quoted = description.text
    ? formatForMarkdown(description.text)
        .split('\n')
        .map((line) => `> ${line}`)
    : [];
  const desc = [
    ...description.fields.map((field) => `**${markdown(field.name)}:** ${markdown(field.value)}`),
    ...(quoted.length > 0 ? ['', ...quoted] : []),
    '',
    `Last event: ${delivery.eventType} at ${delivery.createdAt.toISOString()}`,
  ].join('\n');
  const auth = new URLSearchParams({ key: String(route.config.apiKey), token: String(route.config.token) });
  const base = context.trelloApiUrl.replace(/\/$/, '');
  const response = cardId
    ? await context.http.request(`${base}/1/cards/${encodeURIComponent(cardId)}?${auth}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT },
        body: JSON.stringify({ name, desc }),
      })
    : await context.http.request(`${base}/1/cards?${auth}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT },
        body: JSON.stringify({ idList: route.config.listId, name, desc, pos: 'top' }),
      });
  const result = fromResponse(response, context.now());
  if (result.outcome !== 'succeeded' || cardId) return result;
  try {
    const created = JSON.parse(response.body) as { id?: unknown };
    if (typeof created.id === 'string') return { ...result, cardId: created.id };
  } catch {
    // handled below
  }
  return { ...result, outcome: 'failed', error: 'Trello answered without the id of the card it made.' };
}

/** One attempt to hand a delivery to its route's destination; never throws for the destination's faults. */
export async function sendToDestination({
  route,
  delivery,
  context,
  cardId,
}: {
  route: RouteRecord;
  delivery: DeliveryRecord;
  context: RoutingContext;
  /** The Trello card this route already made for the delivery's subject. */
  cardId: string | undefined;
}): Promise<SendResult> {
  const startedAt = Date.now();
  try {
    switch (route.destination) {
      case 'webhook':
        return await sendWebhook(route, delivery, context);
      case 'discord':
        return await sendDiscord(route, delivery, context);
      case 'email':
        return await sendEmail(route, delivery, context);
      case 'trello':
        return await sendTrello(route, delivery, context, cardId);
    }
  } catch (error) {
    return failure(error, startedAt);
  }
}

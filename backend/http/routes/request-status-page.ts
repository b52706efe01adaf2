import express, { type Response, type Router } from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import { ZRequestFormConfig, type TRequestFormConfig } from '../../domain/apps/app-types.ts';
import { escapeHtml } from '../../domain/escape-html.ts';
import { getRequestStatus, type RequestStatus } from '../../domain/requests/get-request-status.ts';
import type { AttachmentRecord, RequestState } from '../../domain/requests/request-types.ts';
import { statusTokenMatches } from '../../domain/requests/sign-status-token.ts';
import type { Services } from '../services.ts';

/** Where the request's status link leads on the widget origin (`statusUrl` of `createRequest`). */
export const requestStatusPath = (requestId: string, token: string) =>
  `/requests/${requestId}?token=${encodeURIComponent(token)}`;

/** Nothing here runs or loads from elsewhere: no script at all, styles only from this origin. */
const pageHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  // The token is in the URL: no link followed from this page may carry it away.
  referrerPolicy: { policy: 'no-referrer' },
});

const STYLESHEET = `body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1f2937;background:#f9fafb}
main{box-sizing:border-box;max-width:36rem;margin:0 auto;padding:24px 16px}
h1{font-size:1.4rem;margin:0 0 16px}h2{font-size:1.05rem;margin:24px 0 8px}
.state{font-size:1.15rem;font-weight:600;padding:12px 16px;border-radius:8px;background:#eef2ff;color:#312e81}
.state[data-state=fulfilled],.state[data-state=closed]{background:#ecfdf5;color:#065f46}
.state[data-state=rejected],.state[data-state=refunded],.state[data-state=expired]{background:#fef2f2;color:#7f1d1d}
dl{margin:0}dt{font-weight:600;margin-top:8px}dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.note,.reason{padding:12px 16px;border-left:4px solid #6366f1;background:#fff;white-space:pre-wrap;overflow-wrap:anywhere}
.hint{color:#4b5563;font-size:.9rem}a{color:#4338ca}`;

const FINAL_STATES: readonly RequestState[] = ['fulfilled', 'closed', 'rejected', 'refunded', 'expired'];

/** The same words the widget's status view uses. */
function stateText({ request, position, payment }: RequestStatus): string {
  switch (request.state) {
    case 'created':
    case 'validated':
      return payment ? 'Waiting for your payment.' : 'Waiting for the creator.';
    case 'held':
      return 'Your request is being reviewed.';
    case 'paid':
    case 'queued':
      return position
        ? `Waiting for the creator. You are number ${position} in the queue.`
        : 'Waiting for the creator.';
    case 'accepted':
      return 'Accepted: the creator is working on it.';
    case 'fulfilled':
    case 'closed':
      return 'Done! Your request is fulfilled.';
    case 'rejected':
      return 'The creator declined your request.';
    case 'refunded':
      return 'Your request was declined and your payment refunded.';
    case 'expired':
      return 'Your request expired.';
  }
}

function money(minor: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

/** What happened to the fan's money, in a sentence, or nothing for a free request. */
function moneyText({ request, payment }: RequestStatus): string | undefined {
  if (request.amount === 0) return undefined;
  const amount = money(request.amount, request.currency);
  if (request.paymentMethod === 'credits') {
    return request.state === 'rejected' ? 'Your credit was given back.' : 'Paid with one credit.';
  }
  if (request.state === 'refunded') return `${amount} was refunded to your card.`;
  if (payment?.status === 'succeeded')
    return request.state === 'rejected'
      ? `${amount} is being refunded to your card.`
      : `${amount} was charged.`;
  if (request.state === 'rejected' || request.state === 'expired') return 'Your card was not charged.';
  if (payment?.status === 'requires_capture')
    return `${amount} is authorized on your card and charged only if the creator accepts.`;
  return `${amount}, authorized on your card once you pay, charged only if the creator accepts.`;
}

function answerText(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return '';
}

function answersList(
  services: Services,
  config: TRequestFormConfig | undefined,
  status: RequestStatus,
  attachments: AttachmentRecord[],
  token: string,
): string {
  const { request } = status;
  const items: string[] = [];
  for (const [id, value] of Object.entries(request.answers)) {
    const field = config?.fields.find((f) => f.id === id);
    const label = field?.label ?? id;
    let shown: string;
    if (Array.isArray(value)) {
      shown = attachments
        .filter((attachment) => value.includes(attachment.id))
        .map((attachment) => {
          const href = `${services.config.publicUrl}/api/requests/${request.id}/attachments/${attachment.id}?token=${encodeURIComponent(token)}`;
          return `<a href="${escapeHtml(href)}" download>${escapeHtml(attachment.filename)}</a>`;
        })
        .join(', ');
    } else {
      const option = field?.options?.find((o) => o.value === value);
      shown = escapeHtml(option?.label ?? answerText(value));
    }
    items.push(`<dt>${escapeHtml(label)}</dt><dd>${shown}</dd>`);
  }
  if (request.fanName) items.push(`<dt>Your name</dt><dd>${escapeHtml(request.fanName)}</dd>`);
  return items.length ? `<h2>What you sent</h2><dl>${items.join('')}</dl>` : '';
}

function payLink(services: Services, status: RequestStatus): string {
  const { request, payment } = status;
  if (request.state !== 'validated' || !payment?.clientSecret) return '';
  if (!['requires_payment_method', 'requires_action'].includes(payment.status)) return '';
  const href = `${services.config.widgetOrigin}/pay/${payment.id}#${new URLSearchParams({ secret: payment.clientSecret })}`;
  return `<p><a href="${escapeHtml(href)}">Finish paying</a></p>`;
}

function send(res: Response, status: number, title: string, body: string, refresh = false): void {
  res.status(status).set('Cache-Control', 'private, no-store').type('html').send(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">${refresh ? '<meta http-equiv="refresh" content="30">' : ''}<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/requests/status.css"></head>
<body><main>${body}</main></body>
</html>`);
}

/**
 * The status link a fan keeps: a page on the widget origin, rendered on the server, that shows where
 * their request is (state, queue position, the creator's delivery note or the reason it was declined,
 * what happened to the money) and what they sent. It runs no script (it reloads itself every 30 s
 * until the request ends) and every word the fan or the creator wrote is escaped.
 */
export function requestStatusPageRoutes(services: Services): Router {
  const router = express.Router();
  router.get('/requests/status.css', (_req, res) => {
    res.locals.route = '/requests/status.css';
    res.set('Cache-Control', 'public, max-age=3600').type('css').send(STYLESHEET);
  });
  router.get('/requests/:id', pageHeaders, async (req, res, next) => {
    res.locals.route = '/requests/{id}';
    try {
      const id = z.uuid().safeParse(req.params.id);
      const token = typeof req.query.token === 'string' ? req.query.token : '';
      const tenantId = id.success ? await services.platform.requests.tenantOf(id.data) : undefined;
      const store = tenantId ? services.platform.forTenant(tenantId) : undefined;
      const request = store && id.success ? await store.requests.get(id.data) : undefined;
      // An unknown request and a wrong token look the same: the link proves nothing about others.
      if (!store || !request || !statusTokenMatches(services.secret, request.id, token)) {
        send(
          res,
          404,
          'Request not found',
          '<h1>Request not found</h1><p>This status link does not open a request. Check that you copied the whole link from your confirmation.</p>',
        );
        return;
      }
      const app = await store.apps.get(request.appId);
      const parsed = ZRequestFormConfig.safeParse(app?.config ?? {});
      const config = parsed.success ? parsed.data : undefined;
      const status = await getRequestStatus({ store, request, policy: config?.queue.policy ?? 'fifo' });
      const attachments = await store.requests.attachments(request.id);
      const title = config?.title ?? app?.name ?? 'Your request';
      const amount = moneyText(status);
      const showNote = request.note && (request.state === 'fulfilled' || request.state === 'closed');
      const showReason =
        request.reason && ['held', 'rejected', 'refunded', 'expired'].includes(request.state);
      const body = [
        `<h1>${escapeHtml(title)}</h1>`,
        `<p class="state" role="status" data-state="${request.state}">${escapeHtml(stateText(status))}</p>`,
        showNote ? `<h2>Note from the creator</h2><p class="note">${escapeHtml(request.note!)}</p>` : '',
        showReason ? `<h2>Reason</h2><p class="reason">${escapeHtml(request.reason!)}</p>` : '',
        amount ? `<p>${escapeHtml(amount)}</p>` : '',
        payLink(services, status),
        answersList(services, config, status, attachments, token),
        `<p class="hint">Sent ${escapeHtml(request.createdAt.toUTCString())}. Keep this link to check on your request${
          FINAL_STATES.includes(request.state) ? '' : '; this page refreshes itself every 30 seconds'
        }.</p>`,
      ].join('');
      send(res, 200, title, body, !FINAL_STATES.includes(request.state));
    } catch (error) {
      next(error);
    }
  });
  return router;
}

import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import { originAllowed } from '../../domain/apps/app-types.ts';
import { authenticateApiKey } from '../../domain/api-keys/authenticate-api-key.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { groupIpAddress } from '../../domain/moderation/group-ip-address.ts';
import { looksLikeFanToken, type FanIdentity } from '../../domain/identity/fan-identity.ts';
import { ZIdempotencyKey } from '../../domain/payments/create-payment.ts';
import type { TenantStore } from '../../domain/ports.ts';
import { acceptRequest } from '../../domain/requests/accept-request.ts';
import { completeRequest, ZCompleteRequestBody } from '../../domain/requests/complete-request.ts';
import { createRequest, ZCreateRequestBody } from '../../domain/requests/create-request.ts';
import { getRequestStatus, type RequestStatus } from '../../domain/requests/get-request-status.ts';
import { listRequests, ZListRequestsQuery } from '../../domain/requests/list-requests.ts';
import { uploadAttachment } from '../../domain/requests/upload-attachment.ts';
import { rejectRequest, ZRejectRequestBody } from '../../domain/requests/reject-request.ts';
import {
  REQUEST_PAYMENT_METHODS,
  REQUEST_STATES,
  type RequestEventRecord,
  type RequestRecord,
} from '../../domain/requests/request-types.ts';
import { signStatusToken, statusTokenMatches } from '../../domain/requests/sign-status-token.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { resolveServerSecret } from '../../secrets.ts';
import { applyFanRateLimits, defineOperation, isUuid } from '../operation.ts';
import { requestStatusPath } from './request-status-page.ts';
import { presentPublicPayment, ZPublicPayment } from '../payment-presenters.ts';
import { PUBLIC_SUBMISSION_LIMITS } from '../rate-limits.ts';
import type { Services } from '../services.ts';

const ZRequestParams = z.strictObject({ id: z.uuid('id must be a UUID') });

const secrets = new WeakMap<Services, string>();
function serverSecret(services: Services): string {
  let secret = secrets.get(services);
  if (!secret) {
    secret = resolveServerSecret(services.config);
    secrets.set(services, secret);
  }
  return secret;
}

export const ZRequest = z.object({
  id: z.uuid(),
  appId: z.uuid(),
  state: z.enum(REQUEST_STATES),
  answers: z.record(z.string(), z.unknown()),
  addOns: z.array(z.string()),
  priority: z.boolean(),
  tip: z.number().int(),
  amount: z.number().int().describe('What the fan pays, in minor units.'),
  currency: z.string(),
  paymentMethod: z.enum(REQUEST_PAYMENT_METHODS),
  fanName: z.string().nullable(),
  note: z.string().nullable().describe('Your delivery note, once fulfilled.'),
  reason: z.string().nullable().describe('Why it was rejected, held or expired.'),
  position: z.number().int().nullable().describe('Estimated place in the queue (1 is next) while queued.'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

function presentRequest(request: RequestRecord, position: number | null = null) {
  return {
    id: request.id,
    appId: request.appId,
    state: request.state,
    answers: request.answers,
    addOns: request.addOns,
    priority: request.priority,
    tip: request.tip,
    amount: request.amount,
    currency: request.currency,
    paymentMethod: request.paymentMethod,
    fanName: request.fanName,
    note: request.note,
    reason: request.reason,
    position,
    createdAt: request.createdAt.toISOString(),
    updatedAt: request.updatedAt.toISOString(),
  };
}

const ZRequestStatus = ZRequest.extend({
  payment: ZPublicPayment.extend({ payUrl: z.string() }).nullable(),
});

function presentStatus(services: Services, status: RequestStatus) {
  const { payment } = status;
  return {
    ...presentRequest(status.request, status.position),
    payment: payment
      ? {
          ...presentPublicPayment(
            payment,
            services.payments.provider.publishableKey,
            payment.provider === 'test' && payment.status === 'requires_action'
              ? `${services.config.publicUrl}/api/public/payments/${payment.id}/test-authenticate`
              : null,
          ),
          payUrl: `${services.config.widgetOrigin}/pay/${payment.id}`,
        }
      : null,
  };
}

const ZRequestEvent = z.object({
  seq: z.number().int(),
  state: z.enum(REQUEST_STATES),
  from: z.enum(REQUEST_STATES).nullable(),
  actor: z.object({ type: z.string(), id: z.string() }),
  reason: z.string().nullable(),
  at: z.string(),
});

const presentEvent = (event: RequestEventRecord) => ({
  seq: event.seq,
  state: event.type,
  from: event.fromState,
  actor: { type: event.actorType, id: event.actorId },
  reason: event.reason,
  at: event.createdAt.toISOString(),
});

function bearer(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
}

/** An anonymous fan, for limits and round-robin: their address, hashed so it is not stored. */
function anonymousKey(services: Services, req: Request): string {
  return createHash('sha256')
    .update(`${serverSecret(services)}:${req.ip ?? ''}`)
    .digest('base64url')
    .slice(0, 22);
}

/**
 * Who may read a request: the creator's key (with `requests:read`), the fan's token for that app, or
 * the status link's token. Anyone else learns nothing, not even that it exists.
 */
/** The app of the request in the path (`appOf`): an inline request form on its allowed sites reads it. */
async function requestApp(services: Services, params: Record<string, string>) {
  const id = params['id'] ?? '';
  const tenantId = isUuid(id) ? await services.platform.requests.tenantOf(id) : undefined;
  return tenantId ? (await services.platform.forTenant(tenantId).requests.get(id))?.appId : undefined;
}

async function readableRequest(
  services: Services,
  req: Request,
  id: string,
  statusToken: string | undefined,
): Promise<{ store: TenantStore; request: RequestRecord; viewer: 'creator' | 'fan' }> {
  const token = bearer(req);
  if (!token && !statusToken) {
    throw new AppError(
      'unauthorized',
      'Authentication required',
      'Open the status link you were given (it carries `token`), send your fan token, or send an API key with `requests:read`.',
    );
  }
  const tenantId = await services.platform.requests.tenantOf(id);
  const store = tenantId ? services.platform.forTenant(tenantId) : undefined;
  const request = store ? await store.requests.get(id) : undefined;
  if (!store || !request) throw notFound('Request', id);
  if (statusToken && statusTokenMatches(serverSecret(services), id, statusToken)) {
    return { store, request, viewer: 'fan' };
  }
  if (token && looksLikeFanToken(token)) {
    const fan: FanIdentity = await services.fanTokens.verify(token, request.appId);
    if (fan.userId === request.fanUserId) return { store, request, viewer: 'fan' };
  } else if (token) {
    const key = await authenticateApiKey({ platform: services.platform, token });
    if (key.tenantId === tenantId && key.scopes.includes('requests:read'))
      return { store, request, viewer: 'creator' };
  }
  throw notFound('Request', id);
}

/**
 * A request names its app in the body, not the path: the per-app share of the submission limits is
 * counted by that id (a malformed one falls in one bucket, and is refused right after).
 */
function appIdInBody(req: Request): string {
  const appId = (req.body as { appId?: unknown } | undefined)?.appId;
  return `app:${typeof appId === 'string' && isUuid(appId) ? appId.toLowerCase() : ''}`;
}
const REQUEST_SUBMISSION_LIMITS = PUBLIC_SUBMISSION_LIMITS.map((limit) =>
  limit.by === 'app' ? { ...limit, by: appIdInBody } : limit,
);

export const requestOperations = [
  defineOperation({
    operationId: 'uploadRequestAttachment',
    method: 'post',
    path: '/api/public/apps/{appId}/attachments',
    summary: 'Upload a file for a file field, before submitting (the request form calls this)',
    description:
      "Send the file's bytes as the body with its type as `Content-Type` (one the field allows) and its name in `filename`. The size limit is enforced while the bytes arrive (413 past it; 415 for a type the field does not take). Answer the field with the returned `id`; only the same fan (same fan token, or same address when anonymous) can attach it.",
    tags: ['Requests'],
    auth: 'public',
    appParam: 'appId',
    rateLimit: PUBLIC_SUBMISSION_LIMITS,
    params: z.strictObject({ appId: z.uuid('appId must be a UUID') }),
    query: z.strictObject({
      field: z.string().max(40).describe('The id of the file field.'),
      filename: z.string().max(200).default('attachment'),
    }),
    responses: {
      201: {
        description: 'The stored file.',
        schema: z.object({
          id: z.uuid(),
          filename: z.string(),
          contentType: z.string(),
          size: z.number().int(),
        }),
      },
    },
    async handler({ services, params, query, fan, req }) {
      const app = await services.platform.findPublicApp(params.appId);
      if (!app || app.type !== 'request-form' || app.status === 'killed')
        throw notFound('Request form', params.appId);
      const attachment = await uploadAttachment({
        store: services.platform.forTenant(app.tenantId),
        storage: services.attachments,
        app,
        uploaderKey: fan ? `user:${fan.userId}` : `anon:${anonymousKey(services, req)}`,
        fieldId: query.field,
        filename: query.filename,
        contentType: req.get('content-type') ?? '',
        body: req,
      });
      const { id, filename, contentType, size } = attachment;
      return { status: 201, body: { id, filename, contentType, size } };
    },
  }),
  defineOperation({
    operationId: 'getRequestAttachment',
    method: 'get',
    path: '/api/requests/{id}/attachments/{attachmentId}',
    summary: "Download a request's attachment: the creator, or the fan who uploaded it",
    description:
      'Same access as getRequest. Always sent as a download (`Content-Disposition: attachment`, `X-Content-Type-Options: nosniff`) with the type checked at upload, so nothing renders inline.',
    tags: ['Requests'],
    auth: 'public',
    fanToken: 'optional',
    params: z.strictObject({
      id: z.uuid('id must be a UUID'),
      attachmentId: z.uuid('attachmentId must be a UUID'),
    }),
    query: z.strictObject({ token: z.string().max(100).optional().describe('The status link token.') }),
    responses: { 200: { description: 'The file.', contentType: 'application/octet-stream' } },
    async handler({ services, params, query, req }) {
      const { store, request } = await readableRequest(services, req, params.id, query.token);
      const attachment = await store.requests.getAttachment(params.attachmentId);
      if (!attachment || attachment.requestId !== request.id)
        throw notFound('Attachment', params.attachmentId);
      const chunks: Uint8Array[] = [];
      for await (const chunk of await services.attachments.get(attachment.storageKey)) chunks.push(chunk);
      return {
        body: Buffer.concat(chunks),
        contentType: attachment.contentType,
        headers: {
          'Content-Disposition': `attachment; filename="${attachment.filename}"`,
          'X-Content-Type-Options': 'nosniff',
          'Content-Security-Policy': "default-src 'none'; sandbox",
          'Cache-Control': 'private, no-store',
        },
      };
    },
  }),
  defineOperation({
    operationId: 'createRequest',
    method: 'post',
    path: '/api/requests',
    summary: 'Submit a request to a creator (the request form calls this)',
    description:
      "Answers are checked against the app's form; the price comes from its pricing. A free request is queued at once. A card request returns `payment` (confirm it in the pay window at `payment.payUrl`): the card is authorized now and charged only when the creator accepts. Keep `statusToken` and `statusUrl`: the status link is the fan's own page on the widget origin (HTML), where an anonymous fan follows the request later. Send the same `idempotencyKey` (or `Idempotency-Key` header) on a retry: a double submit makes one request. A signed-in fan sends their fan token as `Authorization: Bearer`.",
    tags: ['Requests'],
    auth: 'public',
    fanToken: 'optional',
    rateLimit: REQUEST_SUBMISSION_LIMITS,
    body: ZCreateRequestBody,
    bodyExample: {
      appId: 'de000000-0000-4000-8000-000000000002',
      answers: {
        title: 'Clair de Lune',
        artist: 'Debussy',
        link: 'https://www.youtube.com/watch?v=CvFH_6DNRCY',
      },
      idempotencyKey: 'request-7f0c1e52-1a2b-4c3d-9e8f-0a1b2c3d4e5f',
    },
    responses: {
      201: {
        description: 'The new request (200 with the same body when the idempotency key was seen before).',
        schema: ZRequestStatus.extend({ statusToken: z.string(), statusUrl: z.string() }),
      },
    },
    async handler({ services, body, req, res }) {
      const header = req.get('idempotency-key');
      const idempotencyKey =
        header === undefined
          ? undefined
          : parseOrThrow(ZIdempotencyKey, header, 'header', ['Idempotency-Key']);
      const appId =
        typeof (body as { appId?: unknown }).appId === 'string' ? (body as { appId: string }).appId : '';
      const app = isUuid(appId) ? await services.platform.findPublicApp(appId) : undefined;
      if (!app || app.type !== 'request-form' || app.status === 'killed')
        throw notFound('Request form', appId);
      const origin = req.get('origin');
      if (origin && originAllowed(app.allowedOrigins, origin)) res.set('Access-Control-Allow-Origin', origin);
      const token = bearer(req);
      const fan =
        token && looksLikeFanToken(token) ? await services.fanTokens.verify(token, app.id) : undefined;
      // The app is in the body, so the framework could not check the token: the per-fan count is here.
      if (fan) await applyFanRateLimits(services, REQUEST_SUBMISSION_LIMITS, fan);
      const store = services.platform.forTenant(app.tenantId);
      const { request, payment, replayed, config } = await createRequest({
        store,
        payments: services.payments,
        app,
        fan,
        anonymousKey: anonymousKey(services, req),
        submitter: { ipGroup: groupIpAddress(req.ip) },
        idempotencyKey,
        input: body,
      });
      const status = await getRequestStatus({ store, request, policy: config.queue.policy });
      const statusToken = signStatusToken({ secret: serverSecret(services), requestId: request.id });
      return {
        status: replayed ? 200 : 201,
        body: {
          ...presentStatus(services, { ...status, payment: payment ?? status.payment }),
          statusToken,
          statusUrl: `${services.config.widgetOrigin}${requestStatusPath(request.id, statusToken)}`,
        },
      };
    },
  }),
  defineOperation({
    operationId: 'getRequest',
    method: 'get',
    path: '/api/requests/{id}',
    summary: 'Read a request: the fan (status link or fan token) or the creator (API key)',
    description:
      'The fan sees their own request through the status link (`?token=`) or their fan token; the creator through an API key with `requests:read`. Includes the estimated queue position while queued and, for a card request, the payment to confirm.',
    tags: ['Requests'],
    auth: 'public',
    fanToken: 'optional',
    appOf: requestApp,
    params: ZRequestParams,
    query: z.strictObject({ token: z.string().max(100).optional().describe('The status link token.') }),
    responses: { 200: { description: 'The request.', schema: ZRequestStatus } },
    async handler({ services, params, query, req }) {
      const { store, request } = await readableRequest(services, req, params.id, query.token);
      return { body: presentStatus(services, await getRequestStatus({ store, request })) };
    },
  }),
  defineOperation({
    operationId: 'listRequests',
    method: 'get',
    path: '/api/requests',
    summary: 'Your requests, newest first',
    description:
      'Filter by app and state (comma-separated); page with `cursor` set to the `nextCursor` of the previous page.',
    tags: ['Requests'],
    auth: 'apiKey',
    scope: 'requests:read',
    query: ZListRequestsQuery,
    responses: {
      200: {
        description: 'A page of requests.',
        schema: z.object({ requests: z.array(ZRequest), nextCursor: z.string().nullable() }),
      },
    },
    async handler({ tenant, query }) {
      const page = await listRequests({ store: tenant.store, query });
      return { body: { requests: page.requests.map((r) => presentRequest(r)), nextCursor: page.nextCursor } };
    },
  }),
  defineOperation({
    operationId: 'getRequestHistory',
    method: 'get',
    path: '/api/requests/{id}/history',
    summary: "A request's events: every move, who made it and why",
    tags: ['Requests'],
    auth: 'apiKey',
    scope: 'requests:read',
    params: ZRequestParams,
    responses: {
      200: { description: 'The events, oldest first.', schema: z.object({ events: z.array(ZRequestEvent) }) },
    },
    async handler({ tenant, params }) {
      if (!(await tenant.store.requests.get(params.id))) throw notFound('Request', params.id);
      return { body: { events: (await tenant.store.requests.events(params.id)).map(presentEvent) } };
    },
  }),
  defineOperation({
    operationId: 'acceptRequest',
    method: 'post',
    path: '/api/requests/{id}/accept',
    summary: 'Accept a queued request (the fan is charged now)',
    description:
      'The request becomes `accepted` first, so a reject racing with it either comes after it (and refunds) or wins (and this answers 409). A card is then captured; should the processor fail, a job retries the capture.',
    tags: ['Requests'],
    auth: 'apiKey',
    scope: 'requests:write',
    params: ZRequestParams,
    responses: { 200: { description: 'The request, now accepted.', schema: ZRequest } },
    async handler({ tenant, services, params }) {
      const request = await acceptRequest({
        store: tenant.store,
        payments: services.payments,
        actor: tenant.actor,
        requestId: params.id,
      });
      return { body: presentRequest(request) };
    },
  }),
  defineOperation({
    operationId: 'rejectRequest',
    method: 'post',
    path: '/api/requests/{id}/reject',
    summary: 'Reject a request; the fan sees the reason and gets their money back',
    description:
      'A spent credit is restored at once. An authorized card is released, a charged one refunded (the request then ends `refunded`), by a job that runs moments after the rejection and retries until the processor confirms.',
    tags: ['Requests'],
    auth: 'apiKey',
    scope: 'requests:write',
    params: ZRequestParams,
    body: ZRejectRequestBody,
    bodyExample: { reason: 'I do not play that genre on stream, sorry!' },
    responses: { 200: { description: 'The request, now rejected.', schema: ZRequest } },
    async handler({ tenant, params, body }) {
      const request = await rejectRequest({
        store: tenant.store,
        actor: tenant.actor,
        requestId: params.id,
        input: body,
      });
      return { body: presentRequest(request) };
    },
  }),
  defineOperation({
    operationId: 'completeRequest',
    method: 'post',
    path: '/api/requests/{id}/complete',
    summary: 'Mark a request fulfilled, with a note for the fan',
    description: 'A queued request is accepted (and charged) first.',
    tags: ['Requests'],
    auth: 'apiKey',
    scope: 'requests:write',
    params: ZRequestParams,
    body: ZCompleteRequestBody,
    bodyExample: { note: 'Played it at 21:14 — thanks for the request!' },
    responses: { 200: { description: 'The request, now fulfilled.', schema: ZRequest } },
    async handler({ tenant, services, params, body }) {
      const request = await completeRequest({
        store: tenant.store,
        payments: services.payments,
        actor: tenant.actor,
        requestId: params.id,
        input: body,
      });
      return { body: presentRequest(request) };
    },
  }),
];

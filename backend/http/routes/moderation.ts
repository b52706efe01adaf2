import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { z } from 'zod';
import { setAppStatus, ZSetAppStatusBody } from '../../domain/apps/set-app-status.ts';
import { AppError } from '../../domain/errors.ts';
import { blockFan, ZBlockFanBody } from '../../domain/moderation/block-fan.ts';
import { decideReviewItem, ZDecideReviewItemBody } from '../../domain/moderation/decide-review-item.ts';
import { listReviewItems, ZListReviewItemsQuery } from '../../domain/moderation/list-review-items.ts';
import {
  MODERATION_REASON_CODES,
  REVIEW_STATUSES,
  type FanBlockRecord,
  type ReviewItemRecord,
} from '../../domain/moderation/moderation-types.ts';
import { receiveModerationVerdict } from '../../domain/moderation/receive-moderation-verdict.ts';
import { unblockFan } from '../../domain/moderation/unblock-fan.ts';
import { defineOperation } from '../operation.ts';
import { presentApp, ZApp } from '../presenters.ts';
import { OPERATOR_LIMITS, WEBHOOK_LIMITS } from '../rate-limits.ts';
import type { Services } from '../services.ts';

export const MODERATION_WEBHOOK_PATH = '/webhooks/moderation';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export const ZReviewItem = z.object({
  id: z.string(),
  appId: z.string(),
  subjectType: z.string().describe('`tip` today; `request` and `cohort_profile` as those arrive.'),
  subjectId: z.string().describe("The subject's id (for a tip, its payment id)."),
  reasons: z.array(z.object({ code: z.enum(MODERATION_REASON_CODES), detail: z.string() })),
  excerpt: z
    .string()
    .nullable()
    .describe('The text as the fan wrote it. Untrusted: escape it wherever it is shown.'),
  canBlockSender: z.boolean().describe('Whether `blockFan` with this item id knows whom to block.'),
  status: z.enum(REVIEW_STATUSES),
  decidedBy: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});

function presentReviewItem(item: ReviewItemRecord): z.infer<typeof ZReviewItem> {
  return {
    id: item.id,
    appId: item.appId,
    subjectType: item.subjectType,
    subjectId: item.subjectId,
    reasons: item.reasons,
    excerpt: item.excerpt,
    canBlockSender: Boolean(item.submitter.userId || item.submitter.email || item.submitter.ipGroup),
    status: item.status,
    decidedBy: item.decidedByType ? `${item.decidedByType}:${item.decidedBy}` : null,
    decisionReason: item.decisionReason,
    decidedAt: iso(item.decidedAt),
    createdAt: item.createdAt.toISOString(),
  };
}

export const ZFanBlock = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  email: z.string().nullable(),
  ipGroup: z.string().nullable().describe('The blocked address group: IPv4 /32 or IPv6 /56.'),
  reason: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
});

function presentFanBlock(block: FanBlockRecord): z.infer<typeof ZFanBlock> {
  return {
    id: block.id,
    userId: block.userId,
    email: block.email,
    ipGroup: block.ipGroup,
    reason: block.reason,
    expiresAt: iso(block.expiresAt),
    createdAt: block.createdAt.toISOString(),
  };
}

const ZItemParams = z.strictObject({ itemId: z.uuid('itemId must be a UUID') });
const ZBlockParams = z.strictObject({ blockId: z.uuid('blockId must be a UUID') });
const ZAppParams = z.strictObject({ appId: z.uuid('appId must be a UUID') });

function requireOperator(services: Services, req: Request): void {
  const expected = services.config.operatorToken;
  if (!expected) {
    throw new AppError(
      'forbidden',
      'Operator actions are off',
      'Set OPERATOR_TOKEN on the server and send it as `Authorization: Bearer <token>`.',
    );
  }
  const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '');
  const wanted = Buffer.from(expected);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    throw new AppError(
      'unauthorized',
      'Operator token required',
      'Send the OPERATOR_TOKEN configured on the server as `Authorization: Bearer <token>`.',
    );
  }
}

export const moderationOperations = [
  defineOperation({
    operationId: 'listReviewItems',
    method: 'get',
    path: '/api/moderation/review-items',
    summary: 'The review queue: held items and why they were held',
    description: 'Pending items by default, newest first; `status` shows decided ones. Page with `before`.',
    tags: ['Moderation'],
    auth: 'apiKey',
    scope: 'moderation:read',
    query: ZListReviewItemsQuery,
    responses: { 200: { description: 'The items.', schema: z.object({ items: z.array(ZReviewItem) }) } },
    async handler({ tenant, query }) {
      return {
        body: { items: (await listReviewItems({ store: tenant.store, query })).map(presentReviewItem) },
      };
    },
  }),
  defineOperation({
    operationId: 'decideReviewItem',
    method: 'post',
    path: '/api/moderation/review-items/{itemId}/decision',
    summary: 'Approve or reject a held item',
    description:
      "Approving lets the item continue (a tip's message becomes visible and reaches the overlay); rejecting needs a reason, which the fan is shown (a tip's message stays hidden; its money stays accepted). An item is decided once.",
    tags: ['Moderation'],
    auth: 'apiKey',
    scope: 'moderation:write',
    params: ZItemParams,
    body: ZDecideReviewItemBody,
    bodyExample: { decision: 'reject', reason: 'Insults are not read out on stream.' },
    responses: {
      200: { description: 'The item, decided.', schema: ZReviewItem },
      409: { description: 'The item was already decided.' },
    },
    async handler({ tenant, services, params, body }) {
      const item = await decideReviewItem({
        store: tenant.store,
        payments: services.payments,
        handlers: services.reviewHandlers,
        actor: tenant.actor,
        itemId: params.itemId,
        input: body,
      });
      return { body: presentReviewItem(item) };
    },
  }),
  defineOperation({
    operationId: 'listFanBlocks',
    method: 'get',
    path: '/api/moderation/blocks',
    summary: 'Blocked fans, across all your apps',
    tags: ['Moderation'],
    auth: 'apiKey',
    scope: 'moderation:read',
    query: z.strictObject({
      includeExpired: z
        .enum(['true', 'false'])
        .default('false')
        .transform((value) => value === 'true'),
    }),
    responses: { 200: { description: 'The blocks.', schema: z.object({ blocks: z.array(ZFanBlock) }) } },
    async handler({ tenant, query }) {
      const blocks = await tenant.store.moderation.listBlocks({
        now: new Date(),
        includeExpired: query.includeExpired,
      });
      return { body: { blocks: blocks.map(presentFanBlock) } };
    },
  }),
  defineOperation({
    operationId: 'blockFan',
    method: 'post',
    path: '/api/moderation/blocks',
    summary: 'Block a fan by user id, email or address (optionally until a time)',
    description:
      'Their submissions to any of your apps are refused from the next request on. `reviewItemId` blocks whoever sent a held item without you seeing their address. IPv6 addresses are blocked by their /56.',
    tags: ['Moderation'],
    auth: 'apiKey',
    scope: 'moderation:write',
    body: ZBlockFanBody,
    bodyExample: { ip: '203.0.113.7', reason: 'Spam', expiresAt: '2030-01-01T00:00:00Z' },
    responses: { 201: { description: 'The block.', schema: ZFanBlock } },
    async handler({ tenant, body }) {
      return {
        status: 201,
        body: presentFanBlock(await blockFan({ store: tenant.store, actor: tenant.actor, input: body })),
      };
    },
  }),
  defineOperation({
    operationId: 'unblockFan',
    method: 'delete',
    path: '/api/moderation/blocks/{blockId}',
    summary: 'Lift a block',
    tags: ['Moderation'],
    auth: 'apiKey',
    scope: 'moderation:write',
    params: ZBlockParams,
    responses: { 200: { description: 'The block that was lifted.', schema: ZFanBlock } },
    async handler({ tenant, params }) {
      return {
        body: presentFanBlock(
          await unblockFan({ store: tenant.store, actor: tenant.actor, blockId: params.blockId }),
        ),
      };
    },
  }),
  defineOperation({
    operationId: 'setAppStatus',
    method: 'post',
    path: '/api/apps/{appId}/status',
    summary: 'Pause, kill or resume an app (the kill switch)',
    description:
      'Paused: the widget shows "closed" and public operations refuse new submissions politely (409). Killed: the widget disappears, every public operation answers 404 and nothing is routed. Takes effect on the next request in every process.',
    tags: ['Moderation'],
    auth: 'apiKey',
    scope: 'moderation:write',
    params: ZAppParams,
    body: ZSetAppStatusBody,
    bodyExample: { action: 'pause', reason: 'Raid in progress' },
    responses: { 200: { description: 'The app with its new status.', schema: ZApp } },
    async handler({ tenant, params, body }) {
      return {
        body: presentApp(
          await setAppStatus({ store: tenant.store, actor: tenant.actor, appId: params.appId, input: body }),
        ),
      };
    },
  }),
  defineOperation({
    operationId: 'operatorSetAppStatus',
    method: 'post',
    path: '/api/operator/apps/{appId}/status',
    summary: "A platform operator's kill switch for any app",
    description:
      "The same as setAppStatus, for whoever runs the server: authenticate with `Authorization: Bearer <OPERATOR_TOKEN>`. Recorded in the app owner's audit log as an operator action.",
    tags: ['Operator'],
    auth: 'public',
    rateLimit: OPERATOR_LIMITS,
    params: ZAppParams,
    body: ZSetAppStatusBody,
    bodyExample: { action: 'kill', reason: 'Reported for fraud' },
    responses: {
      200: { description: 'The app with its new status.', schema: ZApp },
      401: { description: 'No or a wrong operator token.' },
    },
    async handler({ services, params, body, req, requestId }) {
      requireOperator(services, req);
      const app = await services.platform.findPublicApp(params.appId);
      if (!app) throw new AppError('not_found', 'App not found', `No app with id ${params.appId} exists.`);
      const updated = await setAppStatus({
        store: services.platform.forTenant(app.tenantId),
        actor: { type: 'operator', id: 'operator-token', requestId },
        appId: params.appId,
        input: body,
      });
      return { body: presentApp(updated) };
    },
  }),
  defineOperation({
    operationId: 'receiveModerationWebhook',
    method: 'post',
    path: MODERATION_WEBHOOK_PATH,
    summary: 'Verdicts on held items from an outside moderation service',
    description:
      'Signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`, secret MODERATION_WEBHOOK_SECRET, 5 minutes\' tolerance). The body is `{"type":"moderation.verdict","data":{"reviewItemId":"…","verdict":"approve"|"reject","reason":"…"}}`. Each `webhook-id` is applied once; a redelivery answers 200 with `duplicate: true`. Unknown items answer 404; a malformed body 400.',
    tags: ['Webhooks'],
    auth: 'public',
    rateLimit: WEBHOOK_LIMITS,
    responses: {
      200: {
        description: 'Applied (or already applied).',
        schema: z.object({
          received: z.literal(true),
          duplicate: z.boolean(),
          status: z.enum(REVIEW_STATUSES),
        }),
      },
      401: { description: 'The signature does not verify.' },
      409: { description: 'The item was already decided another way.' },
      503: { description: 'MODERATION_WEBHOOK_SECRET is not set on this server.' },
    },
    async handler({ services, req }) {
      const secret = services.config.raw.MODERATION_WEBHOOK_SECRET;
      if (!secret) {
        throw new AppError(
          'unavailable',
          'Moderation webhook not configured',
          'Set MODERATION_WEBHOOK_SECRET (a Standard Webhooks secret, whsec_…) on the server to accept verdicts.',
        );
      }
      const rawBody = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      const headers = {
        'webhook-id': req.get('webhook-id') ?? '',
        'webhook-timestamp': req.get('webhook-timestamp') ?? '',
        'webhook-signature': req.get('webhook-signature') ?? '',
      };
      let event: unknown;
      try {
        event = new Webhook(secret).verify(rawBody, headers);
      } catch (error) {
        if (!(error instanceof WebhookVerificationError)) throw error;
        throw new AppError(
          'unauthorized',
          'Signature does not verify',
          `The Standard Webhooks signature was refused (${error.message}). Sign with the secret set as MODERATION_WEBHOOK_SECRET and send webhook-id, webhook-timestamp and webhook-signature.`,
        );
      }
      const result = await receiveModerationVerdict({
        platform: services.platform,
        payments: services.payments,
        handlers: services.reviewHandlers,
        webhookId: headers['webhook-id'],
        event,
      });
      return { body: { received: true, ...result } };
    },
  }),
];

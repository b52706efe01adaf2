import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { createRoute } from '../../domain/routing/create-route.ts';
import { deleteRoute } from '../../domain/routing/delete-route.ts';
import { replayDelivery } from '../../domain/routing/replay-delivery.ts';
import { ZCreateRouteBody, ZUpdateRouteBody } from '../../domain/routing/route-schemas.ts';
import {
  ATTEMPT_OUTCOMES,
  DELIVERY_STATUSES,
  ROUTE_DESTINATIONS,
  ROUTE_STATUSES,
  type AttemptRecord,
  type DeliveryRecord,
  type RouteRecord,
  type TenantRoutingStore,
} from '../../domain/routing/routing-types.ts';
import { sendTestEvent } from '../../domain/routing/send-test-event.ts';
import { updateRoute } from '../../domain/routing/update-route.ts';
import { defineOperation } from '../operation.ts';
import { PER_KEY_CALL_OUT_LIMITS } from '../rate-limits.ts';

const isoDate = z.iso.datetime({ offset: true });

const ZRoute = z.object({
  id: z.uuid(),
  appId: z.uuid(),
  name: z.string(),
  eventTypes: z.array(z.string()),
  destination: z
    .object({ type: z.enum(ROUTE_DESTINATIONS) })
    .catchall(z.unknown())
    .describe('Where it sends; Trello credentials are never shown back.'),
  status: z.enum(ROUTE_STATUSES),
  disabledReason: z.string().nullable().describe('Why the route stopped sending, if it did.'),
  failingSince: isoDate.nullable().describe('Since when every delivery has failed; null while it works.'),
  secret: z
    .string()
    .optional()
    .describe(
      'The webhook signing secret (`whsec_…`): in the answer to createRoute and to a rotation only. Store it then.',
    ),
  secretRotationEndsAt: isoDate
    .nullable()
    .describe('Until when the previous secret also signs (after a rotation).'),
  createdAt: isoDate,
  updatedAt: isoDate,
});

const ZAttempt = z.object({
  attempt: z.number().int(),
  outcome: z.enum(ATTEMPT_OUTCOMES),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  latencyMs: z.number().int(),
  at: isoDate,
});

const ZDelivery = z.object({
  id: z.uuid(),
  routeId: z.uuid(),
  eventType: z.string(),
  webhookId: z.string().describe('The `webhook-id` header: the same on every attempt and replay.'),
  status: z.enum(DELIVERY_STATUSES).describe('`dead`: every attempt failed; replay it with replayDelivery.'),
  attemptCount: z.number().int(),
  nextAttemptAt: isoDate.nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()).describe('The body a webhook receives.'),
  attempts: z.array(ZAttempt),
  createdAt: isoDate,
  updatedAt: isoDate,
});

const SECRET_CONFIG = new Set(['apiKey', 'token']);

function presentRoute(route: RouteRecord, options: { withSecret?: boolean } = {}) {
  const shown = Object.fromEntries(Object.entries(route.config).filter(([key]) => !SECRET_CONFIG.has(key)));
  return {
    id: route.id,
    appId: route.appId,
    name: route.name,
    eventTypes: route.eventTypes,
    destination: { type: route.destination, ...shown },
    status: route.status,
    disabledReason: route.disabledReason,
    failingSince: route.failingSince?.toISOString() ?? null,
    ...(options.withSecret && route.secret ? { secret: route.secret } : {}),
    secretRotationEndsAt:
      route.previousSecretExpiresAt && route.previousSecret
        ? route.previousSecretExpiresAt.toISOString()
        : null,
    createdAt: route.createdAt.toISOString(),
    updatedAt: route.updatedAt.toISOString(),
  };
}

async function presentDeliveries(store: TenantRoutingStore, deliveries: DeliveryRecord[]) {
  const attempts = await store.attempts(deliveries.map((delivery) => delivery.id));
  const byDelivery = new Map<string, AttemptRecord[]>();
  for (const attempt of attempts) {
    byDelivery.set(attempt.deliveryId, [...(byDelivery.get(attempt.deliveryId) ?? []), attempt]);
  }
  return deliveries.map((delivery) => ({
    id: delivery.id,
    routeId: delivery.routeId,
    eventType: delivery.eventType,
    webhookId: delivery.messageId,
    status: delivery.status,
    attemptCount: delivery.attemptCount,
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    payload: delivery.body,
    attempts: (byDelivery.get(delivery.id) ?? []).map((attempt) => ({
      attempt: attempt.attempt,
      outcome: attempt.outcome,
      statusCode: attempt.statusCode,
      error: attempt.error,
      latencyMs: attempt.latencyMs,
      at: attempt.createdAt.toISOString(),
    })),
    createdAt: delivery.createdAt.toISOString(),
    updatedAt: delivery.updatedAt.toISOString(),
  }));
}

const ZRouteParams = z.strictObject({ routeId: z.uuid('routeId must be a UUID') });

export const routingOperations = [
  defineOperation({
    operationId: 'createRoute',
    method: 'post',
    path: '/api/apps/{appId}/routes',
    summary: 'Create a route',
    description:
      "Sends an app's events to a Discord channel, an email address, a Trello list or a signed webhook. Webhook and Discord URLs must be public addresses; a webhook route's signing secret is in this answer only.",
    tags: ['Routing'],
    auth: 'apiKey',
    scope: 'routes:write',
    rateLimit: PER_KEY_CALL_OUT_LIMITS,
    params: z.strictObject({ appId: z.uuid('appId must be a UUID') }),
    body: ZCreateRouteBody,
    bodyExample: {
      name: 'Moderators channel',
      eventTypes: ['tip.received', 'request.paid'],
      destination: { type: 'webhook', url: 'https://example.com/hooks/patchbay' },
    },
    responses: { 201: { description: 'The route.', schema: ZRoute } },
    async handler({ tenant, params, body, services }) {
      const route = await createRoute({
        store: tenant.store,
        actor: tenant.actor,
        context: services.routing,
        appId: params.appId,
        input: body,
      });
      return { status: 201, body: presentRoute(route, { withSecret: true }) };
    },
  }),
  defineOperation({
    operationId: 'listRoutes',
    method: 'get',
    path: '/api/routes',
    summary: 'List routes',
    tags: ['Routing'],
    auth: 'apiKey',
    scope: 'routes:read',
    query: z.strictObject({ appId: z.uuid('appId must be a UUID').optional() }),
    responses: { 200: { description: 'The routes.', schema: z.object({ routes: z.array(ZRoute) }) } },
    async handler({ tenant, query }) {
      const routes = await tenant.store.routing.listRoutes(query.appId);
      return { body: { routes: routes.map((route) => presentRoute(route)) } };
    },
  }),
  defineOperation({
    operationId: 'updateRoute',
    method: 'patch',
    path: '/api/routes/{routeId}',
    summary: 'Change a route',
    description:
      'Rename it, change its events or destination, disable or enable it (enabling clears why it was disabled), or rotate a webhook secret: the new secret is in the answer, and the old one keeps signing next to it for 24 hours.',
    tags: ['Routing'],
    auth: 'apiKey',
    scope: 'routes:write',
    params: ZRouteParams,
    body: ZUpdateRouteBody,
    bodyExample: { status: 'enabled' },
    responses: { 200: { description: 'The route.', schema: ZRoute } },
    async handler({ tenant, params, body, services }) {
      const route = await updateRoute({
        store: tenant.store,
        actor: tenant.actor,
        context: services.routing,
        routeId: params.routeId,
        input: body,
      });
      return { body: presentRoute(route, { withSecret: body.rotateSecret === true }) };
    },
  }),
  defineOperation({
    operationId: 'deleteRoute',
    method: 'delete',
    path: '/api/routes/{routeId}',
    summary: 'Delete a route',
    description: 'Its deliveries and their log go with it.',
    tags: ['Routing'],
    auth: 'apiKey',
    scope: 'routes:write',
    params: ZRouteParams,
    responses: { 204: { description: 'Deleted.' } },
    async handler({ tenant, params }) {
      await deleteRoute({ store: tenant.store, actor: tenant.actor, routeId: params.routeId });
      return { status: 204 };
    },
  }),
  defineOperation({
    operationId: 'sendTestEvent',
    method: 'post',
    path: '/api/routes/{routeId}/test',
    summary: 'Send a test event',
    description:
      'Queues a sample `route.test` event to this route through the same queue, retries and log as real events.',
    tags: ['Routing'],
    auth: 'apiKey',
    scope: 'routes:write',
    rateLimit: PER_KEY_CALL_OUT_LIMITS,
    params: ZRouteParams,
    responses: { 202: { description: 'The queued delivery.', schema: ZDelivery } },
    async handler({ tenant, params, services }) {
      const delivery = await sendTestEvent({
        store: tenant.store,
        context: services.routing,
        routeId: params.routeId,
      });
      const [presented] = await presentDeliveries(tenant.store.routing, [delivery]);
      return { status: 202, body: presented };
    },
  }),
  defineOperation({
    operationId: 'listDeliveries',
    method: 'get',
    path: '/api/deliveries',
    summary: 'List deliveries',
    description:
      'Newest first, each with its attempts (status code, latency, error) and next attempt. Filter by route, or by `status=dead` to see what failed.',
    tags: ['Routing'],
    auth: 'apiKey',
    scope: 'routes:read',
    query: z.strictObject({
      routeId: z.uuid('routeId must be a UUID').optional(),
      status: z.enum(DELIVERY_STATUSES).optional(),
      before: isoDate.optional().describe('Deliveries created before this time (paging).'),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    responses: {
      200: { description: 'The deliveries.', schema: z.object({ deliveries: z.array(ZDelivery) }) },
    },
    async handler({ tenant, query }) {
      if (query.routeId && !(await tenant.store.routing.getRoute(query.routeId))) {
        throw notFound('Route', query.routeId);
      }
      const deliveries = await tenant.store.routing.listDeliveries({
        routeId: query.routeId,
        status: query.status,
        before: query.before ? new Date(query.before) : undefined,
        limit: query.limit,
      });
      return { body: { deliveries: await presentDeliveries(tenant.store.routing, deliveries) } };
    },
  }),
  defineOperation({
    operationId: 'replayDelivery',
    method: 'post',
    path: '/api/deliveries/{deliveryId}/replay',
    summary: 'Replay a delivery',
    description:
      'Sends a failed (or delivered) delivery again with the same `webhook-id` and body, through a new run of the retry schedule.',
    tags: ['Routing'],
    auth: 'apiKey',
    scope: 'routes:write',
    params: z.strictObject({ deliveryId: z.uuid('deliveryId must be a UUID') }),
    responses: { 202: { description: 'The delivery, queued again.', schema: ZDelivery } },
    async handler({ tenant, params }) {
      const delivery = await replayDelivery({
        store: tenant.store,
        actor: tenant.actor,
        deliveryId: params.deliveryId,
      });
      const [presented] = await presentDeliveries(tenant.store.routing, [delivery]);
      return { status: 202, body: presented };
    },
  }),
];

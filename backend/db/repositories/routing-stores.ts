import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { TenantStore } from '../../domain/ports.ts';
import { fanOutEvent } from '../../domain/routing/fan-out-event.ts';
import type {
  AttemptRecord,
  DeliveryRecord,
  RouteRecord,
  TenantRoutingStore,
} from '../../domain/routing/routing-types.ts';
import type { TenantLiveEventStore } from '../../domain/tips/tip-types.ts';
import type { Db } from '../database.ts';
import { insertLiveEvent, tenantLiveEventStore } from './tip-stores.ts';
import {
  routeCards,
  routeDeliveries,
  routeDeliveryAttempts,
  routes,
  tenantMembers,
  users,
} from '../schema.ts';

export function tenantRoutingStore(db: Db, tenantId: string): TenantRoutingStore {
  const route = (id: string) => and(eq(routes.tenantId, tenantId), eq(routes.id, id));
  const delivery = (id: string) => and(eq(routeDeliveries.tenantId, tenantId), eq(routeDeliveries.id, id));
  return {
    async insertRoute(values) {
      const [row] = await db
        .insert(routes)
        .values({ ...values, tenantId })
        .returning();
      return row as RouteRecord;
    },
    async getRoute(id) {
      const [row] = await db.select().from(routes).where(route(id));
      return row as RouteRecord | undefined;
    },
    async listRoutes(appId) {
      return (await db
        .select()
        .from(routes)
        .where(and(eq(routes.tenantId, tenantId), appId ? eq(routes.appId, appId) : undefined))
        .orderBy(routes.createdAt, routes.id)) as RouteRecord[];
    },
    async updateRoute(id, changes) {
      const [row] = await db
        .update(routes)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(route(id))
        .returning();
      return row as RouteRecord | undefined;
    },
    async deleteRoute(id) {
      const rows = await db.delete(routes).where(route(id)).returning({ id: routes.id });
      return rows.length === 1;
    },
    async matchingRoutes(appId, eventType) {
      return (await db
        .select()
        .from(routes)
        .where(
          and(
            eq(routes.tenantId, tenantId),
            eq(routes.appId, appId),
            eq(routes.status, 'enabled'),
            sql`${routes.eventTypes} @> ${JSON.stringify([eventType])}::jsonb`,
          ),
        )
        .orderBy(routes.createdAt, routes.id)) as RouteRecord[];
    },
    async insertDelivery(values) {
      const [row] = await db
        .insert(routeDeliveries)
        .values({ ...values, tenantId })
        .onConflictDoNothing({ target: [routeDeliveries.routeId, routeDeliveries.eventId] })
        .returning();
      return row as DeliveryRecord | undefined;
    },
    async getDelivery(id) {
      const [row] = await db.select().from(routeDeliveries).where(delivery(id));
      return row as DeliveryRecord | undefined;
    },
    async getDeliveryForUpdate(id) {
      const [row] = await db.select().from(routeDeliveries).where(delivery(id)).for('update');
      return row as DeliveryRecord | undefined;
    },
    async updateDelivery(id, changes) {
      const [row] = await db
        .update(routeDeliveries)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(delivery(id))
        .returning();
      if (!row) throw new Error(`Delivery ${id} vanished`);
      return row as DeliveryRecord;
    },
    async listDeliveries({ routeId, status, before, limit }) {
      return (await db
        .select()
        .from(routeDeliveries)
        .where(
          and(
            eq(routeDeliveries.tenantId, tenantId),
            routeId ? eq(routeDeliveries.routeId, routeId) : undefined,
            status ? eq(routeDeliveries.status, status) : undefined,
            before ? lt(routeDeliveries.createdAt, before) : undefined,
          ),
        )
        .orderBy(desc(routeDeliveries.createdAt), desc(routeDeliveries.id))
        .limit(limit)) as DeliveryRecord[];
    },
    async appendAttempt(attempt) {
      await db.insert(routeDeliveryAttempts).values({ ...attempt, tenantId });
    },
    async attempts(deliveryIds) {
      if (deliveryIds.length === 0) return [];
      return (await db
        .select({
          deliveryId: routeDeliveryAttempts.deliveryId,
          attempt: routeDeliveryAttempts.attempt,
          outcome: routeDeliveryAttempts.outcome,
          statusCode: routeDeliveryAttempts.statusCode,
          error: routeDeliveryAttempts.error,
          latencyMs: routeDeliveryAttempts.latencyMs,
          createdAt: routeDeliveryAttempts.createdAt,
        })
        .from(routeDeliveryAttempts)
        .where(
          and(
            eq(routeDeliveryAttempts.tenantId, tenantId),
            inArray(routeDeliveryAttempts.deliveryId, deliveryIds),
          ),
        )
        .orderBy(routeDeliveryAttempts.deliveryId, routeDeliveryAttempts.attempt)) as AttemptRecord[];
    },
    async findCard(routeId, subject) {
      const [row] = await db
        .select({ cardId: routeCards.cardId })
        .from(routeCards)
        .where(
          and(
            eq(routeCards.tenantId, tenantId),
            eq(routeCards.routeId, routeId),
            eq(routeCards.subject, subject),
          ),
        );
      return row?.cardId;
    },
    async saveCard(routeId, subject, cardId) {
      await db
        .insert(routeCards)
        .values({ tenantId, routeId, subject, cardId })
        .onConflictDoUpdate({ target: [routeCards.routeId, routeCards.subject], set: { cardId } });
    },
    async ownerEmail() {
      const [row] = await db
        .select({ email: users.email })
        .from(tenantMembers)
        .innerJoin(users, eq(users.id, tenantMembers.userId))
        .where(and(eq(tenantMembers.tenantId, tenantId), eq(tenantMembers.role, 'owner')))
        .orderBy(tenantMembers.createdAt)
        .limit(1);
      return row?.email ?? undefined;
    },
  };
}

/**
 * The live event log with routing attached: an event appended for the first time is handed to the
 * app's matching routes through the same store, so inside the producer's transaction.
 */
export function routedLiveEventStore(db: Db, tenantId: string, store: TenantStore): TenantLiveEventStore {
  return {
    list: (appId, options) => tenantLiveEventStore(db, tenantId).list(appId, options),
    async append(event) {
      const routes = await store.routing.matchingRoutes(event.appId, event.type);
      const row = await insertLiveEvent(db, tenantId, event);
      if (!row) return false;
      if (routes.length > 0) await fanOutEvent({ store, routes, event: { ...event, ...row } });
      return true;
    },
  };
}

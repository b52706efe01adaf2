import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.ts';
import type {
  ApiKeyRecord,
  AppRecord,
  AuditEntry,
  PlatformStore,
  TenantRecord,
  TenantStore,
} from '../../domain/ports.ts';
import type { Db } from '../database.ts';
import { apiKeys, apps, auditLog, tenants } from '../schema.ts';
import {
  jobSender,
  platformPaymentStore,
  tenantConnectStore,
  tenantCreditStore,
  tenantLedgerStore,
  tenantPaymentStore,
  testProviderStore,
  type JobInserter,
} from './payment-stores.ts';
import { tenantInsightStore } from './insight-stores.ts';
import { findOverlayKeyByPrefix, tenantLiveLogStore, tenantOverlayKeyStore } from './live-stores.ts';
import { platformModerationStore, tenantModerationStore } from './moderation-stores.ts';
import { routedLiveEventStore, tenantRoutingStore } from './routing-stores.ts';
import { platformRequestStore, tenantRequestStore } from './request-stores.ts';
import { platformBookingStore, tenantBookingStore } from './booking-stores.ts';
import { tenantCohortStore } from './cohort-stores.ts';
import { tenantTipStore } from './tip-stores.ts';
import { accountStore, magicLinkStore, sessionStore } from './account-stores.ts';
/** The shared rate limiter, for the composition root (it imports only this file of the data layer). */
export { createRateLimits } from './moderation-stores.ts';
import { tenantFanRecordStore } from './fan-record-stores.ts';
import { tenantFanPaymentStore } from './personal-data-stores.ts';

/*
 * The only place that builds queries on tenant-owned tables. Each TenantStore is bound to one tenant id
 * and adds it to every WHERE clause and every insert, so a caller cannot reach another tenant's rows
 * even with a valid id of theirs: the row is simply not found.
 */

class DrizzleTenantStore implements TenantStore {
  constructor(
    private readonly db: Db,
    readonly tenantId: string,
    private readonly insertJob: JobInserter | undefined,
  ) {}

  transaction<T>(work: (store: TenantStore) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      work(new DrizzleTenantStore(tx as unknown as Db, this.tenantId, this.insertJob)),
    );
  }

  get payments() {
    return tenantPaymentStore(this.db, this.tenantId);
  }

  get ledger() {
    return tenantLedgerStore(this.db, this.tenantId);
  }

  get connect() {
    return tenantConnectStore(this.db, this.tenantId);
  }

  get credits() {
    return tenantCreditStore(this.db, this.tenantId);
  }

  get jobs() {
    return jobSender(this.db, this.insertJob);
  }

  get tips() {
    return tenantTipStore(this.db, this.tenantId);
  }

  get liveEvents(): TenantStore['liveEvents'] {
    return routedLiveEventStore(this.db, this.tenantId, this);
  }

  get routing() {
    return tenantRoutingStore(this.db, this.tenantId);
  }

  get overlayKeys() {
    return tenantOverlayKeyStore(this.db, this.tenantId);
  }

  get liveLog() {
    return tenantLiveLogStore(this.db, this.tenantId);
  }

  get insights() {
    return tenantInsightStore(this.db, this.tenantId);
  }

  get moderation() {
    return tenantModerationStore(this.db, this.tenantId);
  }

  get requests() {
    return tenantRequestStore(this.db, this.tenantId);
  }

  get fanPayments() {
    return tenantFanPaymentStore(this.db, this.tenantId);
  }

  get fanRecords() {
    return tenantFanRecordStore(this.db, this.tenantId);
  }

  get bookings() {
    return tenantBookingStore(this.db, this.tenantId);
  }

  get cohorts() {
    return tenantCohortStore(this.db, this.tenantId);
  }

  async tenant(): Promise<TenantRecord> {
    const [row] = await this.db.select().from(tenants).where(eq(tenants.id, this.tenantId));
    if (!row) throw new Error(`Tenant ${this.tenantId} vanished`);
    return row;
  }

  apps: TenantStore['apps'] = {
    list: async () =>
      (await this.db
        .select()
        .from(apps)
        .where(eq(apps.tenantId, this.tenantId))
        .orderBy(apps.createdAt, apps.id)) as AppRecord[],
    get: async (id) => {
      const [row] = await this.db
        .select()
        .from(apps)
        .where(and(eq(apps.tenantId, this.tenantId), eq(apps.id, id)));
      return row as AppRecord | undefined;
    },
    insert: async (values) => {
      const [row] = await this.db
        .insert(apps)
        .values({ ...values, tenantId: this.tenantId })
        .returning();
      return row as AppRecord;
    },
    update: async (id, values) => {
      const [row] = await this.db
        .update(apps)
        .set({ ...values, updatedAt: sql`now()` })
        .where(and(eq(apps.tenantId, this.tenantId), eq(apps.id, id)))
        .returning();
      return row as AppRecord | undefined;
    },
  };

  apiKeys: TenantStore['apiKeys'] = {
    list: async () =>
      (await this.db
        .select()
        .from(apiKeys)
        .where(eq(apiKeys.tenantId, this.tenantId))
        .orderBy(apiKeys.createdAt, apiKeys.id)) as ApiKeyRecord[],
    get: async (id) => {
      const [row] = await this.db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.tenantId, this.tenantId), eq(apiKeys.id, id)));
      return row as ApiKeyRecord | undefined;
    },
    insert: async (values) => {
      const [row] = await this.db
        .insert(apiKeys)
        .values({ ...values, tenantId: this.tenantId })
        .returning();
      return row as ApiKeyRecord;
    },
    revoke: async (id, at) => {
      const [row] = await this.db
        .update(apiKeys)
        .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, ${at.toISOString()}::timestamptz)` })
        .where(and(eq(apiKeys.tenantId, this.tenantId), eq(apiKeys.id, id)))
        .returning();
      return row as ApiKeyRecord | undefined;
    },
  };

  audit: TenantStore['audit'] = {
    append: async (actor: Actor, entry) => {
      await this.db.insert(auditLog).values({
        tenantId: this.tenantId,
        actorType: actor.type,
        actorId: actor.id,
        requestId: actor.requestId ?? null,
        ...entry,
      });
    },
    list: async ({ limit, before, action }) =>
      (await this.db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.tenantId, this.tenantId),
            before === undefined ? undefined : lt(auditLog.id, before),
            action === undefined ? undefined : eq(auditLog.action, action),
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(limit)) as AuditEntry[],
  };
}

/** `insertJob` is absent where no job queue runs (the CLI's one-off commands). */
export function createPlatformStore(db: Db, insertJob?: JobInserter): PlatformStore {
  return {
    transaction: (work) => db.transaction((tx) => work(createPlatformStore(tx as unknown as Db, insertJob))),
    forTenant: (tenantId) => new DrizzleTenantStore(db, tenantId, insertJob),
    payments: platformPaymentStore(db),
    jobs: jobSender(db, insertJob),
    testProvider: testProviderStore(db),
    findOverlayKeyByPrefix: (prefix) => findOverlayKeyByPrefix(db, prefix),
    moderation: platformModerationStore(db),
    requests: platformRequestStore(db),
    accounts: accountStore(db),
    sessions: sessionStore(db),
    magicLinks: magicLinkStore(db),
    bookings: platformBookingStore(db),
    async createTenant(values) {
      const [row] = await db.insert(tenants).values(values).returning();
      return row!;
    },
    async findTenantBySlug(slug) {
      const [row] = await db.select().from(tenants).where(eq(tenants.slug, slug));
      return row;
    },
    async findApiKeyByPrefix(prefix) {
      const [row] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix));
      return row as ApiKeyRecord | undefined;
    },
    async touchApiKey(id, at) {
      await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
    },
    async listActiveApps(type) {
      return db
        .select({ id: apps.id, tenantId: apps.tenantId })
        .from(apps)
        .where(and(eq(apps.type, type), eq(apps.status, 'active')));
    },
    async findPublicApp(id) {
      const [row] = await db
        .select({
          id: apps.id,
          tenantId: apps.tenantId,
          type: apps.type,
          name: apps.name,
          status: apps.status,
          config: apps.config,
          theme: apps.theme,
          allowedOrigins: apps.allowedOrigins,
        })
        .from(apps)
        .where(eq(apps.id, id));
      return row as AppRecord | undefined;
    },
  };
}

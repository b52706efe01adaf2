import type { Actor } from './actor.ts';
import type { AccountStore, MagicLinkStore, SessionStore } from './auth/auth-types.ts';
import type { AppStatus, AppType, TThemeOverrides } from './apps/app-types.ts';
import type { ApiScope } from './api-keys/scopes.ts';
import type {
  JobSender,
  PlatformPaymentStore,
  TenantConnectStore,
  TenantCreditStore,
  TenantLedgerStore,
  TenantPaymentStore,
  TestProviderStore,
} from './payments/payment-ports.ts';
import type { TenantInsightStore } from './insights/insight-types.ts';
import type { OverlayKeyRecord, TenantLiveLogStore, TenantOverlayKeyStore } from './live/live-types.ts';
import type { PlatformModerationStore, TenantModerationStore } from './moderation/moderation-types.ts';
import type { TenantRoutingStore } from './routing/routing-types.ts';
import type { PlatformRequestStore, TenantRequestStore } from './requests/request-types.ts';
import type { PlatformBookingStore, TenantBookingStore } from './booking/booking.types.ts';
import type { TenantCohortStore } from './cohorts/cohorts.types.ts';
import type { TenantLiveEventStore, TenantTipStore } from './tips/tip-types.ts';
import type { TenantFanPaymentStore, TenantFanRecordStore } from './personal-data/personal-data-types.ts';

export interface AppRecord {
  id: string;
  tenantId: string;
  type: AppType;
  name: string;
  status: AppStatus;
  config: Record<string, unknown>;
  theme: TThemeOverrides;
  allowedOrigins: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
  secretHash: string;
  scopes: ApiScope[];
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface AuditEntry {
  id: number;
  tenantId: string;
  actorType: Actor['type'];
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  createdAt: Date;
}

export interface TenantRecord {
  id: string;
  name: string;
  slug: string | null;
  createdAt: Date;
}

export type NewAuditEntry = Pick<AuditEntry, 'action' | 'targetType' | 'targetId' | 'before' | 'after'>;

/**
 * Everything one tenant owns, reachable only through this object: it is built for one tenant id and
 * every query it runs is filtered by it. Domain code gets one of these and never sees another tenant.
 */
export interface TenantStore {
  readonly tenantId: string;
  transaction<T>(work: (store: TenantStore) => Promise<T>): Promise<T>;
  tenant(): Promise<TenantRecord>;
  apps: {
    list(): Promise<AppRecord[]>;
    get(id: string): Promise<AppRecord | undefined>;
    insert(
      values: Pick<AppRecord, 'type' | 'name' | 'config' | 'theme' | 'allowedOrigins'> & { id?: string },
    ): Promise<AppRecord>;
    update(
      id: string,
      values: Partial<Pick<AppRecord, 'name' | 'config' | 'theme' | 'allowedOrigins' | 'status'>>,
    ): Promise<AppRecord | undefined>;
  };
  apiKeys: {
    list(): Promise<ApiKeyRecord[]>;
    get(id: string): Promise<ApiKeyRecord | undefined>;
    insert(
      values: Pick<ApiKeyRecord, 'name' | 'prefix' | 'secretHash' | 'scopes' | 'createdBy'>,
    ): Promise<ApiKeyRecord>;
    revoke(id: string, at: Date): Promise<ApiKeyRecord | undefined>;
  };
  audit: {
    append(actor: Actor, entry: NewAuditEntry): Promise<void>;
    list(options: {
      limit: number;
      before?: number | undefined;
      action?: string | undefined;
    }): Promise<AuditEntry[]>;
  };
  payments: TenantPaymentStore;
  ledger: TenantLedgerStore;
  connect: TenantConnectStore;
  credits: TenantCreditStore;
  jobs: JobSender;
  tips: TenantTipStore;
  liveEvents: TenantLiveEventStore;
  overlayKeys: TenantOverlayKeyStore;
  liveLog: TenantLiveLogStore;
  insights: TenantInsightStore;
  moderation: TenantModerationStore;
  routing: TenantRoutingStore;
  requests: TenantRequestStore;
  fanPayments: TenantFanPaymentStore;
  fanRecords: TenantFanRecordStore;
  bookings: TenantBookingStore;
  cohorts: TenantCohortStore;
}

/** Operations that are not about one tenant's data: creating tenants, finding a key by its prefix. */
export interface PlatformStore {
  transaction<T>(work: (platform: PlatformStore) => Promise<T>): Promise<T>;
  forTenant(tenantId: string): TenantStore;
  createTenant(values: {
    name: string;
    slug?: string | undefined;
    id?: string | undefined;
  }): Promise<TenantRecord>;
  findTenantBySlug(slug: string): Promise<TenantRecord | undefined>;
  findApiKeyByPrefix(prefix: string): Promise<ApiKeyRecord | undefined>;
  touchApiKey(id: string, at: Date): Promise<void>;
  /** The few public facts about an app a widget or a browser's CORS check needs, whoever owns it. */
  findPublicApp(
    id: string,
  ): Promise<
    | Pick<AppRecord, 'id' | 'tenantId' | 'type' | 'name' | 'status' | 'config' | 'theme' | 'allowedOrigins'>
    | undefined
  >;
  /** Active apps of one type, across tenants (for jobs that visit every program, like cohort rounds). */
  listActiveApps(type: AppType): Promise<Array<Pick<AppRecord, 'id' | 'tenantId'>>>;
  payments: PlatformPaymentStore;
  jobs: JobSender;
  testProvider: TestProviderStore;
  findOverlayKeyByPrefix(prefix: string): Promise<OverlayKeyRecord | undefined>;
  moderation: PlatformModerationStore;
  requests: PlatformRequestStore;
  accounts: AccountStore;
  sessions: SessionStore;
  magicLinks: MagicLinkStore;
  bookings: PlatformBookingStore;
}

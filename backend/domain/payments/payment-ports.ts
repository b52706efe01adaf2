import type {
  ConnectAccountRecord,
  CreditReason,
  CreditWallet,
  DisputeRecord,
  LedgerEntry,
  LedgerKind,
  PaymentRecord,
  RefundRecord,
  SubscriptionRecord,
} from './payment-types.ts';

export type NewPayment = Pick<
  PaymentRecord,
  | 'appId'
  | 'purpose'
  | 'amount'
  | 'currency'
  | 'captureMethod'
  | 'provider'
  | 'idempotencyKey'
  | 'applicationFee'
  | 'destinationAccount'
  | 'metadata'
>;

export type PaymentChanges = Partial<
  Pick<
    PaymentRecord,
    | 'status'
    | 'providerIntentId'
    | 'clientSecret'
    | 'amountRefunded'
    | 'lastError'
    | 'authorizationExpiresAt'
    | 'succeededAt'
  >
>;

export type NewSubscription = Pick<
  SubscriptionRecord,
  | 'appId'
  | 'purpose'
  | 'amount'
  | 'currency'
  | 'provider'
  | 'idempotencyKey'
  | 'applicationFeeBps'
  | 'destinationAccount'
  | 'metadata'
>;

export type SubscriptionChanges = Partial<
  Pick<
    SubscriptionRecord,
    'providerSubscriptionId' | 'providerCustomerId' | 'status' | 'currentPeriodEnd' | 'canceledAt'
  >
>;

export interface LedgerFilter {
  currency?: string | undefined;
  kind?: LedgerKind | undefined;
  paymentId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Entries with a smaller id than this (paging backwards). */
  before?: number | undefined;
  limit: number;
}

/** A tenant's payments, refunds and disputes. */
export interface TenantPaymentStore {
  get(id: string): Promise<PaymentRecord | undefined>;
  /** The row, locked until the transaction ends, so concurrent re-reads apply one after the other. */
  getForUpdate(id: string): Promise<PaymentRecord | undefined>;
  /** Inserts unless the idempotency key is taken; `created` says which. */
  insertOnce(values: NewPayment): Promise<{ payment: PaymentRecord; created: boolean }>;
  findByIdempotencyKey(key: string): Promise<PaymentRecord | undefined>;
  update(id: string, changes: PaymentChanges): Promise<PaymentRecord>;
  list(options: {
    limit: number;
    before?: Date | undefined;
    status?: string | undefined;
  }): Promise<PaymentRecord[]>;
  refunds(paymentId: string): Promise<RefundRecord[]>;
  upsertRefund(values: Omit<RefundRecord, 'id' | 'createdAt'>): Promise<RefundRecord>;
  disputes(paymentId: string): Promise<DisputeRecord[]>;
  upsertDispute(values: Omit<DisputeRecord, 'id' | 'createdAt' | 'updatedAt'>): Promise<DisputeRecord>;
  /** Inserts unless the idempotency key is taken; either way, the subscription of that key. */
  insertSubscriptionOnce(values: NewSubscription): Promise<SubscriptionRecord>;
  getSubscription(id: string): Promise<SubscriptionRecord | undefined>;
  updateSubscription(id: string, changes: SubscriptionChanges): Promise<SubscriptionRecord>;
}

export interface TenantLedgerStore {
  /** Appends unless an entry of that kind for that source exists; returns whether it was new. */
  append(entry: Omit<LedgerEntry, 'id' | 'tenantId' | 'createdAt'>): Promise<boolean>;
  entries(filter: LedgerFilter): Promise<LedgerEntry[]>;
  balances(): Promise<Array<{ currency: string; balance: number; updatedAt: Date }>>;
  /** Gross volume of this calendar month (UTC) in one currency: the input to the fee tiers. */
  monthlyVolume(currency: string, at: Date): Promise<number>;
  negotiatedFeeBps(): Promise<number | null>;
  setNegotiatedFeeBps(bps: number | null): Promise<void>;
}

export interface TenantConnectStore {
  get(): Promise<ConnectAccountRecord | undefined>;
  upsert(
    values: Omit<ConnectAccountRecord, 'tenantId' | 'createdAt' | 'updatedAt'>,
  ): Promise<ConnectAccountRecord>;
}

export interface TenantCreditStore {
  wallets(holder: string): Promise<CreditWallet[]>;
  /** Adds (or with a negative delta, takes) credits and records why; false if `reference` was used. */
  apply(entry: {
    holder: string;
    scope: string;
    delta: number;
    reason: CreditReason;
    reference: string;
    paymentId: string | null;
  }): Promise<boolean>;
  /** Takes one credit from the first wallet of `scopes` that has one; the scope used, or undefined. */
  spendOne(holder: string, scopes: string[], reference: string): Promise<string | undefined>;
  entries(filter: {
    reason?: CreditReason;
    reference?: string;
    paymentId?: string;
  }): Promise<
    Array<{ holder: string; scope: string; delta: number; reason: CreditReason; reference: string }>
  >;
}

export const JOB_NAMES = [
  'payment-event',
  'payment-reaction',
  'payment-authorization-expiry',
  'route-delivery',
  'booking-hold-expiry',
  'booking-notice',
  'cohort-rounds-due',
  'cohort-notice',
  'request-payment-return',
  'request-payment-capture',
  'request-unpaid-expiry',
  'request-close',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

/**
 * Queues a job in the same transaction as the store it hangs off, so a change and the work that reacts
 * to it commit together or not at all.
 */
export interface JobSender {
  send(
    name: JobName,
    payload: Record<string, unknown>,
    /** `group`: jobs of one group (a tenant) share a concurrency limit, so one cannot starve the rest. */
    options?: { startAfter?: Date; group?: string },
  ): Promise<void>;
}

/** Platform-wide payment facts: events arrive before we know whose they are. */
export interface PlatformPaymentStore {
  /** Stores the event id once; false if it was already there (a unique key, not a read-then-write). */
  recordEvent(event: {
    id: string;
    provider: string;
    type: string;
    objectId: string;
    account: string | null;
    livemode: boolean;
  }): Promise<boolean>;
  findPaymentByIntent(intentId: string): Promise<{ tenantId: string; paymentId: string } | undefined>;
  findTenantByAccount(accountId: string): Promise<string | undefined>;
  /** A payment's tenant, for public calls that prove themselves with the client secret. */
  findPaymentTenant(paymentId: string): Promise<string | undefined>;
  findSubscriptionByProviderId(
    providerSubscriptionId: string,
  ): Promise<{ tenantId: string; subscriptionId: string } | undefined>;
  /** A subscription's tenant, for the fan's cancel call (which proves itself with the subscription's secret). */
  findSubscriptionTenant(subscriptionId: string): Promise<string | undefined>;
}

export interface TestProviderObject {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/** Storage of the built-in test provider's own objects. */
export interface TestProviderStore {
  get(id: string): Promise<TestProviderObject | undefined>;
  findByIdempotencyKey(key: string): Promise<TestProviderObject | undefined>;
  /** Inserts; if the idempotency key was used already, returns that object instead. */
  insert(object: TestProviderObject & { idempotencyKey: string | null }): Promise<TestProviderObject>;
  update(id: string, data: Record<string, unknown>): Promise<void>;
  list(type: string): Promise<TestProviderObject[]>;
  transaction<T>(work: (store: TestProviderStore) => Promise<T>): Promise<T>;
  getForUpdate(id: string): Promise<TestProviderObject | undefined>;
}

import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  integer,
  primaryKey,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A creator (or a team of creators) and everything they own. */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').unique(),
  createdAt: createdAt(),
});

/** A person: a creator, a moderator or a fan. Not tenant-owned: one fan supports many creators. */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  displayName: text('display_name'),
  email: text('email'),
  createdAt: createdAt(),
});

/** A sign-in method of a user: provider plus that provider's id for them. */
export const identities = pgTable(
  'identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    providerUserId: text('provider_user_id').notNull(),
    email: text('email'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('identities_provider_user_unique').on(t.provider, t.providerUserId),
    index('identities_user_idx').on(t.userId),
  ],
);

/** Who works for a tenant, and as what. */
export const tenantMembers = pgTable(
  'tenant_members',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('tenant_members_unique').on(t.tenantId, t.userId),
    check('tenant_members_role_check', sql`${t.role} in ('owner', 'moderator')`),
  ],
);

/** A widget instance a creator embeds: its type, per-type config, status and the sites allowed to embed it. */
export const apps = pgTable(
  'apps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    name: text('name').notNull(),
    status: text('status').notNull().default('active'),
    config: jsonb('config').notNull().default({}),
    theme: jsonb('theme').notNull().default({}),
    allowedOrigins: text('allowed_origins')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('apps_tenant_idx').on(t.tenantId, t.createdAt),
    check('apps_type_check', sql`${t.type} in ('tip-jar', 'request-form', 'booking', 'cohort-matcher')`),
    check('apps_status_check', sql`${t.status} in ('active', 'paused', 'killed')`),
  ],
);

/** API keys: only a hash of the secret is kept; the prefix identifies the key in lists and logs. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_tenant_idx').on(t.tenantId, t.createdAt)],
);

/** Append-only record of every change: a trigger (migration 0002) refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_tenant_idx').on(t.tenantId, t.id)],
);

/**
 * One attempt to take money for an app: a tip, a paid request or add-on, a credit pack, a booking.
 * Mirrors the provider's PaymentIntent; the provider is the truth and webhooks re-read it.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    captureMethod: text('capture_method').notNull(),
    status: text('status').notNull().default('creating'),
    provider: text('provider').notNull(),
    providerIntentId: text('provider_intent_id').unique(),
    clientSecret: text('client_secret'),
    idempotencyKey: text('idempotency_key').notNull(),
    applicationFee: bigint('application_fee', { mode: 'number' }).notNull().default(0),
    destinationAccount: text('destination_account'),
    amountRefunded: bigint('amount_refunded', { mode: 'number' }).notNull().default(0),
    lastError: text('last_error'),
    metadata: jsonb('metadata').notNull().default({}),
    authorizationExpiresAt: timestamp('authorization_expires_at', { withTimezone: true }),
    succeededAt: timestamp('succeeded_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payments_idempotency_unique').on(t.tenantId, t.idempotencyKey),
    index('payments_tenant_idx').on(t.tenantId, t.createdAt),
    check('payments_amount_positive', sql`${t.amount} > 0`),
    check(
      'payments_purpose_check',
      sql`${t.purpose} in ('tip', 'request', 'add_on', 'credit_pack', 'booking')`,
    ),
    check('payments_capture_check', sql`${t.captureMethod} in ('automatic', 'manual')`),
    check(
      'payments_status_check',
      sql`${t.status} in ('creating', 'requires_payment_method', 'requires_action', 'requires_capture', 'processing', 'succeeded', 'canceled')`,
    ),
  ],
);

/** Refunds of a payment, keyed by the provider's refund id so a re-read never records one twice. */
export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    providerRefundId: text('provider_refund_id').notNull().unique(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    note: text('note'),
    status: text('status').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('payment_refunds_payment_idx').on(t.tenantId, t.paymentId)],
);

/** Disputes (chargebacks) of a payment, as the provider reports them. */
export const paymentDisputes = pgTable(
  'payment_disputes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    providerDisputeId: text('provider_dispute_id').notNull().unique(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('payment_disputes_payment_idx').on(t.tenantId, t.paymentId)],
);

/**
 * The creator's money, one signed amount per line. Append-only (migration 0004); `source` names the
 * provider object a line comes from, and the unique key makes recording it twice impossible.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    currency: text('currency').notNull(),
    kind: text('kind').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    paymentId: uuid('payment_id').references(() => payments.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    description: text('description').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('ledger_entries_source_unique').on(t.tenantId, t.kind, t.source),
    index('ledger_entries_tenant_idx').on(t.tenantId, t.currency, t.id),
    check(
      'ledger_entries_kind_check',
      sql`${t.kind} in ('gross', 'platform_fee', 'processor_fee', 'refund', 'platform_fee_refund', 'dispute_loss', 'dispute_win', 'payout')`,
    ),
  ],
);

/** Running balance per tenant and currency, kept by a trigger on ledger_entries (migration 0004). */
export const ledgerBalances = pgTable(
  'ledger_balances',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    currency: text('currency').notNull(),
    balance: bigint('balance', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.currency] })],
);

/** Every provider event id we have accepted, stored once: the primary key is the idempotency guard. */
export const paymentEvents = pgTable('payment_events', {
  id: text('id').primaryKey(),
  provider: text('provider').notNull(),
  type: text('type').notNull(),
  objectId: text('object_id').notNull(),
  account: text('account'),
  livemode: boolean('livemode').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A creator's connected payments account (Stripe Connect Express, or the test provider's). */
export const connectAccounts = pgTable('connect_accounts', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  provider: text('provider').notNull(),
  providerAccountId: text('provider_account_id').notNull().unique(),
  chargesEnabled: boolean('charges_enabled').notNull().default(false),
  payoutsEnabled: boolean('payouts_enabled').notNull().default(false),
  detailsSubmitted: boolean('details_submitted').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Per-creator payment terms: the negotiated platform rate above the last volume tier. */
export const tenantPaymentSettings = pgTable('tenant_payment_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  negotiatedFeeBps: integer('negotiated_fee_bps'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A fan's credits with a creator: for one app (`scope` is its id) or all the creator's apps (`*`). */
export const creditWallets = pgTable(
  'credit_wallets',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    holder: text('holder').notNull(),
    scope: text('scope').notNull(),
    balance: integer('balance').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.holder, t.scope] }),
    check('credit_wallets_balance_check', sql`${t.balance} >= 0`),
  ],
);

/** Why each wallet balance is what it is; `reference` (a payment, refund or request id) is unique per reason. */
export const creditEntries = pgTable(
  'credit_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    holder: text('holder').notNull(),
    scope: text('scope').notNull(),
    delta: integer('delta').notNull(),
    reason: text('reason').notNull(),
    reference: text('reference').notNull(),
    paymentId: uuid('payment_id').references(() => payments.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('credit_entries_reference_unique').on(t.tenantId, t.reason, t.reference),
    index('credit_entries_wallet_idx').on(t.tenantId, t.holder, t.scope),
    check('credit_entries_reason_check', sql`${t.reason} in ('purchase', 'spend', 'restore', 'clawback')`),
  ],
);

/**
 * The built-in test payment provider's own objects (intents, refunds, accounts), kept in the database so
 * they survive a restart exactly as Stripe's would. Not tenant data: the provider is a stand-in for Stripe.
 */
export const testProviderObjects = pgTable('test_provider_objects', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  idempotencyKey: text('idempotency_key').unique(),
  data: jsonb('data').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A tip that was paid, written once per payment by the reaction to its success. Goal progress and the
 * supporters list are read from here. `messageStatus` is moderation's verdict: a `held` message is
 * kept for the creator's review and shown nowhere public, while the money is accepted either way.
 */
export const tips = pgTable(
  'tips',
  {
    paymentId: uuid('payment_id')
      .primaryKey()
      .references(() => payments.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    feeCovered: bigint('fee_covered', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull(),
    name: text('name'),
    anonymous: boolean('anonymous').notNull().default(false),
    private: boolean('private').notNull().default(false),
    message: text('message'),
    messageStatus: text('message_status').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('tips_app_idx').on(t.tenantId, t.appId, t.createdAt),
    check('tips_message_status_check', sql`${t.messageStatus} in ('none', 'visible', 'held')`),
  ],
);

/**
 * Events for live surfaces (the stream overlay, routing): appended once per `type` and `source`, read
 * in id order. The overlay (a later step) streams them.
 */
export const liveEvents = pgTable(
  'live_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    source: text('source').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('live_events_source_unique').on(t.tenantId, t.type, t.source),
    index('live_events_app_idx').on(t.tenantId, t.appId, t.id),
  ],
);

import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
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

/** A fan's monthly support; each paid invoice is one of `payments` (its metadata names the subscription). */
export const subscriptions = pgTable(
  'subscriptions',
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
    provider: text('provider').notNull(),
    providerSubscriptionId: text('provider_subscription_id').unique(),
    providerCustomerId: text('provider_customer_id'),
    status: text('status').notNull().default('incomplete'),
    idempotencyKey: text('idempotency_key').notNull(),
    applicationFeeBps: integer('application_fee_bps').notNull().default(0),
    destinationAccount: text('destination_account'),
    metadata: jsonb('metadata').notNull().default({}),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    canceledAt: timestamp('canceled_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('subscriptions_idempotency_unique').on(t.tenantId, t.idempotencyKey),
    index('subscriptions_app_idx').on(t.tenantId, t.appId, t.createdAt),
    check('subscriptions_amount_positive', sql`${t.amount} > 0`),
    check('subscriptions_purpose_check', sql`${t.purpose} in ('tip')`),
    check('subscriptions_fee_check', sql`${t.applicationFeeBps} between 0 and 10000`),
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
    check('tips_message_status_check', sql`${t.messageStatus} in ('none', 'visible', 'held', 'hidden')`),
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

/**
 * How often each app's widget was opened per UTC day (a widget reports one open per page view): where
 * the insights' conversion starts. Live event ids, for their part, follow commit order per app
 * (a trigger, migration 0020), so a stream resuming after an id never skips one.
 */
export const widgetOpenCounts = pgTable(
  'widget_open_counts',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    opens: integer('opens').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'widget_open_counts_pk', columns: [t.tenantId, t.appId, t.day] })],
);

/*
 * Moderation and anti-abuse (step 8): the shared rate-limit counters, the review queue, fan blocks,
 * submission fingerprints for duplicate and burst signals, and the moderation webhook's message ids.
 */

/**
 * Rate-limit counters shared by every backend process (rate-limiter-flexible's Drizzle store): one row
 * per limiter key, incremented by an atomic upsert. Keys hold hashes and groups, never raw addresses.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: timestamp('expire', { withTimezone: true }),
});

/**
 * An item moderation held for a person to decide: what it is (`subjectType` + `subjectId`, e.g. a tip's
 * payment id), why it was held, and the decision once made. One row per subject.
 */
export const reviewItems = pgTable(
  'review_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    reasons: jsonb('reasons').notNull(),
    /** The text as held, so a moderator sees what they decide on. */
    excerpt: text('excerpt'),
    /** Who sent it, as moderation keys it (user id, IP group), so a moderator can block them. */
    submitter: jsonb('submitter').notNull().default({}),
    status: text('status').notNull().default('pending'),
    decidedByType: text('decided_by_type'),
    decidedBy: text('decided_by'),
    decisionReason: text('decision_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('review_items_subject_unique').on(t.tenantId, t.subjectType, t.subjectId),
    index('review_items_queue_idx').on(t.tenantId, t.status, t.createdAt),
    check('review_items_status_check', sql`${t.status} in ('pending', 'approved', 'rejected')`),
  ],
);

/** A fan a creator blocked, by user id, email or IP group (at least one), until `expiresAt` if set. */
export const fanBlocks = pgTable(
  'fan_blocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: text('user_id'),
    email: text('email'),
    ipGroup: text('ip_group'),
    reason: text('reason'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('fan_blocks_tenant_idx').on(t.tenantId, t.createdAt),
    check(
      'fan_blocks_target_check',
      sql`${t.userId} is not null or ${t.email} is not null or ${t.ipGroup} is not null`,
    ),
  ],
);

/**
 * One line per screened submission: who sent it (a submitter key) and a fingerprint of its text, so
 * the pipeline can see bursts and near-duplicates without keeping the text itself.
 */
export const moderationSubmissions = pgTable(
  'moderation_submissions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    submitter: text('submitter').notNull(),
    fingerprint: text('fingerprint').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('moderation_submissions_submitter_idx').on(t.tenantId, t.submitter, t.createdAt)],
);

/** Each moderation webhook message id once: a retried delivery is acknowledged and not applied again. */
export const moderationWebhookMessages = pgTable('moderation_webhook_messages', {
  webhookId: text('webhook_id').primaryKey(),
  reviewItemId: uuid('review_item_id')
    .notNull()
    .references(() => reviewItems.id, { onDelete: 'cascade' }),
  verdict: text('verdict').notNull(),
  createdAt: createdAt(),
});

/* ---------------------------------------------------------------------------------------------------
 * Live stream: keys for the stream overlay (migration 0013; new live events are announced by a trigger
 * with NOTIFY on `patchbay_live_events`).
 * ------------------------------------------------------------------------------------------------- */

/** A key an OBS browser source uses to read one app's public live events, and nothing else. */
export const overlayKeys = pgTable(
  'overlay_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('overlay_keys_app_idx').on(t.tenantId, t.appId)],
);

/* ---------------------------------------------------------------------------------------------------
 * Routing: where an app's events go (Discord, email, Trello, signed webhooks) and every delivery of
 * them. A delivery is written in the transaction that appends its live event, with its queue job.
 * ------------------------------------------------------------------------------------------------- */

/** One destination of an app's events. Secrets live in `config` and `secret`: they sign or authorise sends. */
export const routes = pgTable(
  'routes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    eventTypes: jsonb('event_types').$type<string[]>().notNull(),
    destination: text('destination').notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    /** The Standard Webhooks signing secret (`whsec_…`) of a webhook route. */
    secret: text('secret'),
    /** The secret before the last rotation, still signing until `previousSecretExpiresAt`. */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    status: text('status').notNull().default('enabled'),
    disabledReason: text('disabled_reason'),
    /** When the current run of failures began; cleared by a success. */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('routes_app_idx').on(t.tenantId, t.appId),
    check('routes_status_check', sql`${t.status} in ('enabled', 'disabled')`),
    check('routes_destination_check', sql`${t.destination} in ('webhook', 'discord', 'email', 'trello')`),
  ],
);

/** One event on its way to one route: the body is fixed when it is created, so every retry and replay is identical. */
export const routeDeliveries = pgTable(
  'route_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    routeId: uuid('route_id')
      .notNull()
      .references(() => routes.id, { onDelete: 'cascade' }),
    /** The live event it carries; null for a test event. */
    eventId: bigint('event_id', { mode: 'number' }).references(() => liveEvents.id, { onDelete: 'cascade' }),
    eventType: text('event_type').notNull(),
    /** The `webhook-id`: the same on every attempt and replay, so receivers can drop duplicates. */
    messageId: text('message_id').notNull(),
    subject: text('subject').notNull(),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    status: text('status').notNull().default('pending'),
    attemptCount: integer('attempt_count').notNull().default(0),
    /** Attempts of the current run (a replay starts a new run at the first step of the schedule). */
    runAttempts: integer('run_attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('route_deliveries_event_unique').on(t.routeId, t.eventId),
    index('route_deliveries_route_idx').on(t.tenantId, t.routeId, t.createdAt),
    check('route_deliveries_status_check', sql`${t.status} in ('pending', 'succeeded', 'dead')`),
  ],
);

/** Every attempt of a delivery: what came back and how long it took. */
export const routeDeliveryAttempts = pgTable(
  'route_delivery_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => routeDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    outcome: text('outcome').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    latencyMs: integer('latency_ms').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('route_delivery_attempts_unique').on(t.deliveryId, t.attempt)],
);

/** The Trello card a route made for one subject (a request), so later events update it. */
export const routeCards = pgTable(
  'route_cards',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    routeId: uuid('route_id')
      .notNull()
      .references(() => routes.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    cardId: text('card_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.routeId, t.subject] })],
);

/*
 * Requests (the request form): the projection `requests`, the append-only `request_events` it is
 * rebuilt from, and the fans' attachments.
 */

/** The current state of each request: a projection of its events, updated in the same transaction. */
export const requests = pgTable(
  'requests',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    state: text('state').notNull(),
    fanKey: text('fan_key').notNull(),
    fanUserId: uuid('fan_user_id'),
    fanName: text('fan_name'),
    answers: jsonb('answers').notNull(),
    addOns: jsonb('add_ons').$type<string[]>().notNull(),
    priority: boolean('priority').notNull().default(false),
    tip: bigint('tip', { mode: 'number' }).notNull().default(0),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    paymentMethod: text('payment_method').notNull(),
    creditHolder: text('credit_holder'),
    idempotencyKey: text('idempotency_key'),
    paymentId: uuid('payment_id'),
    note: text('note'),
    reason: text('reason'),
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('requests_idempotency_unique').on(t.tenantId, t.appId, t.idempotencyKey),
    index('requests_app_state_idx').on(t.tenantId, t.appId, t.state),
    index('requests_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('requests_fan_idx').on(t.tenantId, t.appId, t.fanKey, t.state),
    check(
      'requests_state_check',
      sql`${t.state} in ('created', 'validated', 'held', 'paid', 'queued', 'accepted', 'fulfilled', 'closed', 'rejected', 'refunded', 'expired')`,
    ),
    check('requests_payment_method_check', sql`${t.paymentMethod} in ('none', 'card', 'credits')`),
  ],
);

/** Every move of every request, with who made it and why; only ever appended. */
export const requestEvents = pgTable(
  'request_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    fromState: text('from_state'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id').notNull(),
    reason: text('reason'),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('request_events_seq_unique').on(t.requestId, t.seq),
    index('request_events_tenant_idx').on(t.tenantId),
  ],
);

/** A file a fan uploaded for a request; the bytes live in attachment storage under `storageKey`. */
export const requestAttachments = pgTable(
  'request_attachments',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id').references(() => requests.id, { onDelete: 'cascade' }),
    uploaderKey: text('uploader_key').notNull(),
    fieldId: text('field_id').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('request_attachments_request_idx').on(t.tenantId, t.requestId)],
);

/* ---- Sign-in (step 6): creator sessions and email sign-in links ---- */

/** A creator's signed-in browser. Only a hash of the cookie's token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** How this session was earned: `email` or an OAuth provider. */
    provider: text('provider').notNull(),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * An emailed sign-in link: single use, short-lived, and only good in the browser that asked for it
 * (which holds the nonce in a cookie). Token and nonce are stored hashed.
 */
export const magicLinks = pgTable(
  'magic_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    nonceHash: text('nonce_hash').notNull(),
    email: text('email').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('magic_links_expires_idx').on(t.expiresAt)],
);

/* ---------------------------------------------------------------------------------------------------
 * Booking
 * ------------------------------------------------------------------------------------------------- */

/**
 * A booking or a hold on one calendar (a booking app). `busyFrom`/`busyUntil` are the session widened by
 * the app's buffers. The migration adds what Drizzle cannot express: an exclusion constraint that lets
 * two live rows of one creator (across all their booking apps) overlap only as seats of the same session
 * (`sessionKey`, which names the app), so the database itself refuses a double booking. A hold past
 * `holdExpiresAt` still counts until it is marked expired: a constraint's predicate cannot read the
 * clock, so the booking transaction expires stale holds first, and a job expires each hold when its
 * time is up.
 */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    eventTypeId: text('event_type_id').notNull(),
    sessionKey: text('session_key').notNull(),
    seat: integer('seat').notNull(),
    seatsTotal: integer('seats_total').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    busyFrom: timestamp('busy_from', { withTimezone: true }).notNull(),
    busyUntil: timestamp('busy_until', { withTimezone: true }).notNull(),
    status: text('status').notNull(),
    holdExpiresAt: timestamp('hold_expires_at', { withTimezone: true }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    notes: text('notes'),
    timeZone: text('time_zone').notNull(),
    paymentId: uuid('payment_id').references(() => payments.id, { onDelete: 'set null' }),
    amount: bigint('amount', { mode: 'number' }).notNull().default(0),
    currency: text('currency'),
    sequence: integer('sequence').notNull().default(0),
    refundedAmount: bigint('refunded_amount', { mode: 'number' }).notNull().default(0),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** A cancellation before this is refunded in full; set at booking, never moved later by a reschedule. */
    refundUntil: timestamp('refund_until', { withTimezone: true }),
    /** Answers to the creator's own booking questions: field id → text. */
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    /** The fan's key for this attempt: a retry (or a double click) finds this booking instead of a second one. */
    idempotencyKey: text('idempotency_key'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('bookings_app_idx').on(t.tenantId, t.appId, t.startsAt),
    uniqueIndex('bookings_payment_unique').on(t.paymentId),
    uniqueIndex('bookings_idempotency_unique').on(t.tenantId, t.appId, t.idempotencyKey),
    uniqueIndex('bookings_one_per_seat')
      .on(t.tenantId, t.sessionKey, t.seat)
      .where(sql`${t.status} in ('held', 'requested', 'confirmed')`),
    check(
      'bookings_status_check',
      sql`${t.status} in ('held', 'requested', 'confirmed', 'cancelled', 'expired', 'declined')`,
    ),
    check('bookings_seat_check', sql`${t.seat} between 1 and ${t.seatsTotal}`),
    check(
      'bookings_span_check',
      sql`${t.startsAt} < ${t.endsAt} and ${t.busyFrom} <= ${t.startsAt} and ${t.endsAt} <= ${t.busyUntil}`,
    ),
  ],
);

/** Fans waiting for a taken slot; when a booking there is cancelled, the oldest is offered it by email. */
export const bookingWaitlist = pgTable(
  'booking_waitlist',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    eventTypeId: text('event_type_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    timeZone: text('time_zone').notNull(),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('booking_waitlist_unique').on(t.tenantId, t.appId, t.eventTypeId, t.startsAt, t.email)],
);

/* ---------------------------------------------------------------------------------------------------
 * Cohorts (the cohort matcher): members who opted in to an app's program, the rounds the matcher ran,
 * their groups, and each member's "did you meet?" answer.
 * ------------------------------------------------------------------------------------------------- */

/**
 * A fan who joined a cohort program, with the profile the matcher reads. `weeklyHours` are on the
 * member's own clock in `timeZone`; each round converts them to the UTC week it meets in. `avoid` holds
 * other members' ids (never user ids) the member asked never to be grouped with.
 */
export const cohortMembers = pgTable(
  'cohort_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    displayName: text('display_name').notNull(),
    email: text('email'),
    interests: jsonb('interests').$type<string[]>().notNull().default([]),
    goals: jsonb('goals').$type<string[]>().notNull().default([]),
    experience: text('experience'),
    timeZone: text('time_zone').notNull(),
    weeklyHours: jsonb('weekly_hours')
      .$type<Array<{ weekday: string; start: string; end: string }>>()
      .notNull()
      .default([]),
    answers: jsonb('answers').$type<Record<string, string[]>>().notNull().default({}),
    avoid: jsonb('avoid').$type<string[]>().notNull().default([]),
    status: text('status').notNull().default('active'),
    ignoredRounds: integer('ignored_rounds').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cohort_members_user_unique').on(t.tenantId, t.appId, t.userId),
    index('cohort_members_app_idx').on(t.tenantId, t.appId, t.status),
    check('cohort_members_status_check', sql`${t.status} in ('active', 'paused', 'left')`),
  ],
);

/** One run of the matcher for an app: numbered per app, seeded, with the run's quality report. */
export const cohortRounds = pgTable(
  'cohort_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    seed: bigint('seed', { mode: 'number' }).notNull(),
    /** The Monday (YYYY-MM-DD) of the UTC week the round meets in; availability is matched for it. */
    weekStart: text('week_start').notNull(),
    status: text('status').notNull().default('draft'),
    report: jsonb('report').notNull(),
    createdAt: createdAt(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('cohort_rounds_number_unique').on(t.tenantId, t.appId, t.number),
    check('cohort_rounds_status_check', sql`${t.status} in ('draft', 'published')`),
  ],
);

/** A group of a round, with its score and "why you were matched" (shared interests, goals, hours). */
export const cohortGroups = pgTable(
  'cohort_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    roundId: uuid('round_id')
      .notNull()
      .references(() => cohortRounds.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    score: doublePrecision('score').notNull(),
    why: jsonb('why').notNull(),
  },
  (t) => [uniqueIndex('cohort_groups_number_unique').on(t.roundId, t.number)],
);

export const cohortGroupMembers = pgTable(
  'cohort_group_members',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    roundId: uuid('round_id')
      .notNull()
      .references(() => cohortRounds.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => cohortGroups.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => cohortMembers.id, { onDelete: 'cascade' }),
    /** When the member's introduction to this group was sent; a retried job finds it and sends nothing. */
    introducedAt: timestamp('introduced_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.memberId] }),
    uniqueIndex('cohort_group_members_round_unique').on(t.roundId, t.memberId),
  ],
);

/** A member's "did you meet?" for a round; the latest answer counts. */
export const cohortFeedback = pgTable(
  'cohort_feedback',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    roundId: uuid('round_id')
      .notNull()
      .references(() => cohortRounds.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => cohortMembers.id, { onDelete: 'cascade' }),
    met: boolean('met').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.memberId] })],
);

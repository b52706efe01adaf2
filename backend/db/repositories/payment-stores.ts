import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type {
  JobName,
  JobSender,
  PlatformPaymentStore,
  TenantConnectStore,
  TenantCreditStore,
  TenantLedgerStore,
  TenantPaymentStore,
  TestProviderObject,
  TestProviderStore,
} from '../../domain/payments/payment-ports.ts';
import type {
  ConnectAccountRecord,
  CreditReason,
  DisputeRecord,
  LedgerEntry,
  PaymentRecord,
  RefundRecord,
  SubscriptionRecord,
} from '../../domain/payments/payment-types.ts';
import { statusesBefore } from '../../domain/payments/payment-types.ts';
import type { Db } from '../database.ts';
import {
  connectAccounts,
  creditEntries,
  creditWallets,
  ledgerBalances,
  ledgerEntries,
  paymentDisputes,
  paymentEvents,
  paymentRefunds,
  payments,
  subscriptions,
  tenantPaymentSettings,
  testProviderObjects,
} from '../schema.ts';

/** Puts a job row into the queue through the given connection (a transaction, when there is one). */
export type JobInserter = (
  db: Db,
  name: JobName,
  payload: Record<string, unknown>,
  options: { startAfter?: Date; group?: string },
) => Promise<void>;

export function jobSender(db: Db, insertJob: JobInserter | undefined): JobSender {
  return {
    async send(name, payload, options = {}) {
      if (!insertJob) throw new Error(`No job queue is running here to take a "${name}" job`);
      await insertJob(db, name, payload, options);
    },
  };
}

const FINAL_REFUND_STATUSES = sql`('succeeded', 'failed', 'canceled')`;
const FINAL_DISPUTE_STATUSES = sql`('won', 'lost')`;

export function tenantPaymentStore(db: Db, tenantId: string): TenantPaymentStore {
  const mine = (id: string) => and(eq(payments.tenantId, tenantId), eq(payments.id, id));
  return {
    async get(id) {
      const [row] = await db.select().from(payments).where(mine(id));
      return row as PaymentRecord | undefined;
    },
    async getForUpdate(id) {
      const [row] = await db.select().from(payments).where(mine(id)).for('update');
      return row as PaymentRecord | undefined;
    },
    async insertOnce(values) {
      const [row] = await db
        .insert(payments)
        .values({ ...values, tenantId })
        .onConflictDoNothing({ target: [payments.tenantId, payments.idempotencyKey] })
        .returning();
      if (row) return { payment: row as PaymentRecord, created: true };
      const [existing] = await db
        .select()
        .from(payments)
        .where(and(eq(payments.tenantId, tenantId), eq(payments.idempotencyKey, values.idempotencyKey)));
      return { payment: existing as PaymentRecord, created: false };
    },
    async findByIdempotencyKey(key) {
      const [row] = await db
        .select()
        .from(payments)
        .where(and(eq(payments.tenantId, tenantId), eq(payments.idempotencyKey, key)));
      return row as PaymentRecord | undefined;
    },
    async update(id, { status, succeededAt, ...changes }) {
      // The status moves only forward, decided by the row as it is now, not as the caller last read it.
      const moves = status ? inArray(payments.status, statusesBefore(status)) : undefined;
      const [row] = await db
        .update(payments)
        .set({
          ...changes,
          ...(status ? { status: sql`case when ${moves} then ${status} else ${payments.status} end` } : {}),
          ...(succeededAt
            ? {
                succeededAt: sql`case when ${moves} then ${succeededAt.toISOString()}::timestamptz else ${payments.succeededAt} end`,
              }
            : {}),
          updatedAt: sql`now()`,
        })
        .where(mine(id))
        .returning();
      if (!row) throw new Error(`Payment ${id} vanished`);
      return row as PaymentRecord;
    },
    async list({ limit, before, status }) {
      return (await db
        .select()
        .from(payments)
        .where(
          and(
            eq(payments.tenantId, tenantId),
            before ? lt(payments.createdAt, before) : undefined,
            status ? eq(payments.status, status) : undefined,
          ),
        )
        .orderBy(desc(payments.createdAt), desc(payments.id))
        .limit(limit)) as PaymentRecord[];
    },
    async refunds(paymentId) {
      return (await db
        .select()
        .from(paymentRefunds)
        .where(and(eq(paymentRefunds.tenantId, tenantId), eq(paymentRefunds.paymentId, paymentId)))
        .orderBy(paymentRefunds.createdAt)) as RefundRecord[];
    },
    async upsertRefund(values) {
      const [row] = await db
        .insert(paymentRefunds)
        .values({ ...values, tenantId })
        .onConflictDoUpdate({
          target: paymentRefunds.providerRefundId,
          // A stale re-read must not take a finished refund back to pending; a note given later is kept.
          set: {
            status: sql`case when ${paymentRefunds.status} in ${FINAL_REFUND_STATUSES} then ${paymentRefunds.status} else excluded.status end`,
            note: sql`coalesce(excluded.note, ${paymentRefunds.note})`,
          },
          setWhere: eq(paymentRefunds.tenantId, tenantId),
        })
        .returning();
      return row as RefundRecord;
    },
    async disputes(paymentId) {
      return (await db
        .select()
        .from(paymentDisputes)
        .where(and(eq(paymentDisputes.tenantId, tenantId), eq(paymentDisputes.paymentId, paymentId)))
        .orderBy(paymentDisputes.createdAt)) as DisputeRecord[];
    },
    async upsertDispute(values) {
      const [row] = await db
        .insert(paymentDisputes)
        .values({ ...values, tenantId })
        .onConflictDoUpdate({
          target: paymentDisputes.providerDisputeId,
          set: {
            status: sql`case when ${paymentDisputes.status} in ${FINAL_DISPUTE_STATUSES} then ${paymentDisputes.status} else excluded.status end`,
            updatedAt: sql`now()`,
          },
          setWhere: eq(paymentDisputes.tenantId, tenantId),
        })
        .returning();
      return row as DisputeRecord;
    },
    async insertSubscriptionOnce(values) {
      const [row] = await db
        .insert(subscriptions)
        .values({ ...values, tenantId })
        .onConflictDoNothing({ target: [subscriptions.tenantId, subscriptions.idempotencyKey] })
        .returning();
      if (row) return row as SubscriptionRecord;
      const [existing] = await db
        .select()
        .from(subscriptions)
        .where(
          and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.idempotencyKey, values.idempotencyKey)),
        );
      return existing as SubscriptionRecord;
    },
    async getSubscription(id) {
      const [row] = await db
        .select()
        .from(subscriptions)
        .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.id, id)));
      return row as SubscriptionRecord | undefined;
    },
    async updateSubscription(id, changes) {
      const [row] = await db
        .update(subscriptions)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.id, id)))
        .returning();
      if (!row) throw new Error(`Subscription ${id} vanished`);
      return row as SubscriptionRecord;
    },
  };
}

export function tenantLedgerStore(db: Db, tenantId: string): TenantLedgerStore {
  return {
    async append(entry) {
      const rows = await db
        .insert(ledgerEntries)
        .values({ ...entry, tenantId })
        .onConflictDoNothing({ target: [ledgerEntries.tenantId, ledgerEntries.kind, ledgerEntries.source] })
        .returning({ id: ledgerEntries.id });
      return rows.length === 1;
    },
    async entries({ currency, kind, paymentId, from, to, before, limit }) {
      return (await db
        .select()
        .from(ledgerEntries)
        .where(
          and(
            eq(ledgerEntries.tenantId, tenantId),
            currency ? eq(ledgerEntries.currency, currency) : undefined,
            kind ? eq(ledgerEntries.kind, kind) : undefined,
            paymentId ? eq(ledgerEntries.paymentId, paymentId) : undefined,
            from ? gte(ledgerEntries.createdAt, from) : undefined,
            to ? lt(ledgerEntries.createdAt, to) : undefined,
            before === undefined ? undefined : lt(ledgerEntries.id, before),
          ),
        )
        .orderBy(desc(ledgerEntries.id))
        .limit(limit)) as LedgerEntry[];
    },
    async balances() {
      return db
        .select({
          currency: ledgerBalances.currency,
          balance: ledgerBalances.balance,
          updatedAt: ledgerBalances.updatedAt,
        })
        .from(ledgerBalances)
        .where(eq(ledgerBalances.tenantId, tenantId))
        .orderBy(ledgerBalances.currency);
    },
    async monthlyVolume(currency, at) {
      const monthStart = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
      const [row] = await db
        .select({ total: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)` })
        .from(ledgerEntries)
        .where(
          and(
            eq(ledgerEntries.tenantId, tenantId),
            eq(ledgerEntries.currency, currency),
            eq(ledgerEntries.kind, 'gross'),
            gte(ledgerEntries.createdAt, monthStart),
          ),
        );
      return Number(row?.total ?? 0);
    },
    async negotiatedFeeBps() {
      const [row] = await db
        .select()
        .from(tenantPaymentSettings)
        .where(eq(tenantPaymentSettings.tenantId, tenantId));
      return row?.negotiatedFeeBps ?? null;
    },
    async setNegotiatedFeeBps(bps) {
      await db
        .insert(tenantPaymentSettings)
        .values({ tenantId, negotiatedFeeBps: bps })
        .onConflictDoUpdate({
          target: tenantPaymentSettings.tenantId,
          set: { negotiatedFeeBps: bps, updatedAt: sql`now()` },
        });
    },
  };
}

export function tenantConnectStore(db: Db, tenantId: string): TenantConnectStore {
  return {
    async get() {
      const [row] = await db.select().from(connectAccounts).where(eq(connectAccounts.tenantId, tenantId));
      return row as ConnectAccountRecord | undefined;
    },
    async upsert(values) {
      const [row] = await db
        .insert(connectAccounts)
        .values({ ...values, tenantId })
        .onConflictDoUpdate({
          target: connectAccounts.tenantId,
          set: { ...values, updatedAt: sql`now()` },
        })
        .returning();
      return row as ConnectAccountRecord;
    },
  };
}

/** Thrown inside a credit transaction to undo it: the reference was used by a concurrent call. */
class ReferenceTaken extends Error {}

export function tenantCreditStore(db: Db, tenantId: string): TenantCreditStore {
  const record = async (
    connection: Db,
    entry: {
      holder: string;
      scope: string;
      delta: number;
      reason: CreditReason;
      reference: string;
      paymentId: string | null;
    },
  ) => {
    const rows = await connection
      .insert(creditEntries)
      .values({ ...entry, tenantId })
      .onConflictDoNothing({
        target: [creditEntries.tenantId, creditEntries.reason, creditEntries.reference],
      })
      .returning({ id: creditEntries.id });
    return rows.length === 1;
  };
  const wallet = (holder: string, scope: string) =>
    and(
      eq(creditWallets.tenantId, tenantId),
      eq(creditWallets.holder, holder),
      eq(creditWallets.scope, scope),
    );
  // Each change of a wallet and its entry commit together (a savepoint inside the caller's transaction,
  // if there is one), so a wallet is always the sum of its entries.
  const atomically = <T>(work: (tx: Db) => Promise<T>) => db.transaction((tx) => work(tx as unknown as Db));
  return {
    async wallets(holder) {
      return db
        .select({ holder: creditWallets.holder, scope: creditWallets.scope, balance: creditWallets.balance })
        .from(creditWallets)
        .where(and(eq(creditWallets.tenantId, tenantId), eq(creditWallets.holder, holder)))
        .orderBy(creditWallets.scope);
    },
    apply(entry) {
      return atomically(async (tx) => {
        if (!(await record(tx, entry))) return false;
        if (entry.delta < 0) {
          // An insert's values meet the balance check before ON CONFLICT applies, so a debit is a plain update.
          await tx
            .update(creditWallets)
            .set({ balance: sql`${creditWallets.balance} + ${entry.delta}`, updatedAt: sql`now()` })
            .where(wallet(entry.holder, entry.scope));
          return true;
        }
        await tx
          .insert(creditWallets)
          .values({ tenantId, holder: entry.holder, scope: entry.scope, balance: entry.delta })
          .onConflictDoUpdate({
            target: [creditWallets.tenantId, creditWallets.holder, creditWallets.scope],
            set: { balance: sql`${creditWallets.balance} + ${entry.delta}`, updatedAt: sql`now()` },
          });
        return true;
      });
    },
    async spendOne(holder, scopes, reference) {
      const earlier = async () => {
        const [row] = await db
          .select({ scope: creditEntries.scope })
          .from(creditEntries)
          .where(
            and(
              eq(creditEntries.tenantId, tenantId),
              eq(creditEntries.reason, 'spend'),
              eq(creditEntries.reference, reference),
            ),
          );
        return row?.scope;
      };
      try {
        const scope = await atomically(async (tx) => {
          for (const scope of scopes) {
            // The balance check and the decrement are one statement, so two spends cannot both take the last credit.
            const taken = await tx
              .update(creditWallets)
              .set({ balance: sql`${creditWallets.balance} - 1`, updatedAt: sql`now()` })
              .where(and(wallet(holder, scope), gte(creditWallets.balance, 1)))
              .returning({ scope: creditWallets.scope });
            if (taken.length === 0) continue;
            // The entry's unique reference decides between two spends for the same thing: the loser gives its credit back.
            if (
              !(await record(tx, { holder, scope, delta: -1, reason: 'spend', reference, paymentId: null }))
            )
              throw new ReferenceTaken();
            return scope;
          }
          return undefined;
        });
        return scope ?? (await earlier());
      } catch (error) {
        if (error instanceof ReferenceTaken) return earlier();
        throw error;
      }
    },
    async entries({ reason, reference, paymentId }) {
      return (await db
        .select({
          holder: creditEntries.holder,
          scope: creditEntries.scope,
          delta: creditEntries.delta,
          reason: creditEntries.reason,
          reference: creditEntries.reference,
        })
        .from(creditEntries)
        .where(
          and(
            eq(creditEntries.tenantId, tenantId),
            reason ? eq(creditEntries.reason, reason) : undefined,
            reference ? eq(creditEntries.reference, reference) : undefined,
            paymentId ? eq(creditEntries.paymentId, paymentId) : undefined,
          ),
        )
        .orderBy(creditEntries.id)) as Array<{
        holder: string;
        scope: string;
        delta: number;
        reason: CreditReason;
        reference: string;
      }>;
    },
  };
}

export function platformPaymentStore(db: Db): PlatformPaymentStore {
  return {
    async recordEvent(event) {
      const rows = await db
        .insert(paymentEvents)
        .values(event)
        .onConflictDoNothing({ target: paymentEvents.id })
        .returning({ id: paymentEvents.id });
      return rows.length === 1;
    },
    async findPaymentByIntent(intentId) {
      const [row] = await db
        .select({ tenantId: payments.tenantId, paymentId: payments.id })
        .from(payments)
        .where(eq(payments.providerIntentId, intentId));
      return row;
    },
    async findTenantByAccount(accountId) {
      const [row] = await db
        .select({ tenantId: connectAccounts.tenantId })
        .from(connectAccounts)
        .where(eq(connectAccounts.providerAccountId, accountId));
      return row?.tenantId;
    },
    async findPaymentTenant(paymentId) {
      const [row] = await db
        .select({ tenantId: payments.tenantId })
        .from(payments)
        .where(eq(payments.id, paymentId));
      return row?.tenantId;
    },
    async findSubscriptionByProviderId(providerSubscriptionId) {
      const [row] = await db
        .select({ tenantId: subscriptions.tenantId, subscriptionId: subscriptions.id })
        .from(subscriptions)
        .where(eq(subscriptions.providerSubscriptionId, providerSubscriptionId));
      return row;
    },
    async findSubscriptionTenant(subscriptionId) {
      const [row] = await db
        .select({ tenantId: subscriptions.tenantId })
        .from(subscriptions)
        .where(eq(subscriptions.id, subscriptionId));
      return row?.tenantId;
    },
  };
}

export function testProviderStore(db: Db): TestProviderStore {
  const present = (row: { id: string; type: string; data: unknown }): TestProviderObject => ({
    id: row.id,
    type: row.type,
    data: row.data as Record<string, unknown>,
  });
  return {
    async get(id) {
      const [row] = await db.select().from(testProviderObjects).where(eq(testProviderObjects.id, id));
      return row && present(row);
    },
    async getForUpdate(id) {
      const [row] = await db
        .select()
        .from(testProviderObjects)
        .where(eq(testProviderObjects.id, id))
        .for('update');
      return row && present(row);
    },
    async findByIdempotencyKey(key) {
      const [row] = await db
        .select()
        .from(testProviderObjects)
        .where(eq(testProviderObjects.idempotencyKey, key));
      return row && present(row);
    },
    async insert(object) {
      const [row] = await db.insert(testProviderObjects).values(object).onConflictDoNothing().returning();
      if (row) return present(row);
      const [existing] = await db
        .select()
        .from(testProviderObjects)
        .where(
          object.idempotencyKey
            ? eq(testProviderObjects.idempotencyKey, object.idempotencyKey)
            : eq(testProviderObjects.id, object.id),
        );
      return present(existing!);
    },
    async update(id, data) {
      await db
        .update(testProviderObjects)
        .set({ data, updatedAt: sql`now()` })
        .where(eq(testProviderObjects.id, id));
    },
    async list(type) {
      return (
        await db
          .select()
          .from(testProviderObjects)
          .where(inArray(testProviderObjects.type, [type]))
          .orderBy(testProviderObjects.createdAt)
      ).map(present);
    },
    transaction(work) {
      return db.transaction((tx) => work(testProviderStore(tx as unknown as Db)));
    },
  };
}

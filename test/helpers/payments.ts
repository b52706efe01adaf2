import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../../backend/db/database.ts';

/** A running test server, or just the database a stopped one left behind. */
type LedgerHost = { services: { database: Pick<Database, 'db'> } };

async function rows<T>(server: LedgerHost, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await server.services.database.db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

/**
 * The ledger's promises, checked against the database itself: per tenant and currency the balance is
 * the sum of the entries; a succeeded payment has exactly one set of entries and any other payment
 * none; each succeeded refund is recorded once; each dispute has one loss once the money was
 * withdrawn, one win if it was won, and at most one fee; each credit wallet is the sum of its entries.
 */
export async function expectLedgerConsistent(server: LedgerHost): Promise<void> {
  const balances = await rows<{ tenant_id: string; currency: string; balance: string; total: string }>(
    server,
    sql`select coalesce(b.tenant_id, e.tenant_id) as tenant_id, coalesce(b.currency, e.currency) as currency,
          coalesce(b.balance, 0)::text as balance, coalesce(e.total, 0)::text as total
        from ledger_balances b
        full join (select tenant_id, currency, sum(amount) as total from ledger_entries group by 1, 2) e
          on e.tenant_id = b.tenant_id and e.currency = b.currency`,
  );
  for (const row of balances)
    expect(row.balance, `balance of ${row.tenant_id} ${row.currency}`).toBe(row.total);

  const payments = await rows<{ id: string; status: string; gross: number; fees: number }>(
    server,
    sql`select p.id, p.status,
          (select count(*)::int from ledger_entries e where e.payment_id = p.id and e.kind = 'gross') as gross,
          (select count(*)::int from ledger_entries e where e.payment_id = p.id and e.kind = 'platform_fee') as fees
        from payments p`,
  );
  for (const payment of payments) {
    expect(payment.gross, `gross entries of ${payment.status} payment ${payment.id}`).toBe(
      payment.status === 'succeeded' ? 1 : 0,
    );
    expect(payment.fees).toBeLessThanOrEqual(payment.gross);
  }

  const refunds = await rows<{ provider_refund_id: string; entries: number }>(
    server,
    sql`select r.provider_refund_id,
          (select count(*)::int from ledger_entries e where e.source = r.provider_refund_id and e.kind = 'refund') as entries
        from payment_refunds r where r.status = 'succeeded'`,
  );
  for (const refund of refunds)
    expect(refund.entries, `entries of refund ${refund.provider_refund_id}`).toBe(1);

  const disputes = await rows<{ id: string; status: string; losses: number; wins: number; fees: number }>(
    server,
    sql`select d.provider_dispute_id as id, d.status,
          (select count(*)::int from ledger_entries e where e.source = d.provider_dispute_id and e.kind = 'dispute_loss') as losses,
          (select count(*)::int from ledger_entries e where e.source = d.provider_dispute_id and e.kind = 'dispute_win') as wins,
          (select count(*)::int from ledger_entries e where e.source = d.provider_dispute_id and e.kind = 'dispute_fee') as fees
        from payment_disputes d`,
  );
  for (const dispute of disputes) {
    const withdrawn = !dispute.status.startsWith('warning_');
    expect(dispute.losses, `loss entries of dispute ${dispute.id}`).toBe(withdrawn ? 1 : 0);
    expect(dispute.wins, `win entries of dispute ${dispute.id}`).toBe(dispute.status === 'won' ? 1 : 0);
    expect(dispute.fees, `fee entries of dispute ${dispute.id}`).toBeLessThanOrEqual(dispute.losses);
  }

  const wallets = await rows<{ balance: number; total: number }>(
    server,
    sql`select w.balance, coalesce((select sum(delta)::int from credit_entries c
          where c.tenant_id = w.tenant_id and c.holder = w.holder and c.scope = w.scope), 0) as total
        from credit_wallets w`,
  );
  for (const wallet of wallets) expect(wallet.balance).toBe(wallet.total);
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const newKey = (prefix = 'attempt') => `${prefix}-${randomUUID()}`;
export const newHolder = () => `fan_${randomUUID().replaceAll('-', '')}`;

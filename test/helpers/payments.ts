import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestServer } from './test-server.ts';

async function rows<T>(server: TestServer, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await server.services.database.db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

/**
 * The ledger's promises, checked against the database itself: per tenant and currency the balance is
 * the sum of the entries; a succeeded payment has exactly one set of entries and any other payment
 * none; each succeeded refund is recorded once; each credit wallet is the sum of its entries.
 */
export async function expectLedgerConsistent(server: TestServer): Promise<void> {
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

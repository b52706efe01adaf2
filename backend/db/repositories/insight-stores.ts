import { sql, type SQL } from 'drizzle-orm';
import type { InsightFacts, TenantInsightStore } from '../../domain/insights/insight-types.ts';
import type { Db } from '../database.ts';
import { widgetOpenCounts } from '../schema.ts';

/** A timestamp's week, named by its Monday in UTC. */
const week = (column: SQL) => sql`to_char(date_trunc('week', ${column} at time zone 'UTC'), 'YYYY-MM-DD')`;

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * The counts behind a creator's insights, each grouped in the database by app and week so that a busy
 * app's year costs a few hundred rows, not one per payment. Fulfilment times are the exception: a median
 * needs every value.
 */
export function tenantInsightStore(db: Db, tenantId: string): TenantInsightStore {
  return {
    async recordOpen(appId, day) {
      await db
        .insert(widgetOpenCounts)
        .values({ tenantId, appId, day, opens: 1 })
        .onConflictDoUpdate({
          target: [widgetOpenCounts.tenantId, widgetOpenCounts.appId, widgetOpenCounts.day],
          set: { opens: sql`${widgetOpenCounts.opens} + 1` },
        });
    },
    async facts({ from, to, appId }) {
      const inApp = (column: SQL) => (appId ? sql`and ${column} = ${appId}` : sql``);
      const [opens, requests, payments, fulfilments, money] = await Promise.all([
        rows<{ app_id: string; week: string; count: string }>(
          db,
          sql`select app_id, ${week(sql`day::timestamp at time zone 'UTC'`)} as week, sum(opens) as count
              from widget_open_counts
              where tenant_id = ${tenantId} ${inApp(sql`app_id`)}
                and day >= ${from.toISOString().slice(0, 10)}::date and day < ${to.toISOString().slice(0, 10)}::date
              group by 1, 2`,
        ),
        rows<{ app_id: string; week: string; count: string }>(
          db,
          sql`select app_id, ${week(sql`created_at`)} as week, count(*) as count
              from requests
              where tenant_id = ${tenantId} ${inApp(sql`app_id`)}
                and created_at >= ${from.toISOString()} and created_at < ${to.toISOString()}
              group by 1, 2`,
        ),
        rows<{ app_id: string; week: string; paid: string; refunded: string; disputed: string }>(
          db,
          sql`select p.app_id, ${week(sql`coalesce(p.succeeded_at, p.created_at)`)} as week,
                count(*) as paid,
                count(*) filter (where p.amount_refunded > 0) as refunded,
                count(*) filter (where exists (
                  select 1 from payment_disputes d where d.tenant_id = p.tenant_id and d.payment_id = p.id
                )) as disputed
              from payments p
              where p.tenant_id = ${tenantId} ${inApp(sql`p.app_id`)}
                and p.status in ('requires_capture', 'succeeded')
                and coalesce(p.succeeded_at, p.created_at) >= ${from.toISOString()}
                and coalesce(p.succeeded_at, p.created_at) < ${to.toISOString()}
              group by 1, 2`,
        ),
        rows<{ app_id: string; week: string; seconds: string }>(
          db,
          sql`select r.app_id, ${week(sql`e.created_at`)} as week,
                extract(epoch from e.created_at - r.created_at) as seconds
              from request_events e join requests r on r.id = e.request_id and r.tenant_id = e.tenant_id
              where e.tenant_id = ${tenantId} ${inApp(sql`r.app_id`)} and e.type = 'fulfilled'
                and e.created_at >= ${from.toISOString()} and e.created_at < ${to.toISOString()}`,
        ),
        rows<{ app_id: string; week: string; currency: string; kind: string; amount: string }>(
          db,
          sql`select p.app_id, ${week(sql`l.created_at`)} as week, l.currency, l.kind, sum(l.amount) as amount
              from ledger_entries l join payments p on p.id = l.payment_id and p.tenant_id = l.tenant_id
              where l.tenant_id = ${tenantId} ${inApp(sql`p.app_id`)}
                and l.created_at >= ${from.toISOString()} and l.created_at < ${to.toISOString()}
              group by 1, 2, 3, 4`,
        ),
      ]);
      const facts: InsightFacts = {
        opens: opens.map((r) => ({ appId: r.app_id, week: r.week, count: Number(r.count) })),
        requests: requests.map((r) => ({ appId: r.app_id, week: r.week, count: Number(r.count) })),
        payments: payments.map((r) => ({
          appId: r.app_id,
          week: r.week,
          paid: Number(r.paid),
          refunded: Number(r.refunded),
          disputed: Number(r.disputed),
        })),
        fulfilments: fulfilments.map((r) => ({ appId: r.app_id, week: r.week, seconds: Number(r.seconds) })),
        money: money.map((r) => ({
          appId: r.app_id,
          week: r.week,
          currency: r.currency,
          kind: r.kind,
          amount: Number(r.amount),
        })),
      };
      return facts;
    },
  };
}

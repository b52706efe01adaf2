import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import {
  OPEN_REQUEST_STATES,
  UNPAID_REQUEST_MINUTES,
  type AttachmentRecord,
  type PlatformRequestStore,
  type RequestEventRecord,
  type RequestRecord,
  type TenantRequestStore,
} from '../../domain/requests/request-types.ts';
import type { Db } from '../database.ts';
import { requestAttachments, requestEvents, requests } from '../schema.ts';

const asRecord = (row: typeof requests.$inferSelect) => row as unknown as RequestRecord;

export function tenantRequestStore(db: Db, tenantId: string): TenantRequestStore {
  const mine = (id: string) => and(eq(requests.tenantId, tenantId), eq(requests.id, id));
  return {
    async lock(key) {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenantId}:${key}`}, 0))`);
    },
    async insert(request) {
      await db.insert(requests).values({ ...request, tenantId });
    },
    async get(id) {
      const [row] = await db.select().from(requests).where(mine(id));
      return row && asRecord(row);
    },
    async getForUpdate(id) {
      const [row] = await db.select().from(requests).where(mine(id)).for('update');
      return row && asRecord(row);
    },
    async findByIdempotencyKey(appId, key) {
      const [row] = await db
        .select()
        .from(requests)
        .where(
          and(eq(requests.tenantId, tenantId), eq(requests.appId, appId), eq(requests.idempotencyKey, key)),
        );
      return row && asRecord(row);
    },
    async findByPayment(paymentId) {
      const [row] = await db
        .select()
        .from(requests)
        .where(and(eq(requests.tenantId, tenantId), eq(requests.paymentId, paymentId)));
      return row && asRecord(row);
    },
    async update(id, values) {
      await db.update(requests).set(values).where(mine(id));
    },
    async appendEvents(events) {
      await db.insert(requestEvents).values(events.map((event) => ({ ...event, tenantId })));
    },
    async events(requestId) {
      return (await db
        .select({
          id: requestEvents.id,
          requestId: requestEvents.requestId,
          seq: requestEvents.seq,
          type: requestEvents.type,
          fromState: requestEvents.fromState,
          actorType: requestEvents.actorType,
          actorId: requestEvents.actorId,
          reason: requestEvents.reason,
          payload: requestEvents.payload,
          createdAt: requestEvents.createdAt,
        })
        .from(requestEvents)
        .where(and(eq(requestEvents.tenantId, tenantId), eq(requestEvents.requestId, requestId)))
        .orderBy(asc(requestEvents.seq))) as RequestEventRecord[];
    },
    async openCounts(appId, fanKey, addOns) {
      const waiting = OPEN_REQUEST_STATES.filter((state) => state !== 'validated');
      // An unpaid card request holds its place while it may still be paid (from when it began to wait, as
      // the expiry job counts): an abandoned payment must not block the fan.
      const open = sql`(${requests.state} in (${sql.join(
        waiting.map((state) => sql`${state}`),
        sql`, `,
      )}) or (${requests.state} = 'validated' and ${requests.updatedAt} > now() - make_interval(mins => ${UNPAID_REQUEST_MINUTES})))`;
      const perAddOn = addOns.map(
        (id, index) =>
          sql`, count(*) filter (where ${requests.addOns} @> ${JSON.stringify([id])}::jsonb)::int as ${sql.raw(`a${index}`)}`,
      );
      const result = (await db.execute(
        sql`select count(*)::int as total, count(*) filter (where ${requests.fanKey} = ${fanKey})::int as fan ${sql.join(perAddOn)}
            from ${requests}
            where ${requests.tenantId} = ${tenantId} and ${requests.appId} = ${appId} and ${open}`,
      )) as unknown as { rows: Array<Record<string, number>> };
      const row = result.rows[0] ?? {};
      return {
        total: Number(row.total ?? 0),
        fan: Number(row.fan ?? 0),
        addOns: Object.fromEntries(addOns.map((id, index) => [id, Number(row[`a${index}`] ?? 0)])),
      };
    },
    async queuePosition(appId, requestId, policy) {
      if (policy === 'fifo') {
        // Priority first, then by arrival: a count of what is ahead, not a ranking of the whole queue.
        const ahead = (await db.execute(
          sql`select (select count(*)::int + 1 from ${requests} r
                      where r.tenant_id = t.tenant_id and r.app_id = t.app_id and r.state = 'queued'
                        and (r.priority > t.priority
                          or (r.priority = t.priority and (r.queued_at, r.id) < (t.queued_at, t.id)))) as position
              from ${requests} t
              where t.tenant_id = ${tenantId} and t.app_id = ${appId} and t.id = ${requestId} and t.state = 'queued'`,
        )) as unknown as { rows: Array<{ position: number }> };
        return ahead.rows[0]?.position ?? null;
      }
      const rank = sql`row_number() over (partition by fan_key order by queued_at, id)`;
      const result = (await db.execute(
        sql`select position::int from (
              select id, row_number() over (order by priority desc, fan_rank, queued_at, id) as position
              from (select id, priority, queued_at, ${rank} as fan_rank from ${requests}
                    where tenant_id = ${tenantId} and app_id = ${appId} and state = 'queued') q
            ) ordered where id = ${requestId}`,
      )) as unknown as { rows: Array<{ position: number }> };
      return result.rows[0]?.position ?? null;
    },
    async list({ appId, states, fanKey, before, limit }) {
      const rows = await db
        .select()
        .from(requests)
        .where(
          and(
            eq(requests.tenantId, tenantId),
            appId === undefined ? undefined : eq(requests.appId, appId),
            states === undefined ? undefined : inArray(requests.state, states),
            fanKey === undefined ? undefined : eq(requests.fanKey, fanKey),
            before === undefined
              ? undefined
              : or(
                  lt(requests.createdAt, before.createdAt),
                  and(eq(requests.createdAt, before.createdAt), lt(requests.id, before.id)),
                ),
          ),
        )
        .orderBy(desc(requests.createdAt), desc(requests.id))
        .limit(limit);
      return rows.map(asRecord);
    },
    async insertAttachment(values) {
      const [row] = await db
        .insert(requestAttachments)
        .values({ ...values, tenantId })
        .returning();
      return row as AttachmentRecord;
    },
    async getAttachment(id) {
      const [row] = await db
        .select()
        .from(requestAttachments)
        .where(and(eq(requestAttachments.tenantId, tenantId), eq(requestAttachments.id, id)));
      return row as AttachmentRecord | undefined;
    },
    async attachments(requestId) {
      return (await db
        .select()
        .from(requestAttachments)
        .where(and(eq(requestAttachments.tenantId, tenantId), eq(requestAttachments.requestId, requestId)))
        .orderBy(asc(requestAttachments.createdAt))) as AttachmentRecord[];
    },
    async linkAttachments(ids, { appId, uploaderKey, requestId }) {
      if (ids.length === 0) return 0;
      const rows = await db
        .update(requestAttachments)
        .set({ requestId })
        .where(
          and(
            eq(requestAttachments.tenantId, tenantId),
            eq(requestAttachments.appId, appId),
            eq(requestAttachments.uploaderKey, uploaderKey),
            isNull(requestAttachments.requestId),
            inArray(requestAttachments.id, ids),
          ),
        )
        .returning({ id: requestAttachments.id });
      return rows.length;
    },
    async unlinkAttachments(requestId) {
      await db
        .update(requestAttachments)
        .set({ requestId: null })
        .where(and(eq(requestAttachments.tenantId, tenantId), eq(requestAttachments.requestId, requestId)));
    },
  };
}

/** Finds which tenant owns a request: the status link and fan tokens name only the request. */
export function platformRequestStore(db: Db): PlatformRequestStore {
  return {
    async tenantOf(requestId) {
      const [row] = await db
        .select({ tenantId: requests.tenantId })
        .from(requests)
        .where(eq(requests.id, requestId));
      return row?.tenantId;
    },
  };
}

import { z } from 'zod';
import type { AuditEntry, TenantStore } from '../ports.ts';

export const ZListAuditLogQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
  action: z.string().max(60).optional(),
});

/** Newest first; pass the last entry's id as `before` for the next page. */
export async function listAuditLog({
  store,
  query,
}: {
  store: TenantStore;
  query: z.output<typeof ZListAuditLogQuery>;
}): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
  const entries = await store.audit.list(query);
  const last = entries.at(-1);
  return { entries, nextBefore: entries.length === query.limit && last ? last.id : null };
}

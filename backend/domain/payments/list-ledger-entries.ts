import { z } from 'zod';
import type { TenantStore } from '../ports.ts';
import { LEDGER_KINDS, type LedgerEntry } from './payment-types.ts';

export const ZLedgerQuery = z.strictObject({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD')
    .optional(),
  kind: z.enum(LEDGER_KINDS).optional(),
  paymentId: z.uuid('paymentId must be a UUID').optional(),
  from: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2026-01-01T00:00:00Z' })
    .optional(),
  to: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2026-02-01T00:00:00Z' })
    .optional(),
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('Entries older than this id: pass the last id of a page.'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TLedgerQuery = z.output<typeof ZLedgerQuery>;

/** Ledger lines, newest first, filtered. */
export async function listLedgerEntries({
  store,
  query,
}: {
  store: TenantStore;
  query: TLedgerQuery;
}): Promise<LedgerEntry[]> {
  return store.ledger.entries({
    ...query,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  });
}

import type { TenantStore } from '../ports.ts';
import { listLedgerEntries, type TLedgerQuery } from './list-ledger-entries.ts';

/** Spreadsheet apps run cells starting with these as formulas; a leading quote keeps them text. */
const cell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** Every matching ledger line as CSV (oldest first, amounts in minor units), read page by page. */
export async function exportLedgerCsv({
  store,
  query,
}: {
  store: TenantStore;
  query: Omit<TLedgerQuery, 'limit' | 'before'>;
}): Promise<string> {
  const rows: string[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await listLedgerEntries({ store, query: { ...query, before, limit: 500 } });
    for (const entry of page) {
      rows.push(
        [
          entry.id,
          entry.createdAt.toISOString(),
          entry.currency,
          entry.kind,
          entry.amount,
          entry.paymentId,
          entry.source,
          entry.description,
        ]
          .map(cell)
          .join(','),
      );
    }
    if (page.length < 500) break;
    before = page.at(-1)!.id;
  }
  rows.reverse();
  return `${['id', 'created_at', 'currency', 'kind', 'amount_minor', 'payment_id', 'source', 'description'].join(',')}\n${rows.map((row) => `${row}\n`).join('')}`;
}

import type { InsightRow, Insights } from './insight-types.ts';

const COLUMNS = [
  'app_id',
  'app_name',
  'app_type',
  'week_start',
  'opens',
  'requests',
  'paid',
  'conversion',
  'fulfilled',
  'median_fulfilment_hours',
  'refunded',
  'refund_rate',
  'disputed',
  'dispute_rate',
  'currency',
  'gross',
  'fees',
  'refunds',
  'disputes',
  'net',
] as const;

/**
 * A cell as spreadsheets read it: quoted when it holds a separator, and an app name a spreadsheet
 * would run as a formula (`=`, `+`, `-`, `@`, tab, return at the start) is prefixed with `'`.
 */
function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The insights as CSV: one line per app, week and currency (a week without money has one line with the
 * currency empty), amounts in minor units, rates from 0 to 1.
 */
export function formatInsightsCsv(insights: Insights): string {
  const lines = [COLUMNS.join(',')];
  for (const app of insights.apps) {
    for (const row of app.weeks) {
      const counts = (r: InsightRow) => [
        r.opens,
        r.requests,
        r.paid,
        r.conversion,
        r.fulfilled,
        r.medianFulfilmentHours,
        r.refunded,
        r.refundRate,
        r.disputed,
        r.disputeRate,
      ];
      const head = [app.appId, app.name, app.type, row.week, ...counts(row)];
      const money = row.money.length > 0 ? row.money : [null];
      for (const line of money) {
        const tail = line
          ? [line.currency, line.gross, line.fees, line.refunds, line.disputes, line.net]
          : [null, null, null, null, null, null];
        lines.push([...head, ...tail].map(cell).join(','));
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

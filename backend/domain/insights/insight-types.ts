/** A week is named by its Monday (UTC), as `YYYY-MM-DD`. */
export type WeekStart = string;

/** Raw counts the store reads for a period, per app and week; `build-insights` turns them into rates. */
export interface InsightFacts {
  /** Widget opens (one per page view). */
  opens: { appId: string; week: WeekStart; count: number }[];
  /** Requests submitted. */
  requests: { appId: string; week: WeekStart; count: number }[];
  /** Payments by the week they were made: how many went through, how many were refunded or disputed. */
  payments: { appId: string; week: WeekStart; paid: number; refunded: number; disputed: number }[];
  /** One row per fulfilled request: how long it took from submission, by the week it was fulfilled. */
  fulfilments: { appId: string; week: WeekStart; seconds: number }[];
  /** The ledger, summed per app, week, currency and kind of line (signed minor units). */
  money: { appId: string; week: WeekStart; currency: string; kind: string; amount: number }[];
}

export interface TenantInsightStore {
  /** Counts one open of the app's widget on `day` (`YYYY-MM-DD`, UTC). */
  recordOpen(appId: string, day: string): Promise<void>;
  /** Every fact from `from` (inclusive) to `to` (exclusive), for one app or all. */
  facts(query: { from: Date; to: Date; appId?: string | undefined }): Promise<InsightFacts>;
}

export interface MoneyLine {
  currency: string;
  /** What fans paid. */
  gross: number;
  /** Platform and processor fees (negative), net of fees returned with refunds. */
  fees: number;
  /** Money returned to fans (negative). */
  refunds: number;
  /** Lost disputes and their fees (negative), and disputes won back. */
  disputes: number;
  /** What the creator keeps: gross plus every line above. Payouts are not counted. */
  net: number;
}

export interface InsightRow {
  opens: number;
  requests: number;
  paid: number;
  /** paid / opens, 0–1; null without opens. */
  conversion: number | null;
  fulfilled: number;
  /** Median time from submission to fulfilment, in hours; null when nothing was fulfilled. */
  medianFulfilmentHours: number | null;
  refunded: number;
  /** refunded / paid; null without payments. */
  refundRate: number | null;
  disputed: number;
  disputeRate: number | null;
  money: MoneyLine[];
}

export interface AppInsights {
  appId: string;
  name: string;
  type: string;
  weeks: (InsightRow & { week: WeekStart })[];
  total: InsightRow;
}

export interface Insights {
  /** The first week shown and the Monday after the last. */
  from: WeekStart;
  to: WeekStart;
  weeks: WeekStart[];
  apps: AppInsights[];
  /** Every app together. */
  all: { weeks: (InsightRow & { week: WeekStart })[]; total: InsightRow };
}

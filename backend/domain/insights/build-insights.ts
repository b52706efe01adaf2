import type {
  AppInsights,
  InsightFacts,
  InsightRow,
  Insights,
  MoneyLine,
  WeekStart,
} from './insight-types.ts';

/** Which column of a money line each ledger kind adds to; payouts move money out, not earn it. */
const MONEY_COLUMN: Record<string, keyof Omit<MoneyLine, 'currency' | 'net'> | undefined> = {
  gross: 'gross',
  platform_fee: 'fees',
  processor_fee: 'fees',
  platform_fee_refund: 'fees',
  refund: 'refunds',
  dispute_loss: 'disputes',
  dispute_win: 'disputes',
  dispute_fee: 'disputes',
};

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const ratio = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
const hours = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 3600) * 10) / 10);

/** One row from the facts that `keep` selects (an app's week, an app's whole period, every app's week…). */
function summarise(
  facts: InsightFacts,
  keep: (row: { appId: string; week: WeekStart }) => boolean,
): InsightRow {
  const sum = <T extends { appId: string; week: WeekStart }>(rows: T[], value: (row: T) => number) =>
    rows.filter(keep).reduce((total, row) => total + value(row), 0);
  const opens = sum(facts.opens, (r) => r.count);
  const paid = sum(facts.payments, (r) => r.paid);
  const refunded = sum(facts.payments, (r) => r.refunded);
  const disputed = sum(facts.payments, (r) => r.disputed);
  const durations = facts.fulfilments.filter(keep).map((r) => r.seconds);
  const money = new Map<string, MoneyLine>();
  for (const line of facts.money.filter(keep)) {
    const column = MONEY_COLUMN[line.kind];
    if (!column) continue;
    const entry = money.get(line.currency) ?? {
      currency: line.currency,
      gross: 0,
      fees: 0,
      refunds: 0,
      disputes: 0,
      net: 0,
    };
    entry[column] += line.amount;
    entry.net += line.amount;
    money.set(line.currency, entry);
  }
  return {
    opens,
    requests: sum(facts.requests, (r) => r.count),
    paid,
    conversion: ratio(paid, opens),
    fulfilled: durations.length,
    medianFulfilmentHours: hours(median(durations)),
    refunded,
    refundRate: ratio(refunded, paid),
    disputed,
    disputeRate: ratio(disputed, paid),
    money: [...money.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}

/**
 * What a creator's apps did, per app and per week, from the raw counts: conversion from a widget
 * opened to a payment, the median time to fulfil a request, refund and dispute rates (of the payments
 * made that week) and the money kept after fees, per currency. Weeks without activity are there, as
 * zeros, so every chart has the same axis.
 */
export function buildInsights({
  apps,
  facts,
  weeks,
  to,
}: {
  apps: { id: string; name: string; type: string }[];
  facts: InsightFacts;
  weeks: WeekStart[];
  to: WeekStart;
}): Insights {
  const perApp: AppInsights[] = apps.map((app) => ({
    appId: app.id,
    name: app.name,
    type: app.type,
    weeks: weeks.map((week) => ({
      week,
      ...summarise(facts, (row) => row.appId === app.id && row.week === week),
    })),
    total: summarise(facts, (row) => row.appId === app.id),
  }));
  const known = new Set(apps.map((app) => app.id));
  return {
    from: weeks[0]!,
    to,
    weeks,
    apps: perApp,
    all: {
      weeks: weeks.map((week) => ({
        week,
        ...summarise(facts, (row) => known.has(row.appId) && row.week === week),
      })),
      total: summarise(facts, (row) => known.has(row.appId)),
    },
  };
}

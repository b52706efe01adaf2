import { describe, expect, it } from 'vitest';
import { buildInsights } from '../../../backend/domain/insights/build-insights.ts';
import { formatInsightsCsv } from '../../../backend/domain/insights/format-insights-csv.ts';
import type { InsightFacts } from '../../../backend/domain/insights/insight-types.ts';
import { weekRange } from '../../../backend/domain/insights/week-range.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const apps = [
  { id: A, name: 'Tips', type: 'tip-jar' },
  { id: B, name: '=HYPERLINK("x")', type: 'request-form' },
];
const empty: InsightFacts = { opens: [], requests: [], payments: [], fulfilments: [], money: [] };

describe('weekRange', () => {
  it('names weeks by their Monday in UTC, this week last', () => {
    const range = weekRange({ now: new Date('2026-12-03T23:30:00Z'), weeks: 3 });
    expect(range.weeks).toEqual(['2026-11-16', '2026-11-23', '2026-11-30']);
    expect(range.from.toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(range.to.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    // A Monday and a Sunday are in their own week.
    expect(weekRange({ now: new Date('2026-11-30T00:00:00Z'), weeks: 1 }).weeks).toEqual(['2026-11-30']);
    expect(weekRange({ now: new Date('2026-12-06T23:59:59Z'), weeks: 1 }).weeks).toEqual(['2026-11-30']);
  });
});

describe('buildInsights', () => {
  const weeks = ['2026-11-23', '2026-11-30'];
  const facts: InsightFacts = {
    opens: [
      { appId: A, week: '2026-11-23', count: 10 },
      { appId: A, week: '2026-11-30', count: 30 },
    ],
    requests: [{ appId: B, week: '2026-11-30', count: 3 }],
    payments: [
      { appId: A, week: '2026-11-23', paid: 2, refunded: 1, disputed: 0 },
      { appId: A, week: '2026-11-30', paid: 3, refunded: 0, disputed: 1 },
    ],
    fulfilments: [
      { appId: B, week: '2026-11-30', seconds: 3600 },
      { appId: B, week: '2026-11-30', seconds: 7200 },
      { appId: B, week: '2026-11-30', seconds: 36_000 },
      { appId: B, week: '2026-11-23', seconds: 1800 },
    ],
    money: [
      { appId: A, week: '2026-11-23', currency: 'USD', kind: 'gross', amount: 1000 },
      { appId: A, week: '2026-11-23', currency: 'USD', kind: 'platform_fee', amount: -100 },
      { appId: A, week: '2026-11-23', currency: 'USD', kind: 'processor_fee', amount: -59 },
      { appId: A, week: '2026-11-23', currency: 'USD', kind: 'refund', amount: -500 },
      { appId: A, week: '2026-11-23', currency: 'USD', kind: 'platform_fee_refund', amount: 50 },
      { appId: A, week: '2026-11-23', currency: 'USD', kind: 'payout', amount: -391 },
      { appId: A, week: '2026-11-30', currency: 'EUR', kind: 'gross', amount: 700 },
    ],
  };

  it('computes conversion, rates, medians and money net of fees per app and week, zeros included', () => {
    const insights = buildInsights({ apps, facts, weeks, to: '2026-12-07' });
    const [tips, requests] = insights.apps;
    expect(tips!.weeks[0]).toMatchObject({
      week: '2026-11-23',
      opens: 10,
      paid: 2,
      conversion: 0.2,
      refunded: 1,
      refundRate: 0.5,
      disputeRate: 0,
      money: [{ currency: 'USD', gross: 1000, fees: -109, refunds: -500, disputes: 0, net: 391 }],
    });
    expect(tips!.total).toMatchObject({
      opens: 40,
      paid: 5,
      conversion: 0.125,
      disputed: 1,
      disputeRate: 0.2,
    });
    expect(tips!.total.money.map((m) => m.currency)).toEqual(['EUR', 'USD']);
    expect(requests!.weeks[1]).toMatchObject({ requests: 3, fulfilled: 3, medianFulfilmentHours: 2 });
    expect(requests!.weeks[0]).toMatchObject({
      opens: 0,
      conversion: null,
      refundRate: null,
      medianFulfilmentHours: 0.5,
    });
    // The median of four values is the mean of the middle two: (1 h + 2 h) / 2.
    expect(requests!.total.medianFulfilmentHours).toBe(1.5);
    expect(insights.all.total).toMatchObject({ opens: 40, requests: 3, paid: 5, fulfilled: 4 });
  });

  it('leaves out the facts of apps it was not asked about', () => {
    const insights = buildInsights({ apps: [apps[1]!], facts, weeks, to: '2026-12-07' });
    expect(insights.all.total.opens).toBe(0);
    expect(insights.all.total.requests).toBe(3);
  });

  it('writes CSV a spreadsheet cannot be tricked by: one line per app, week and currency', () => {
    const csv = formatInsightsCsv(buildInsights({ apps, facts, weeks, to: '2026-12-07' }));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'app_id,app_name,app_type,week_start,opens,requests,paid,conversion,fulfilled,median_fulfilment_hours,refunded,refund_rate,disputed,dispute_rate,currency,gross,fees,refunds,disputes,net',
    );
    expect(lines).toHaveLength(1 + 4);
    expect(lines[1]).toBe(`${A},Tips,tip-jar,2026-11-23,10,0,2,0.2,0,,1,0.5,0,0,USD,1000,-109,-500,0,391`);
    expect(lines[3]).toContain(`${B},"'=HYPERLINK(""x"")",request-form,2026-11-23`);
    expect(formatInsightsCsv(buildInsights({ apps: [], facts: empty, weeks, to: '2026-12-07' }))).toBe(
      `${lines[0]}\r\n`,
    );
  });
});

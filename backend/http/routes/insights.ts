import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { formatInsightsCsv } from '../../domain/insights/format-insights-csv.ts';
import { getInsights, ZInsightsQuery } from '../../domain/insights/get-insights.ts';
import { recordWidgetOpen } from '../../domain/insights/record-widget-open.ts';
import { defineOperation, type HandlerResult, type OperationRateLimit } from '../operation.ts';

/**
 * A widget reports one open per page view: 60 a minute per address is more than any reader browses,
 * and the per-app count stops a script from inflating an app's opens (and so halving its conversion).
 */
const WIDGET_OPEN_LIMITS: readonly OperationRateLimit[] = [
  { name: 'widget-open-ip', by: 'ip', points: 60, durationSeconds: 60 },
  { name: 'widget-open-app', by: 'app', points: 6000, durationSeconds: 60 },
];

const ZRate = z.number().min(0).max(1).nullable();
const ZInsightRow = z.object({
  opens: z.number().int().describe('Widget opens (page views with the widget).'),
  requests: z.number().int().describe('Requests submitted.'),
  paid: z.number().int().describe('Payments that went through (tips, requests, bookings, credits).'),
  conversion: ZRate.describe('paid / opens.'),
  fulfilled: z.number().int(),
  medianFulfilmentHours: z.number().nullable().describe('From submission to fulfilment.'),
  refunded: z.number().int(),
  refundRate: ZRate.describe('Refunded payments / payments made that week.'),
  disputed: z.number().int(),
  disputeRate: ZRate,
  money: z.array(
    z.object({
      currency: z.string(),
      gross: z.number().int(),
      fees: z.number().int(),
      refunds: z.number().int(),
      disputes: z.number().int(),
      net: z.number().int().describe('What you keep after fees, refunds and disputes (minor units).'),
    }),
  ),
});
const ZWeekRow = ZInsightRow.extend({ week: z.string().describe('The Monday (UTC) the week starts on.') });
const ZInsights = z.object({
  from: z.string(),
  to: z.string(),
  weeks: z.array(z.string()),
  apps: z.array(
    z.object({
      appId: z.uuid(),
      name: z.string(),
      type: z.string(),
      weeks: z.array(ZWeekRow),
      total: ZInsightRow,
    }),
  ),
  all: z.object({ weeks: z.array(ZWeekRow), total: ZInsightRow }),
});

export const insightOperations = [
  defineOperation({
    operationId: 'getInsights',
    method: 'get',
    path: '/api/insights',
    summary: 'How your apps do, per app and per week',
    description:
      'Requests per week, conversion from a widget opened to a payment, median time to fulfilment, refund and dispute rates, and revenue net of fees (from the ledger, per currency), for the last `weeks` weeks (Monday to Monday, UTC). `format=csv` answers a CSV file: one line per app, week and currency.',
    tags: ['Insights'],
    auth: 'apiKey',
    scope: 'payments:read',
    query: ZInsightsQuery,
    responses: { 200: { description: 'The insights (or CSV with `format=csv`).', schema: ZInsights } },
    async handler({ tenant, query }): Promise<HandlerResult> {
      const insights = await getInsights({ store: tenant.store, query });
      if (query.format === 'csv') {
        return {
          body: formatInsightsCsv(insights),
          contentType: 'text/csv; charset=utf-8',
          headers: { 'Content-Disposition': `attachment; filename="patchbay-insights-${insights.from}.csv"` },
        };
      }
      return { body: insights, headers: { 'Cache-Control': 'no-store' } };
    },
  }),
  defineOperation({
    operationId: 'recordWidgetOpen',
    method: 'post',
    path: '/api/public/apps/{appId}/opens',
    summary: 'Count a page view of a widget',
    description:
      'Widgets call it once per page view (with `navigator.sendBeacon`), previews never; it feeds the conversion in `getInsights`. No body, no authentication; limited per address and per app.',
    tags: ['Widgets'],
    auth: 'public',
    appParam: 'appId',
    rateLimit: WIDGET_OPEN_LIMITS,
    params: z.strictObject({ appId: z.uuid('appId must be a UUID') }),
    responses: { 204: { description: 'Counted.' } },
    async handler({ services, params }) {
      const app = await services.platform.findPublicApp(params.appId);
      if (!app || app.status === 'killed') throw notFound('App', params.appId);
      await recordWidgetOpen({ store: services.platform.forTenant(app.tenantId), appId: app.id });
      return { status: 204 };
    },
  }),
];

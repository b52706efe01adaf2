import { z } from 'zod';
import { notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { buildInsights } from './build-insights.ts';
import type { Insights } from './insight-types.ts';
import { weekRange } from './week-range.ts';

export const ZInsightsQuery = z.strictObject({
  appId: z
    .uuid('appId must be the id of one of your apps')
    .optional()
    .describe('One app; all of them when left out.'),
  weeks: z.coerce
    .number()
    .int('weeks must be a whole number')
    .min(1, 'weeks must be at least 1')
    .max(52, 'weeks must be at most 52')
    .default(12)
    .describe('How many weeks back, this one included.'),
  format: z.enum(['json', 'csv']).default('json').describe('`csv` for a spreadsheet.'),
});
export type TInsightsQuery = z.output<typeof ZInsightsQuery>;

/** The creator's insights for the last `weeks` weeks, for one app or every app. */
export async function getInsights({
  store,
  query,
  now = new Date(),
}: {
  store: TenantStore;
  query: Pick<TInsightsQuery, 'appId' | 'weeks'>;
  now?: Date;
}): Promise<Insights> {
  const apps = (await store.apps.list()).filter((app) => !query.appId || app.id === query.appId);
  if (query.appId && apps.length === 0) throw notFound('App', query.appId);
  const range = weekRange({ now, weeks: query.weeks });
  const facts = await store.insights.facts({ from: range.from, to: range.to, appId: query.appId });
  return buildInsights({
    apps: apps.map(({ id, name, type }) => ({ id, name, type })),
    facts,
    weeks: range.weeks,
    to: range.to.toISOString().slice(0, 10),
  });
}

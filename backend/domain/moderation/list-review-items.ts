import { z } from 'zod';
import type { TenantStore } from '../ports.ts';
import { REVIEW_STATUSES, type ReviewItemRecord } from './moderation-types.ts';

export const ZListReviewItemsQuery = z.strictObject({
  status: z.enum(REVIEW_STATUSES).default('pending'),
  appId: z.uuid('appId must be a UUID').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.iso.datetime({ offset: true }).optional().describe('Items held before this time (paging).'),
});

/** The review queue: held items, newest first, each with why it was held. */
export async function listReviewItems({
  store,
  query,
}: {
  store: TenantStore;
  query: z.output<typeof ZListReviewItemsQuery>;
}): Promise<ReviewItemRecord[]> {
  return store.moderation.listReviewItems({
    status: query.status,
    appId: query.appId,
    limit: query.limit,
    before: query.before ? new Date(query.before) : undefined,
  });
}

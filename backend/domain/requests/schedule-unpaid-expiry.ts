import type { TenantStore } from '../ports.ts';
import { UNPAID_REQUEST_MINUTES } from './request-types.ts';

/**
 * Queues the end of a card request's wait for its payment, in the transaction that makes it wait
 * (`validated`): `UNPAID_REQUEST_MINUTES` later the `request-unpaid-expiry` job expires it unless the
 * card was authorized by then.
 */
export async function scheduleUnpaidExpiry({
  store,
  requestId,
  from,
}: {
  store: TenantStore;
  requestId: string;
  from: Date;
}): Promise<void> {
  await store.jobs.send(
    'request-unpaid-expiry',
    { tenantId: store.tenantId, requestId },
    { startAfter: new Date(from.getTime() + UNPAID_REQUEST_MINUTES * 60_000) },
  );
}

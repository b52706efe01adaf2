import type { TenantStore } from '../ports.ts';
import { CLOSE_AFTER_FULFILLED_DAYS } from './request-types.ts';
import { transitionRequest } from './transition-request.ts';

const DAY_MS = 86_400_000;

/**
 * Closes a request `CLOSE_AFTER_FULFILLED_DAYS` after it was fulfilled (the `request-close` job): it
 * leaves the creator's working list for good, and nothing more happens to it through the request
 * (a refund still can, through the payment). Anything else, or a run that comes early, changes nothing.
 */
export async function closeFulfilledRequest({
  store,
  requestId,
  now = new Date(),
}: {
  store: TenantStore;
  requestId: string;
  now?: Date;
}): Promise<void> {
  await store.transaction(async (tx) => {
    const request = await tx.requests.getForUpdate(requestId);
    if (request?.state !== 'fulfilled') return;
    if (now.getTime() < request.updatedAt.getTime() + CLOSE_AFTER_FULFILLED_DAYS * DAY_MS) return;
    await transitionRequest({
      store: tx,
      request,
      to: 'closed',
      actor: { type: 'system', id: 'requests' },
      reason: `closed ${CLOSE_AFTER_FULFILLED_DAYS} days after it was fulfilled`,
    });
  });
}

import { restoreCredit } from '../credits/restore-credit.ts';
import type { ReviewDecisionContext, ReviewDecisionHandler } from '../moderation/review-handlers.ts';
import { releaseHeldRequest } from './release-held-request.ts';
import { transitionRequest } from './transition-request.ts';

/** A request the review queue is no longer the one to decide (it expired or was handled meanwhile). */
const settled = (state: string) => state !== 'held';

async function approve({ store, item, actor }: ReviewDecisionContext): Promise<void> {
  const request = await store.requests.get(item.subjectId);
  if (!request || settled(request.state)) return;
  await releaseHeldRequest({ store, actor, requestId: request.id });
}

async function reject({ store, item, actor, reason }: ReviewDecisionContext): Promise<void> {
  const request = await store.requests.getForUpdate(item.subjectId);
  if (!request || settled(request.state)) return;
  const why = reason ?? 'Turned down by the creator.';
  await transitionRequest({ store, request, to: 'rejected', actor, reason: why });
  if (request.paymentMethod === 'credits') await restoreCredit({ store, requestId: request.id });
  if (request.paymentMethod === 'card') {
    // The card is released or refunded by a job once this decision commits: no outside call in here.
    await store.jobs.send('request-payment-return', {
      tenantId: store.tenantId,
      requestId: request.id,
      reason: why,
      actor: { type: actor.type, id: actor.id },
    });
  }
}

/**
 * The review queue's handler for a held request. Approved, its lifecycle goes on (`releaseHeldRequest`:
 * queued when free or already paid, else back to waiting for its payment); rejected, it ends rejected
 * with the moderator's reason, which the fan sees on their status page, and its money goes back.
 */
export const heldRequestReviewHandler: ReviewDecisionHandler = { approve, reject };

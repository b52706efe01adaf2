import type { ReviewDecisionContext, ReviewDecisionHandler } from '../moderation/review-handlers.ts';
import { appendTipReceived } from './record-tip.ts';

async function decide({ store, item }: ReviewDecisionContext, status: 'visible' | 'hidden'): Promise<void> {
  const tip = await store.tips.decideMessage(item.subjectId, status);
  if (!tip) return;
  await appendTipReceived(store, tip);
}

/**
 * The review queue's handler for a tip whose message was held. The money was accepted when the tip was
 * paid and stays accepted; the decision is only about the message. Approved, it becomes visible and
 * the tip's `tip.received` event (held back until now) goes out with it; rejected, the event goes out
 * without it, so the tip still counts on the overlay and the message is shown nowhere.
 */
export const heldTipReviewHandler: ReviewDecisionHandler = {
  approve: (context) => decide(context, 'visible'),
  reject: (context) => decide(context, 'hidden'),
};

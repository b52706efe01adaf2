import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { PaymentsContext } from '../payments/payments-context.ts';
import type { PlatformStore } from '../ports.ts';
import { parseOrThrow } from '../validation.ts';
import { decideReviewItem } from './decide-review-item.ts';
import type { ReviewHandlers } from './review-handlers.ts';

export const ZModerationVerdictEvent = z.strictObject({
  type: z.literal('moderation.verdict'),
  timestamp: z.string().optional(),
  data: z.strictObject({
    reviewItemId: z.uuid('reviewItemId must be the id of a held item'),
    verdict: z.enum(['approve', 'reject']),
    reason: z.string().trim().min(1).max(500).optional(),
  }),
});

export const MODERATION_WEBHOOK_ACTOR: Actor = { type: 'system', id: 'moderation-webhook' };

/**
 * A verdict from an outside moderation service on a held item, after its signature was verified.
 * Applied through the same decision as a moderator's (handlers, audit log), once per message id:
 * a redelivered message is acknowledged and changes nothing. Unknown items are refused (404).
 */
export async function receiveModerationVerdict({
  platform,
  payments,
  handlers,
  webhookId,
  event,
}: {
  platform: PlatformStore;
  payments: PaymentsContext;
  handlers: ReviewHandlers;
  webhookId: string;
  event: unknown;
}): Promise<{ duplicate: boolean; status: string }> {
  const { data } = parseOrThrow(ZModerationVerdictEvent, event, 'body');
  const tenantId = await platform.moderation.findReviewItemTenant(data.reviewItemId);
  if (!tenantId) throw notFound('Review item', data.reviewItemId);
  const store = platform.forTenant(tenantId);
  return store.transaction(async (tx) => {
    const fresh = await tx.moderation.rememberWebhookMessage({
      webhookId,
      reviewItemId: data.reviewItemId,
      verdict: data.verdict,
    });
    if (!fresh) {
      const item = await tx.moderation.getReviewItem(data.reviewItemId);
      return { duplicate: true, status: item?.status ?? 'pending' };
    }
    if (data.verdict === 'reject' && !data.reason) {
      throw new AppError(
        'validation',
        'Reason required',
        'Send data.reason with a rejection: the fan is shown it.',
        {
          errors: [{ location: 'body', field: 'data.reason', message: 'required to reject' }],
        },
      );
    }
    const item = await decideReviewItem({
      store: tx,
      payments,
      handlers,
      actor: { ...MODERATION_WEBHOOK_ACTOR, requestId: webhookId },
      itemId: data.reviewItemId,
      input: { decision: data.verdict, reason: data.reason },
    });
    return { duplicate: false, status: item.status };
  });
}

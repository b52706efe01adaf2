import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { PaymentsContext } from '../payments/payments-context.ts';
import type { TenantStore } from '../ports.ts';
import type { ReviewItemRecord } from './moderation-types.ts';
import type { ReviewHandlers } from './review-handlers.ts';

export const ZDecideReviewItemBody = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('Why; required to reject, and shown to the fan.'),
  })
  .refine((body) => body.decision === 'approve' || body.reason !== undefined, {
    message: 'say why when rejecting: the fan is shown the reason',
    path: ['reason'],
  });
export type TDecideReviewItemBody = z.output<typeof ZDecideReviewItemBody>;

/**
 * Approves or rejects a held item, once: the item is marked decided, its subject type's handler
 * carries the decision out (a tip's message shown or hidden; a request continued, or refunded), and
 * the audit log records who decided what and why, all in one transaction. Deciding an item twice is a
 * conflict, whoever decided first (a moderator or the moderation webhook).
 */
export async function decideReviewItem({
  store,
  payments,
  handlers,
  actor,
  itemId,
  input,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  handlers: ReviewHandlers;
  actor: Actor;
  itemId: string;
  input: TDecideReviewItemBody;
}): Promise<ReviewItemRecord> {
  return store.transaction(async (tx) => {
    const before = await tx.moderation.getReviewItem(itemId);
    if (!before) throw notFound('Review item', itemId);
    const handler = handlers.get(before.subjectType);
    if (!handler) {
      throw new AppError(
        'not_implemented',
        'No handler for this kind of item',
        `Items about a ${before.subjectType} cannot be decided on this server yet.`,
      );
    }
    const after = await tx.moderation.decideReviewItem(itemId, {
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      decidedByType: actor.type,
      decidedBy: actor.id,
      decisionReason: input.reason ?? null,
    });
    if (!after) {
      throw new AppError(
        'conflict',
        'Already decided',
        `This item was already ${before.status} by ${before.decidedByType ?? 'someone'}; a decision cannot be changed.`,
      );
    }
    const context = { store: tx, payments, item: after, actor, reason: input.reason ?? null };
    if (input.decision === 'approve') await handler.approve(context);
    else await handler.reject(context);
    await tx.audit.append(actor, {
      action: `review.${input.decision}`,
      targetType: 'review_item',
      targetId: itemId,
      before: { status: before.status, subjectType: before.subjectType, subjectId: before.subjectId },
      after: { status: after.status, reason: after.decisionReason },
    });
    return after;
  });
}

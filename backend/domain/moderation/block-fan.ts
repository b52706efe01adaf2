import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { groupIpAddress } from './group-ip-address.ts';
import type { FanBlockRecord } from './moderation-types.ts';

export const ZBlockFanBody = z
  .strictObject({
    userId: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe("The fan's Patchbay user id (signed-in fans)."),
    email: z.email('must be an email address').max(254).optional(),
    ip: z
      .string()
      .max(64)
      .optional()
      .describe('An IPv4 or IPv6 address; IPv6 is blocked by its /56, as rate limits count it.'),
    reviewItemId: z.uuid().optional().describe('Block whoever sent this held item.'),
    reason: z.string().trim().max(500).optional(),
    expiresAt: z.iso.datetime({ offset: true }).optional().describe('Unset: until unblocked.'),
  })
  .refine((body) => body.userId || body.email || body.ip || body.reviewItemId, {
    message: 'name the fan: userId, email, ip or reviewItemId',
    path: ['userId'],
  });

/**
 * Blocks a fan across all the creator's apps, by user id, email or address, until `expiresAt`: the
 * pipeline refuses their submissions from then on. Recorded in the audit log.
 */
export async function blockFan({
  store,
  actor,
  input,
  now = new Date(),
}: {
  store: TenantStore;
  actor: Actor;
  input: z.output<typeof ZBlockFanBody>;
  now?: Date;
}): Promise<FanBlockRecord> {
  const ipGroup = input.ip === undefined ? undefined : groupIpAddress(input.ip);
  if (input.ip !== undefined && !ipGroup) {
    throw new AppError('validation', 'Not an address', `"${input.ip}" is not an IPv4 or IPv6 address.`, {
      errors: [{ location: 'body', field: 'ip', message: 'must be an IPv4 or IPv6 address' }],
    });
  }
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) {
    throw new AppError('validation', 'Expiry in the past', 'Set expiresAt in the future, or leave it out.', {
      errors: [{ location: 'body', field: 'expiresAt', message: 'must be in the future' }],
    });
  }
  return store.transaction(async (tx) => {
    let fromItem: { userId?: string | undefined; email?: string | undefined; ipGroup?: string | undefined } =
      {};
    if (input.reviewItemId) {
      const item = await tx.moderation.getReviewItem(input.reviewItemId);
      if (!item) throw notFound('Review item', input.reviewItemId);
      fromItem = item.submitter;
      if (
        !fromItem.userId &&
        !fromItem.email &&
        !fromItem.ipGroup &&
        !input.userId &&
        !input.email &&
        !ipGroup
      ) {
        throw new AppError(
          'conflict',
          'Sender unknown',
          'Nothing is known about who sent this item; block by user id, email or address instead.',
        );
      }
    }
    const block = await tx.moderation.insertBlock({
      userId: input.userId ?? fromItem.userId ?? null,
      email: input.email?.toLowerCase() ?? fromItem.email ?? null,
      ipGroup: ipGroup ?? fromItem.ipGroup ?? null,
      reason: input.reason ?? null,
      expiresAt,
    });
    await tx.audit.append(actor, {
      action: 'fan.block',
      targetType: 'fan_block',
      targetId: block.id,
      before: null,
      after: { ...block, email: block.email ? '(set)' : null },
    });
    return block;
  });
}

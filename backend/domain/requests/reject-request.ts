import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { restoreCredit } from '../credits/restore-credit.ts';
import { notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { parseOrThrow } from '../validation.ts';
import type { RequestRecord } from './request-types.ts';
import { transitionRequest } from './transition-request.ts';

export const ZRejectRequestBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, 'say why: the fan sees it')
    .max(500)
    .describe('Shown to the fan on their status page.'),
});
export type TRejectRequestBody = z.input<typeof ZRejectRequestBody>;

/**
 * The creator turns a request down with a reason the fan sees. The money goes back on its own: a spent
 * credit is restored in the same transaction; a card is released (authorized) or refunded (captured;
 * the request then ends refunded) by the `request-payment-return` job queued with the rejection, so a
 * processor that fails is retried with backoff instead of leaving the fan's money held.
 */
export async function rejectRequest({
  store,
  actor,
  requestId,
  input,
}: {
  store: TenantStore;
  actor: Actor;
  requestId: string;
  input: TRejectRequestBody;
}): Promise<RequestRecord> {
  const { reason } = parseOrThrow(ZRejectRequestBody, input, 'body');
  return store.transaction(async (tx) => {
    const current = await tx.requests.getForUpdate(requestId);
    if (!current) throw notFound('Request', requestId);
    const rejected = await transitionRequest({ store: tx, request: current, to: 'rejected', actor, reason });
    if (rejected.paymentMethod === 'credits') await restoreCredit({ store: tx, requestId });
    if (rejected.paymentMethod === 'card') {
      await tx.jobs.send('request-payment-return', {
        tenantId: tx.tenantId,
        requestId,
        reason,
        actor: { type: actor.type, id: actor.id },
      });
    }
    return rejected;
  });
}

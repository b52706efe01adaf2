import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import type { PaymentsContext } from '../payments/payments-context.ts';
import type { TenantStore } from '../ports.ts';
import { parseOrThrow } from '../validation.ts';
import { acceptRequest } from './accept-request.ts';
import { CLOSE_AFTER_FULFILLED_DAYS, type RequestRecord } from './request-types.ts';
import { transitionRequest } from './transition-request.ts';

export const ZCompleteRequestBody = z.strictObject({
  note: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .describe('Your delivery note, shown to the fan: a link to the result, a thank-you.'),
});
export type TCompleteRequestBody = z.input<typeof ZCompleteRequestBody>;

const DAY_MS = 86_400_000;

/**
 * The creator delivers: the request becomes fulfilled with the note the fan will see, and the
 * `request-close` job is queued to close it `CLOSE_AFTER_FULFILLED_DAYS` later. A queued request is
 * accepted (and charged) first, so completing straight from the queue is one call.
 */
export async function completeRequest({
  store,
  payments,
  actor,
  requestId,
  input,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  actor: Actor;
  requestId: string;
  input: TCompleteRequestBody;
}): Promise<RequestRecord> {
  const { note } = parseOrThrow(ZCompleteRequestBody, input, 'body');
  const request = await store.requests.get(requestId);
  if (!request) throw notFound('Request', requestId);
  if (request.state === 'queued') await acceptRequest({ store, payments, actor, requestId });
  return store.transaction(async (tx) => {
    const current = (await tx.requests.getForUpdate(requestId))!;
    const fulfilled = await transitionRequest({
      store: tx,
      request: current,
      to: 'fulfilled',
      actor,
      payload: note ? { note } : {},
    });
    await tx.jobs.send(
      'request-close',
      { tenantId: tx.tenantId, requestId },
      { startAfter: new Date(fulfilled.updatedAt.getTime() + CLOSE_AFTER_FULFILLED_DAYS * DAY_MS) },
    );
    return fulfilled;
  });
}

import { z } from 'zod';
import type { PaymentsContext } from '../domain/payments/payments-context.ts';
import type { PlatformStore } from '../domain/ports.ts';
import { captureAcceptedRequest } from '../domain/requests/capture-accepted-request.ts';
import { closeFulfilledRequest } from '../domain/requests/close-fulfilled-request.ts';
import { expireUnpaidRequest } from '../domain/requests/expire-unpaid-request.ts';
import { returnRequestPayment } from '../domain/requests/return-request-payment.ts';
import type { JobDefinition } from './job-queue.ts';

const ZRequestRef = z.object({ tenantId: z.uuid(), requestId: z.uuid() });
const ZPaymentReturn = ZRequestRef.extend({
  reason: z.string(),
  actor: z.object({ type: z.enum(['api_key', 'user', 'system', 'operator']), id: z.string() }),
});

/**
 * Request jobs, each queued in the transaction of the move it follows: a rejected request's money goes
 * back, an accepted one's card is captured, an unpaid card request expires, a fulfilled one closes.
 */
export function requestJobs({
  platform,
  payments,
}: {
  platform: PlatformStore;
  payments: PaymentsContext;
}): JobDefinition[] {
  return [
    {
      name: 'request-payment-return',
      handle: async (payload) => {
        const { tenantId, requestId, reason, actor } = ZPaymentReturn.parse(payload);
        await returnRequestPayment({
          store: platform.forTenant(tenantId),
          payments,
          actor,
          requestId,
          reason,
        });
      },
    },
    {
      name: 'request-payment-capture',
      handle: async (payload) => {
        const { tenantId, requestId } = ZRequestRef.parse(payload);
        await captureAcceptedRequest({ store: platform.forTenant(tenantId), payments, requestId });
      },
    },
    {
      name: 'request-unpaid-expiry',
      handle: async (payload) => {
        const { tenantId, requestId } = ZRequestRef.parse(payload);
        await expireUnpaidRequest({ store: platform.forTenant(tenantId), payments, requestId });
      },
    },
    {
      name: 'request-close',
      handle: async (payload) => {
        const { tenantId, requestId } = ZRequestRef.parse(payload);
        await closeFulfilledRequest({ store: platform.forTenant(tenantId), requestId });
      },
    },
  ];
}

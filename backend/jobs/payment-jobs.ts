import { z } from 'zod';
import { expireAuthorization } from '../domain/payments/expire-authorization.ts';
import { PROVIDER_OBJECT_TYPES } from '../domain/payments/payment-provider.ts';
import { processPaymentEvent } from '../domain/payments/process-payment-event.ts';
import type { PaymentsContext } from '../domain/payments/payments-context.ts';
import { reactToPayment } from '../domain/payments/react-to-payment.ts';
import type { PlatformStore } from '../domain/ports.ts';
import type { JobDefinition } from './job-queue.ts';

const ZPaymentRef = z.object({ tenantId: z.uuid(), paymentId: z.uuid() });
const ZEventRef = z.object({
  objectType: z.enum(PROVIDER_OBJECT_TYPES),
  objectId: z.string(),
  account: z.string().nullable(),
});

/** The payment jobs: each parses its payload and calls one domain function. */
export function paymentJobs({
  platform,
  payments,
}: {
  platform: PlatformStore;
  payments: PaymentsContext;
}): JobDefinition[] {
  return [
    {
      name: 'payment-event',
      handle: (payload) => processPaymentEvent({ platform, payments, event: ZEventRef.parse(payload) }),
    },
    {
      name: 'payment-reaction',
      handle: (payload) => {
        const { tenantId, paymentId } = ZPaymentRef.parse(payload);
        return reactToPayment({ store: platform.forTenant(tenantId), payments, paymentId });
      },
    },
    {
      name: 'payment-authorization-expiry',
      handle: (payload) => {
        const { tenantId, paymentId } = ZPaymentRef.parse(payload);
        return expireAuthorization({ store: platform.forTenant(tenantId), payments, paymentId });
      },
    },
  ];
}

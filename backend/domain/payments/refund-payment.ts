import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { parseOrThrow } from '../validation.ts';
import { ZIdempotencyKey } from './create-payment.ts';
import { REFUND_REASONS, type PaymentRecord } from './payment-types.ts';
import type { PaymentsContext } from './payments-context.ts';
import { syncPayment } from './sync-payment.ts';

export const ZRefundPaymentBody = z.strictObject({
  amount: z
    .number()
    .int('must be a whole number of minor units (cents)')
    .positive()
    .optional()
    .describe('Minor units to refund; leave out to refund everything not yet refunded.'),
  reason: z.enum(REFUND_REASONS).default('requested_by_customer'),
  note: z.string().trim().max(500).optional().describe('Your own words on why; kept with the refund.'),
  idempotencyKey: ZIdempotencyKey.optional().describe(
    'Send the same key to retry a refund safely; without one, each call is a new refund.',
  ),
});
export type TRefundPaymentBody = z.input<typeof ZRefundPaymentBody>;

/**
 * Gives money back to the fan, all or part. With Connect the transfer to the creator is reversed and
 * the platform's fee returned in proportion, so the creator's ledger shows both.
 */
export async function refundPayment({
  store,
  payments,
  actor,
  paymentId,
  input,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  actor: Actor;
  paymentId: string;
  input: TRefundPaymentBody;
}): Promise<PaymentRecord> {
  const values = parseOrThrow(ZRefundPaymentBody, input, 'body');
  const payment = await store.payments.get(paymentId);
  if (!payment) throw notFound('Payment', paymentId);
  if (payment.status !== 'succeeded' || !payment.providerIntentId) {
    throw new AppError(
      'conflict',
      'Payment cannot be refunded',
      payment.status === 'requires_capture'
        ? 'This payment is only authorized: cancel it instead, which releases the hold without charging.'
        : `Only a completed payment can be refunded; this one is ${payment.status.replaceAll('_', ' ')}.`,
    );
  }
  const refundable = payment.amount - payment.amountRefunded;
  const amount = values.amount ?? refundable;
  if (amount > refundable || amount <= 0) {
    throw new AppError(
      'validation',
      'Refund too large',
      `At most ${refundable} can still be refunded on this payment.`,
      {
        errors: [{ location: 'body', field: 'amount', message: `must be at most ${refundable}` }],
      },
    );
  }
  const refund = await payments.provider.refund({
    intentId: payment.providerIntentId,
    amount,
    reason: values.reason,
    reverseTransfer: payment.destinationAccount !== null,
    metadata: { paymentId, tenantId: store.tenantId },
    idempotencyKey: `refund:${paymentId}:${values.idempotencyKey ?? crypto.randomUUID()}`,
  });
  // The refund's note and audit entry commit with its ledger lines, or none of them do; if this fails
  // the processor's refund event records the refund later (without the note).
  return (await syncPayment({
    store,
    payments,
    paymentId,
    alsoRecord: async (tx) => {
      await tx.payments.upsertRefund({
        paymentId,
        providerRefundId: refund.id,
        amount,
        reason: values.reason,
        note: values.note ?? null,
        status: refund.status,
      });
      await tx.audit.append(actor, {
        action: 'payment.refund',
        targetType: 'payment',
        targetId: paymentId,
        before: { amountRefunded: payment.amountRefunded },
        after: { refundId: refund.id, amount, reason: values.reason, note: values.note ?? null },
      });
    },
  }))!;
}

import { z } from 'zod';
import { AppError, notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { parseOrThrow } from '../validation.ts';
import { MANUAL_CAPTURE_PURPOSES, PAYMENT_PURPOSES, type PaymentRecord } from './payment-types.ts';
import type { PaymentsContext } from './payments-context.ts';
import { resolveChargeTerms } from './resolve-charge-terms.ts';

export const ZIdempotencyKey = z
  .string()
  .regex(
    /^[\w:.-]{8,100}$/,
    'must be 8-100 letters, digits, dashes, dots, colons or underscores; make a new one per payment attempt (a UUID is ideal)',
  );

export const ZCreatePaymentInput = z.strictObject({
  purpose: z.enum(PAYMENT_PURPOSES),
  amount: z.number().int('must be a whole number of minor units (cents)').positive().max(99_999_999),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD'),
  idempotencyKey: ZIdempotencyKey,
  metadata: z.record(z.string(), z.string().max(500)).default({}),
});
export type TCreatePaymentInput = z.input<typeof ZCreatePaymentInput>;

/**
 * Starts a payment for one of the tenant's apps. The idempotency key makes a repeated call (a
 * double-clicked button, a retried request) return the same payment and the same PaymentIntent.
 */
export async function createPayment({
  store,
  payments,
  appId,
  input,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  appId: string;
  input: TCreatePaymentInput;
}): Promise<PaymentRecord> {
  const values = parseOrThrow(ZCreatePaymentInput, input, 'body');
  const app = await store.apps.get(appId);
  if (!app) throw notFound('App', appId);
  if (app.status !== 'active') {
    throw new AppError(
      'conflict',
      'App is not taking payments',
      `This app is ${app.status}; payments are off.`,
    );
  }
  const already = await store.payments.findByIdempotencyKey(values.idempotencyKey);
  if (already?.providerIntentId) return sameAttempt(already, appId, values);

  const { destination, applicationFee } = await resolveChargeTerms({
    store,
    payments,
    amount: values.amount,
    currency: values.currency,
  });
  const { payment } = await store.payments.insertOnce({
    appId,
    purpose: values.purpose,
    amount: values.amount,
    currency: values.currency,
    captureMethod: MANUAL_CAPTURE_PURPOSES.includes(values.purpose) ? 'manual' : 'automatic',
    provider: payments.provider.name,
    idempotencyKey: values.idempotencyKey,
    applicationFee,
    destinationAccount: destination,
    metadata: values.metadata,
  });
  sameAttempt(payment, appId, values);
  if (payment.providerIntentId) return payment;
  // Two racing calls both get here for the same row; the processor's idempotency key gives both one intent.
  const intent = await payments.provider.createIntent({
    amount: payment.amount,
    currency: payment.currency,
    captureMethod: payment.captureMethod,
    applicationFeeAmount: payment.applicationFee,
    destination: payment.destinationAccount,
    description: `${app.name}: ${payment.purpose.replace('_', ' ')}`,
    metadata: { paymentId: payment.id, tenantId: store.tenantId, appId, purpose: payment.purpose },
    idempotencyKey: `payment:${payment.id}`,
  });
  return store.payments.update(payment.id, {
    providerIntentId: intent.id,
    clientSecret: intent.clientSecret,
    status: intent.status,
  });
}

function sameAttempt(
  payment: PaymentRecord,
  appId: string,
  values: z.output<typeof ZCreatePaymentInput>,
): PaymentRecord {
  if (
    payment.appId !== appId ||
    payment.amount !== values.amount ||
    payment.currency !== values.currency ||
    payment.purpose !== values.purpose
  ) {
    throw new AppError(
      'conflict',
      'Idempotency key already used',
      'This idempotency key belongs to a different payment (another amount, currency, purpose or app). Make a new key for each payment attempt.',
      {
        errors: [
          { location: 'body', field: 'idempotencyKey', message: 'already used for a different payment' },
        ],
      },
    );
  }
  return payment;
}

import { z } from 'zod';
import {
  LEDGER_KINDS,
  PAYMENT_PURPOSES,
  PAYMENT_STATUSES,
  type DisputeRecord,
  type LedgerEntry,
  type PaymentRecord,
  type RefundRecord,
} from '../domain/payments/payment-types.ts';

const isoDate = z.iso.datetime({ offset: true });

export const ZRefund = z.object({
  id: z.string().describe("The processor's refund id."),
  amount: z.number().int(),
  reason: z.string(),
  note: z.string().nullable(),
  status: z.string(),
  createdAt: isoDate,
});

export const ZDispute = z.object({
  id: z.string().describe("The processor's dispute id."),
  amount: z.number().int(),
  reason: z.string(),
  status: z
    .string()
    .describe("The processor's dispute status: `needs_response`, `under_review`, `won`, `lost`, …"),
  createdAt: isoDate,
});

export const ZPayment = z.object({
  id: z.uuid(),
  appId: z.uuid(),
  purpose: z.enum(PAYMENT_PURPOSES),
  amount: z.number().int().describe('Minor units (cents).'),
  currency: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  captureMethod: z.enum(['automatic', 'manual']),
  provider: z.enum(['test', 'stripe']),
  platformFee: z.number().int(),
  amountRefunded: z.number().int(),
  lastError: z.string().nullable(),
  authorizationExpiresAt: isoDate.nullable(),
  succeededAt: isoDate.nullable(),
  createdAt: isoDate,
  refunds: z.array(ZRefund).optional(),
  disputes: z.array(ZDispute).optional(),
});

/** What the widget needs to take the payment, and nothing about the creator's side. */
export const ZPublicPayment = z.object({
  id: z.uuid(),
  status: z.enum(PAYMENT_STATUSES),
  amount: z.number().int(),
  currency: z.string(),
  provider: z.enum(['test', 'stripe']),
  testMode: z
    .boolean()
    .describe('True when the built-in test provider takes this payment: show the test card form.'),
  clientSecret: z
    .string()
    .describe('For the Payment Element (or the test card form); keep it in the page only.'),
  publishableKey: z.string().nullable(),
  lastError: z.string().nullable(),
  nextActionUrl: z
    .string()
    .nullable()
    .describe('Test mode: where the authentication step answers, while `requires_action`.'),
});

export const ZPublicTipJar = z.object({
  id: z.uuid(),
  type: z.literal('tip-jar'),
  name: z.string(),
  status: z.enum(['active', 'paused', 'killed']),
  config: z.record(z.string(), z.unknown()).describe("The tip jar's settings, as the creator set them."),
  feeRate: z
    .object({ bps: z.number().int(), fixed: z.number().int() })
    .nullable()
    .describe('The rate the "cover the fee" estimate uses; null when the creator does not offer it.'),
  goal: z
    .object({
      title: z.string(),
      target: z.number().int(),
      current: z.number().int(),
      endsAt: z.string().nullable(),
      ended: z.boolean(),
    })
    .nullable(),
  supporters: z
    .array(
      z.object({
        name: z.string(),
        amount: z.number().int(),
        message: z.string().nullable(),
        at: z.string(),
      }),
    )
    .nullable(),
});

export const ZLedgerEntry = z.object({
  id: z.number().int(),
  currency: z.string(),
  kind: z.enum(LEDGER_KINDS),
  amount: z.number().int().describe('Signed minor units: what this line adds to or takes from the balance.'),
  paymentId: z.uuid().nullable(),
  source: z.string(),
  description: z.string(),
  createdAt: isoDate,
});

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentRefund(refund: RefundRecord): z.infer<typeof ZRefund> {
  return {
    id: refund.providerRefundId,
    amount: refund.amount,
    reason: refund.reason,
    note: refund.note,
    status: refund.status,
    createdAt: refund.createdAt.toISOString(),
  };
}

export function presentPayment(
  payment: PaymentRecord,
  refunds?: RefundRecord[],
  disputes?: DisputeRecord[],
): z.infer<typeof ZPayment> {
  return {
    id: payment.id,
    appId: payment.appId,
    purpose: payment.purpose,
    amount: payment.amount,
    currency: payment.currency,
    status: payment.status,
    captureMethod: payment.captureMethod,
    provider: payment.provider,
    platformFee: payment.applicationFee,
    amountRefunded: payment.amountRefunded,
    lastError: payment.lastError,
    authorizationExpiresAt: iso(payment.authorizationExpiresAt),
    succeededAt: iso(payment.succeededAt),
    createdAt: payment.createdAt.toISOString(),
    ...(refunds ? { refunds: refunds.map(presentRefund) } : {}),
    ...(disputes
      ? {
          disputes: disputes.map((dispute) => ({
            id: dispute.providerDisputeId,
            amount: dispute.amount,
            reason: dispute.reason,
            status: dispute.status,
            createdAt: dispute.createdAt.toISOString(),
          })),
        }
      : {}),
  };
}

export function presentPublicPayment(
  payment: PaymentRecord,
  publishableKey: string | null,
  nextActionUrl: string | null,
): z.infer<typeof ZPublicPayment> {
  return {
    id: payment.id,
    status: payment.status,
    amount: payment.amount,
    currency: payment.currency,
    provider: payment.provider,
    testMode: payment.provider === 'test',
    clientSecret: payment.clientSecret ?? '',
    publishableKey,
    lastError: payment.lastError,
    nextActionUrl,
  };
}

export function presentLedgerEntry(entry: LedgerEntry): z.infer<typeof ZLedgerEntry> {
  return {
    id: entry.id,
    currency: entry.currency,
    kind: entry.kind,
    amount: entry.amount,
    paymentId: entry.paymentId,
    source: entry.source,
    description: entry.description,
    createdAt: entry.createdAt.toISOString(),
  };
}

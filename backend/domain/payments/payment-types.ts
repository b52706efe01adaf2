export const PAYMENT_PURPOSES = ['tip', 'request', 'add_on', 'credit_pack', 'booking'] as const;
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

/** A request is charged only once the creator accepts it, so its card is authorized first. */
export const MANUAL_CAPTURE_PURPOSES: readonly PaymentPurpose[] = ['request', 'add_on'];

export const PAYMENT_STATUSES = [
  'creating',
  'requires_payment_method',
  'requires_action',
  'requires_capture',
  'processing',
  'succeeded',
  'canceled',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * How far along a payment is. A status only ever moves to one of a higher rank, or within the band of
 * attempts still open (a failed 3-D Secure check goes from requires_action back to
 * requires_payment_method); the last band is final. A stale read of the processor can then never move a
 * payment backwards, e.g. from succeeded to processing.
 */
export const PAYMENT_STATUS_RANK: Readonly<Record<PaymentStatus, number>> = {
  creating: 0,
  requires_payment_method: 1,
  requires_action: 1,
  processing: 1,
  requires_capture: 2,
  succeeded: 3,
  canceled: 3,
};
const FINAL_RANK = 3;

/** The statuses a payment may be in for it to move to `next`. */
export const statusesBefore = (next: PaymentStatus): PaymentStatus[] =>
  PAYMENT_STATUSES.filter(
    (current) =>
      PAYMENT_STATUS_RANK[current] < PAYMENT_STATUS_RANK[next] ||
      (PAYMENT_STATUS_RANK[current] === PAYMENT_STATUS_RANK[next] && PAYMENT_STATUS_RANK[next] < FINAL_RANK),
  );

export const LEDGER_KINDS = [
  'gross',
  'platform_fee',
  'processor_fee',
  'refund',
  'platform_fee_refund',
  'dispute_loss',
  'dispute_win',
  'dispute_fee',
  'payout',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** Stripe's refund reasons; `note` carries anything more specific. */
export const REFUND_REASONS = ['requested_by_customer', 'duplicate', 'fraudulent'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

export const PAYMENTS_MODES = ['connect', 'single-creator'] as const;
export type PaymentsMode = (typeof PAYMENTS_MODES)[number];

export interface PaymentRecord {
  id: string;
  tenantId: string;
  appId: string;
  purpose: PaymentPurpose;
  amount: number;
  currency: string;
  captureMethod: 'automatic' | 'manual';
  status: PaymentStatus;
  provider: 'test' | 'stripe';
  providerIntentId: string | null;
  clientSecret: string | null;
  idempotencyKey: string;
  applicationFee: number;
  destinationAccount: string | null;
  amountRefunded: number;
  lastError: string | null;
  metadata: Record<string, unknown>;
  authorizationExpiresAt: Date | null;
  succeededAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A fan's recurring support (monthly tips): the processor bills it each month, and each paid invoice
 * becomes one of our payments (the first one when the fan starts it, the rest as they renew).
 * `status` is the processor's (Stripe's subscription statuses: incomplete, active, past_due, canceled, …).
 */
export interface SubscriptionRecord {
  id: string;
  tenantId: string;
  appId: string;
  purpose: 'tip';
  amount: number;
  currency: string;
  provider: 'test' | 'stripe';
  providerSubscriptionId: string | null;
  providerCustomerId: string | null;
  status: string;
  idempotencyKey: string;
  /** Connect: the platform's share of every invoice, in basis points (Stripe's application_fee_percent × 100). */
  applicationFeeBps: number;
  destinationAccount: string | null;
  /** What each renewal's payment carries (the fan's name and choices; never the first message). */
  metadata: Record<string, unknown>;
  currentPeriodEnd: Date | null;
  canceledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RefundRecord {
  id: string;
  paymentId: string;
  providerRefundId: string;
  amount: number;
  reason: string;
  note: string | null;
  status: string;
  createdAt: Date;
}

export interface DisputeRecord {
  id: string;
  paymentId: string;
  providerDisputeId: string;
  amount: number;
  reason: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface LedgerEntry {
  id: number;
  tenantId: string;
  currency: string;
  kind: LedgerKind;
  amount: number;
  paymentId: string | null;
  source: string;
  description: string;
  createdAt: Date;
}

export interface ConnectAccountRecord {
  tenantId: string;
  provider: 'test' | 'stripe';
  providerAccountId: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreditWallet {
  holder: string;
  scope: string;
  balance: number;
}

export type CreditReason = 'purchase' | 'spend' | 'restore' | 'clawback';

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

export const LEDGER_KINDS = [
  'gross',
  'platform_fee',
  'processor_fee',
  'refund',
  'platform_fee_refund',
  'dispute_loss',
  'dispute_win',
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

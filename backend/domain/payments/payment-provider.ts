import type { PaymentStatus, RefundReason } from './payment-types.ts';

/**
 * What the payments core needs from a processor. Stripe implements it for real money; the built-in test
 * provider implements the same calls and emits the same events so every flow runs without keys.
 */
export interface ProviderIntent {
  id: string;
  status: Exclude<PaymentStatus, 'creating'>;
  amount: number;
  currency: string;
  clientSecret: string;
  /** What was actually taken; 0 until captured. */
  amountReceived: number;
  applicationFeeAmount: number;
  /** The processor's own fee on the charge, once known. */
  processorFee: number;
  lastError: string | null;
  /** Where the fan must go to authenticate (3-D Secure), while the status is `requires_action`. */
  nextActionUrl: string | null;
  refunds: Array<{ id: string; amount: number; status: string; reason: string | null; created: number }>;
  disputes: Array<{ id: string; amount: number; status: string; reason: string; created: number }>;
  metadata: Record<string, string>;
}

export interface ProviderAccount {
  id: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
}

export interface ProviderPayout {
  id: string;
  amount: number;
  currency: string;
  status: string;
}

/** The part of an incoming event we act on: a pointer to the object to re-read, never its contents. */
export interface ProviderEvent {
  id: string;
  type: string;
  livemode: boolean;
  objectType: 'payment_intent' | 'account' | 'payout' | 'other';
  objectId: string;
  /** The connected account the event is about, for Connect events. */
  account: string | null;
}

export interface CreateIntentInput {
  amount: number;
  currency: string;
  captureMethod: 'automatic' | 'manual';
  applicationFeeAmount: number;
  destination: string | null;
  description: string;
  metadata: Record<string, string>;
  idempotencyKey: string;
}

export interface PaymentProvider {
  readonly name: 'test' | 'stripe';
  readonly livemode: boolean;
  readonly publishableKey: string | null;
  createIntent(input: CreateIntentInput): Promise<ProviderIntent>;
  retrieveIntent(id: string): Promise<ProviderIntent>;
  captureIntent(id: string, idempotencyKey: string): Promise<ProviderIntent>;
  cancelIntent(id: string, idempotencyKey: string): Promise<ProviderIntent>;
  refund(input: {
    intentId: string;
    amount: number;
    reason: RefundReason;
    /** Connect: take the money back from the creator's account and return the platform's fee share. */
    reverseTransfer: boolean;
    metadata: Record<string, string>;
    idempotencyKey: string;
  }): Promise<{ id: string; status: string }>;
  createAccount(input: { tenantId: string; idempotencyKey: string }): Promise<ProviderAccount>;
  retrieveAccount(id: string): Promise<ProviderAccount>;
  createAccountLink(input: { account: string; refreshUrl: string; returnUrl: string }): Promise<string>;
  retrievePayout(id: string, account: string | null): Promise<ProviderPayout>;
}

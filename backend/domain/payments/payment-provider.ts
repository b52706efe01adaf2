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
  /** `fee`: what the processor charged for handling the dispute (Stripe: its balance transactions' fees). */
  disputes: Array<{
    id: string;
    amount: number;
    fee: number;
    status: string;
    reason: string;
    created: number;
  }>;
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

/** A recurring charge at the processor (a Stripe Subscription), as far as we act on it. */
export interface ProviderSubscription {
  id: string;
  customerId: string;
  status: string;
  currentPeriodEnd: Date | null;
  canceledAt: Date | null;
  /** Ours, set when it was created, so an event that beats our own record of it can be told apart. */
  metadata: Record<string, string>;
}

/** One bill of a subscription and the PaymentIntent that pays it. */
export interface ProviderInvoice {
  id: string;
  subscriptionId: string | null;
  intentId: string | null;
  status: string;
  amountPaid: number;
  currency: string;
}

export interface CreateSubscriptionInput {
  amount: number;
  currency: string;
  /** What the fan's statement and receipts call it ("Monthly support: Tips for Ada"). */
  productName: string;
  /** Names the price for this amount and currency, so a second fan giving the same reuses it. */
  priceKey: string;
  /** Connect: the platform's share of each invoice, in basis points; 0 without Connect. */
  applicationFeeBps: number;
  destination: string | null;
  metadata: Record<string, string>;
  idempotencyKey: string;
}

export const PROVIDER_OBJECT_TYPES = [
  'payment_intent',
  'account',
  'payout',
  'invoice',
  'subscription',
  'other',
] as const;

/** The part of an incoming event we act on: a pointer to the object to re-read, never its contents. */
export interface ProviderEvent {
  id: string;
  type: string;
  livemode: boolean;
  objectType: (typeof PROVIDER_OBJECT_TYPES)[number];
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
  /**
   * Starts a monthly subscription whose first invoice waits for the fan's card: `firstIntent` is that
   * invoice's PaymentIntent, confirmed with the Payment Element (or the test card form) like any other.
   */
  createSubscription(
    input: CreateSubscriptionInput,
  ): Promise<{ subscription: ProviderSubscription; firstIntent: ProviderIntent }>;
  retrieveSubscription(id: string): Promise<ProviderSubscription>;
  /** Ends it now: no further invoices, nothing refunded. */
  cancelSubscription(id: string, idempotencyKey: string): Promise<ProviderSubscription>;
  retrieveInvoice(id: string): Promise<ProviderInvoice>;
}

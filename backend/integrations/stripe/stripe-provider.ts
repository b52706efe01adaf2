import Stripe from 'stripe';
import { AppError } from '../../domain/errors.ts';
import { PAYMENT_STATUSES } from '../../domain/payments/payment-types.ts';
import type {
  CreateIntentInput,
  CreateSubscriptionInput,
  PaymentProvider,
  ProviderAccount,
  ProviderIntent,
  ProviderInvoice,
  ProviderPayout,
  ProviderSubscription,
} from '../../domain/payments/payment-provider.ts';

export function createStripeClient(options: { secretKey: string; apiUrl: string | undefined }): Stripe {
  const target = options.apiUrl ? new URL(options.apiUrl) : undefined;
  return new Stripe(options.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(target
      ? {
          host: target.hostname,
          port: Number(target.port || (target.protocol === 'https:' ? 443 : 80)),
          protocol: target.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  });
}

/** Stripe's errors that the caller can act on become problems; the rest stay server errors. */
function translate(error: unknown): never {
  if (
    error instanceof Stripe.errors.StripeCardError ||
    error instanceof Stripe.errors.StripeInvalidRequestError
  ) {
    throw new AppError('conflict', 'The payment processor refused this', error.message, {
      extra: { processorCode: error.code ?? null },
    });
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    throw new AppError(
      'conflict',
      'Idempotency key reused',
      `This idempotency key was already used with different parameters: ${error.message} Send a new key for a new attempt.`,
    );
  }
  throw error;
}

const STATUSES = PAYMENT_STATUSES.filter((status) => status !== 'creating');

/** A confirmation still to come counts as awaiting the card; a status added by Stripe later, as in flight. */
function knownStatus(status: string): ProviderIntent['status'] {
  if (status === 'requires_confirmation') return 'requires_payment_method';
  return (STATUSES as string[]).includes(status) ? (status as ProviderIntent['status']) : 'processing';
}

function toIntent(
  intent: Stripe.PaymentIntent,
  refunds: Stripe.Refund[],
  disputes: Stripe.Dispute[],
): ProviderIntent {
  const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  const balance =
    charge && typeof charge.balance_transaction === 'object' ? charge.balance_transaction : null;
  return {
    id: intent.id,
    status: knownStatus(intent.status),
    amount: intent.amount,
    currency: intent.currency.toUpperCase(),
    clientSecret: intent.client_secret ?? '',
    amountReceived: intent.amount_received,
    applicationFeeAmount: intent.application_fee_amount ?? 0,
    processorFee: balance?.fee ?? 0,
    lastError: intent.last_payment_error?.message ?? null,
    nextActionUrl: intent.next_action?.redirect_to_url?.url ?? null,
    refunds: refunds.map((refund) => ({
      id: refund.id,
      amount: refund.amount,
      status: refund.status ?? 'pending',
      reason: refund.reason ?? null,
      created: refund.created,
    })),
    disputes: disputes.map((dispute) => ({
      id: dispute.id,
      amount: dispute.amount,
      // The withdrawal carries the fee; a reinstatement does not give it back.
      fee: dispute.balance_transactions.reduce((sum, entry) => sum + Math.max(0, entry.fee), 0),
      status: dispute.status,
      reason: dispute.reason,
      created: dispute.created,
    })),
    metadata: intent.metadata,
  };
}

const toAccount = (account: Stripe.Account): ProviderAccount => ({
  id: account.id,
  chargesEnabled: account.charges_enabled ?? false,
  payoutsEnabled: account.payouts_enabled ?? false,
  detailsSubmitted: account.details_submitted ?? false,
});

const toDate = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);

const toSubscription = (subscription: Stripe.Subscription): ProviderSubscription => ({
  id: subscription.id,
  customerId: typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id,
  status: subscription.status,
  // Since API version 2025-03-31 the billing period belongs to each item; ours have one.
  currentPeriodEnd: toDate(subscription.items.data[0]?.current_period_end),
  canceledAt: toDate(subscription.canceled_at),
  metadata: subscription.metadata,
});

/**
 * The PaymentIntent that pays an invoice (listed in its expanded `payments` since API version
 * 2025-03-31): the one that paid it, else the default one awaiting the fan's card.
 */
function invoiceIntent(invoice: Stripe.Invoice): string | null {
  const payments = invoice.payments?.data ?? [];
  const payment =
    payments.find((entry) => entry.status === 'paid') ?? payments.find((entry) => entry.is_default);
  const intent = payment?.payment.payment_intent;
  return (typeof intent === 'object' ? intent?.id : intent) ?? null;
}

/**
 * PaymentIntents with destination charges (Connect) or plain charges (single-creator mode); monthly
 * support as Subscriptions whose invoices are paid the same way (`transfer_data` and
 * `application_fee_percent` on the subscription with Connect).
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  readonly livemode: boolean;
  readonly publishableKey: string | null;

  constructor(
    private readonly stripe: Stripe,
    options: { secretKey: string; publishableKey: string | null },
  ) {
    this.livemode = /^(sk|rk)_live_/.test(options.secretKey);
    this.publishableKey = options.publishableKey;
  }

  async createIntent(input: CreateIntentInput): Promise<ProviderIntent> {
    const intent = await this.stripe.paymentIntents
      .create(
        {
          amount: input.amount,
          currency: input.currency.toLowerCase(),
          capture_method: input.captureMethod,
          automatic_payment_methods: { enabled: true },
          description: input.description,
          metadata: input.metadata,
          ...(input.destination
            ? {
                transfer_data: { destination: input.destination },
                application_fee_amount: input.applicationFeeAmount,
              }
            : {}),
        },
        { idempotencyKey: input.idempotencyKey },
      )
      .catch(translate);
    return toIntent(intent, [], []);
  }

  async retrieveIntent(id: string): Promise<ProviderIntent> {
    const [intent, refunds, disputes] = await Promise.all([
      this.stripe.paymentIntents.retrieve(id, { expand: ['latest_charge.balance_transaction'] }),
      this.stripe.refunds.list({ payment_intent: id, limit: 100 }),
      this.stripe.disputes.list({ payment_intent: id, limit: 100 }),
    ]);
    return toIntent(intent, refunds.data, disputes.data);
  }

  async captureIntent(id: string, idempotencyKey: string): Promise<ProviderIntent> {
    await this.stripe.paymentIntents.capture(id, {}, { idempotencyKey }).catch(translate);
    return this.retrieveIntent(id);
  }

  async cancelIntent(id: string, idempotencyKey: string): Promise<ProviderIntent> {
    await this.stripe.paymentIntents.cancel(id, {}, { idempotencyKey }).catch(translate);
    return this.retrieveIntent(id);
  }

  async refund(input: Parameters<PaymentProvider['refund']>[0]): Promise<{ id: string; status: string }> {
    const refund = await this.stripe.refunds
      .create(
        {
          payment_intent: input.intentId,
          amount: input.amount,
          reason: input.reason,
          metadata: input.metadata,
          ...(input.reverseTransfer ? { reverse_transfer: true, refund_application_fee: true } : {}),
        },
        { idempotencyKey: input.idempotencyKey },
      )
      .catch(translate);
    return { id: refund.id, status: refund.status ?? 'pending' };
  }

  async createAccount(input: { tenantId: string; idempotencyKey: string }): Promise<ProviderAccount> {
    const account = await this.stripe.accounts
      .create(
        {
          type: 'express',
          metadata: { tenantId: input.tenantId },
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
        },
        { idempotencyKey: input.idempotencyKey },
      )
      .catch(translate);
    return toAccount(account);
  }

  async retrieveAccount(id: string): Promise<ProviderAccount> {
    return toAccount(await this.stripe.accounts.retrieve(id));
  }

  async createAccountLink(input: {
    account: string;
    refreshUrl: string;
    returnUrl: string;
  }): Promise<string> {
    const link = await this.stripe.accountLinks
      .create({
        account: input.account,
        refresh_url: input.refreshUrl,
        return_url: input.returnUrl,
        type: 'account_onboarding',
      })
      .catch(translate);
    return link.url;
  }

  /** One monthly Price per app, amount and currency, found again by its lookup key. */
  private async monthlyPrice(input: CreateSubscriptionInput): Promise<Stripe.Price> {
    const found = await this.stripe.prices.list({ lookup_keys: [input.priceKey], active: true, limit: 1 });
    if (found.data[0]) return found.data[0];
    return this.stripe.prices
      .create(
        {
          currency: input.currency.toLowerCase(),
          unit_amount: input.amount,
          recurring: { interval: 'month' },
          product_data: { name: input.productName },
          lookup_key: input.priceKey,
          // A price archived in the dashboard keeps its key; the new one takes it over.
          transfer_lookup_key: true,
        },
        { idempotencyKey: `price:${input.priceKey}` },
      )
      .catch(translate);
  }

  async createSubscription(
    input: CreateSubscriptionInput,
  ): Promise<{ subscription: ProviderSubscription; firstIntent: ProviderIntent }> {
    const customer = await this.stripe.customers
      .create({ metadata: input.metadata }, { idempotencyKey: `${input.idempotencyKey}:customer` })
      .catch(translate);
    const price = await this.monthlyPrice(input);
    const subscription = await this.stripe.subscriptions
      .create(
        {
          customer: customer.id,
          items: [{ price: price.id }],
          // The first invoice waits for the fan's card in the Payment Element, which saves it for renewals.
          payment_behavior: 'default_incomplete',
          payment_settings: { save_default_payment_method: 'on_subscription' },
          metadata: input.metadata,
          expand: ['latest_invoice.payments'],
          ...(input.destination
            ? {
                transfer_data: { destination: input.destination },
                application_fee_percent: input.applicationFeeBps / 100,
              }
            : {}),
        },
        { idempotencyKey: input.idempotencyKey },
      )
      .catch(translate);
    const invoice = subscription.latest_invoice;
    const intentId = invoice && typeof invoice === 'object' ? invoiceIntent(invoice) : null;
    if (!intentId) throw new Error(`Stripe gave subscription ${subscription.id} no payment to confirm`);
    return { subscription: toSubscription(subscription), firstIntent: await this.retrieveIntent(intentId) };
  }

  async retrieveSubscription(id: string): Promise<ProviderSubscription> {
    return toSubscription(await this.stripe.subscriptions.retrieve(id));
  }

  async cancelSubscription(id: string, idempotencyKey: string): Promise<ProviderSubscription> {
    return toSubscription(
      await this.stripe.subscriptions.cancel(id, {}, { idempotencyKey }).catch(translate),
    );
  }

  async retrieveInvoice(id: string): Promise<ProviderInvoice> {
    const invoice = await this.stripe.invoices.retrieve(id, { expand: ['payments'] });
    const subscription = invoice.parent?.subscription_details?.subscription;
    return {
      id: invoice.id,
      subscriptionId: (typeof subscription === 'object' ? subscription?.id : subscription) ?? null,
      intentId: invoiceIntent(invoice),
      status: invoice.status ?? 'draft',
      amountPaid: invoice.amount_paid,
      currency: invoice.currency.toUpperCase(),
    };
  }

  async retrievePayout(id: string, account: string | null): Promise<ProviderPayout> {
    const payout = await this.stripe.payouts.retrieve(id, {}, account ? { stripeAccount: account } : {});
    return {
      id: payout.id,
      amount: payout.amount,
      currency: payout.currency.toUpperCase(),
      status: payout.status,
    };
  }
}

import { computeReturnedFee } from '../../domain/payments/compute-returned-fee.ts';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import type { TestProviderStore } from '../../domain/payments/payment-ports.ts';
import { computeSubscriptionFee } from '../../domain/payments/compute-application-fee.ts';
import type {
  CreateIntentInput,
  CreateSubscriptionInput,
  PaymentProvider,
  ProviderAccount,
  ProviderEvent,
  ProviderIntent,
  ProviderInvoice,
  ProviderPayout,
  ProviderSubscription,
} from '../../domain/payments/payment-provider.ts';

/** Stripe's test cards that the built-in provider understands, and what each does. */
export const TEST_CARDS = {
  '4242424242424242': 'succeeds',
  '4000000000000002': 'declined',
  '4000002760003184': 'requires_authentication',
} as const;

interface IntentData extends ProviderIntent {
  captureMethod: 'automatic' | 'manual';
  destination: string | null;
  /** The subscription whose invoice this intent pays. */
  subscription?: string;
}

interface SubscriptionData extends Omit<ProviderSubscription, 'currentPeriodEnd' | 'canceledAt'> {
  amount: number;
  currency: string;
  applicationFeeBps: number;
  destination: string | null;
  /** ISO dates: the object is stored as JSON. */
  currentPeriodEnd: string | null;
  canceledAt: string | null;
  invoices: number;
}

/** A month on, as Stripe bills monthly subscriptions (the same day of the next month, or its last day). */
function monthAfter(date: Date): Date {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + 1);
  if (next.getUTCDate() !== date.getUTCDate()) next.setUTCDate(0);
  return next;
}

const toSubscription = (data: SubscriptionData): ProviderSubscription => ({
  id: data.id,
  customerId: data.customerId,
  status: data.status,
  currentPeriodEnd: data.currentPeriodEnd ? new Date(data.currentPeriodEnd) : null,
  canceledAt: data.canceledAt ? new Date(data.canceledAt) : null,
  metadata: data.metadata,
});

interface AccountData extends ProviderAccount {
  balance: Record<string, number>;
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;

/** Stripe's published pricing for cards (2.9% + 30 minor units), so test figures look like real ones. */
const processorFee = (amount: number) => Math.round(amount * 0.029) + 30;

/** Stripe's dispute fee in the US (15.00), in minor units of any currency. */
const DISPUTE_FEE = 1500;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length >= 12 && sum % 10 === 0;
}

/**
 * A payment processor that lives in this process and keeps its objects in the database, for running
 * every paid flow without Stripe keys. It answers the same calls as the Stripe adapter and reports
 * changes as the same event types, which go through the same ingestion as Stripe's webhooks.
 */
export class TestPaymentProvider implements PaymentProvider {
  readonly name = 'test' as const;
  readonly livemode = false;
  readonly publishableKey = null;

  constructor(
    private readonly options: {
      store: TestProviderStore;
      publicUrl: string;
      onEvent: (event: ProviderEvent) => Promise<void>;
    },
  ) {}

  private async emit(
    type: string,
    objectType: ProviderEvent['objectType'],
    objectId: string,
    account: string | null = null,
  ) {
    await this.options.onEvent({ id: id('evt'), type, livemode: false, objectType, objectId, account });
  }

  private async intent(intentId: string): Promise<IntentData> {
    const object = await this.options.store.get(intentId);
    if (!object || object.type !== 'payment_intent') {
      throw new AppError('not_found', 'Payment not found', `The test provider has no payment ${intentId}.`);
    }
    return object.data as unknown as IntentData;
  }

  /** Changes one intent under a row lock, then reports the change as an event. */
  private async changeIntent(
    intentId: string,
    change: (intent: IntentData, store: TestProviderStore) => Promise<string | undefined>,
  ): Promise<IntentData> {
    let eventType: string | undefined;
    const result = await this.options.store.transaction(async (store) => {
      const object = await store.getForUpdate(intentId);
      if (!object)
        throw new AppError('not_found', 'Payment not found', `The test provider has no payment ${intentId}.`);
      const intent = object.data as unknown as IntentData;
      eventType = await change(intent, store);
      await store.update(intentId, intent as unknown as Record<string, unknown>);
      return intent;
    });
    if (eventType) await this.emit(eventType, 'payment_intent', intentId);
    return result;
  }

  private async creditAccount(
    store: TestProviderStore,
    account: string | null,
    currency: string,
    delta: number,
  ) {
    if (!account) return;
    const object = await store.getForUpdate(account);
    if (!object) return;
    const data = object.data as unknown as AccountData;
    data.balance[currency] = (data.balance[currency] ?? 0) + delta;
    await store.update(account, data as unknown as Record<string, unknown>);
  }

  private async succeed(intent: IntentData, store: TestProviderStore): Promise<string> {
    if (intent.captureMethod === 'manual') {
      intent.status = 'requires_capture';
      return 'payment_intent.amount_capturable_updated';
    }
    return this.capture(intent, store);
  }

  private async capture(intent: IntentData, store: TestProviderStore): Promise<string> {
    intent.status = 'succeeded';
    intent.amountReceived = intent.amount;
    intent.processorFee = processorFee(intent.amount);
    intent.lastError = null;
    intent.nextActionUrl = null;
    await this.creditAccount(
      store,
      intent.destination,
      intent.currency,
      intent.amount - intent.applicationFeeAmount,
    );
    return 'payment_intent.succeeded';
  }

  async createIntent(input: CreateIntentInput & { subscription?: string }): Promise<ProviderIntent> {
    const intentId = id('pi');
    const data: IntentData = {
      id: intentId,
      status: 'requires_payment_method',
      amount: input.amount,
      currency: input.currency,
      clientSecret: `${intentId}_secret_${randomBytes(16).toString('hex')}`,
      amountReceived: 0,
      applicationFeeAmount: input.applicationFeeAmount,
      processorFee: 0,
      lastError: null,
      nextActionUrl: null,
      refunds: [],
      disputes: [],
      metadata: input.metadata,
      captureMethod: input.captureMethod,
      destination: input.destination,
      ...(input.subscription ? { subscription: input.subscription } : {}),
    };
    const stored = await this.options.store.insert({
      id: intentId,
      type: 'payment_intent',
      idempotencyKey: input.idempotencyKey,
      data: data as unknown as Record<string, unknown>,
    });
    return stored.data as unknown as ProviderIntent;
  }

  retrieveIntent(intentId: string): Promise<ProviderIntent> {
    return this.intent(intentId);
  }

  /** The fan submits a card: the test card decides what happens, as Stripe's do in test mode. */
  async confirmWithCard(intentId: string, cardNumber: string): Promise<ProviderIntent> {
    const digits = cardNumber.replace(/[\s-]/g, '');
    return this.invoicePaid(
      await this.changeIntent(intentId, async (intent, store) => {
        if (intent.status !== 'requires_payment_method') {
          throw new AppError(
            'conflict',
            'Payment already submitted',
            `This payment is ${intent.status.replaceAll('_', ' ')}; it cannot be paid again.`,
            { extra: { paymentStatus: intent.status } },
          );
        }
        const outcome = TEST_CARDS[digits as keyof typeof TEST_CARDS];
        if (outcome === 'succeeds') return this.succeed(intent, store);
        if (outcome === 'requires_authentication') {
          intent.status = 'requires_action';
          intent.nextActionUrl = `${this.options.publicUrl}/api/public/payments/${intent.metadata.paymentId}/test-authenticate`;
          return 'payment_intent.requires_action';
        }
        intent.lastError =
          outcome === 'declined'
            ? 'Your card was declined (test card 4000 0000 0000 0002 always is).'
            : luhnValid(digits)
              ? 'Test mode takes only test cards: use 4242 4242 4242 4242.'
              : 'The card number is not valid. In test mode use 4242 4242 4242 4242.';
        return 'payment_intent.payment_failed';
      }),
    );
  }

  /** The fan passes (or fails) the simulated 3-D Secure check. */
  async completeAuthentication(intentId: string, approve: boolean): Promise<ProviderIntent> {
    return this.invoicePaid(
      await this.changeIntent(intentId, async (intent, store) => {
        if (intent.status !== 'requires_action') {
          throw new AppError(
            'conflict',
            'Nothing to authenticate',
            `This payment is ${intent.status.replaceAll('_', ' ')}.`,
          );
        }
        intent.nextActionUrl = null;
        if (approve) return this.succeed(intent, store);
        intent.status = 'requires_payment_method';
        intent.lastError =
          'Authentication failed: the payment was not approved. Try again or use another card.';
        return 'payment_intent.payment_failed';
      }),
    );
  }

  captureIntent(intentId: string): Promise<ProviderIntent> {
    return this.changeIntent(intentId, async (intent, store) => {
      if (intent.status === 'succeeded') return undefined;
      if (intent.status !== 'requires_capture') {
        throw new AppError(
          'conflict',
          'Nothing to capture',
          `This payment is ${intent.status.replaceAll('_', ' ')}.`,
        );
      }
      return this.capture(intent, store);
    });
  }

  cancelIntent(intentId: string): Promise<ProviderIntent> {
    return this.changeIntent(intentId, async (intent) => {
      if (intent.status === 'canceled') return undefined;
      if (intent.status === 'succeeded' || intent.status === 'processing') {
        throw new AppError(
          'conflict',
          'Payment cannot be canceled',
          'A completed payment is refunded, not canceled.',
        );
      }
      intent.status = 'canceled';
      return 'payment_intent.canceled';
    });
  }

  async refund(input: Parameters<PaymentProvider['refund']>[0]): Promise<{ id: string; status: string }> {
    const existing = await this.options.store.findByIdempotencyKey(input.idempotencyKey);
    if (existing) return { id: existing.id, status: 'succeeded' };
    const refundId = id('re');
    await this.changeIntent(input.intentId, async (intent, store) => {
      const refunded = intent.refunds.reduce((sum, refund) => sum + refund.amount, 0);
      if (intent.status !== 'succeeded' || input.amount > intent.amountReceived - refunded) {
        throw new AppError(
          'conflict',
          'Refund not possible',
          `At most ${Math.max(0, intent.amountReceived - refunded)} can be refunded on this payment.`,
        );
      }
      await store.insert({
        id: refundId,
        type: 'refund',
        idempotencyKey: input.idempotencyKey,
        data: { intent: intent.id },
      });
      intent.refunds.push({
        id: refundId,
        amount: input.amount,
        status: 'succeeded',
        reason: input.reason,
        created: Math.floor(Date.now() / 1000) + intent.refunds.length,
      });
      if (input.reverseTransfer) {
        const refundedBefore = intent.refunds
          .slice(0, -1)
          .filter((refund) => refund.status === 'succeeded')
          .reduce((sum, refund) => sum + refund.amount, 0);
        const feeBack = computeReturnedFee({
          fee: intent.applicationFeeAmount,
          amount: intent.amount,
          refundedBefore,
          refund: input.amount,
        });
        await this.creditAccount(store, intent.destination, intent.currency, -(input.amount - feeBack));
      }
      return 'charge.refunded';
    });
    return { id: refundId, status: 'succeeded' };
  }

  /**
   * A fan's bank disputes the charge: the money and Stripe's dispute fee are taken from the creator's
   * account until the dispute is decided; winning gives the money back, not the fee.
   */
  openDispute(intentId: string, reason = 'fraudulent'): Promise<ProviderIntent> {
    return this.changeIntent(intentId, async (intent, store) => {
      const dispute = {
        id: id('dp'),
        amount: intent.amountReceived,
        fee: DISPUTE_FEE,
        status: 'needs_response',
        reason,
        created: Math.floor(Date.now() / 1000),
      };
      intent.disputes.push(dispute);
      await this.creditAccount(store, intent.destination, intent.currency, -(dispute.amount + dispute.fee));
      return 'charge.dispute.created';
    });
  }

  closeDispute(intentId: string, outcome: 'won' | 'lost'): Promise<ProviderIntent> {
    return this.changeIntent(intentId, async (intent, store) => {
      for (const dispute of intent.disputes) {
        if (dispute.status === 'won' || dispute.status === 'lost') continue;
        dispute.status = outcome;
        if (outcome === 'won')
          await this.creditAccount(store, intent.destination, intent.currency, dispute.amount);
      }
      return 'charge.dispute.closed';
    });
  }

  private async subscription(subscriptionId: string): Promise<SubscriptionData> {
    const object = await this.options.store.get(subscriptionId);
    if (!object || object.type !== 'subscription') {
      throw new AppError(
        'not_found',
        'Subscription not found',
        `The test provider has no subscription ${subscriptionId}.`,
      );
    }
    return object.data as unknown as SubscriptionData;
  }

  /** A subscription's invoice intent (`n`: which invoice), made once however often it is asked for. */
  private invoiceIntent(data: SubscriptionData, n: number): Promise<ProviderIntent> {
    return this.createIntent({
      amount: data.amount,
      currency: data.currency,
      captureMethod: 'automatic',
      applicationFeeAmount: data.destination
        ? computeSubscriptionFee(data.amount, data.applicationFeeBps)
        : 0,
      destination: data.destination,
      description: `Invoice ${n} of ${data.id}`,
      // Stripe's invoice intents carry none of the subscription's metadata; the first one here names our payment.
      metadata: n === 1 ? data.metadata : {},
      idempotencyKey: `${data.id}:invoice-${n}`,
      subscription: data.id,
    });
  }

  /**
   * An invoice intent just succeeded: its invoice is paid, the subscription runs for another month,
   * and `invoice.paid` is reported, as Stripe does.
   */
  private async invoicePaid(intent: IntentData): Promise<IntentData> {
    if (!intent.subscription || intent.status !== 'succeeded') return intent;
    const invoiceId = `in_test_${intent.id.slice('pi_test_'.length)}`;
    await this.options.store.transaction(async (store) => {
      const object = await store.getForUpdate(intent.subscription!);
      if (!object || (await store.get(invoiceId))) return;
      const data = object.data as unknown as SubscriptionData;
      const start = data.currentPeriodEnd ? new Date(data.currentPeriodEnd) : new Date();
      data.currentPeriodEnd = monthAfter(start).toISOString();
      if (data.status !== 'canceled') data.status = 'active';
      await store.update(data.id, data as unknown as Record<string, unknown>);
      const invoice: ProviderInvoice = {
        id: invoiceId,
        subscriptionId: data.id,
        intentId: intent.id,
        status: 'paid',
        amountPaid: intent.amountReceived,
        currency: intent.currency,
      };
      await store.insert({
        id: invoiceId,
        type: 'invoice',
        idempotencyKey: null,
        data: invoice as unknown as Record<string, unknown>,
      });
    });
    await this.emit('invoice.paid', 'invoice', invoiceId);
    return intent;
  }

  async createSubscription(
    input: CreateSubscriptionInput,
  ): Promise<{ subscription: ProviderSubscription; firstIntent: ProviderIntent }> {
    const subscriptionId = id('sub');
    const fresh: SubscriptionData = {
      id: subscriptionId,
      customerId: id('cus'),
      status: 'incomplete',
      metadata: input.metadata,
      amount: input.amount,
      currency: input.currency,
      applicationFeeBps: input.applicationFeeBps,
      destination: input.destination,
      currentPeriodEnd: null,
      canceledAt: null,
      invoices: 1,
    };
    const stored = await this.options.store.insert({
      id: subscriptionId,
      type: 'subscription',
      idempotencyKey: input.idempotencyKey,
      data: fresh as unknown as Record<string, unknown>,
    });
    const data = stored.data as unknown as SubscriptionData;
    return { subscription: toSubscription(data), firstIntent: await this.invoiceIntent(data, 1) };
  }

  async retrieveSubscription(subscriptionId: string): Promise<ProviderSubscription> {
    return toSubscription(await this.subscription(subscriptionId));
  }

  async cancelSubscription(subscriptionId: string): Promise<ProviderSubscription> {
    const data = await this.options.store.transaction(async (store) => {
      const object = await store.getForUpdate(subscriptionId);
      if (!object || object.type !== 'subscription') return undefined;
      const current = object.data as unknown as SubscriptionData;
      if (current.status === 'canceled') return current;
      current.status = 'canceled';
      current.canceledAt = new Date().toISOString();
      await store.update(subscriptionId, current as unknown as Record<string, unknown>);
      return current;
    });
    if (!data) await this.subscription(subscriptionId);
    await this.emit('customer.subscription.deleted', 'subscription', subscriptionId);
    return toSubscription(data!);
  }

  /**
   * The next month's invoice, charged to the card the fan saved with the first one (the test card
   * always succeeds), as Stripe renews a subscription at the end of each period; reported as
   * `invoice.paid`. Tests and the demo call it instead of waiting a month.
   */
  async renewSubscription(subscriptionId: string): Promise<ProviderInvoice> {
    const n = await this.options.store.transaction(async (store) => {
      const object = await store.getForUpdate(subscriptionId);
      const data = object?.type === 'subscription' ? (object.data as unknown as SubscriptionData) : undefined;
      if (data?.status !== 'active') return undefined;
      data.invoices += 1;
      await store.update(subscriptionId, data as unknown as Record<string, unknown>);
      return data.invoices;
    });
    if (!n) {
      const data = await this.subscription(subscriptionId);
      throw new AppError(
        'conflict',
        'Subscription does not renew',
        `This subscription is ${data.status.replaceAll('_', ' ')}; only an active one renews.`,
      );
    }
    const intent = await this.invoiceIntent(await this.subscription(subscriptionId), n);
    const paid = await this.changeIntent(intent.id, async (data, store) => this.capture(data, store));
    await this.invoicePaid(paid);
    return this.retrieveInvoice(`in_test_${intent.id.slice('pi_test_'.length)}`);
  }

  async retrieveInvoice(invoiceId: string): Promise<ProviderInvoice> {
    const object = await this.options.store.get(invoiceId);
    if (!object || object.type !== 'invoice')
      throw new AppError('not_found', 'Invoice not found', `The test provider has no invoice ${invoiceId}.`);
    return object.data as unknown as ProviderInvoice;
  }

  async createAccount(input: { tenantId: string; idempotencyKey: string }): Promise<ProviderAccount> {
    const accountId = id('acct');
    // Test accounts can take charges at once: there is no identity to verify.
    const data: AccountData = {
      id: accountId,
      chargesEnabled: true,
      payoutsEnabled: true,
      detailsSubmitted: true,
      balance: {},
    };
    const stored = await this.options.store.insert({
      id: accountId,
      type: 'account',
      idempotencyKey: input.idempotencyKey,
      data: data as unknown as Record<string, unknown>,
    });
    await this.emit('account.updated', 'account', stored.id);
    return stored.data as unknown as ProviderAccount;
  }

  async retrieveAccount(accountId: string): Promise<ProviderAccount> {
    const object = await this.options.store.get(accountId);
    if (!object)
      throw new AppError('not_found', 'Account not found', `The test provider has no account ${accountId}.`);
    return object.data as unknown as ProviderAccount;
  }

  async createAccountLink(input: { account: string; returnUrl: string }): Promise<string> {
    const url = new URL(input.returnUrl);
    url.searchParams.set('test_onboarding', input.account);
    return url.toString();
  }

  /** Pays out what a test account holds, as Stripe's payout schedule would; nothing when it holds nothing. */
  async payOut(accountId: string, currency: string): Promise<ProviderPayout | undefined> {
    const payoutId = id('po');
    const payout = await this.options.store.transaction(async (store) => {
      const object = await store.getForUpdate(accountId);
      if (!object) return undefined;
      const data = object.data as unknown as AccountData;
      const available = data.balance[currency] ?? 0;
      if (available <= 0) return undefined;
      data.balance[currency] = 0;
      await store.update(accountId, data as unknown as Record<string, unknown>);
      const value: ProviderPayout = { id: payoutId, amount: available, currency, status: 'paid' };
      await store.insert({
        id: payoutId,
        type: 'payout',
        idempotencyKey: null,
        data: { ...value, account: accountId },
      });
      return value;
    });
    if (payout) await this.emit('payout.paid', 'payout', payout.id, accountId);
    return payout;
  }

  async retrievePayout(payoutId: string): Promise<ProviderPayout> {
    const object = await this.options.store.get(payoutId);
    if (!object)
      throw new AppError('not_found', 'Payout not found', `The test provider has no payout ${payoutId}.`);
    return object.data as unknown as ProviderPayout;
  }
}

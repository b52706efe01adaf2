import { computeReturnedFee } from '../../domain/payments/compute-returned-fee.ts';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import type { TestProviderStore } from '../../domain/payments/payment-ports.ts';
import type {
  CreateIntentInput,
  PaymentProvider,
  ProviderAccount,
  ProviderEvent,
  ProviderIntent,
  ProviderPayout,
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
}

interface AccountData extends ProviderAccount {
  balance: Record<string, number>;
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;

/** Stripe's published pricing for cards (2.9% + 30 minor units), so test figures look like real ones. */
const processorFee = (amount: number) => Math.round(amount * 0.029) + 30;

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

  async createIntent(input: CreateIntentInput): Promise<ProviderIntent> {
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
  confirmWithCard(intentId: string, cardNumber: string): Promise<ProviderIntent> {
    const digits = cardNumber.replace(/[\s-]/g, '');
    return this.changeIntent(intentId, async (intent, store) => {
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
    });
  }

  /** The fan passes (or fails) the simulated 3-D Secure check. */
  completeAuthentication(intentId: string, approve: boolean): Promise<ProviderIntent> {
    return this.changeIntent(intentId, async (intent, store) => {
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
    });
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

  /** A fan's bank disputes the charge; the money is held back until the dispute is decided. */
  openDispute(intentId: string, reason = 'fraudulent'): Promise<ProviderIntent> {
    return this.changeIntent(intentId, async (intent) => {
      intent.disputes.push({
        id: id('dp'),
        amount: intent.amountReceived,
        status: 'needs_response',
        reason,
        created: Math.floor(Date.now() / 1000),
      });
      return 'charge.dispute.created';
    });
  }

  closeDispute(intentId: string, outcome: 'won' | 'lost'): Promise<ProviderIntent> {
    return this.changeIntent(intentId, async (intent) => {
      for (const dispute of intent.disputes) dispute.status = outcome;
      return 'charge.dispute.closed';
    });
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

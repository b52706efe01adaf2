import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

type StripeObject = Record<string, any>;

/** Reads Stripe's form encoding (`a[b]=c`, `a[b][c]=d`) into nested objects. */
function parseForm(text: string): StripeObject {
  const result: StripeObject = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, '').split('[');
    let target = result;
    for (const part of path.slice(0, -1)) target = target[part] ??= {};
    target[path.at(-1)!] = value;
  }
  return result;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

const newId = (prefix: string) => `${prefix}_${randomBytes(10).toString('hex')}`;

/**
 * A small local server answering the Stripe API calls Patchbay makes, with Stripe's idempotency-key
 * behaviour, so the real stripe-node client can be tested against it. Tests move its objects along
 * (a fan paying, a payout) and send signed events as Stripe would.
 */
export class StripeStandIn {
  readonly intents = new Map<string, StripeObject>();
  readonly refunds: StripeObject[] = [];
  readonly disputes: StripeObject[] = [];
  readonly accounts = new Map<string, StripeObject>();
  readonly payouts = new Map<string, StripeObject>();
  readonly customers = new Map<string, StripeObject>();
  readonly prices = new Map<string, StripeObject>();
  readonly subscriptions = new Map<string, StripeObject>();
  readonly invoices = new Map<string, StripeObject>();
  readonly requests: Array<{ method: string; path: string; body: StripeObject }> = [];
  private readonly idempotent = new Map<string, StripeObject>();
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const body = parseForm(await readBody(req));
      const url = new URL(req.url ?? '/', 'http://stand-in');
      this.requests.push({ method: req.method ?? 'GET', path: url.pathname, body });
      const key = req.headers['idempotency-key'];
      const cacheKey = typeof key === 'string' ? `${url.pathname}:${key}` : undefined;
      let result = cacheKey ? this.idempotent.get(cacheKey) : undefined;
      let status = 200;
      if (!result) {
        try {
          result = this.handle(req.method ?? 'GET', url, body);
        } catch (error) {
          status = 400;
          result = { error: { type: 'invalid_request_error', message: (error as Error).message } };
        }
        if (cacheKey && status === 200) this.idempotent.set(cacheKey, result);
      }
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req') });
      res.end(JSON.stringify(result));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private intentView(intent: StripeObject): StripeObject {
    const succeeded = intent.status === 'succeeded';
    return {
      ...intent,
      latest_charge: succeeded
        ? {
            id: intent.charge,
            object: 'charge',
            payment_intent: intent.id,
            balance_transaction: {
              id: newId('txn'),
              object: 'balance_transaction',
              fee: Math.round(intent.amount * 0.029) + 30,
            },
          }
        : null,
    };
  }

  /** An invoice with its payments listed, as `expand: ['payments']` returns it. */
  private invoiceView(invoice: StripeObject): StripeObject {
    const intent = this.intents.get(invoice.payment_intent)!;
    return {
      ...invoice,
      payments: {
        object: 'list',
        has_more: false,
        data: [
          {
            id: `inpay_${invoice.id.slice(3)}`,
            object: 'invoice_payment',
            is_default: true,
            status: intent.status === 'succeeded' ? 'paid' : 'open',
            payment: { type: 'payment_intent', payment_intent: intent.id },
          },
        ],
      },
    };
  }

  private subscriptionView(subscription: StripeObject, expandInvoice = false): StripeObject {
    const invoice = this.invoices.get(subscription.latest_invoice)!;
    return { ...subscription, latest_invoice: expandInvoice ? this.invoiceView(invoice) : invoice.id };
  }

  /** A subscription's next invoice and the PaymentIntent that pays it (Stripe puts none of our metadata on it). */
  private bill(subscription: StripeObject, billingReason: string): StripeObject {
    const price = this.prices.get(subscription.items.data[0].price.id)!;
    const percent = subscription.application_fee_percent;
    const intentId = newId('pi');
    const intent = {
      id: intentId,
      object: 'payment_intent',
      amount: price.unit_amount,
      currency: price.currency,
      capture_method: 'automatic',
      status: 'requires_payment_method',
      client_secret: `${intentId}_secret_${randomBytes(8).toString('hex')}`,
      amount_received: 0,
      application_fee_amount: percent === null ? null : Math.round((price.unit_amount * percent) / 100),
      transfer_data: subscription.transfer_data,
      metadata: {},
      charge: newId('ch'),
      livemode: false,
    };
    this.intents.set(intentId, intent);
    const invoice = {
      id: newId('in'),
      object: 'invoice',
      status: 'open',
      amount_paid: 0,
      currency: price.currency,
      billing_reason: billingReason,
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: subscription.id, metadata: subscription.metadata },
      },
      payment_intent: intentId,
      livemode: false,
    };
    this.invoices.set(invoice.id, invoice);
    subscription.latest_invoice = invoice.id;
    return invoice;
  }

  private handle(method: string, url: URL, body: StripeObject): StripeObject {
    const parts = url.pathname.split('/').filter(Boolean);
    const [, resource, id, action] = parts;
    const list = (data: StripeObject[]) => ({ object: 'list', data, has_more: false, url: url.pathname });
    if (resource === 'payment_intents') {
      if (method === 'POST' && !id) {
        const intentId = newId('pi');
        const intent = {
          id: intentId,
          object: 'payment_intent',
          amount: Number(body.amount),
          currency: body.currency,
          capture_method: body.capture_method,
          status: 'requires_payment_method',
          client_secret: `${intentId}_secret_${randomBytes(8).toString('hex')}`,
          amount_received: 0,
          application_fee_amount: body.application_fee_amount ? Number(body.application_fee_amount) : null,
          transfer_data: body.transfer_data ?? null,
          metadata: body.metadata ?? {},
          charge: newId('ch'),
          livemode: false,
        };
        this.intents.set(intentId, intent);
        return this.intentView(intent);
      }
      const intent = this.intents.get(id!);
      if (!intent) throw new Error(`No such payment_intent: '${id}'`);
      if (action === 'capture') {
        if (intent.status !== 'requires_capture') throw new Error('This PaymentIntent could not be captured');
        Object.assign(intent, { status: 'succeeded', amount_received: intent.amount });
      }
      if (action === 'cancel') intent.status = 'canceled';
      return this.intentView(intent);
    }
    if (resource === 'refunds') {
      if (method === 'GET')
        return list(
          this.refunds.filter((refund) => refund.payment_intent === url.searchParams.get('payment_intent')),
        );
      const refund = {
        id: newId('re'),
        object: 'refund',
        amount: Number(body.amount),
        payment_intent: body.payment_intent,
        status: 'succeeded',
        reason: body.reason ?? null,
        created: Math.floor(Date.now() / 1000) + this.refunds.length,
      };
      this.refunds.push(refund);
      return refund;
    }
    if (resource === 'disputes')
      return list(
        this.disputes.filter((dispute) => dispute.payment_intent === url.searchParams.get('payment_intent')),
      );
    if (resource === 'accounts') {
      if (method === 'POST' && !id) {
        const account = {
          id: newId('acct'),
          object: 'account',
          type: 'express',
          charges_enabled: false,
          payouts_enabled: false,
          details_submitted: false,
          metadata: body.metadata ?? {},
        };
        this.accounts.set(account.id, account);
        return account;
      }
      const account = this.accounts.get(id!);
      if (!account) throw new Error(`No such account: '${id}'`);
      return account;
    }
    if (resource === 'account_links') {
      return {
        object: 'account_link',
        url: `https://connect.stripe.test/setup/e/${body.account}`,
        expires_at: 0,
      };
    }
    if (resource === 'customers') {
      const customer = { id: newId('cus'), object: 'customer', metadata: body.metadata ?? {} };
      this.customers.set(customer.id, customer);
      return customer;
    }
    if (resource === 'prices') {
      if (method === 'GET') {
        const key = url.searchParams.get('lookup_keys[0]');
        return list([...this.prices.values()].filter((price) => price.active && price.lookup_key === key));
      }
      if (body.transfer_lookup_key === 'true') {
        for (const price of this.prices.values())
          if (price.lookup_key === body.lookup_key) price.lookup_key = null;
      }
      const price = {
        id: newId('price'),
        object: 'price',
        active: true,
        currency: body.currency,
        unit_amount: Number(body.unit_amount),
        recurring: { interval: body.recurring?.interval },
        product: newId('prod'),
        product_name: body.product_data?.name,
        lookup_key: body.lookup_key ?? null,
      };
      this.prices.set(price.id, price);
      return price;
    }
    if (resource === 'subscriptions') {
      if (method === 'POST' && !id) {
        const price = this.prices.get(body.items?.['0']?.price);
        if (!price) throw new Error(`No such price: '${body.items?.['0']?.price}'`);
        if (!this.customers.has(body.customer)) throw new Error(`No such customer: '${body.customer}'`);
        const subscription: StripeObject = {
          id: newId('sub'),
          object: 'subscription',
          customer: body.customer,
          status: 'incomplete',
          metadata: body.metadata ?? {},
          application_fee_percent: body.application_fee_percent ? Number(body.application_fee_percent) : null,
          transfer_data: body.transfer_data ?? null,
          payment_behavior: body.payment_behavior,
          items: {
            object: 'list',
            data: [
              {
                id: newId('si'),
                object: 'subscription_item',
                price,
                current_period_end: Math.floor(Date.now() / 1000) + 30 * 86_400,
              },
            ],
          },
          canceled_at: null,
          livemode: false,
        };
        this.subscriptions.set(subscription.id, subscription);
        this.bill(subscription, 'subscription_create');
        return this.subscriptionView(subscription, true);
      }
      const subscription = this.subscriptions.get(id!);
      if (!subscription) throw new Error(`No such subscription: '${id}'`);
      if (method === 'DELETE') this.cancelSubscription(id!);
      return this.subscriptionView(subscription);
    }
    if (resource === 'invoices') {
      const invoice = this.invoices.get(id!);
      if (!invoice) throw new Error(`No such invoice: '${id}'`);
      return this.invoiceView(invoice);
    }
    if (resource === 'payouts') {
      const payout = this.payouts.get(id!);
      if (!payout) throw new Error(`No such payout: '${id}'`);
      return payout;
    }
    throw new Error(`Unrecognized request URL (${method}: ${url.pathname})`);
  }

  /**
   * The fan completes the Payment Element: the intent succeeds (or is authorized, for manual capture).
   * An invoice's intent pays the invoice, which starts its subscription.
   */
  pay(intentId: string): StripeObject {
    const intent = this.intents.get(intentId)!;
    if (intent.capture_method === 'manual') intent.status = 'requires_capture';
    else Object.assign(intent, { status: 'succeeded', amount_received: intent.amount });
    const invoice = [...this.invoices.values()].find((each) => each.payment_intent === intentId);
    if (invoice && intent.status === 'succeeded') {
      Object.assign(invoice, { status: 'paid', amount_paid: intent.amount });
      const subscription = this.subscriptions.get(invoice.parent.subscription_details.subscription)!;
      if (subscription.status !== 'canceled') subscription.status = 'active';
    }
    return this.intentView(intent);
  }

  /** The subscription whose first invoice `intentId` pays. */
  subscriptionOf(intentId: string): StripeObject {
    const invoice = [...this.invoices.values()].find((each) => each.payment_intent === intentId)!;
    return this.subscriptions.get(invoice.parent.subscription_details.subscription)!;
  }

  /** A month later: Stripe bills the saved card and the renewal's invoice is paid. */
  renew(subscriptionId: string): { invoice: StripeObject; intent: StripeObject } {
    const subscription = this.subscriptions.get(subscriptionId)!;
    const invoice = this.bill(subscription, 'subscription_cycle');
    subscription.items.data[0].current_period_end += 30 * 86_400;
    const intent = this.pay(invoice.payment_intent);
    return { invoice: this.invoiceView(invoice), intent };
  }

  /** The subscription ends (the fan asked, the creator canceled it in the dashboard, or payments failed). */
  cancelSubscription(subscriptionId: string): StripeObject {
    const subscription = this.subscriptions.get(subscriptionId)!;
    if (subscription.status !== 'canceled') {
      Object.assign(subscription, { status: 'canceled', canceled_at: Math.floor(Date.now() / 1000) });
    }
    return this.subscriptionView(subscription);
  }

  refund(intentId: string, amount: number): StripeObject {
    return this.handle('POST', new URL('http://stand-in/v1/refunds'), {
      payment_intent: intentId,
      amount: String(amount),
    });
  }

  /** The fan's bank disputes the charge (with Stripe's fee on the withdrawal), or the dispute is decided. */
  dispute(intentId: string, status = 'needs_response', fee = 1500): StripeObject {
    const intent = this.intents.get(intentId)!;
    const transaction = (amount: number, transactionFee: number) => ({
      id: newId('txn'),
      object: 'balance_transaction',
      amount,
      fee: transactionFee,
      currency: intent.currency,
    });
    let dispute = this.disputes.find((existing) => existing.payment_intent === intentId);
    if (!dispute) {
      dispute = {
        id: newId('dp'),
        object: 'dispute',
        amount: intent.amount_received,
        currency: intent.currency,
        charge: intent.charge,
        payment_intent: intentId,
        reason: 'fraudulent',
        status,
        created: Math.floor(Date.now() / 1000),
        balance_transactions: [transaction(-intent.amount_received - fee, fee)],
        livemode: false,
      };
      this.disputes.push(dispute);
    }
    dispute.status = status;
    if (status === 'won') dispute.balance_transactions.push(transaction(dispute.amount, 0));
    return dispute;
  }

  payout(account: string, amount: number, currency = 'usd'): StripeObject {
    const payout = { id: newId('po'), object: 'payout', amount, currency, status: 'paid' };
    this.payouts.set(payout.id, payout);
    return payout;
  }
}

export function webhookEvent(
  type: string,
  object: StripeObject,
  options: { id?: string; account?: string; livemode?: boolean } = {},
): StripeObject {
  return {
    id: options.id ?? newId('evt'),
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    type,
    livemode: options.livemode ?? false,
    ...(options.account ? { account: options.account } : {}),
    data: { object },
  };
}

/** Posts an event to the server signed as Stripe would, with the real library's test header. */
export async function sendWebhook(
  serverUrl: string,
  secret: string,
  event: StripeObject,
  options: { timestamp?: number; body?: (payload: string) => string } = {},
): Promise<{ status: number; body: any }> {
  const payload = JSON.stringify(event);
  const header = new Stripe('sk_test_unused').webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
  });
  const response = await fetch(`${serverUrl}/webhooks/payment`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': header },
    body: options.body ? options.body(payload) : payload,
  });
  return { status: response.status, body: await response.json() };
}

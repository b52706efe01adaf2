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
    if (resource === 'payouts') {
      const payout = this.payouts.get(id!);
      if (!payout) throw new Error(`No such payout: '${id}'`);
      return payout;
    }
    throw new Error(`Unrecognized request URL (${method}: ${url.pathname})`);
  }

  /** The fan completes the Payment Element: the intent succeeds (or is authorized, for manual capture). */
  pay(intentId: string): StripeObject {
    const intent = this.intents.get(intentId)!;
    if (intent.capture_method === 'manual') intent.status = 'requires_capture';
    else Object.assign(intent, { status: 'succeeded', amount_received: intent.amount });
    return this.intentView(intent);
  }

  refund(intentId: string, amount: number): StripeObject {
    return this.handle('POST', new URL('http://stand-in/v1/refunds'), {
      payment_intent: intentId,
      amount: String(amount),
    });
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

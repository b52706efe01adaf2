import { formatMoney } from '../widgets/shared/money.ts';
import { loadStripe } from '../widgets/shared/stripe-js.ts';
import { PROTOCOL_VERSION, type PayToWidget } from './protocol.ts';

/*
 * The pay window: a top-level page on the widget origin, so the card form never sits inside a frame
 * on someone else's page. The widget that opened it passes the client secret and its own origin in
 * the URL's fragment (never sent to a server); this page tells the opener the outcome only at that
 * exact origin, so a page that lied about its origin hears nothing. Without Stripe keys it holds the
 * test provider's card form; with STRIPE_PUBLISHABLE_KEY, Stripe's Payment Element. Opened in the fan's
 * own tab (the browser blocked the window), it has no opener and sends the fan back (`pbReturn`, a page
 * the server checked against the app's allowed sites) once paid.
 */

const {
  pbApiBase: apiBase = '',
  pbPayment: paymentId = '',
  pbStripeKey: stripeKey = '',
  pbReturn: back = '',
} = document.body.dataset;
const params = new URLSearchParams(location.hash.slice(1));
const secret = params.get('secret') ?? '';
const openerOrigin = params.get('origin') ?? '';
const $ = <T extends HTMLElement | null = HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>(stripeKey ? 'pb-stripe-form' : 'pb-card-form');
const auth = $<HTMLElement | null>('pb-auth');
const status = $<HTMLElement>('pb-status');

interface Payment {
  status: string;
  amount: number;
  currency: string;
  lastError: string | null;
}

async function call(path: string, body?: Record<string, unknown>): Promise<Payment> {
  const url = `${apiBase}/api/public/payments/${encodeURIComponent(paymentId)}${path}`;
  const response = body
    ? await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ clientSecret: secret, ...body }),
      })
    : await fetch(`${url}?clientSecret=${encodeURIComponent(secret)}`);
  const json = (await response.json()) as Payment & { detail?: string };
  if (!response.ok) throw new Error(json.detail ?? 'The payment could not be reached.');
  return json;
}

function tell(payment: Payment): void {
  if (!window.opener || !openerOrigin) return;
  const payload: PayToWidget['pay-result'] = {
    paymentId,
    status: payment.status,
    message: payment.lastError,
  };
  (window.opener as Window).postMessage(
    { pb: PROTOCOL_VERSION, type: 'pay-result', id: crypto.randomUUID(), payload },
    openerOrigin,
  );
}

function show(payment: Payment): void {
  // Stripe's own element asks for authentication itself; the test form has its own step for it.
  const authenticating = payment.status === 'requires_action' && !!auth;
  // An authorized card (a request charged only when the creator accepts it) is as done as a paid one here.
  const done = payment.status === 'succeeded' || payment.status === 'requires_capture';
  const word = payment.status === 'succeeded' ? 'Paid' : 'Authorized';
  form.hidden = done || authenticating;
  if (auth) auth.hidden = !authenticating;
  if (done) {
    tell(payment);
    if (window.opener || !back) {
      status.textContent = `${word}. Thank you! You can close this window.`;
      setTimeout(() => window.close(), 800);
    } else {
      status.textContent = `${word}. Thank you! Taking you back…`;
      setTimeout(() => location.replace(back), 800);
    }
  } else if (authenticating) {
    status.textContent = 'Your bank asks you to confirm this payment.';
    $<HTMLButtonElement>('pb-approve').focus();
  } else if (payment.lastError) {
    status.textContent = `The payment did not go through: ${payment.lastError} Try another card.`;
    tell(payment);
    $<HTMLInputElement | null>('pb-card')?.select();
  }
}

async function act(work: () => Promise<Payment>): Promise<void> {
  document.body.setAttribute('aria-busy', 'true');
  try {
    show(await work());
  } catch (error) {
    status.textContent = (error as Error).message;
  } finally {
    document.body.removeAttribute('aria-busy');
  }
}

/** Stripe's Payment Element, from Stripe.js (the page's CSP allows js.stripe.com). */
async function mountPaymentElement(): Promise<void> {
  const stripe = await loadStripe(stripeKey);
  const elements = stripe.elements({ clientSecret: secret });
  elements.create('payment').mount('#pb-payment-element');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(async () => {
      // Methods that must leave (some banks' checks) come back here, fragment and all.
      const { error } = await stripe.confirmPayment({
        elements,
        redirect: 'if_required',
        confirmParams: { return_url: location.href },
      });
      if (error) throw new Error(error.message ?? 'The payment did not go through. Try another card.');
      return call('');
    });
  });
}

if (stripeKey) {
  void mountPaymentElement().catch((error: Error) => (status.textContent = error.message));
} else {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const cardNumber = $<HTMLInputElement>('pb-card').value;
    void act(() => call('/test-confirm', { cardNumber }));
  });
  $('pb-approve').addEventListener(
    'click',
    () => void act(() => call('/test-authenticate', { approve: true })),
  );
  $('pb-deny').addEventListener(
    'click',
    () => void act(() => call('/test-authenticate', { approve: false })),
  );
}

void act(async () => {
  const payment = await call('');
  $('pb-amount').textContent = formatMoney(payment.amount, payment.currency, navigator.language);
  return payment;
});

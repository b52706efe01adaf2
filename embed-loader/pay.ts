import { formatMoney } from '../widgets/shared/money.ts';
import { PROTOCOL_VERSION, type PayToWidget } from './protocol.ts';

/*
 * The pay window: a top-level page on the widget origin, so the card form never sits inside a frame
 * on someone else's page. The widget that opened it passes the client secret and its own origin in
 * the URL's fragment (never sent to a server); this page tells the opener the outcome only at that
 * exact origin, so a page that lied about its origin hears nothing. This is the test-mode form; the
 * Stripe Payment Element is not mounted here yet.
 */

const { pbApiBase: apiBase = '', pbPayment: paymentId = '' } = document.body.dataset;
const params = new URLSearchParams(location.hash.slice(1));
const secret = params.get('secret') ?? '';
const openerOrigin = params.get('origin') ?? '';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('pb-card-form');
const auth = $<HTMLElement>('pb-auth');
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
  form.hidden = payment.status === 'succeeded' || payment.status === 'requires_action';
  auth.hidden = payment.status !== 'requires_action';
  if (payment.status === 'succeeded') {
    status.textContent = 'Paid. Thank you! You can close this window.';
    tell(payment);
    setTimeout(() => window.close(), 800);
  } else if (payment.status === 'requires_action') {
    status.textContent = 'Your bank asks you to confirm this payment.';
    $<HTMLButtonElement>('pb-approve').focus();
  } else if (payment.lastError) {
    status.textContent = `The payment did not go through: ${payment.lastError} Try another card.`;
    tell(payment);
    $<HTMLInputElement>('pb-card').select();
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

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const cardNumber = $<HTMLInputElement>('pb-card').value;
  void act(() => call('/test-confirm', { cardNumber }));
});
$('pb-approve').addEventListener(
  'click',
  () => void act(() => call('/test-authenticate', { approve: true })),
);
$('pb-deny').addEventListener('click', () => void act(() => call('/test-authenticate', { approve: false })));

void act(async () => {
  const payment = await call('');
  $('pb-amount').textContent = formatMoney(payment.amount, payment.currency, navigator.language);
  return payment;
});

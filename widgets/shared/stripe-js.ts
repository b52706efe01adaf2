/** The slice of Stripe.js that Patchbay's card forms use. */
export interface StripeJs {
  elements(options: { clientSecret: string }): StripeElements;
  confirmPayment(options: {
    elements: StripeElements;
    redirect: 'if_required';
    confirmParams: { return_url: string };
  }): Promise<{ error?: { message?: string } }>;
}

export interface StripeElements {
  create(type: 'payment'): { mount(target: string | HTMLElement): void };
}

let loading: Promise<unknown> | undefined;

const STRIPE_JS = 'https://js.stripe.com/v3/';

/**
 * Stripe.js from js.stripe.com (Stripe requires it be loaded from there), added to this page once, even
 * by two widget bundles. It rejects when the page cannot load it: offline, or a Content-Security-Policy
 * without js.stripe.com.
 */
export async function loadStripe(publishableKey: string): Promise<StripeJs> {
  loading ??= new Promise((resolve, reject) => {
    if ('Stripe' in window) {
      resolve(undefined);
      return;
    }
    const added = document.querySelector<HTMLScriptElement>(`script[src="${STRIPE_JS}"]`);
    const script = added ?? Object.assign(document.createElement('script'), { src: STRIPE_JS });
    script.addEventListener('load', resolve);
    script.addEventListener('error', () => {
      loading = undefined;
      script.remove();
      reject(new Error('Stripe could not be reached. Check your connection and reload.'));
    });
    if (!added) document.head.append(script);
  });
  await loading;
  return (window as unknown as { Stripe(key: string): StripeJs }).Stripe(publishableKey);
}

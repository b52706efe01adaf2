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

/**
 * Stripe.js from js.stripe.com (Stripe requires it be loaded from there), added to this page once. It
 * rejects when the page cannot load it: offline, or a Content-Security-Policy without js.stripe.com.
 */
export async function loadStripe(publishableKey: string): Promise<StripeJs> {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = 'https://js.stripe.com/v3/';
    script.onload = resolve;
    script.onerror = () => {
      loading = undefined;
      script.remove();
      reject(new Error('Stripe could not be reached. Check your connection and reload.'));
    };
    document.head.append(script);
  });
  await loading;
  return (window as unknown as { Stripe(key: string): StripeJs }).Stripe(publishableKey);
}

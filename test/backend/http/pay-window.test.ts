import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StripeStandIn } from '../../helpers/stripe-stand-in.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let stripe: StripeStandIn;
let server: TestServer;

beforeAll(async () => {
  stripe = await new StripeStandIn().start();
  server = await startTestServer({
    STRIPE_SECRET_KEY: 'sk_test_standin',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_standin',
    STRIPE_API_URL: stripe.url,
  });
});
afterAll(async () => {
  await server?.close();
  await stripe?.stop();
});

describe('the pay window with Stripe keys', () => {
  it('mounts the Payment Element with the publishable key, under a CSP that lets only Stripe in', async () => {
    const response = await fetch(`${server.widgetUrl}/pay/8f0e6c1a-52d4-4e0f-b1f1-0d6f0c1e7a11`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' https://js.stripe.com");
    expect(csp).toContain("frame-src 'self' https://js.stripe.com https://hooks.stripe.com");
    expect(csp).toContain('https://api.stripe.com');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await response.text();
    expect(html).toContain('data-pb-stripe-key="pk_test_standin"');
    expect(html).toContain('id="pb-payment-element"');
    expect(html).not.toContain('Test mode');
    expect(html).not.toContain('pb-card-form');
  });
});

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { http, HttpResponse } from 'msw';
import { ApiClient } from '../widgets/shared/api-client.ts';
import '../widgets/shared/pay-step.ts';
import { startedTip } from './fixtures/handlers.ts';

/** `getWidgetPayment` as the card step reads it: the test provider, or Stripe. */
const paymentAs = (view: Record<string, unknown>) =>
  http.get('*/api/public/payments/:paymentId', () =>
    HttpResponse.json({
      ...startedTip,
      provider: 'test',
      testMode: true,
      publishableKey: null,
      nextActionUrl: null,
      ...view,
    }),
  );

/**
 * The card step an inline widget shows in the host page itself (`<pb-pay-step>`), here on its own; in a
 * widget it renders into the widget's shadow tree and wears the widget's styles. The fixtures answer for
 * the API.
 */
const meta: Meta = {
  title: 'Widgets/Card step (inline)',
  component: 'pb-pay-step',
  parameters: { msw: [paymentAs({})] },
  render: (_args, { globals }) =>
    html`<pb-pay-step
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      .client=${new ApiClient({ baseUrl: `${location.origin}/api` })}
      .payment=${startedTip}
    ></pb-pay-step>`,
};
export default meta;

type Story = StoryObj;

/** The test provider's card field: 4242… pays, 4000 0000 0000 0002 is declined. */
export const TestCard: Story = {};
/** A test card that asks for authentication: the bank's question, answered in the widget. */
export const Authentication: Story = {
  parameters: { msw: [paymentAs({ status: 'requires_action' })] },
};
/** Stripe, on a page that cannot load Stripe.js (offline, or its CSP leaves out js.stripe.com). */
export const StripeUnreachable: Story = {
  parameters: {
    msw: [paymentAs({ provider: 'stripe', testMode: false, publishableKey: 'pk_test_story' })],
  },
};
export const Dark: Story = { globals: { theme: 'dark' } };
export const HighContrast: Story = { globals: { theme: 'high-contrast' } };

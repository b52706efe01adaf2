import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, type ApiClient } from './api-client.ts';
import './controls/pb-text-field.ts';
import { PatchbayElement, customElement } from './patchbay-element.ts';
import { payStepMessages, type PayStepMessageKey } from './pay-step.messages.ts';
import { loadStripe, type StripeElements, type StripeJs } from './stripe-js.ts';

/** A payment as `getWidgetPayment` answers it. */
interface WidgetPayment {
  status: string;
  amount: number;
  currency: string;
  testMode: boolean;
  publishableKey: string | null;
  lastError: string | null;
}

/** Sent (not bubbling) when the payment went through or was declined: ask the API, as after the pay window. */
export const PAY_STEP_DONE = 'pb-pay-step-done';
/** Sent (not bubbling) when the card form cannot load in this page and the fan chose the pay window. */
export const PAY_STEP_FALLBACK = 'pb-pay-step-fallback';

/**
 * The money step in the host page itself, for a widget mounted inline: a frame on someone else's page
 * never holds a card form (it opens the pay window instead), but an inline widget is that page's own
 * content, so the card form mounts right there, as DESIGN.md's money step says. With Stripe it is
 * Stripe's Payment Element (Stripe.js added to the page; a page whose CSP does not allow js.stripe.com
 * gets a button to the pay window instead); with the built-in test provider, its test card form. It
 * renders into the widget's own shadow tree, so it wears the widget's styles, and is loaded by the
 * widget the first time it shows, so a page that only shows the form never downloads it.
 *
 * @summary The inline card form: Stripe's Payment Element, or the test provider's card field.
 *
 * @csspart pay-step - The card form and its button.
 * @csspart pay - The pay button; it is also a `submit` part, so it wears the widget's primary style.
 */
@customElement('pb-pay-step')
export class PbPayStep extends PatchbayElement {
  static override catalogs = [payStepMessages];

  /** The widget's API client. */
  @property({ attribute: false }) client: ApiClient | undefined;
  /** The started payment: its id and client secret. */
  @property({ attribute: false }) payment: { id: string; clientSecret: string } | undefined;

  @state() private view: WidgetPayment | undefined;
  @state() private busy = false;
  @state() private error = '';
  @state() private unreachable = false;
  private stripe: { stripe: StripeJs; elements: StripeElements } | undefined;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private t(key: PayStepMessageKey, params?: Record<string, string | number>): string {
    return this.localize(payStepMessages, key, params);
  }

  private path(action = ''): string {
    return `/public/payments/${encodeURIComponent(this.payment!.id)}${action}`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The widget may hand over a fresh copy of the same payment (its status polls do): only another
    // payment loads the form again, so a card number being typed stays.
    const before = changed.get('payment') as PbPayStep['payment'];
    if (changed.has('payment') && this.payment && before?.id !== this.payment.id) void this.load();
  }

  private async load(): Promise<void> {
    this.view = undefined;
    this.stripe = undefined;
    this.unreachable = false;
    const view = await this.call(() =>
      this.client!.get<WidgetPayment>(this.path(), {
        query: { clientSecret: this.payment!.clientSecret },
        signal: this.signal,
      }),
    );
    if (!view) return;
    this.view = view;
    if (!view.testMode) await this.mountStripe(view.publishableKey);
    await this.updateComplete;
    this.querySelector<HTMLElement>(view.testMode ? 'pb-text-field' : '[part~=card-element]')?.focus();
  }

  private async mountStripe(publishableKey: string | null): Promise<void> {
    try {
      if (!publishableKey) throw new Error('no publishable key');
      const stripe = await loadStripe(publishableKey);
      await this.updateComplete;
      const elements = stripe.elements({ clientSecret: this.payment!.clientSecret });
      elements.create('payment').mount(this.querySelector<HTMLElement>('[part~=card-element]')!);
      this.stripe = { stripe, elements };
    } catch {
      this.unreachable = true;
    }
  }

  /** Runs one call to the API or to Stripe; what it refuses shows under the card. */
  private async call<T>(work: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.error = '';
    try {
      return await work();
    } catch (error) {
      this.error =
        error instanceof ApiError
          ? (error.fieldErrors['cardNumber'] ?? error.problem?.detail ?? error.message)
          : (error as Error).message;
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** After an attempt: the widget hears of a payment that went through or was declined. */
  private settle(view: WidgetPayment | undefined): void {
    if (!view) return;
    this.view = view;
    const done = view.status === 'succeeded' || view.status === 'requires_capture';
    if (done || view.lastError) this.dispatchEvent(new Event(PAY_STEP_DONE));
  }

  private async pay(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.payment || !this.client) return;
    const { clientSecret } = this.payment;
    if (this.stripe) {
      const { stripe, elements } = this.stripe;
      const confirmed = await this.call(async () => {
        // Methods that must leave the page (some banks' checks) come back to it.
        const { error } = await stripe.confirmPayment({
          elements,
          redirect: 'if_required',
          confirmParams: { return_url: location.href },
        });
        if (error) throw new Error(error.message ?? 'The payment did not go through. Try another card.');
        return true;
      });
      if (confirmed)
        this.settle(await this.call(() => this.client!.get(this.path(), { query: { clientSecret } })));
      return;
    }
    const cardNumber = String(new FormData(event.target as HTMLFormElement).get('card') ?? '');
    this.settle(
      await this.call(() =>
        this.client!.post<WidgetPayment>(this.path('/test-confirm'), { clientSecret, cardNumber }),
      ),
    );
  }

  private async authenticate(approve: boolean): Promise<void> {
    const clientSecret = this.payment!.clientSecret;
    this.settle(
      await this.call(() =>
        this.client!.post<WidgetPayment>(this.path('/test-authenticate'), { clientSecret, approve }),
      ),
    );
  }

  override render(): TemplateResult {
    const view = this.view;
    if (this.unreachable) {
      return html`<div part="pay-step">
        <p>${this.t('unreachable')}</p>
        <button type="button" @click=${() => this.dispatchEvent(new Event(PAY_STEP_FALLBACK))}>
          ${this.t('pay-in-window')}
        </button>
      </div>`;
    }
    if (!view) return html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
    if (view.testMode && view.status === 'requires_action') {
      return html`<div part="pay-step" role="group" aria-label=${this.t('card-form')}>
        <p>${this.t('authenticate')}</p>
        <button type="button" ?disabled=${this.busy} @click=${() => this.authenticate(true)}>
          ${this.t('approve')}
        </button>
        <button type="button" ?disabled=${this.busy} @click=${() => this.authenticate(false)}>
          ${this.t('deny')}
        </button>
      </div>`;
    }
    const amount = this.formatMoney(view.amount, view.currency);
    return html`<form part="pay-step" aria-label=${this.t('card-form')} novalidate @submit=${this.pay}>
      ${
        view.testMode
          ? html`<pb-text-field
              name="card"
              required
              label=${this.t('test-card')}
              hint=${this.t('test-hint')}
              autocomplete="cc-number"
              maxlength="23"
              .error=${this.error}
            ></pb-text-field>`
          : html`<div part="card-element" tabindex="-1"></div>
              ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`
      }
      <button part="submit pay" type="submit" ?disabled=${this.busy || (!view.testMode && !this.stripe)}>
        ${this.busy ? this.t('paying') : this.t('pay', { amount })}
      </button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-pay-step': PbPayStep;
  }
}

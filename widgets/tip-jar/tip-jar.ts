import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import '../shared/controls/pb-amount-picker.ts';
import '../shared/controls/pb-checkbox.ts';
import '../shared/controls/pb-text-area.ts';
import '../shared/controls/pb-text-field.ts';
import type { PbAmountPicker } from '../shared/controls/pb-amount-picker.ts';
import type { PayToWidget } from '../../embed-loader/protocol.ts';
import { ApiClient } from '../shared/api-client.ts';
import { PbPaidEvent, PbReadyEvent, PbSubmitEvent } from '../shared/events.ts';
import { currencyDigits } from '../shared/money.ts';
import { PatchbayWidget } from '../shared/patchbay-widget.ts';
import { tipJarMessages, type TipJarMessageKey } from './tip-jar.messages.ts';
import { tipJarStyles } from './tip-jar.styles.ts';
import type { PublicTipJarApp, StartedTip } from './tip-jar.types.ts';

/**
 * A tip jar: the fan picks one of the creator's amounts or their own, may add a name and a message,
 * and pays in a pay window on the widget origin (never inside a frame on the host page). Shows the
 * creator's goal and, if they opted in, recent supporters.
 *
 * @summary Tip jar: preset and custom amounts, goal, supporters, test-mode or Stripe payment.
 *
 * @attr app - The app id.
 * @attr api-base - Origin of the Patchbay API, e.g. `https://patchbay.example.com`.
 * @attr prefill-name - Fills the name field.
 * @attr prefill-message - Fills the message field.
 *
 * @event pb-ready - The configuration loaded and the tip jar can be used.
 * @event pb-submit - The fan sent the form; payment starts.
 * @event pb-paid - The tip was paid; `detail.requestId` is the payment id.
 * @event pb-error - Loading or starting the payment failed; `detail.message` is what the fan saw.
 *
 * @csspart form - The form.
 * @csspart goal - The goal: its title and progress.
 * @csspart supporters - The recent supporters list.
 * @csspart paying - The notice shown while the fan pays in the pay window.
 * @csspart submit - The send button.
 *
 * @cssproperty --pb-tip-jar-min-height - The height the tip jar first renders at (the embed snippet reserves it).
 * @cssproperty --pb-tip-jar-gap - Space between the form's fields.
 */
@customElement('pb-tip-jar')
export class PbTipJar extends PatchbayWidget {
  static override styles = [...PatchbayWidget.styles, ...tipJarStyles];
  static override catalogs = [...PatchbayWidget.catalogs, tipJarMessages];

  @property() app = '';
  @property({ attribute: 'api-base' }) apiBase = '';
  @property({ attribute: 'prefill-name' }) prefillName = '';
  @property({ attribute: 'prefill-message' }) prefillMessage = '';

  /** The tip jar as `getTipJar` returns it, when the page already has it (the widget frame does). */
  @property({ attribute: false }) publicApp: PublicTipJarApp | undefined;

  @state() private config: PublicTipJarApp | undefined;
  /** The payment under way in the pay window, and what went wrong with it, if anything. */
  @state() private tip: StartedTip | undefined;
  @state() private payError = '';
  @state() private busy = false;

  @query('pb-amount-picker') private amountPicker!: PbAmountPicker;

  private payWindow: Window | null = null;

  private get client(): ApiClient {
    return new ApiClient({ baseUrl: `${this.apiBase || location.origin}/api` });
  }

  /** The creator's word for a tip as it reads mid-sentence ("Send coffee", "Your $5 coffee"). */
  private get tipLabel(): string {
    return this.config?.config.label.toLowerCase() ?? '';
  }

  private t(key: TipJarMessageKey, params?: Record<string, string | number>): string {
    return this.localize(tipJarMessages, key, params);
  }

  private money(minor: number): string {
    return this.formatMoney(minor, this.config!.config.currency);
  }

  /** The same estimate the server charges: what keeps the creator's share whole after the rate. */
  private fee(amount: number): number {
    const rate = this.config?.feeRate;
    if (!rate) return 0;
    const fixed = currencyDigits(this.config!.config.currency) ? rate.fixed : 0;
    return Math.ceil((amount + fixed) / (1 - rate.bps / 10_000)) - amount;
  }

  // Started before the first render, so that render already shows the loading state (at the reserved
  // height) instead of an empty box followed by a second update.
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.hasUpdated) void this.loadConfig();
  }

  // Only the window this element opened, from the widget origin, is heard; and what it says is only a
  // cue to ask the API, which is the one source of truth about the payment.
  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(
      'message',
      (event) => {
        const tip = this.tip;
        if (
          tip &&
          this.payWindow &&
          event.source === this.payWindow &&
          event.origin === new URL(tip.payUrl).origin &&
          (event.data as { type?: keyof PayToWidget } | null)?.type === 'pay-result'
        )
          void this.checkPayment(tip);
      },
      { signal: this.signal },
    );
  }

  private fetchTipJar(signal?: AbortSignal): Promise<PublicTipJarApp> {
    return this.client.get<PublicTipJarApp>(`/public/apps/${encodeURIComponent(this.app)}/tip-jar`, {
      signal,
    });
  }

  private async loadConfig(): Promise<void> {
    const app =
      this.publicApp ??
      (await this.load((signal) => this.fetchTipJar(signal), { retry: () => this.loadConfig() }));
    if (!app) return;
    this.config = app;
    if (app.status !== 'active') this.setStatus('empty', this.t('closed'));
    await this.updateComplete;
    this.emit(new PbReadyEvent({ widget: this.widgetName }));
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (this.busy || !form.reportValidity() || !this.config) return;
    const data = new FormData(form);
    const amount = this.amountPicker.value ?? 0;
    this.busy = true;
    try {
      this.tip = await this.client.post<StartedTip>(`/public/apps/${encodeURIComponent(this.app)}/tips`, {
        amount,
        idempotencyKey: `tip-${crypto.randomUUID()}`,
        name: data.get('name') || undefined,
        message: data.get('message') || undefined,
        anonymous: data.has('anonymous'),
        private: data.has('private'),
        coverFee: data.has('cover-fee'),
      });
      this.payError = '';
      this.emit(new PbSubmitEvent({ widget: this.widgetName, requestId: null }));
      this.openPayWindow();
    } catch (error) {
      this.showError(error);
    } finally {
      this.busy = false;
    }
  }

  /**
   * The pay window is top-level on the widget origin. If the browser blocks it (the fan's click was
   * spent on starting the payment), the notice's button opens it from a fresh click.
   */
  private openPayWindow(): void {
    const tip = this.tip!;
    const fragment = new URLSearchParams({ secret: tip.clientSecret, origin: location.origin });
    this.payWindow = window.open(
      `${tip.payUrl}#${fragment}`,
      `pb-pay-${tip.id}`,
      'popup,width=480,height=640',
    );
  }

  private async checkPayment(tip: StartedTip): Promise<void> {
    const payment = await this.client.get<StartedTip>(`/public/payments/${tip.id}`, {
      query: { clientSecret: tip.clientSecret },
    });
    if (payment.status !== 'succeeded') {
      this.payError = this.t('declined', { reason: payment.lastError ?? '' });
      void this.announce(this.payError, 'assertive');
      return;
    }
    this.tip = undefined;
    this.showSuccess(this.config!.config.thankYouMessage);
    this.emit(
      new PbPaidEvent({
        widget: this.widgetName,
        requestId: payment.id,
        amount: payment.amount,
        currency: payment.currency,
      }),
    );
    await this.refreshProgress();
  }

  /** The goal and supporters change once the server has recorded the tip, a moment after payment. */
  private async refreshProgress(): Promise<void> {
    const before = JSON.stringify([this.config?.goal, this.config?.supporters]);
    for (let attempt = 0; attempt < 10; attempt++) {
      const next = await this.fetchTipJar(this.signal).catch(() => undefined);
      if (next && JSON.stringify([next.goal, next.supporters]) !== before) {
        this.config = next;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  protected override renderStatus(): TemplateResult | typeof nothing {
    const status = super.renderStatus();
    return this.status === 'success' ? html`${status}${this.renderGoal()}${this.renderSupporters()}` : status;
  }

  private renderGoal(): TemplateResult | typeof nothing {
    const goal = this.config?.goal;
    return goal
      ? html`<div part="goal">
          <label for="goal">${goal.title}</label>
          <progress id="goal" max=${goal.target} .value=${Math.min(goal.current, goal.target)}></progress>
          <span
            >${this.t('goal', { current: this.money(goal.current), target: this.money(goal.target) })}</span
          >
        </div>`
      : nothing;
  }

  private renderSupporters(): TemplateResult | typeof nothing {
    const supporters = this.config?.supporters;
    return supporters?.length
      ? html`<details part="supporters">
          <summary>${this.t('supporters')}</summary>
          <ul>
            ${supporters.map(
              (s) =>
                html`<li>
                  <b>${s.name}</b> ${this.money(s.amount)}${s.message ? html` — ${s.message}` : nothing}
                </li>`,
            )}
          </ul>
        </details>`
      : nothing;
  }

  protected override renderReady(): TemplateResult {
    if (!this.config) return html``;
    const { name, config } = this.config;
    const tip = this.tip;
    if (tip) {
      return html`<div part="paying" role="status">
        <p>${this.t('paying', { amount: this.money(tip.amount) })}</p>
        ${this.payError ? html`<p class="error">${this.payError}</p>` : nothing}
        <button type="button" @click=${this.openPayWindow}>${this.t('pay-again')}</button>
      </div>`;
    }
    const fee = this.fee(this.amountPicker?.value ?? config.presets[0] ?? 0);
    const send = this.t('send', { label: this.tipLabel });
    return html`<form part="form" novalidate @submit=${this.submit}>
      <header>
        <h2>${name}</h2>
        ${this.renderGoal()}
      </header>
      <pb-amount-picker
        name="amount"
        required
        label=${this.t('amount')}
        currency=${config.currency}
        .presets=${config.presets}
        .value=${config.presets[Math.min(1, config.presets.length - 1)] ?? null}
        min=${config.minAmount}
        max=${config.maxAmount}
        @change=${() => this.requestUpdate()}
      ></pb-amount-picker>
      <pb-text-field
        name="name"
        label=${this.t('name')}
        maxlength="60"
        autocomplete="nickname"
        .value=${this.prefillName}
      ></pb-text-field>
      <pb-text-area
        name="message"
        label=${this.t('message')}
        maxlength="300"
        rows="2"
        .value=${this.prefillMessage}
      ></pb-text-area>
      <div class="more">
        <details>
          <summary>${this.t('options')}</summary>
          <pb-checkbox name="anonymous" label=${this.t('anonymous')}></pb-checkbox>
          <pb-checkbox name="private" label=${this.t('private')}></pb-checkbox>
          ${
            fee
              ? html`<pb-checkbox
                  name="cover-fee"
                  label=${this.t('cover-fee', { fee: this.money(fee) })}
                ></pb-checkbox>`
              : nothing
          }
        </details>
        ${this.renderSupporters()}
      </div>
      <button part="submit" type="submit" ?disabled=${this.busy}>${send}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-tip-jar': PbTipJar;
  }
}

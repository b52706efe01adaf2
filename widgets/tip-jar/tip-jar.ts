import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { customElement } from '../shared/patchbay-element.ts';
import '../shared/controls/pb-amount-picker.ts';
import '../shared/controls/pb-checkbox.ts';
import '../shared/controls/pb-text-area.ts';
import '../shared/controls/pb-text-field.ts';
import type { PbAmountPicker } from '../shared/controls/pb-amount-picker.ts';
import { ApiClient, ApiError } from '../shared/api-client.ts';
import { fanSession, signInChoices, type FanSignInChoice } from '../shared/fan-session.ts';
import { PbPaidEvent, PbReadyEvent, PbSubmitEvent } from '../shared/events.ts';
import { currencyDigits } from '../shared/money.ts';
import { PatchbayWidget } from '../shared/patchbay-widget.ts';
import { tipJarMessages, type TipJarMessageKey } from './tip-jar.messages.ts';
import { tipJarStyles } from './tip-jar.styles.ts';
import type { PublicTipJarApp, StartedTip } from './tip-jar.types.ts';
import { relativeTimeFormat } from '../shared/intl.ts';

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
 * @csspart sign-in - The sign-in prompt, when the creator asks fans to sign in before tipping.
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
  /** The payment under way in the pay window (then paid), and what went wrong with it, if anything. */
  @state() private tip: StartedTip | undefined;
  @state() private payError = '';
  @state() private busy = false;
  /** The identity the jar asked for when a tip was refused for want of it (`twitch`, `oauth`, …). */
  @state() private signInNeeded: string | undefined;
  @state() private signedInAs = '';

  @query('pb-amount-picker') private amountPicker!: PbAmountPicker;

  /** Keeps the goal's countdown current during its last day. */
  private tick: ReturnType<typeof setTimeout> | undefined;

  private get client(): ApiClient {
    return new ApiClient({
      baseUrl: `${this.apiBase || location.origin}/api`,
      bearer: () => fanSession(this.app)?.token,
    });
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
    this.resumeTip();
  }

  /** Back from paying in this tab (the browser blocked the pay window): the tip's outcome, once. */
  private resumeTip(): void {
    try {
      const key = `pb-tip-jar:${this.app}`;
      const pending = sessionStorage.getItem(key);
      sessionStorage.removeItem(key);
      if (pending) void this.checkPayment((this.tip = JSON.parse(pending) as StartedTip));
    } catch {
      // No storage here: nothing can be pending.
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (this.busy || !form.reportValidity() || !this.config) return;
    // The button pressed says how often: only "send monthly" carries `frequency`.
    const data = new FormData(form, event.submitter);
    const amount = this.amountPicker.value ?? 0;
    // Fetched while the tip is created, so the pay window opens as soon as it can.
    void import('./tip-jar-pay.ts');
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
        frequency: data.get('frequency') || undefined,
      });
      this.payError = '';
      this.emit(new PbSubmitEvent({ widget: this.widgetName, requestId: null }));
      // Inline, the card form shows right here; a frame opens the pay window.
      if (!this.paysInPage) this.openPayWindow();
    } catch (error) {
      const required = error instanceof ApiError ? error.problem?.['requiredIdentity'] : undefined;
      if (typeof required === 'string') {
        this.signInNeeded = required;
        void this.announce(this.t('sign-in-needed'), 'assertive');
      } else this.showError(error);
    } finally {
      this.busy = false;
    }
  }

  /** The pay window, top-level on the widget origin; or, if the browser blocks it, this whole tab. */
  private openPayWindow(): void {
    const tip = this.tip!;
    void import('./tip-jar-pay.ts').then(({ payTip }) =>
      payTip(this, { app: this.app, tip, signal: this.signal, onResult: () => void this.checkPayment(tip) }),
    );
  }

  /** Signs the fan in through the popup; they then send the tip again with the same form. */
  private async signInWith(provider: FanSignInChoice): Promise<void> {
    try {
      // The popup's code is loaded only now: most fans are never asked to sign in.
      const { signIn } = await import('../shared/fan-sign-in.ts');
      const session = await signIn(provider, { appId: this.app });
      this.signInNeeded = undefined;
      this.signedInAs = session.displayName;
      void this.announce(this.t('signed-in-as', { name: session.displayName }));
    } catch {
      void this.announce(this.t('sign-in-failed'), 'assertive');
    }
  }

  private renderSignIn(): TemplateResult | typeof nothing {
    if (this.signedInAs && !this.signInNeeded) {
      return html`<p class="signed-in" role="status">
        ${this.t('signed-in-as', { name: this.signedInAs })}
      </p>`;
    }
    if (!this.signInNeeded) return nothing;
    const needed = this.signInNeeded;
    const providers = signInChoices(needed);
    const names = { twitch: 'Twitch', discord: 'Discord', google: 'Google' };
    return html`<div part="sign-in" class="sign-in" role="group" aria-label=${this.t('sign-in-needed')}>
      <p>${this.t('sign-in-needed')}</p>
      ${providers.map(
        (provider) =>
          html`<button type="button" @click=${() => this.signInWith(provider)}>
            ${
              provider === 'email'
                ? this.t('sign-in-email')
                : this.t('sign-in-with', { provider: names[provider] })
            }
          </button>`,
      )}
    </div>`;
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
    const progress = (app?: PublicTipJarApp) => JSON.stringify([app?.goal, app?.supporters]);
    const before = progress(this.config);
    const { waitForRecordedTip } = await import('./tip-jar-pay.ts');
    const next = await waitForRecordedTip(
      () => this.fetchTipJar(this.signal),
      (latest) => progress(latest) !== before,
    );
    if (next) this.config = next;
  }

  protected override renderStatus(): TemplateResult | typeof nothing {
    const status = super.renderStatus();
    // The monthly-support control comes with the pay step (`tip-jar-pay.ts`); it shows only for a monthly tip.
    return this.status === 'success'
      ? html`${status}<pb-tip-jar-monthly .tip=${this.tip}></pb-tip-jar-monthly
          >${this.renderGoal()}${this.renderSupporters()}`
      : status;
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
          ${goal.endsAt ? this.renderGoalEnd(goal.endsAt, goal.ended) : nothing}
        </div>`
      : nothing;
  }

  /**
   * When the goal ends, in the viewer's own time zone and language: the date and time, or within a
   * day, how long is left (kept current while the widget is open).
   */
  private renderGoalEnd(endsAt: string, ended: boolean): TemplateResult {
    const left = Date.parse(endsAt) - Date.now();
    const hours = left > 3_600_000;
    const when =
      left > 86_400_000
        ? this.formatDate(endsAt, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })
        : relativeTimeFormat(this.resolvedLocale, { numeric: 'auto' }).format(
            hours ? Math.round(left / 3_600_000) : Math.max(1, Math.ceil(left / 60_000)),
            hours ? 'hour' : 'minute',
          );
    clearTimeout(this.tick);
    if (!ended && left > 0 && left <= 86_400_000) {
      this.tick = setTimeout(() => this.requestUpdate(), Math.min(left, 60_000));
    }
    return html`<time datetime=${endsAt}
      >${ended || left <= 0 ? this.t('goal-ended') : this.t('goal-ends', { when })}</time
    >`;
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
      return this.renderPayment('paying', {
        notice: this.t('paying', { amount: this.money(tip.amount) }),
        error: this.payError,
        client: this.client,
        payment: tip,
        again: this.t('pay-again'),
        onDone: () => void this.checkPayment(tip),
        openWindow: () => this.openPayWindow(),
      });
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
      ${this.renderSignIn()}
      <div class="send">
        <button part="submit" type="submit" ?disabled=${this.busy}>${send}</button>
        ${
          config.offerMonthly
            ? html`<button
                part="submit-monthly"
                type="submit"
                name="frequency"
                value="monthly"
                ?disabled=${this.busy}
              >
                ${this.t('send-monthly')}
              </button>`
            : nothing
        }
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-tip-jar': PbTipJar;
  }
}

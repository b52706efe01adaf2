import { html, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import '../shared/controls/pb-amount-picker.ts';
import '../shared/controls/pb-text-area.ts';
import '../shared/controls/pb-text-field.ts';
import type { PbAmountPicker } from '../shared/controls/pb-amount-picker.ts';
import { ApiClient } from '../shared/api-client.ts';
import { PbReadyEvent, PbSubmitEvent } from '../shared/events.ts';
import { PatchbayWidget } from '../shared/patchbay-widget.ts';
import { tipJarMessages, type TipJarMessageKey } from './tip-jar.messages.ts';
import { tipJarStyles } from './tip-jar.styles.ts';
import type { PublicTipJarApp } from './tip-jar.types.ts';

/**
 * A tip jar: the fan picks one of the creator's amounts or their own, adds a name and a message, and
 * sends it. Reads the app's public configuration from the Patchbay API.
 *
 * @summary Tip jar: preset and custom amounts, name and message.
 *
 * @attr app - The app id.
 * @attr api-base - Origin of the Patchbay API, e.g. `https://patchbay.example.com`.
 * @attr prefill-name - Fills the name field.
 * @attr prefill-message - Fills the message field.
 *
 * @event pb-ready - The configuration loaded and the tip jar can be used.
 * @event pb-submit - The fan sent the form.
 * @event pb-error - Loading failed; `detail.message` is what the fan saw.
 *
 * @csspart form - The form.
 * @csspart submit - The send button.
 *
 * @cssproperty --pb-tip-jar-min-height - The height the tip jar first renders at (the embed snippet reserves it).
 * @cssproperty --pb-tip-jar-gap - Space between the form's fields.
 */
@customElement('pb-tip-jar')
export class PbTipJar extends PatchbayWidget {
  static override styles = [...PatchbayWidget.styles, tipJarStyles];
  static override catalogs = [...PatchbayWidget.catalogs, tipJarMessages];

  @property() app = '';
  @property({ attribute: 'api-base' }) apiBase = '';
  @property({ attribute: 'prefill-name' }) prefillName = '';
  @property({ attribute: 'prefill-message' }) prefillMessage = '';

  /** The app's public config when the page already has it (the widget frame does); skips the request. */
  @property({ attribute: false }) publicApp: PublicTipJarApp | undefined;

  @state() private config: PublicTipJarApp | undefined;

  @query('pb-amount-picker') private amountPicker!: PbAmountPicker;

  /** The creator's word for a tip as it reads mid-sentence ("Send coffee", "Your $5 coffee"). */
  private get tipLabel(): string {
    return this.config?.config.label.toLowerCase() ?? '';
  }

  private t(key: TipJarMessageKey, params?: Record<string, string | number>): string {
    return this.localize(tipJarMessages, key, params);
  }

  // Started before the first render, so that render already shows the loading state (at the reserved
  // height) instead of an empty box followed by a second update.
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.hasUpdated) void this.loadConfig();
  }

  private async loadConfig(): Promise<void> {
    const client = new ApiClient({ baseUrl: `${this.apiBase || location.origin}/api` });
    const app =
      this.publicApp ??
      (await this.load(
        (signal) => client.get<PublicTipJarApp>(`/public/apps/${encodeURIComponent(this.app)}`, { signal }),
        { retry: () => this.loadConfig() },
      ));
    if (!app) return;
    this.config = app;
    if (app.status !== 'active') this.setStatus('empty', this.t('closed'));
    await this.updateComplete;
    this.emit(new PbReadyEvent({ widget: this.widgetName }));
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity() || !this.config) return;
    const amount = this.formatMoney(this.amountPicker.value ?? 0, this.config.config.currency);
    this.emit(new PbSubmitEvent({ widget: this.widgetName, requestId: null }));
    this.showSuccess(this.t('sent.pending-payment', { amount, label: this.tipLabel }));
  }

  protected override renderReady(): TemplateResult {
    if (!this.config) return html``;
    const { name, config } = this.config;
    return html`<form part="form" novalidate @submit=${this.submit}>
      <h2>${name}</h2>
      <pb-amount-picker
        name="amount"
        required
        label=${this.t('amount')}
        currency=${config.currency}
        .presets=${config.presets}
        .value=${config.presets[Math.min(1, config.presets.length - 1)] ?? null}
        min=${config.minAmount}
        max=${config.maxAmount}
      ></pb-amount-picker>
      <pb-text-field
        name="name"
        label=${this.t('name')}
        hint=${this.t('name.hint')}
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
      <button part="submit" type="submit">${this.t('send', { label: this.tipLabel })}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-tip-jar': PbTipJar;
  }
}

import { css, html } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { fieldTokens } from '../../../design-tokens/generated/components/field.styles.ts';
import { optionTokens } from '../../../design-tokens/generated/components/option.styles.ts';
import { tokenStyles } from '../../../design-tokens/generated/tokens.styles.ts';
import { PbFormControl, type Invalid } from '../form-control.ts';
import { currencyDigits, currencySymbol, moneyInputProblem, parseMoney } from '../money.ts';
import { baseStyles, customElement } from '../patchbay-element.ts';
import { fieldStyles, optionStyles } from './field.styles.ts';

/**
 * An amount of money: a few preset amounts as cards plus an "other amount" input. Amounts are
 * integers in minor units of `currency` (1250 is €12.50, and ¥1250 in yen); what the fan types is
 * parsed in their locale ("12,50" in Spanish).
 *
 * @summary Currency-aware amount picker with presets and a custom amount, form-associated.
 *
 * @event change - The chosen amount changed; read `value` (minor units, or null).
 *
 * @csspart legend - The group label.
 * @csspart hint - The help text.
 * @csspart option - Each preset amount.
 * @csspart custom - The "other amount" input.
 * @csspart error - The error message.
 *
 * @cssproperty --pb-option-bg - Preset background.
 * @cssproperty --pb-option-bg-selected - Background of the chosen preset.
 * @cssproperty --pb-option-border - Preset border colour.
 * @cssproperty --pb-option-border-selected - Border of the chosen preset.
 * @cssproperty --pb-field-bg - Custom amount background.
 * @cssproperty --pb-field-border - Custom amount border colour.
 */
@customElement('pb-amount-picker')
export class PbAmountPicker extends PbFormControl {
  static override styles = [
    tokenStyles,
    fieldTokens,
    optionTokens,
    baseStyles,
    fieldStyles,
    optionStyles,
    css`
      .options {
        --pb-options-min-width: 5.5rem;
      }
      .option {
        align-items: center;
        font-weight: var(--pb-font-weight-label);
        font-variant-numeric: tabular-nums;
      }
      .custom {
        display: flex;
        flex-direction: column;
        gap: var(--pb-space-xs);
        margin-block-start: var(--pb-space-md);
      }
      .custom label {
        font-weight: var(--pb-font-weight-body);
      }
      .affix {
        display: flex;
        align-items: center;
        gap: var(--pb-space-sm);
      }
    `,
  ];

  /** ISO 4217 code. */
  @property() currency = 'USD';

  /** Preset amounts in minor units. */
  @property({ type: Array }) presets: number[] = [];

  /** Chosen amount in minor units, or null. */
  @property({ type: Number }) value: number | null = null;

  /** Smallest amount accepted, in minor units. */
  @property({ type: Number }) min = 100;

  /** Largest amount accepted, in minor units. */
  @property({ type: Number }) max = 100_000_00;

  /** Offer an "other amount" input next to the presets. */
  @property({ type: Boolean, attribute: 'allow-custom' }) allowCustom = true;

  /** What the fan typed, kept as typed so that "12," is not rewritten mid-keystroke. */
  @state() private customText = '';

  @query('input') private firstInput!: HTMLInputElement | null;

  #initial: number | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#initial = this.value;
  }

  protected get anchor(): HTMLElement | null {
    return this.firstInput;
  }

  get #isCustom(): boolean {
    return this.customText.trim() !== '';
  }

  protected validate(): Invalid | undefined {
    if (this.#isCustom && this.value === null) {
      const example = this.formatMoney(1250, this.currency);
      const problem = moneyInputProblem(this.customText, this.currency, this.resolvedLocale);
      if (problem === 'negative') {
        return { flags: { rangeUnderflow: true }, message: this.t('amount.negative') };
      }
      if (problem === 'decimals') {
        const count = currencyDigits(this.currency);
        return {
          flags: { stepMismatch: true },
          message: count
            ? this.t('amount.decimals', { count, currency: this.currency, example })
            : this.t('amount.whole', { currency: this.currency, example }),
        };
      }
      return { flags: { badInput: true }, message: this.t('amount.invalid', { example }) };
    }
    if (this.value === null) {
      return this.required
        ? { flags: { valueMissing: true }, message: this.t('required.choice') }
        : undefined;
    }
    if (this.value < this.min || this.value > this.max) {
      const range = {
        min: this.formatMoney(this.min, this.currency),
        max: this.formatMoney(this.max, this.currency),
      };
      return {
        flags: this.value < this.min ? { rangeUnderflow: true } : { rangeOverflow: true },
        message: this.t('amount.range', range),
      };
    }
    return undefined;
  }

  protected formValue(): string | null {
    return this.value === null ? null : String(this.value);
  }

  protected resetValue(): void {
    this.value = this.#initial;
    this.customText = '';
  }

  #pickPreset(amount: number): void {
    this.value = amount;
    this.customText = '';
    this.touched = true;
    this.commit();
  }

  #onCustomInput(event: Event): void {
    this.customText = (event.target as HTMLInputElement).value;
    this.value = this.#isCustom
      ? (parseMoney(this.customText, this.currency, this.resolvedLocale) ?? null)
      : null;
    this.error = '';
  }

  override render() {
    const error = this.shownError;
    const presetChosen = !this.#isCustom && this.value !== null && this.presets.includes(this.value);
    return html`<fieldset
      class="field"
      aria-describedby=${ifDefined(this.describedBy || undefined)}
      ?disabled=${this.isDisabled}
    >
      <legend part="legend">${this.renderLabelText()}</legend>
      ${this.renderHint()}
      ${
        this.presets.length
          ? html`<div class="options" role="presentation">
              ${this.presets.map(
                (amount) =>
                  html`<label part="option" class="option">
                    <input
                      type="radio"
                      name="preset"
                      .checked=${presetChosen && this.value === amount}
                      @change=${() => this.#pickPreset(amount)}
                    />
                    ${this.formatMoney(amount, this.currency)}
                  </label>`,
              )}
            </div>`
          : ''
      }
      ${
        this.allowCustom
          ? html`<div class="custom">
              <label for="custom">
                ${this.presets.length ? this.t('amount.other') : this.t('amount.custom-label', { currency: this.currency })}
              </label>
              <div class="affix">
                <span aria-hidden="true">${currencySymbol(this.currency, this.resolvedLocale)}</span>
                <input
                  part="custom"
                  id="custom"
                  class="input"
                  inputmode="decimal"
                  autocomplete="off"
                  aria-invalid=${error && (this.#isCustom || !this.presets.length) ? 'true' : 'false'}
                  aria-describedby=${ifDefined(this.shownError ? 'error' : undefined)}
                  .value=${live(this.customText)}
                  @input=${this.#onCustomInput}
                  @change=${() => this.commit()}
                  @blur=${() => (this.touched = true)}
                />
              </div>
            </div>`
          : ''
      }
      ${this.renderError()}
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-amount-picker': PbAmountPicker;
  }
}

import { html } from 'lit';
import { property, query } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { fieldTokens } from '../../../design-tokens/generated/components/field.styles.ts';
import { tokenStyles } from '../../../design-tokens/generated/tokens.styles.ts';
import { PbFormControl, type Invalid } from '../form-control.ts';
import { baseStyles, customElement } from '../patchbay-element.ts';
import { fieldStyles } from './field.styles.ts';

export const TEXT_FIELD_TYPES = ['text', 'email', 'tel', 'url'] as const;
export type TextFieldType = (typeof TEXT_FIELD_TYPES)[number];

/**
 * A single line of text: a name, an email address, a link.
 *
 * @summary Labelled single-line text input, form-associated, with hint and inline error.
 *
 * @event input - The value changed as the fan typed.
 * @event change - The fan committed a new value.
 *
 * @csspart label - The label.
 * @csspart hint - The help text.
 * @csspart input - The native input.
 * @csspart error - The error message.
 *
 * @cssproperty --pb-field-bg - Input background.
 * @cssproperty --pb-field-text - Input text colour.
 * @cssproperty --pb-field-border - Input border colour.
 * @cssproperty --pb-field-border-invalid - Border and message colour when invalid.
 * @cssproperty --pb-field-radius - Input corner radius.
 * @cssproperty --pb-field-height - Minimum input height.
 * @cssproperty --pb-field-label - Label colour.
 * @cssproperty --pb-field-hint - Hint colour.
 */
@customElement('pb-text-field')
export class PbTextField extends PbFormControl {
  static override styles = [tokenStyles, fieldTokens, baseStyles, fieldStyles];

  @property() value = '';

  @property({ reflect: true }) type: TextFieldType = 'text';

  /** The browser's autofill hint, e.g. `name` or `email`. */
  @property() autocomplete: string | undefined;

  @property({ type: Number }) minlength: number | undefined;

  @property({ type: Number }) maxlength: number | undefined;

  @property() placeholder: string | undefined;

  @query('input') private input!: HTMLInputElement | null;

  #initial = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.#initial = this.value;
  }

  protected get anchor(): HTMLElement | null {
    return this.input;
  }

  protected validate(): Invalid | undefined {
    const value = this.value.trim();
    if (this.required && !value) return { flags: { valueMissing: true }, message: this.t('required') };
    if (!value) return undefined;
    if (this.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
      return { flags: { typeMismatch: true }, message: this.t('invalid.email') };
    }
    if (this.type === 'url' && !/^https?:\/\/\S+\.\S+/.test(value)) {
      return { flags: { typeMismatch: true }, message: this.t('invalid.url') };
    }
    if (this.minlength !== undefined && value.length < this.minlength) {
      return { flags: { tooShort: true }, message: this.t('too-short', { count: this.minlength }) };
    }
    return undefined;
  }

  protected formValue(): string {
    return this.value;
  }

  protected resetValue(): void {
    this.value = this.#initial;
  }

  #onInput(event: Event): void {
    this.value = (event.target as HTMLInputElement).value;
    this.error = '';
  }

  override render() {
    const error = this.shownError;
    return html`<div class="field">
      <label part="label" for="input">${this.renderLabelText()}</label>
      ${this.renderHint()}
      <input
        part="input"
        id="input"
        class="input"
        type=${this.type}
        .value=${live(this.value)}
        ?disabled=${this.isDisabled}
        aria-required=${this.required ? 'true' : 'false'}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.describedBy || undefined)}
        autocomplete=${ifDefined(this.autocomplete)}
        maxlength=${ifDefined(this.maxlength)}
        placeholder=${ifDefined(this.placeholder)}
        @input=${this.#onInput}
        @change=${() => this.commit()}
        @blur=${() => (this.touched = true)}
      />
      ${this.renderError()}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-text-field': PbTextField;
  }
}

import { css, html } from 'lit';
import { property, query } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fieldTokens } from '../../../design-tokens/generated/components/field.styles.ts';
import { tokenStyles } from '../../../design-tokens/generated/tokens.styles.ts';
import { PbChoiceControl } from './choice-control.ts';
import { baseStyles, customElement } from '../patchbay-element.ts';
import { fieldStyles } from './field.styles.ts';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

/**
 * A choice from a list too long for radio cards. It wraps the native select, so the platform's
 * keyboard and screen-reader support comes for free.
 *
 * @summary Labelled native select, form-associated, options given as a property.
 *
 * @event change - The fan picked another option.
 *
 * @csspart label - The label.
 * @csspart hint - The help text.
 * @csspart select - The native select.
 * @csspart error - The error message.
 *
 * @cssproperty --pb-field-bg - Select background.
 * @cssproperty --pb-field-text - Select text colour.
 * @cssproperty --pb-field-border - Select border colour.
 * @cssproperty --pb-field-border-invalid - Border and message colour when invalid.
 * @cssproperty --pb-field-radius - Select corner radius.
 * @cssproperty --pb-field-height - Minimum select height.
 */
@customElement('pb-select')
export class PbSelect extends PbChoiceControl {
  static override styles = [
    tokenStyles,
    fieldTokens,
    baseStyles,
    fieldStyles,
    css`
      select {
        appearance: auto;
      }
    `,
  ];

  @property({ type: Array }) options: SelectOption[] = [];

  /** Text of the empty first option; defaults to "Choose…" in the fan's language. */
  @property() placeholder: string | undefined;

  @query('select') private select!: HTMLSelectElement | null;

  protected get anchor(): HTMLElement | null {
    return this.select;
  }

  override render() {
    const error = this.shownError;
    return html`<div class="field">
      <label part="label" for="input">${this.renderLabelText()}</label>
      ${this.renderHint()}
      <select
        part="select"
        id="input"
        class="input"
        ?disabled=${this.isDisabled}
        aria-required=${this.required ? 'true' : 'false'}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.describedBy || undefined)}
        @change=${this.onChoose}
        @blur=${() => (this.touched = true)}
      >
        <option value="" ?selected=${!this.value}>${this.placeholder ?? this.t('select.placeholder')}</option>
        ${this.options.map(
          (o) =>
            html`<option
              value=${o.value}
              ?disabled=${o.disabled ?? false}
              ?selected=${o.value === this.value}
            >
              ${o.label}
            </option>`,
        )}
      </select>
      ${this.renderError()}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-select': PbSelect;
  }
}

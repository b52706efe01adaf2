import { css, html } from 'lit';
import { property, query } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { checkTokens } from '../../../design-tokens/generated/components/check.styles.ts';
import { fieldTokens } from '../../../design-tokens/generated/components/field.styles.ts';
import { tokenStyles } from '../../../design-tokens/generated/tokens.styles.ts';
import { PbFormControl, type Invalid } from '../form-control.ts';
import { baseStyles, customElement } from '../patchbay-element.ts';
import { fieldStyles } from './field.styles.ts';

/**
 * A checkbox; with `required`, a consent box ("I agree to the terms"). The label may contain links,
 * given as slotted content.
 *
 * @summary Checkbox and consent box, form-associated.
 *
 * @slot - The label, when it needs markup such as a link to the terms. Overrides `label`.
 *
 * @event change - The fan ticked or unticked the box.
 *
 * @csspart control - The native checkbox.
 * @csspart label - The label.
 * @csspart hint - The help text.
 * @csspart error - The error message.
 *
 * @cssproperty --pb-check-bg - Box background.
 * @cssproperty --pb-check-border - Box border colour.
 * @cssproperty --pb-check-bg-checked - Box background when ticked.
 * @cssproperty --pb-check-mark - Tick colour.
 */
@customElement('pb-checkbox')
export class PbCheckbox extends PbFormControl {
  static override styles = [
    tokenStyles,
    fieldTokens,
    checkTokens,
    baseStyles,
    fieldStyles,
    css`
      .row {
        display: flex;
        align-items: flex-start;
        gap: var(--pb-space-sm);
      }
      input {
        appearance: none;
        flex: none;
        display: grid;
        place-content: center;
        inline-size: var(--pb-size-check);
        block-size: var(--pb-size-check);
        margin: 2px 0 0;
        border: var(--pb-size-border-width-strong) solid var(--_check-border);
        border-radius: calc(var(--pb-radius-control) / 2);
        background: var(--_check-bg);
        cursor: pointer;
      }
      input::before {
        content: '';
        inline-size: 60%;
        block-size: 60%;
        clip-path: polygon(14% 44%, 0 65%, 50% 100%, 100% 16%, 80% 0%, 43% 62%);
        background: var(--_check-mark);
        transform: scale(0);
        transition: transform var(--pb-motion-fast) var(--pb-ease-standard);
      }
      input:checked {
        background: var(--_check-bg-checked);
        border-color: var(--_check-bg-checked);
      }
      input:checked::before {
        transform: scale(1);
      }
      input[aria-invalid='true'] {
        border-color: var(--_field-border-invalid);
      }
      input:disabled {
        background: var(--pb-color-disabled);
        cursor: not-allowed;
      }
      label {
        font-weight: var(--pb-font-weight-body);
        cursor: pointer;
      }
      .hint,
      .error {
        padding-inline-start: calc(var(--pb-size-check) + var(--pb-space-sm));
      }
    `,
  ];

  @property({ type: Boolean, reflect: true }) checked = false;

  /** Submitted with the form when ticked. */
  @property() value = 'on';

  @query('input') private input!: HTMLInputElement | null;

  #initial = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#initial = this.checked;
  }

  protected get anchor(): HTMLElement | null {
    return this.input;
  }

  protected validate(): Invalid | undefined {
    if (this.required && !this.checked)
      return { flags: { valueMissing: true }, message: this.t('required.consent') };
    return undefined;
  }

  protected formValue(): string | null {
    return this.checked ? this.value : null;
  }

  protected resetValue(): void {
    this.checked = this.#initial;
  }

  #onChange(event: Event): void {
    this.checked = (event.target as HTMLInputElement).checked;
    this.touched = true;
    this.commit();
  }

  override render() {
    const error = this.shownError;
    return html`<div class="field">
      <div class="row">
        <input
          part="control"
          id="input"
          type="checkbox"
          .checked=${this.checked}
          ?disabled=${this.isDisabled}
          aria-required=${this.required ? 'true' : 'false'}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${ifDefined(this.describedBy || undefined)}
          @change=${this.#onChange}
        />
        <label part="label" for="input"><slot>${this.label}</slot></label>
      </div>
      ${this.renderHint()} ${this.renderError()}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-checkbox': PbCheckbox;
  }
}

import { css, html } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { fieldTokens } from '../../../design-tokens/generated/components/field.styles.ts';
import { tokenStyles } from '../../../design-tokens/generated/tokens.styles.ts';
import { PbFormControl, type Invalid } from '../form-control.ts';
import { baseStyles, customElement } from '../patchbay-element.ts';
import { fieldStyles } from './field.styles.ts';

/** How long typing must pause before the remaining count is read out. */
const COUNTER_ANNOUNCE_DELAY_MS = 1000;

/**
 * Long text, such as the message of a request, with a character counter. Going over the limit is
 * allowed while typing (so pasted text is not silently cut) and reported as an error.
 *
 * @summary Labelled multi-line text input with a character counter, form-associated.
 *
 * @event input - The value changed as the fan typed.
 * @event change - The fan committed a new value.
 *
 * @csspart label - The label.
 * @csspart hint - The help text.
 * @csspart textarea - The native textarea.
 * @csspart counter - The characters-left counter.
 * @csspart error - The error message.
 *
 * @cssproperty --pb-field-bg - Textarea background.
 * @cssproperty --pb-field-text - Textarea text colour.
 * @cssproperty --pb-field-border - Textarea border colour.
 * @cssproperty --pb-field-border-invalid - Border and message colour when invalid.
 * @cssproperty --pb-field-radius - Textarea corner radius.
 * @cssproperty --pb-field-label - Label colour.
 * @cssproperty --pb-field-hint - Hint and counter colour.
 */
@customElement('pb-text-area')
export class PbTextArea extends PbFormControl {
  static override styles = [
    tokenStyles,
    fieldTokens,
    baseStyles,
    fieldStyles,
    css`
      textarea {
        resize: vertical;
      }
      .counter {
        color: var(--_field-hint);
        font-size: var(--pb-font-size-sm);
        font-variant-numeric: tabular-nums;
      }
      .counter.over {
        color: var(--_field-border-invalid);
        font-weight: var(--pb-font-weight-label);
      }
    `,
  ];

  @property() value = '';

  /** Most characters allowed; the counter shows only when set. */
  @property({ type: Number }) maxlength: number | undefined;

  @property({ type: Number }) minlength: number | undefined;

  @property({ type: Number }) rows = 4;

  @property() placeholder: string | undefined;

  @state() private counterAnnouncement = '';

  @query('textarea') private textarea!: HTMLTextAreaElement | null;

  #initial = '';
  #timer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#initial = this.value;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  protected get anchor(): HTMLElement | null {
    return this.textarea;
  }

  /** Characters as a fan counts them: an emoji is one, not two UTF-16 units. */
  get length(): number {
    return [...this.value].length;
  }

  protected validate(): Invalid | undefined {
    const length = [...this.value.trim()].length;
    if (this.required && length === 0) return { flags: { valueMissing: true }, message: this.t('required') };
    if (this.maxlength !== undefined && this.length > this.maxlength) {
      return {
        flags: { tooLong: true },
        message: this.t('counter.over', { count: this.length - this.maxlength }),
      };
    }
    if (length > 0 && this.minlength !== undefined && length < this.minlength) {
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

  #counterText(): string {
    if (this.maxlength === undefined) return '';
    const left = this.maxlength - this.length;
    return left >= 0 ? this.t('counter.left', { count: left }) : this.t('counter.over', { count: -left });
  }

  #onInput(event: Event): void {
    this.value = (event.target as HTMLTextAreaElement).value;
    this.error = '';
    if (this.maxlength === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.counterAnnouncement = this.#counterText();
    }, COUNTER_ANNOUNCE_DELAY_MS);
  }

  override render() {
    const error = this.shownError;
    const over = this.maxlength !== undefined && this.length > this.maxlength;
    const describedBy = [this.describedBy, this.maxlength === undefined ? '' : 'counter']
      .filter(Boolean)
      .join(' ');
    return html`<div class="field">
      <label part="label" for="input">${this.renderLabelText()}</label>
      ${this.renderHint()}
      <textarea
        part="textarea"
        id="input"
        class="input"
        rows=${this.rows}
        .value=${live(this.value)}
        ?disabled=${this.isDisabled}
        aria-required=${this.required ? 'true' : 'false'}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy || undefined)}
        placeholder=${ifDefined(this.placeholder)}
        @input=${this.#onInput}
        @change=${() => this.commit()}
        @blur=${() => (this.touched = true)}
      ></textarea>
      ${
        this.maxlength === undefined
          ? ''
          : html`<div part="counter" id="counter" class="counter ${over ? 'over' : ''}">
                ${this.#counterText()}
              </div>
              <div class="pb-sr-only" aria-live="polite">${this.counterAnnouncement}</div>`
      }
      ${over ? '' : this.renderError()}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-text-area': PbTextArea;
  }
}

import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { controlMessages, type ControlMessageKey } from './controls/controls.messages.ts';
import type { MessageParams } from './messages.ts';
import { PatchbayElement } from './patchbay-element.ts';

export interface Invalid {
  flags: ValidityStateFlags;
  message: string;
}

/**
 * The base of the form controls: form association (value, validity, reset, disabled fieldsets),
 * a label, a hint and an inline error. Errors show once the fan has left the control or tried to
 * submit, not while they are still typing their first character.
 */
export abstract class PbFormControl extends PatchbayElement {
  static formAssociated = true;

  static override catalogs = [...PatchbayElement.catalogs, controlMessages];

  static override shadowRootOptions: ShadowRootInit = {
    ...LitElement.shadowRootOptions,
    delegatesFocus: true,
  };

  /** Name under which the value is submitted with the form. */
  @property({ reflect: true }) name = '';

  /** Visible label. Every control needs one. */
  @property() label = '';

  /** Help shown under the label and read with the control. */
  @property() hint = '';

  @property({ type: Boolean, reflect: true }) required = false;

  @property({ type: Boolean, reflect: true }) disabled = false;

  /** An error from outside, such as the server's message for this field; cleared when the fan edits. */
  @property() error = '';

  /** Whether the fan has interacted enough for validation errors to show. */
  @state() protected touched = false;

  @state() private formDisabled = false;

  constructor() {
    super();
    this.addEventListener('invalid', () => {
      this.touched = true;
    });
  }

  /** The element the browser points at when it reports this control invalid. */
  protected abstract get anchor(): HTMLElement | null;

  /** Why the current value is invalid, or `undefined`. */
  protected abstract validate(): Invalid | undefined;

  protected abstract formValue(): string | File | FormData | null;

  protected abstract resetValue(): void;

  /** A control string in this element's locale. */
  protected t(key: ControlMessageKey, params?: MessageParams): string {
    return this.localize(controlMessages, key, params);
  }

  protected get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  reportValidity(): boolean {
    this.touched = true;
    return this.internals.reportValidity();
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  formResetCallback(): void {
    this.resetValue();
    this.touched = false;
    this.error = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.internals.setFormValue(this.formValue());
    const invalid = this.error ? { flags: { customError: true }, message: this.error } : this.validate();
    if (invalid) this.internals.setValidity(invalid.flags, invalid.message, this.anchor ?? undefined);
    else this.internals.setValidity({});
  }

  /** The error to show now: an outside error at once, a validation error once touched. */
  protected get shownError(): string {
    return this.error || (this.touched ? (this.validate()?.message ?? '') : '');
  }

  /** Call when the fan changed the value: clears an outside error and tells listeners. */
  protected commit(): void {
    this.error = '';
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  protected renderLabelText(): TemplateResult {
    return html`${this.label}${
      this.required ? nothing : html` <span class="optional">(${this.t('optional')})</span>`
    }`;
  }

  protected renderHint(): TemplateResult | typeof nothing {
    return this.hint ? html`<div part="hint" id="hint" class="hint">${this.hint}</div>` : nothing;
  }

  protected renderError(): TemplateResult {
    return html`<div part="error" id="error" class="error" aria-live="polite">${this.shownError}</div>`;
  }

  /** Ids for `aria-describedby`: the hint, then the error. */
  protected get describedBy(): string {
    return [this.hint ? 'hint' : '', this.shownError ? 'error' : ''].filter(Boolean).join(' ');
  }
}

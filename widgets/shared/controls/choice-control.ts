import { property } from 'lit/decorators.js';
import { PbFormControl, type Invalid } from '../form-control.ts';

/**
 * What the single-choice controls (select, radio cards) share: a string value, required means "choose
 * one", nothing is submitted when nothing is chosen, and a form reset returns to the first value.
 */
export abstract class PbChoiceControl extends PbFormControl {
  /** The chosen option's value; empty when nothing is chosen. */
  @property() value = '';

  #initial = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.#initial = this.value;
  }

  protected validate(): Invalid | undefined {
    if (this.required && !this.value)
      return { flags: { valueMissing: true }, message: this.t('required.choice') };
    return undefined;
  }

  protected formValue(): string | null {
    return this.value || null;
  }

  protected resetValue(): void {
    this.value = this.#initial;
  }

  /** The fan picked an option: take its value and tell the form. */
  protected onChoose = (event: Event): void => {
    this.value = (event.target as HTMLInputElement | HTMLSelectElement).value;
    this.touched = true;
    this.commit();
  };
}

import { css, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fieldTokens } from '../../../design-tokens/generated/components/field.styles.ts';
import { optionTokens } from '../../../design-tokens/generated/components/option.styles.ts';
import { tokenStyles } from '../../../design-tokens/generated/tokens.styles.ts';
import { PbFormControl, type Invalid } from '../form-control.ts';
import { baseStyles } from '../patchbay-element.ts';
import { fieldStyles, optionStyles } from './field.styles.ts';

export interface BookingSlot {
  /** ISO 8601 start, with offset or Z. */
  start: string;
  /** ISO 8601 end; shown when present. */
  end?: string;
  /** False for a slot that is shown but taken. */
  available?: boolean;
}

/**
 * A date, then a time on it, from the slots the server offers. Dates and times are grouped and shown
 * in `time-zone` (the creator's zone for in-person sessions, the fan's by default) and the fan's locale.
 * Two native radio groups: arrow keys move within a group, Tab moves between them.
 *
 * @summary Date and time-slot picker, form-associated; the value is the chosen slot's ISO start.
 *
 * @event change - The fan chose a slot.
 *
 * @csspart legend - The group label.
 * @csspart hint - The help text.
 * @csspart date - Each date.
 * @csspart time - Each time.
 * @csspart zone - The note naming the time zone.
 * @csspart error - The error message.
 *
 * @cssproperty --pb-option-bg - Date and time background.
 * @cssproperty --pb-option-bg-selected - Background of the chosen date and time.
 * @cssproperty --pb-option-border - Date and time border colour.
 * @cssproperty --pb-option-border-selected - Border of the chosen date and time.
 */
@customElement('pb-slot-picker')
export class PbSlotPicker extends PbFormControl {
  static override styles = [
    tokenStyles,
    fieldTokens,
    optionTokens,
    baseStyles,
    fieldStyles,
    optionStyles,
    css`
      .group + .group {
        margin-block-start: var(--pb-space-md);
      }
      .group-label {
        font-size: var(--pb-font-size-sm);
        font-weight: var(--pb-font-weight-label);
        margin-block-end: var(--pb-space-xs);
      }
      .dates {
        --pb-options-min-width: 6rem;
      }
      .times {
        --pb-options-min-width: 5.5rem;
      }
      .option {
        align-items: center;
        text-align: center;
        font-variant-numeric: tabular-nums;
      }
      .option.taken {
        text-decoration: line-through;
      }
      .note {
        color: var(--_field-hint);
        font-size: var(--pb-font-size-sm);
      }
    `,
  ];

  @property({ type: Array }) slots: BookingSlot[] = [];

  /** ISO start of the chosen slot. */
  @property() value = '';

  /** IANA time zone the slots are shown in; the browser's by default. */
  @property({ attribute: 'time-zone' }) timeZone: string | undefined;

  @state() private selectedDate = '';

  @query('input') private firstInput!: HTMLInputElement | null;

  #initial = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.#initial = this.value;
  }

  protected get anchor(): HTMLElement | null {
    return this.firstInput;
  }

  get #zone(): string {
    return this.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  /** `YYYY-MM-DD` of an instant in the display zone. */
  #dateKey(iso: string): string {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: this.#zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(iso));
  }

  get #byDate(): Map<string, BookingSlot[]> {
    const groups = new Map<string, BookingSlot[]>();
    const sorted = [...this.slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    for (const slot of sorted) {
      const key = this.#dateKey(slot.start);
      groups.set(key, [...(groups.get(key) ?? []), slot]);
    }
    return groups;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('value') && this.value) this.selectedDate = this.#dateKey(this.value);
    if (!this.selectedDate || changed.has('slots')) {
      const dates = [...this.#byDate].filter(([, slots]) => slots.some((s) => s.available !== false));
      if (!dates.some(([key]) => key === this.selectedDate)) this.selectedDate = dates[0]?.[0] ?? '';
    }
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
    this.selectedDate = '';
  }

  #pickDate(key: string): void {
    this.selectedDate = key;
    if (this.value && this.#dateKey(this.value) !== key) {
      this.value = '';
      this.commit();
    }
  }

  #pickTime(slot: BookingSlot): void {
    this.value = slot.start;
    this.touched = true;
    this.commit();
  }

  #formatTime(slot: BookingSlot): string {
    const format = new Intl.DateTimeFormat(this.resolvedLocale, { timeZone: this.#zone, timeStyle: 'short' });
    return slot.end
      ? format.formatRange(new Date(slot.start), new Date(slot.end))
      : format.format(new Date(slot.start));
  }

  override render() {
    const groups = this.#byDate;
    const dates = [...groups].filter(([, slots]) => slots.some((s) => s.available !== false));
    const times = groups.get(this.selectedDate) ?? [];
    const dateFormat = new Intl.DateTimeFormat(this.resolvedLocale, {
      timeZone: this.#zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
    });
    return html`<fieldset
      class="field"
      aria-describedby=${ifDefined(this.describedBy || undefined)}
      ?disabled=${this.isDisabled}
    >
      <legend part="legend">${this.renderLabelText()}</legend>
      ${this.renderHint()}
      ${
        dates.length === 0
          ? html`<p class="note">${this.t('slot.none')}</p>`
          : html`<div class="group" role="radiogroup" aria-labelledby="dates-label">
                <div class="group-label" id="dates-label">${this.t('slot.date')}</div>
                <div class="options dates">
                  ${dates.map(
                    ([key, slots]) =>
                      html`<label part="date" class="option">
                        <input
                          type="radio"
                          name="date"
                          .checked=${key === this.selectedDate}
                          @change=${() => this.#pickDate(key)}
                        />
                        ${dateFormat.format(new Date(slots[0]?.start ?? key))}
                      </label>`,
                  )}
                </div>
              </div>
              <div class="group" role="radiogroup" aria-labelledby="times-label">
                <div class="group-label" id="times-label">${this.t('slot.time')}</div>
                <div class="options times">
                  ${times.map(
                    (slot) =>
                      html`<label part="time" class="option ${slot.available === false ? 'taken' : ''}">
                        <input
                          type="radio"
                          name="time"
                          .checked=${slot.start === this.value}
                          ?disabled=${slot.available === false}
                          @change=${() => this.#pickTime(slot)}
                        />
                        ${this.#formatTime(slot)}
                      </label>`,
                  )}
                </div>
              </div>
              <p part="zone" class="note">
                ${this.t('slot.zone', { zone: this.#zone.replaceAll('_', ' ') })}
              </p>`
      }
      ${this.renderError()}
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-slot-picker': PbSlotPicker;
  }
}

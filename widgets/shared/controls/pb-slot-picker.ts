import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fieldTokens } from '../../../design-tokens/generated/components/field.styles.ts';
import { optionTokens } from '../../../design-tokens/generated/components/option.styles.ts';
import { tokenStyles } from '../../../design-tokens/generated/tokens.styles.ts';
import { PbFormControl, type Invalid } from '../form-control.ts';
import { baseStyles, customElement } from '../patchbay-element.ts';
import { fieldStyles, optionStyles } from './field.styles.ts';
import { dateTimeFormat } from '../intl.ts';

export interface BookingSlot {
  /** ISO 8601 start, with offset or Z. */
  start: string;
  /** ISO 8601 end; shown when present. */
  end?: string;
  /** False for a slot that is shown but taken. */
  available?: boolean;
}

/** How dates are offered: a row of the dates that have times, or a month calendar. */
export const SLOT_PICKER_VIEWS = ['list', 'month'] as const;
export type SlotPickerView = (typeof SLOT_PICKER_VIEWS)[number];

const DAY_MS = 86_400_000;
const keyToTime = (key: string) => Date.parse(`${key}T00:00:00Z`);
const timeToKey = (time: number) => new Date(time).toISOString().slice(0, 10);
const shiftDays = (key: string, days: number) => timeToKey(keyToTime(key) + days * DAY_MS);
/** The same day `months` months on, or the month's last day when it is shorter. */
function shiftMonths(key: string, months: number): string {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return timeToKey(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last)));
}
/** 0 for Monday: weeks in the month view start on Monday. */
const weekdayOf = (key: string) => (new Date(keyToTime(key)).getUTCDay() + 6) % 7;

/**
 * A date, then a time on it, from the slots the server offers. Dates and times are grouped and shown
 * in `time-zone` (the creator's zone for in-person sessions, the fan's by default) and the fan's locale.
 * In the `list` view the dates are a native radio group: arrow keys move within a group, Tab moves
 * between them. The `month` view is a calendar following the ARIA grid pattern: arrow keys move by
 * day and week, Home and End to the week's ends, Page Up and Page Down by month, Enter or Space picks
 * the day; days without a time are disabled.
 *
 * @summary Date and time-slot picker, form-associated; the value is the chosen slot's ISO start.
 *
 * @event change - The fan chose a slot.
 *
 * @csspart legend - The group label.
 * @csspart hint - The help text.
 * @csspart date - Each date (list view).
 * @csspart calendar - The month grid (month view).
 * @csspart day - Each day of the month grid; also `day-available`, `day-selected`.
 * @csspart month-button - The previous- and next-month buttons.
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
      .month-head {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--pb-space-sm);
        margin-block-end: var(--pb-space-xs);
      }
      .month-button {
        font: inherit;
        min-inline-size: var(--pb-size-control-height);
        min-block-size: var(--pb-size-control-height);
        background: var(--_option-bg);
        color: var(--_option-text);
        border: var(--pb-size-border-width) solid var(--_option-border);
        border-radius: var(--_option-radius);
        cursor: pointer;
      }
      .month-button:disabled {
        background: var(--pb-color-disabled);
        color: var(--pb-color-disabled-text);
        cursor: not-allowed;
      }
      .month-button:focus-visible,
      td:focus-visible {
        outline: var(--pb-size-focus-ring-width) solid var(--pb-color-focus-ring);
        outline-offset: 2px;
      }
      table {
        inline-size: 100%;
        border-collapse: separate;
        border-spacing: var(--pb-space-2xs);
        font-variant-numeric: tabular-nums;
      }
      th {
        font-size: var(--pb-font-size-sm);
        font-weight: var(--pb-font-weight-label);
        color: var(--_field-hint);
      }
      td {
        text-align: center;
        block-size: var(--pb-size-control-height);
        border-radius: var(--_option-radius);
        border: var(--pb-size-border-width) solid transparent;
        color: var(--pb-color-disabled-text);
      }
      td[data-date] {
        cursor: not-allowed;
      }
      td[part~='day-available'] {
        background: var(--_option-bg);
        color: var(--_option-text);
        border-color: var(--_option-border);
        cursor: pointer;
      }
      td[part~='day-selected'] {
        background: var(--_option-bg-selected);
        border-color: var(--_option-border-selected);
        box-shadow: inset 0 0 0 1px var(--_option-border-selected);
      }
    `,
  ];

  @property({ type: Array }) slots: BookingSlot[] = [];

  /** ISO start of the chosen slot. */
  @property() value = '';

  /** IANA time zone the slots are shown in; the browser's by default. */
  @property({ attribute: 'time-zone' }) timeZone: string | undefined;

  /** `list`: the dates that have times in a row; `month`: a month calendar. */
  @property() view: SlotPickerView = 'list';

  /**
   * Month view: the first and last day (YYYY-MM-DD in `time-zone`) the calendar may show, e.g. the range
   * the slots were asked for; the slots' own first and last day when absent.
   */
  @property() min = '';
  @property() max = '';

  @state() private selectedDate = '';
  /** The month shown (its first day) and the day the grid's keyboard focus is on. */
  @state() private month = '';
  @state() private focusedDate = '';

  @query('input') private firstInput!: HTMLInputElement | null;

  #initial = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.#initial = this.value;
  }

  protected get anchor(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('td[tabindex="0"]') ?? this.firstInput;
  }

  get #zone(): string {
    return this.timeZone ?? dateTimeFormat(undefined).resolvedOptions().timeZone;
  }

  /** The slots grouped by day, kept until the slots or the zone change (every day cell reads them). */
  #groups: { slots: readonly BookingSlot[]; zone: string; byDate: Map<string, BookingSlot[]> } | undefined;

  /** `YYYY-MM-DD` of an instant in the display zone. */
  #dateKey(iso: string): string {
    return dateTimeFormat('en-CA', {
      timeZone: this.#zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(iso));
  }

  get #byDate(): Map<string, BookingSlot[]> {
    const zone = this.#zone;
    if (this.#groups?.slots === this.slots && this.#groups.zone === zone) return this.#groups.byDate;
    const byDate = new Map<string, BookingSlot[]>();
    const sorted = [...this.slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    for (const slot of sorted) {
      const key = this.#dateKey(slot.start);
      const day = byDate.get(key);
      if (day) day.push(slot);
      else byDate.set(key, [slot]);
    }
    this.#groups = { slots: this.slots, zone, byDate };
    return byDate;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('value') && this.value) this.selectedDate = this.#dateKey(this.value);
    if (!this.selectedDate || changed.has('slots')) {
      const dates = [...this.#byDate].filter(([, slots]) => slots.some((s) => s.available !== false));
      if (!dates.some(([key]) => key === this.selectedDate)) this.selectedDate = dates[0]?.[0] ?? '';
    }
    const [lower] = this.#range;
    const month = (this.selectedDate || lower).slice(0, 7);
    if (month && (!this.month || changed.has('slots') || changed.has('value'))) this.month = `${month}-01`;
  }

  /** The first and last day the month view may show. */
  get #range(): [string, string] {
    const keys = [...this.#byDate.keys()];
    return [this.min || keys[0] || '', this.max || keys.at(-1) || ''];
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

  #available(key: string): boolean {
    return (this.#byDate.get(key) ?? []).some((slot) => slot.available !== false);
  }

  #showMonth(months: number): void {
    this.month = shiftMonths(this.month, months).slice(0, 7) + '-01';
    this.focusedDate = '';
  }

  /** Moves the grid's focus to `key` (kept inside the range), turning the page when it leaves the month. */
  async #focusDay(key: string): Promise<void> {
    const [lower, upper] = this.#range;
    const target = lower && key < lower ? lower : upper && key > upper ? upper : key;
    this.focusedDate = target;
    this.month = `${target.slice(0, 7)}-01`;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`td[data-date="${target}"]`)?.focus();
  }

  #onGridKey(event: KeyboardEvent): void {
    const key = (event.target as HTMLElement).dataset.date;
    if (!key) return;
    const back = getComputedStyle(this).direction === 'rtl' ? 1 : -1;
    const moves: Record<string, () => string> = {
      ArrowLeft: () => shiftDays(key, back),
      ArrowRight: () => shiftDays(key, -back),
      ArrowUp: () => shiftDays(key, -7),
      ArrowDown: () => shiftDays(key, 7),
      Home: () => shiftDays(key, -weekdayOf(key)),
      End: () => shiftDays(key, 6 - weekdayOf(key)),
      PageUp: () => shiftMonths(key, -1),
      PageDown: () => shiftMonths(key, 1),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      void this.#focusDay(move());
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (this.#available(key)) this.#pickDate(key);
    }
  }

  #renderMonth() {
    const [lower, upper] = this.#range;
    const first = this.month;
    const length = new Date(keyToTime(shiftMonths(first, 1)) - DAY_MS).getUTCDate();
    const days = Array.from({ length }, (_, i) => shiftDays(first, i));
    const cells: Array<string | null> = [...Array<null>(weekdayOf(first)).fill(null), ...days];
    while (cells.length % 7) cells.push(null);
    const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
    const inMonth = (key: string) => key.startsWith(first.slice(0, 7));
    const focusTarget = [
      this.focusedDate,
      this.selectedDate,
      days.find((d) => this.#available(d)),
      first,
    ].find((key): key is string => Boolean(key) && inMonth(key!));
    const utc = (options: Intl.DateTimeFormatOptions) =>
      dateTimeFormat(this.resolvedLocale, { timeZone: 'UTC', ...options });
    const monthName = utc({ month: 'long', year: 'numeric' }).format(keyToTime(first));
    const dayName = utc({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
    const weekdayShort = utc({ weekday: 'short' });
    const weekdayLong = utc({ weekday: 'long' });
    // 2024-01-01 was a Monday.
    const weekdays = Array.from({ length: 7 }, (_, i) => keyToTime(`2024-01-0${i + 1}`));
    return html`<div class="group">
      <div class="month-head">
        <button
          type="button"
          part="month-button"
          class="month-button"
          aria-label=${this.t('slot.month-previous')}
          ?disabled=${!lower || first <= lower}
          @click=${() => this.#showMonth(-1)}
        >
          ‹
        </button>
        <div class="group-label" id="month-label" aria-live="polite">${monthName}</div>
        <button
          type="button"
          part="month-button"
          class="month-button"
          aria-label=${this.t('slot.month-next')}
          ?disabled=${!upper || shiftMonths(first, 1) > upper}
          @click=${() => this.#showMonth(1)}
        >
          ›
        </button>
      </div>
      <table role="grid" part="calendar" aria-labelledby="month-label" @keydown=${this.#onGridKey}>
        <thead>
          <tr>
            ${weekdays.map(
              (day) => html`<th scope="col" abbr=${weekdayLong.format(day)}>${weekdayShort.format(day)}</th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${weeks.map(
            (week) =>
              html`<tr>
                ${week.map((key) => {
                  if (!key) return html`<td></td>`;
                  const available = this.#available(key);
                  const selected = key === this.selectedDate;
                  return html`<td
                    part=${`day${available ? ' day-available' : ''}${selected ? ' day-selected' : ''}`}
                    data-date=${key}
                    tabindex=${key === focusTarget ? 0 : -1}
                    aria-selected=${selected ? 'true' : 'false'}
                    aria-disabled=${available ? nothing : 'true'}
                    aria-label=${dayName.format(keyToTime(key))}
                    @click=${() => available && this.#pickDate(key)}
                    @focus=${() => (this.focusedDate = key)}
                  >
                    ${Number(key.slice(8))}
                  </td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #pickTime(slot: BookingSlot): void {
    this.value = slot.start;
    this.touched = true;
    this.commit();
  }

  #formatTime(slot: BookingSlot, format: Intl.DateTimeFormat): string {
    return slot.end
      ? format.formatRange(new Date(slot.start), new Date(slot.end))
      : format.format(new Date(slot.start));
  }

  override render() {
    const groups = this.#byDate;
    const dates = [...groups].filter(([, slots]) => slots.some((s) => s.available !== false));
    const times = groups.get(this.selectedDate) ?? [];
    const timeFormat = dateTimeFormat(this.resolvedLocale, {
      timeZone: this.#zone,
      timeStyle: 'short',
    });
    const dateFormat = dateTimeFormat(this.resolvedLocale, {
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
          : html`${
                this.view === 'month'
                  ? this.#renderMonth()
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
                    </div>`
              }
              <div class="group" role="radiogroup" aria-labelledby="times-label">
                <div class="group-label" id="times-label">
                  ${
                    this.view === 'month' && this.selectedDate
                      ? dateFormat.format(new Date(times[0]?.start ?? this.selectedDate))
                      : this.t('slot.time')
                  }
                </div>
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
                        ${this.#formatTime(slot, timeFormat)}
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

import { html } from 'lit';
import { property, query } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fieldTokens } from '../../../design-tokens/generated/components/field.styles.ts';
import { optionTokens } from '../../../design-tokens/generated/components/option.styles.ts';
import { tokenStyles } from '../../../design-tokens/generated/tokens.styles.ts';
import { PbChoiceControl } from './choice-control.ts';
import { baseStyles, customElement } from '../patchbay-element.ts';
import { fieldStyles, optionStyles } from './field.styles.ts';

export interface RadioCardOption {
  value: string;
  label: string;
  description?: string;
  disabled?: boolean;
}

/**
 * One choice among a few, each shown as a card with an optional description (a request type, a
 * session length). Native radios underneath: Tab enters the group, arrow keys move and select.
 *
 * @summary Labelled group of radio cards, form-associated.
 *
 * @event change - The fan picked another card.
 *
 * @csspart legend - The group label.
 * @csspart hint - The help text.
 * @csspart option - Each card.
 * @csspart error - The error message.
 *
 * @cssproperty --pb-option-bg - Card background.
 * @cssproperty --pb-option-bg-selected - Background of the chosen card.
 * @cssproperty --pb-option-border - Card border colour.
 * @cssproperty --pb-option-border-selected - Border of the chosen card.
 * @cssproperty --pb-option-text - Card text colour.
 * @cssproperty --pb-option-radius - Card corner radius.
 * @cssproperty --pb-options-min-width - Narrowest a card may get before the grid wraps.
 */
@customElement('pb-radio-cards')
export class PbRadioCards extends PbChoiceControl {
  static override styles = [tokenStyles, fieldTokens, optionTokens, baseStyles, fieldStyles, optionStyles];

  @property({ type: Array }) options: RadioCardOption[] = [];

  @query('input') private firstInput!: HTMLInputElement | null;

  protected get anchor(): HTMLElement | null {
    return this.firstInput;
  }

  override render() {
    return html`<fieldset
      class="field"
      aria-describedby=${ifDefined(this.describedBy || undefined)}
      ?disabled=${this.isDisabled}
    >
      <legend part="legend">${this.renderLabelText()}</legend>
      ${this.renderHint()}
      <div class="options" role="presentation">
        ${this.options.map(
          (o, i) =>
            html`<label part="option" class="option">
              <input
                type="radio"
                name="options"
                value=${o.value}
                .checked=${o.value === this.value}
                ?disabled=${o.disabled ?? false}
                ?required=${this.required && i === 0}
                aria-describedby=${ifDefined(o.description ? `description-${i}` : undefined)}
                @change=${this.onChoose}
              />
              <span class="title">${o.label}</span>
              ${o.description ? html`<span class="description" id="description-${i}">${o.description}</span>` : ''}
            </label>`,
        )}
      </div>
      ${this.renderError()}
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-radio-cards': PbRadioCards;
  }
}

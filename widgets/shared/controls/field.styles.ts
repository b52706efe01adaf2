import { css } from 'lit';

/** Layout and look shared by the form controls: label, hint, error, input frame, option tiles. */
export const fieldStyles = css`
  :host {
    display: block;
    margin-block-end: var(--pb-space-lg);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--pb-space-xs);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-inline-size: 0;
  }
  label,
  legend {
    color: var(--_field-label);
    font-weight: var(--pb-font-weight-label);
    padding: 0;
  }
  legend {
    margin-block-end: var(--pb-space-xs);
  }
  .optional {
    color: var(--_field-hint);
    font-weight: var(--pb-font-weight-body);
  }
  .hint {
    color: var(--_field-hint);
    font-size: var(--pb-font-size-sm);
  }
  .error {
    color: var(--_field-border-invalid);
    font-size: var(--pb-font-size-sm);
    font-weight: var(--pb-font-weight-label);
  }
  .error:empty {
    display: none;
  }
  .input {
    font: inherit;
    color: var(--_field-text);
    background: var(--_field-bg);
    border: var(--pb-size-border-width) solid var(--_field-border);
    border-radius: var(--_field-radius);
    min-block-size: var(--_field-height);
    padding-block: var(--pb-space-sm);
    padding-inline: var(--pb-space-md);
    inline-size: 100%;
    transition: border-color var(--pb-motion-fast) var(--pb-ease-standard);
  }
  .input:focus-visible {
    outline: var(--pb-size-focus-ring-width) solid var(--pb-color-focus-ring);
    outline-offset: 1px;
  }
  .input[aria-invalid='true'] {
    border-color: var(--_field-border-invalid);
    border-width: var(--pb-size-border-width-strong);
  }
  .input:disabled {
    background: var(--pb-color-disabled);
    color: var(--pb-color-disabled-text);
    cursor: not-allowed;
  }
`;

/** Tiles for one-of-many choices (radio cards, amounts, dates, times); pair with \`optionTokens\`. */
export const optionStyles = css`
  .options {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--pb-options-min-width, 8rem), 1fr));
    gap: var(--pb-space-sm);
  }
  .option {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: var(--pb-space-2xs);
    min-block-size: var(--pb-size-control-height);
    justify-content: center;
    padding-block: var(--pb-space-sm);
    padding-inline: var(--pb-space-md);
    background: var(--_option-bg);
    color: var(--_option-text);
    border: var(--pb-size-border-width) solid var(--_option-border);
    border-radius: var(--_option-radius);
    cursor: pointer;
    transition:
      border-color var(--pb-motion-fast) var(--pb-ease-standard),
      background-color var(--pb-motion-fast) var(--pb-ease-standard);
  }
  .option:has(input:checked) {
    background: var(--_option-bg-selected);
    border-color: var(--_option-border-selected);
    box-shadow: inset 0 0 0 1px var(--_option-border-selected);
  }
  .option:has(input:focus-visible) {
    outline: var(--pb-size-focus-ring-width) solid var(--pb-color-focus-ring);
    outline-offset: 2px;
  }
  .option:has(input:disabled) {
    background: var(--pb-color-disabled);
    color: var(--pb-color-disabled-text);
    cursor: not-allowed;
  }
  .option input {
    position: absolute;
    opacity: 0;
    inset: 0;
    margin: 0;
    cursor: inherit;
  }
  .option .description {
    color: var(--pb-color-text-muted);
    font-size: var(--pb-font-size-sm);
  }
`;

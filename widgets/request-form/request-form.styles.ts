import { css, unsafeCSS } from 'lit';
import { INITIAL_HEIGHTS } from '../../embed-loader/sizes.ts';

// The one rule with an interpolated value stays apart, so that the build can minify the rest.
const hostHeight = css`
  :host {
    --_height: var(--pb-request-form-min-height, ${unsafeCSS(INITIAL_HEIGHTS['request-form'])}px);
  }
`;

export const requestFormStyles = [
  hostHeight,
  css`
    /* A fixed box: a long form scrolls inside it, so the host page never moves as fields appear. */
    :host {
      --_gap: var(--pb-request-form-gap, var(--pb-space-md));
      display: block;
      box-sizing: border-box;
      block-size: var(--_height);
      overflow-y: auto;
    }
    form,
    section {
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
    }
    h2 {
      margin: 0;
      font-size: var(--pb-font-size-lg);
      line-height: var(--pb-font-line-height-heading);
    }
    fieldset {
      border: 0;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: var(--pb-space-xs);
    }
    legend,
    .label {
      font-weight: var(--pb-font-weight-label);
      margin-block-end: var(--pb-space-xs);
    }
    .native {
      display: flex;
      flex-direction: column;
      gap: var(--pb-space-xs);
    }
    .native input {
      font: inherit;
      min-block-size: var(--pb-size-control-height);
      padding-inline: var(--pb-space-sm);
      border: var(--pb-size-border-width) solid var(--pb-color-border);
      border-radius: var(--pb-radius-control);
      background: var(--pb-color-surface);
      color: var(--pb-color-text);
    }
    .hint {
      color: var(--pb-color-text-muted);
      font-size: var(--pb-font-size-sm);
    }
    .error {
      color: var(--pb-color-danger);
      font-size: var(--pb-font-size-sm);
    }
    .total {
      font-weight: var(--pb-font-weight-label);
    }
    progress {
      inline-size: 100%;
      accent-color: var(--pb-color-accent);
    }
    [part~='submit'] {
      background: var(--pb-color-accent);
      color: var(--pb-color-accent-text);
      border-color: var(--pb-color-accent);
    }
    dl {
      margin: 0;
    }
    dt {
      font-weight: var(--pb-font-weight-label);
    }
    dd {
      margin: 0 0 var(--pb-space-sm);
      white-space: pre-wrap;
    }
    a {
      color: var(--pb-color-link);
      overflow-wrap: anywhere;
    }
  `,
];

import { css, unsafeCSS } from 'lit';
import { INITIAL_HEIGHTS } from '../../embed-loader/sizes.ts';

// The one rule with an interpolated value stays apart, so that the build can minify the rest.
const hostHeight = css`
  :host {
    --_min-height: var(--pb-booking-min-height, ${unsafeCSS(INITIAL_HEIGHTS.booking)}px);
  }
`;

export const bookingStyles = [
  hostHeight,
  css`
    /* A fixed box, as the snippet reserves it: a month of times scrolls inside, so the host page never moves. */
    :host {
      --_gap: var(--pb-booking-gap, var(--pb-space-md));
      display: block;
      box-sizing: border-box;
      block-size: var(--_min-height);
      overflow-y: auto;
    }
    form,
    [part~='confirmation'],
    [part~='manage'] {
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
      flex-wrap: wrap;
      gap: var(--pb-space-sm);
    }
    legend,
    label {
      font-size: var(--pb-font-size-sm);
      font-weight: var(--pb-font-weight-label);
    }
    select {
      font: inherit;
      padding: var(--pb-space-xs);
    }
    .error {
      color: var(--pb-color-danger);
    }
    .hint {
      margin: 0;
      font-size: var(--pb-font-size-sm);
      color: var(--pb-color-text-muted);
    }
  `,
];

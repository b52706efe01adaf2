import { css, unsafeCSS } from 'lit';
import { INITIAL_HEIGHTS } from '../../embed-loader/sizes.ts';

export const tipJarStyles = css`
  :host {
    --_min-height: var(--pb-tip-jar-min-height, ${unsafeCSS(INITIAL_HEIGHTS['tip-jar'])}px);
    --_gap: var(--pb-tip-jar-gap, var(--pb-space-md));
    display: block;
    min-block-size: var(--_min-height);
  }
  form {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }
  h2 {
    margin: 0;
    font-size: var(--pb-font-size-lg);
    line-height: var(--pb-font-line-height-heading);
  }
  [part~='submit'] {
    background: var(--pb-color-accent);
    color: var(--pb-color-accent-text);
    border-color: var(--pb-color-accent);
  }
`;

import { css, unsafeCSS } from 'lit';
import { INITIAL_HEIGHTS } from '../../embed-loader/sizes.ts';

// The one rule with an interpolated value stays apart, so that the build can minify the rest.
const hostHeight = css`
  :host {
    --_min-height: var(--pb-tip-jar-min-height, ${unsafeCSS(INITIAL_HEIGHTS['tip-jar'])}px);
  }
`;

export const tipJarStyles = [
  hostHeight,
  css`
    :host {
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
    /* One line: a long title is cut short rather than pushing the form past its reserved height. */
    [part~='goal'] {
      display: flex;
      align-items: center;
      gap: var(--pb-space-sm);
      font-size: var(--pb-font-size-sm);
      line-height: var(--pb-font-line-height-heading);
      white-space: nowrap;
    }
    [part~='goal'] label {
      overflow: hidden;
      text-overflow: ellipsis;
    }
    progress {
      flex: 1 0 25%;
      block-size: var(--pb-space-sm);
      accent-color: var(--pb-color-accent);
    }
    /* The goal and the two disclosures share rows, so that they fit in the height the snippet reserves. */
    .more {
      display: flex;
      flex-wrap: wrap;
      gap: var(--pb-space-md);
    }
    details {
      font-size: var(--pb-font-size-sm);
    }
    summary {
      cursor: pointer;
    }
    ul {
      margin: 0;
      padding-inline-start: var(--pb-space-md);
    }
    .error {
      color: var(--pb-color-danger);
    }
    /* Both ways to send share one row, so that offering monthly support keeps the reserved height. */
    .send {
      display: flex;
      gap: var(--pb-space-sm);
    }
    .send button {
      flex: 1 1 auto;
    }
    [part~='submit'] {
      background: var(--pb-color-accent);
      color: var(--pb-color-accent-text);
      border-color: var(--pb-color-accent);
    }
  `,
];

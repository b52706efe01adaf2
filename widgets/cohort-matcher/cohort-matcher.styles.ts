import { css, unsafeCSS } from 'lit';
import { INITIAL_HEIGHTS } from '../../embed-loader/sizes.ts';

const hostHeight = css`
  :host {
    --_min-height: var(--pb-cohort-matcher-min-height, ${unsafeCSS(INITIAL_HEIGHTS['cohort-matcher'])}px);
  }
`;

export const cohortMatcherStyles = [
  hostHeight,
  css`
    :host {
      --_gap: var(--pb-cohort-matcher-gap, var(--pb-space-md));
      display: block;
      min-block-size: var(--_min-height);
    }
    form,
    section {
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
    }
    h2,
    h3 {
      margin: 0;
      font-size: var(--pb-font-size-lg);
      line-height: var(--pb-font-line-height-heading);
    }
    h3 {
      font-size: var(--pb-font-size-md);
    }
    fieldset {
      border: 0;
      margin: 0;
      padding: 0;
    }
    legend {
      font-weight: 600;
      margin-block-end: var(--pb-space-sm);
    }
    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: var(--pb-space-sm);
    }
    .tags label {
      display: inline-flex;
      gap: var(--pb-space-xs);
      align-items: center;
    }
    table {
      border-collapse: collapse;
      font-size: var(--pb-font-size-sm);
    }
    th,
    td {
      padding: 2px;
      text-align: center;
    }
    input[type='checkbox'] {
      accent-color: var(--pb-color-accent);
      inline-size: 1.1em;
      block-size: 1.1em;
    }
    input[type='text'],
    select {
      font: inherit;
      padding: var(--pb-space-xs) var(--pb-space-sm);
      border: 1px solid var(--pb-color-border);
      border-radius: var(--pb-radius-control);
      background: var(--pb-color-surface);
      color: var(--pb-color-text);
    }
    .actions {
      display: flex;
      gap: var(--pb-space-sm);
      flex-wrap: wrap;
    }
    ul {
      margin: 0;
      padding-inline-start: 1.2em;
    }
    .avoid {
      display: flex;
      gap: var(--pb-space-xs);
      align-items: center;
      font-size: var(--pb-font-size-sm);
    }
  `,
];

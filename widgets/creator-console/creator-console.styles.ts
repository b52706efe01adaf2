import { css } from 'lit';

/** What every console view shares: layout, buttons, tables, the "next step" box. Tokens only. */
export const consoleStyles = css`
  :host {
    display: block;
    color: var(--pb-color-text);
    background: var(--pb-color-surface-sunken);
  }
  h1,
  h2,
  h3 {
    font-weight: var(--pb-font-weight-heading);
    line-height: var(--pb-font-line-height-heading);
    margin: 0 0 var(--pb-space-sm);
  }
  h1 {
    font-size: var(--pb-font-size-xl);
  }
  h2 {
    font-size: var(--pb-font-size-lg);
  }
  h3 {
    font-size: var(--pb-font-size-md);
  }
  p {
    margin: 0 0 var(--pb-space-sm);
  }
  a {
    color: var(--pb-color-link);
  }
  .muted {
    color: var(--pb-color-text-muted);
  }
  .card {
    background: var(--pb-color-surface);
    border: var(--pb-size-border-width) solid var(--pb-color-border-subtle);
    border-radius: var(--pb-radius-surface);
    padding: var(--pb-space-lg);
    margin-block-end: var(--pb-space-md);
  }
  .next {
    display: flex;
    gap: var(--pb-space-md);
    align-items: center;
    flex-wrap: wrap;
    background: var(--pb-color-accent-subtle);
    border-radius: var(--pb-radius-surface);
    padding: var(--pb-space-md) var(--pb-space-lg);
    margin-block-end: var(--pb-space-md);
  }
  .next p {
    margin: 0;
    flex: 1 1 16rem;
  }
  .row {
    display: flex;
    gap: var(--pb-space-sm);
    align-items: center;
    flex-wrap: wrap;
  }
  .stack > * + * {
    margin-block-start: var(--pb-space-md);
  }
  .grid {
    display: grid;
    gap: var(--pb-space-md);
    grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
  }
  button,
  .button {
    font: inherit;
    font-weight: var(--pb-font-weight-label);
    min-block-size: var(--pb-size-control-height);
    padding-inline: var(--pb-space-lg);
    border: var(--pb-size-border-width) solid var(--pb-color-border);
    border-radius: var(--pb-radius-control);
    background: var(--pb-color-surface-raised);
    color: var(--pb-color-text);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--pb-space-xs);
  }
  button.primary,
  .button.primary {
    background: var(--pb-color-accent);
    border-color: var(--pb-color-accent);
    color: var(--pb-color-accent-text);
  }
  button.danger {
    border-color: var(--pb-color-danger);
    color: var(--pb-color-danger);
  }
  button:disabled {
    background: var(--pb-color-disabled);
    border-color: var(--pb-color-disabled);
    color: var(--pb-color-disabled-text);
    cursor: not-allowed;
  }
  button.link {
    border: none;
    background: none;
    padding-inline: 0;
    color: var(--pb-color-link);
    text-decoration: underline;
    min-block-size: auto;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--pb-color-text);
    background: var(--pb-color-surface);
    border: var(--pb-size-border-width) solid var(--pb-color-border);
    border-radius: var(--pb-radius-control);
    min-block-size: var(--pb-size-control-height);
    padding-inline: var(--pb-space-sm);
  }
  label {
    font-weight: var(--pb-font-weight-label);
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
    font-size: var(--pb-font-size-sm);
  }
  th,
  td {
    text-align: start;
    padding: var(--pb-space-xs) var(--pb-space-sm);
    border-block-end: var(--pb-size-border-width) solid var(--pb-color-border-subtle);
    vertical-align: top;
  }
  th {
    font-weight: var(--pb-font-weight-label);
    color: var(--pb-color-text-muted);
  }
  tr[aria-selected='true'] td {
    background: var(--pb-color-accent-subtle);
  }
  .badge {
    display: inline-block;
    padding: 0 var(--pb-space-xs);
    border-radius: var(--pb-radius-pill);
    border: var(--pb-size-border-width) solid var(--pb-color-border);
    font-size: var(--pb-font-size-xs);
    white-space: nowrap;
  }
  .error {
    color: var(--pb-color-danger);
  }
  [role='alert'].banner {
    background: var(--pb-color-danger-surface);
    color: var(--pb-color-text);
    border-inline-start: var(--pb-size-border-width-strong) solid var(--pb-color-danger);
    padding: var(--pb-space-sm) var(--pb-space-md);
    border-radius: var(--pb-radius-control);
    margin-block-end: var(--pb-space-md);
  }
  .success {
    background: var(--pb-color-success-surface);
    border-inline-start: var(--pb-size-border-width-strong) solid var(--pb-color-success);
    padding: var(--pb-space-sm) var(--pb-space-md);
    border-radius: var(--pb-radius-control);
    margin-block-end: var(--pb-space-md);
  }
  pre {
    font-family: var(--pb-font-stack-mono);
    font-size: var(--pb-font-size-sm);
    background: var(--pb-color-surface-sunken);
    border: var(--pb-size-border-width) solid var(--pb-color-border-subtle);
    border-radius: var(--pb-radius-control);
    padding: var(--pb-space-sm);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin: 0 0 var(--pb-space-sm);
  }
  code {
    font-family: var(--pb-font-stack-mono);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--pb-space-2xs);
    margin-block-end: var(--pb-space-md);
  }
  .field .hint {
    color: var(--pb-color-text-muted);
    font-size: var(--pb-font-size-sm);
  }
  .field .error {
    font-size: var(--pb-font-size-sm);
  }
  fieldset {
    border: var(--pb-size-border-width) solid var(--pb-color-border-subtle);
    border-radius: var(--pb-radius-control);
    margin: 0 0 var(--pb-space-md);
    padding: var(--pb-space-sm) var(--pb-space-md);
  }
  legend {
    font-weight: var(--pb-font-weight-label);
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ol.steps {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pb-space-xs);
    list-style: none;
    margin: 0 0 var(--pb-space-lg);
    padding: 0;
  }
  ol.steps a {
    display: block;
    padding: var(--pb-space-xs) var(--pb-space-sm);
    border-radius: var(--pb-radius-pill);
    border: var(--pb-size-border-width) solid var(--pb-color-border-subtle);
    color: var(--pb-color-text);
    text-decoration: none;
  }
  ol.steps a[aria-current='step'] {
    background: var(--pb-color-accent);
    border-color: var(--pb-color-accent);
    color: var(--pb-color-accent-text);
  }
  .editor {
    display: grid;
    gap: var(--pb-space-lg);
    grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
    align-items: start;
  }
  .previews {
    position: sticky;
    inset-block-start: var(--pb-space-md);
  }
  figure {
    margin: 0 0 var(--pb-space-md);
  }
  blockquote {
    margin: 0 0 var(--pb-space-sm);
    padding-inline-start: var(--pb-space-md);
    border-inline-start: var(--pb-size-border-width-strong) solid var(--pb-color-border);
    overflow-wrap: anywhere;
  }
  kbd {
    font-family: var(--pb-font-stack-mono);
    border: var(--pb-size-border-width) solid var(--pb-color-border);
    border-radius: var(--pb-radius-control);
    padding: 0 var(--pb-space-2xs);
  }
`;

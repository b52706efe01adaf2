import { css, html } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fieldTokens } from '../../../design-tokens/generated/components/field.styles.ts';
import { tokenStyles } from '../../../design-tokens/generated/tokens.styles.ts';
import { PbFormControl, type Invalid } from '../form-control.ts';
import { baseStyles, customElement } from '../patchbay-element.ts';
import { fieldStyles } from './field.styles.ts';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** Whether `file` matches an `accept` list such as `image/*,.pdf`. */
export function acceptsFile(accept: string, file: File): boolean {
  const rules = accept
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter(Boolean);
  if (rules.length === 0) return true;
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return rules.some((rule) =>
    rule.startsWith('.')
      ? name.endsWith(rule)
      : rule.endsWith('/*')
        ? type.startsWith(rule.slice(0, -1))
        : type === rule,
  );
}

/**
 * Files to attach (a reference image, a script). The native file input stays in charge of
 * keyboard and screen-reader use; files can also be dropped on it. Size, type and count are
 * checked here so the fan hears about a problem before uploading.
 *
 * @summary File picker with drop zone, file list and size/type checks, form-associated.
 *
 * @event change - The chosen files changed; read `files`.
 *
 * @csspart label - The label.
 * @csspart hint - The help text.
 * @csspart dropzone - The area files can be dropped on.
 * @csspart button - The visible "choose a file" button.
 * @csspart file - Each chosen file.
 * @csspart remove - Each remove button.
 * @csspart error - The error message.
 *
 * @cssproperty --pb-field-bg - Drop zone background.
 * @cssproperty --pb-field-border - Drop zone border colour.
 * @cssproperty --pb-field-radius - Drop zone corner radius.
 */
@customElement('pb-file-picker')
export class PbFilePicker extends PbFormControl {
  static override styles = [
    tokenStyles,
    fieldTokens,
    baseStyles,
    fieldStyles,
    css`
      .dropzone {
        position: relative;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--pb-space-sm);
        padding: var(--pb-space-md);
        background: var(--_field-bg);
        border: var(--pb-size-border-width) dashed var(--_field-border);
        border-radius: var(--_field-radius);
      }
      .dropzone.dragging {
        border-style: solid;
        border-color: var(--pb-color-accent);
      }
      .dropzone.invalid {
        border-color: var(--_field-border-invalid);
      }
      input {
        position: absolute;
        inset: 0;
        opacity: 0;
        cursor: pointer;
      }
      .button {
        display: inline-flex;
        align-items: center;
        min-block-size: var(--pb-size-control-height);
        padding-inline: var(--pb-space-lg);
        border: var(--pb-size-border-width) solid var(--pb-color-border);
        border-radius: var(--pb-radius-control);
        background: var(--pb-color-surface-raised);
        font-weight: var(--pb-font-weight-label);
      }
      .dropzone:has(input:focus-visible) .button {
        outline: var(--pb-size-focus-ring-width) solid var(--pb-color-focus-ring);
        outline-offset: 2px;
      }
      .drop-note {
        color: var(--_field-hint);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--pb-space-xs);
      }
      li {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--pb-space-sm);
        padding-inline-start: var(--pb-space-md);
        background: var(--pb-color-surface-raised);
        border-radius: var(--pb-radius-control);
        overflow-wrap: anywhere;
      }
      .size {
        color: var(--pb-color-text-muted);
        font-size: var(--pb-font-size-sm);
        white-space: nowrap;
      }
      li button {
        font: inherit;
        min-block-size: var(--pb-size-control-height);
        min-inline-size: var(--pb-size-control-height);
        border: 0;
        background: transparent;
        color: var(--pb-color-text);
        cursor: pointer;
        border-radius: var(--pb-radius-control);
      }
    `,
  ];

  /** Accepted types, as for the native input: `image/*,.pdf`. */
  @property() accept = '';

  @property({ type: Boolean, reflect: true }) multiple = false;

  /** Largest size of one file, in bytes. */
  @property({ type: Number, attribute: 'max-size' }) maxSize: number | undefined;

  /** Most files accepted when `multiple`. */
  @property({ type: Number, attribute: 'max-files' }) maxFiles: number | undefined;

  /** The chosen files. */
  @state() files: File[] = [];

  @state() private dragging = false;

  @query('input') private input!: HTMLInputElement | null;

  protected get anchor(): HTMLElement | null {
    return this.input;
  }

  formatBytes(bytes: number): string {
    let value = bytes;
    let unit = 0;
    while (value >= 1000 && unit < UNITS.length - 1) {
      value /= 1000;
      unit++;
    }
    return this.formatNumber(value, {
      style: 'unit',
      unit: UNITS[unit],
      unitDisplay: 'short',
      maximumFractionDigits: 1,
    });
  }

  protected validate(): Invalid | undefined {
    if (this.required && this.files.length === 0) {
      return { flags: { valueMissing: true }, message: this.t('required.choice') };
    }
    for (const file of this.files) {
      if (this.accept && !acceptsFile(this.accept, file)) {
        return {
          flags: { typeMismatch: true },
          message: this.t('file.wrong-type', { name: file.name, accept: this.accept }),
        };
      }
      if (this.maxSize !== undefined && file.size > this.maxSize) {
        return {
          flags: { rangeOverflow: true },
          message: this.t('file.too-large', { name: file.name, max: this.formatBytes(this.maxSize) }),
        };
      }
    }
    const most = this.multiple ? this.maxFiles : 1;
    if (most !== undefined && this.files.length > most) {
      return { flags: { rangeOverflow: true }, message: this.t('file.too-many', { count: most }) };
    }
    return undefined;
  }

  protected formValue(): FormData | null {
    if (this.files.length === 0 || !this.name) return null;
    const data = new FormData();
    for (const file of this.files) data.append(this.name, file);
    return data;
  }

  protected resetValue(): void {
    this.files = [];
  }

  /** Adds files as if the fan had chosen them. */
  addFiles(files: Iterable<File>): void {
    this.files = this.multiple ? [...this.files, ...files] : [...files].slice(0, 1);
    this.touched = true;
    this.commit();
    void this.announce(this.t('file.count', { count: this.files.length }));
  }

  removeFile(index: number): void {
    this.files = this.files.filter((_, i) => i !== index);
    this.touched = true;
    this.commit();
    void this.announce(this.t('file.count', { count: this.files.length }));
    void this.updateComplete.then(() => this.input?.focus());
  }

  #onPick(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.addFiles(input.files ?? []);
    // Cleared so that choosing the same file again, after removing it, still fires.
    input.value = '';
  }

  #onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging = false;
    if (this.isDisabled) return;
    this.addFiles(event.dataTransfer?.files ?? []);
  }

  override render() {
    const error = this.shownError;
    return html`<div class="field">
      <span part="label" id="label">${this.renderLabelText()}</span>
      ${this.renderHint()}
      <div
        part="dropzone"
        class="dropzone ${this.dragging ? 'dragging' : ''} ${error ? 'invalid' : ''}"
        @dragover=${(e: DragEvent) => {
          e.preventDefault();
          this.dragging = true;
        }}
        @dragleave=${() => (this.dragging = false)}
        @drop=${this.#onDrop}
      >
        <input
          id="input"
          type="file"
          accept=${ifDefined(this.accept || undefined)}
          ?multiple=${this.multiple}
          ?disabled=${this.isDisabled}
          aria-labelledby="label button"
          aria-describedby=${ifDefined(this.describedBy || undefined)}
          aria-invalid=${error ? 'true' : 'false'}
          @change=${this.#onPick}
        />
        <span part="button" class="button" id="button" aria-hidden="true">
          ${this.multiple ? this.t('file.choose-many') : this.t('file.choose')}
        </span>
        <span class="drop-note" aria-hidden="true">${this.t('file.drop')}</span>
      </div>
      ${
        this.files.length
          ? html`<ul>
              ${this.files.map(
                (file, i) =>
                  html`<li part="file">
                    <span>${file.name} <span class="size">${this.formatBytes(file.size)}</span></span>
                    <button
                      part="remove"
                      type="button"
                      aria-label=${this.t('file.remove', { name: file.name })}
                      @click=${() => this.removeFile(i)}
                    >
                      <span aria-hidden="true">✕</span>
                    </button>
                  </li>`,
              )}
            </ul>`
          : ''
      }
      ${this.renderError()} ${this.renderLiveRegions()}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-file-picker': PbFilePicker;
  }
}

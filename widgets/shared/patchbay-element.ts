import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { statusTokens } from '../../design-tokens/generated/components.styles.ts';
import { tokenStyles } from '../../design-tokens/generated/tokens.styles.ts';
import { THEME_OPTIONS, type ThemeOption } from '../../design-tokens/themes.ts';
import type { ApiError } from './api-client.ts';
import { PbErrorEvent, type PatchbayEvent } from './events.ts';
import { formatMoney } from './money.ts';
import { directionOf, loadTranslation, translate, type Catalog, type MessageParams } from './messages.ts';
import { sharedMessages, type SharedMessageKey } from './shared.messages.ts';

export const WIDGET_STATUSES = ['ready', 'loading', 'empty', 'error', 'success'] as const;
export type WidgetStatus = (typeof WIDGET_STATUSES)[number];

export const POLITENESS = ['polite', 'assertive'] as const;
export type Politeness = (typeof POLITENESS)[number];

/** Styles every Patchbay element shares: typography, focus ring, screen-reader-only text. */
export const baseStyles = css`
  :host {
    color-scheme: var(--pb-color-scheme);
    font-family: var(--pb-font-family);
    font-size: var(--pb-font-size-md);
    line-height: var(--pb-font-line-height-body);
    color: var(--pb-color-text);
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: var(--pb-size-focus-ring-width) solid var(--pb-color-focus-ring);
    outline-offset: 2px;
  }
  .pb-sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;

const statusStyles = css`
  :host {
    display: block;
    max-inline-size: var(--pb-size-widget-max-width);
    background: var(--pb-color-surface);
    border-radius: var(--pb-radius-surface);
    padding: var(--pb-space-lg);
  }
  [part~='status'] {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--pb-space-md);
    padding: var(--pb-space-lg);
    border-radius: var(--pb-radius-surface);
    text-align: center;
  }
  [part~='error'] {
    background: var(--_status-error-bg);
    color: var(--_status-error-text);
  }
  [part~='success'] {
    background: var(--_status-success-bg);
    color: var(--_status-success-text);
  }
  [part~='empty'] {
    color: var(--pb-color-text-muted);
  }
  .spinner {
    inline-size: var(--pb-size-icon);
    block-size: var(--pb-size-icon);
    border: var(--pb-size-border-width-strong) solid var(--pb-color-border-subtle);
    border-block-start-color: var(--pb-color-accent);
    border-radius: var(--pb-radius-pill);
    animation: spin calc(var(--pb-motion-slow) * 3) linear infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  button {
    font: inherit;
    font-weight: var(--pb-font-weight-label);
    min-block-size: var(--pb-size-control-height);
    padding-inline: var(--pb-space-lg);
    border: var(--pb-size-border-width) solid var(--pb-color-border);
    border-radius: var(--pb-radius-control);
    background: var(--pb-color-surface-raised);
    color: var(--pb-color-text);
    cursor: pointer;
  }
`;

// By name rather than instanceof, so the client class stays out of the shared chunk.
function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && error.name === 'ApiError';
}

function isPatchbayElement(node: unknown): node is PatchbayElement {
  return node instanceof PatchbayElement;
}

function parentAcrossShadow(node: Node): Node | null {
  return node.parentNode instanceof ShadowRoot ? node.parentNode.host : node.parentNode;
}

/**
 * The base of every Patchbay element. It adopts the design tokens as a constructable stylesheet (so it
 * runs under `style-src 'self'`), applies a theme, formats numbers, money and dates in the element's
 * locale, shows loading / empty / error / success states with screen-reader announcements, and aborts
 * its requests when it leaves the page.
 *
 * @summary Base element: tokens, theme, locale, states, typed `pb-*` events.
 *
 * @attr theme - `light`, `dark`, `high-contrast`, or `auto` to follow the fan's system. Unset, an
 *   element inside another Patchbay element inherits its theme; an outermost one is light.
 * @attr locale - BCP 47 language tag for text, numbers, money and dates. Unset, the nearest `lang`
 *   attribute, then the browser's language. Right-to-left languages lay out right to left.
 *
 * @event pb-error - A request failed; `detail.message` is what the fan was shown.
 *
 * @csspart status - The panel shown while loading, empty, failed or done.
 * @csspart loading - The loading panel.
 * @csspart empty - The empty panel.
 * @csspart error - The error panel.
 * @csspart success - The success panel.
 * @csspart retry - The "try again" button of the error panel.
 *
 * @cssproperty --pb-status-error-bg - Background of the error panel.
 * @cssproperty --pb-status-error-text - Text of the error panel.
 * @cssproperty --pb-status-success-bg - Background of the success panel.
 * @cssproperty --pb-status-success-text - Text of the success panel.
 *
 * @cssstate pb-root - The outermost Patchbay element; it declares the token values.
 * @cssstate loading - Waiting for the server.
 * @cssstate empty - Loaded, with nothing to show.
 * @cssstate error - Something failed.
 * @cssstate success - The fan finished.
 */
export class PatchbayElement extends LitElement {
  static override styles = [tokenStyles, statusTokens, baseStyles, statusStyles];

  /** The message catalogs this element reads; their translation for its locale loads before it renders in it. */
  static catalogs: Catalog<string>[] = [sharedMessages];

  // Declared without decorators: this class is in every page's shared chunk, the decorators need not be.
  static override properties = {
    theme: { reflect: true },
    locale: {},
    status: { state: true },
    statusMessage: { state: true },
    politeText: { state: true },
    assertiveText: { state: true },
  };

  theme: ThemeOption | undefined;

  locale: string | undefined;

  /** Which state the element shows. Set it through `setStatus()` so the custom state follows. */
  protected status: WidgetStatus = 'ready';

  /** The text of the current empty, error or success panel. */
  protected statusMessage = '';

  private politeText = '';
  private assertiveText = '';

  protected readonly internals: ElementInternals;

  #abort = new AbortController();
  #translations: Promise<unknown> = Promise.resolve();
  #translatedFor = '';
  #retry: (() => unknown) | undefined;
  #ownsDir = false;
  #announcementTurn = 0;

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  /** Aborted when the element is removed from the page; pass it to every request. */
  protected get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** `tip-jar` for `<pb-tip-jar>`: the name used in events. */
  protected get widgetName(): string {
    return this.localName.replace(/^pb-/, '');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#abort.signal.aborted) this.#abort = new AbortController();
    this.#setState('pb-root', !this.#hasPatchbayAncestor());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort.abort(new DOMException('The element left the page.', 'AbortError'));
  }

  #hasPatchbayAncestor(): boolean {
    for (let node = parentAcrossShadow(this); node; node = parentAcrossShadow(node)) {
      if (isPatchbayElement(node)) return true;
    }
    return false;
  }

  #setState(name: string, on: boolean): void {
    const states = this.internals.states as CustomStateSet | undefined;
    if (states) {
      if (on) states.add(name);
      else states.delete(name);
    } else if (name === 'pb-root' && on && !this.hasAttribute('theme')) {
      // Without custom states the token sheet can only key on the attribute.
      this.setAttribute('theme', 'light');
    }
  }

  /** The locale in effect: this element's, an enclosing Patchbay element's, the nearest `lang`, the browser's. */
  get resolvedLocale(): string {
    if (this.locale) return this.locale;
    for (let node = parentAcrossShadow(this); node; node = parentAcrossShadow(node)) {
      if (isPatchbayElement(node) && node.locale) return node.locale;
      if (node instanceof HTMLElement && node.lang) return node.lang;
    }
    return globalThis.navigator?.language || 'en';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('theme') && this.theme !== undefined && !THEME_OPTIONS.includes(this.theme)) {
      if (import.meta.env.DEV) {
        console.warn(
          `<${this.localName}> theme="${this.theme}" is not one of ${THEME_OPTIONS.join(', ')}; the inherited theme applies.`,
        );
      }
    }
    if (changed.has('locale')) this.#applyDirection();
    this.#loadTranslations();
  }

  #loadTranslations(): void {
    const locale = this.resolvedLocale;
    if (locale === this.#translatedFor) return;
    this.#translatedFor = locale;
    const catalogs = (this.constructor as typeof PatchbayElement).catalogs;
    this.#translations = Promise.all(catalogs.map((c) => loadTranslation(c, locale))).then((loaded) => {
      if (loaded.some(Boolean)) this.requestUpdate();
    });
  }

  /** Also waits for the translation of the element's locale, so tests and callers see translated text. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const first = await super.getUpdateComplete();
    await this.#translations;
    return (await super.getUpdateComplete()) && first;
  }

  // Only an explicit locale sets `dir`; otherwise direction inherits from the page or the parent widget.
  #applyDirection(): void {
    if (this.hasAttribute('dir') && !this.#ownsDir) return;
    if (this.locale) {
      this.setAttribute('dir', directionOf(this.locale));
      this.#ownsDir = true;
    } else if (this.#ownsDir) {
      this.removeAttribute('dir');
      this.#ownsDir = false;
    }
  }

  /** A shared string (states, controls) in this element's locale. */
  protected msg(key: SharedMessageKey, params?: MessageParams): string {
    return translate(sharedMessages, this.resolvedLocale, key, params);
  }

  /** A string from a widget's own catalog in this element's locale. */
  protected localize<Key extends string>(catalog: Catalog<Key>, key: Key, params?: MessageParams): string {
    return translate(catalog, this.resolvedLocale, key, params);
  }

  formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
    return new Intl.NumberFormat(this.resolvedLocale, options).format(value);
  }

  /** Formats an integer amount of minor units (cents) of `currency`. */
  formatMoney(minor: number, currency: string): string {
    return formatMoney(minor, currency, this.resolvedLocale);
  }

  formatDate(date: Date | string | number, options?: Intl.DateTimeFormatOptions): string {
    return new Intl.DateTimeFormat(this.resolvedLocale, options).format(new Date(date));
  }

  /** Dispatches a typed `pb-*` event from this element; false if a listener cancelled it. */
  emit<E extends PatchbayEvent<unknown>>(event: E): boolean {
    return this.dispatchEvent(event);
  }

  protected setStatus(status: WidgetStatus, message = ''): void {
    for (const s of WIDGET_STATUSES) if (s !== 'ready') this.#setState(s, s === status);
    this.status = status;
    this.statusMessage = message;
  }

  /**
   * Reads a screen-reader announcement through the element's live regions. Identical consecutive
   * messages are read again, because the region is emptied first.
   */
  async announce(message: string, politeness: Politeness = 'polite'): Promise<void> {
    const key = politeness === 'polite' ? 'politeText' : 'assertiveText';
    const turn = ++this.#announcementTurn;
    this[key] = '';
    await this.updateComplete;
    // A later announcement (or an error clearing the polite region) wins over one still waiting here.
    if (turn === this.#announcementTurn) this[key] = message;
  }

  /**
   * Runs `task` with the element's abort signal, showing the loading state meanwhile, then the
   * ready, empty or error state. The error state's "try again" button runs it again.
   */
  protected async load<T>(
    task: (signal: AbortSignal) => Promise<T>,
    options: { isEmpty?: (value: T) => boolean; emptyMessage?: string } = {},
  ): Promise<T | undefined> {
    this.#retry = () => this.load(task, options);
    this.setStatus('loading');
    void this.announce(this.msg('loading'));
    try {
      const value = await task(this.signal);
      // The outcome is described in the fan's language, so wait for its translation if it is still loading.
      await this.#translations;
      if (options.isEmpty?.(value)) {
        const message = options.emptyMessage ?? this.msg('empty');
        this.setStatus('empty', message);
        void this.announce(message);
      } else {
        this.setStatus('ready');
        void this.announce('');
      }
      return value;
    } catch (error) {
      await this.#translations;
      if (!this.signal.aborted) this.showError(error);
      return undefined;
    }
  }

  protected showError(error: unknown): void {
    const message = this.describeError(error);
    this.setStatus('error', message);
    this.politeText = '';
    void this.announce(message, 'assertive');
    const reference = isApiError(error) ? (error.reference ?? null) : null;
    this.emit(new PbErrorEvent({ widget: this.widgetName, message, reference }));
  }

  protected showSuccess(message = this.msg('success')): void {
    this.setStatus('success', message);
    void this.announce(message);
  }

  /** Turns any failure into a sentence a fan understands, in their language. */
  describeError(error: unknown): string {
    if (!isApiError(error)) return this.msg('error.server-no-reference');
    switch (error.kind) {
      case 'rate-limited':
        return this.msg('error.rate-limited', { count: error.retryAfter ?? 30 });
      case 'server':
        return error.reference
          ? this.msg('error.server', { reference: error.reference })
          : this.msg('error.server-no-reference');
      default:
        return this.msg(`error.${error.kind}`);
    }
  }

  override render(): TemplateResult {
    return html`${this.renderStatus()}${this.renderLiveRegions()}`;
  }

  protected renderStatus(): TemplateResult | typeof nothing {
    switch (this.status) {
      case 'loading':
        return html`<div part="status loading">
          <span class="spinner" aria-hidden="true"></span>${this.msg('loading')}
        </div>`;
      case 'empty':
        return html`<div part="status empty"><p>${this.statusMessage}</p></div>`;
      case 'error':
        return html`<div part="status error">
          <p>${this.statusMessage}</p>
          ${
            this.#retry
              ? html`<button part="retry" type="button" @click=${() => this.#retry?.()}>
                  ${this.msg('retry')}
                </button>`
              : nothing
          }
        </div>`;
      case 'success':
        return html`<div part="status success"><p>${this.statusMessage}</p></div>`;
      default:
        return this.renderReady();
    }
  }

  /** What the element shows once loaded; widgets override it. */
  protected renderReady(): TemplateResult {
    return html`<slot></slot>`;
  }

  /** Visually hidden live regions; present from the first render so that screen readers track them. */
  protected renderLiveRegions(): TemplateResult {
    return html`<div class="pb-sr-only" role="status" aria-live="polite" aria-atomic="true">
        ${this.politeText}
      </div>
      <div class="pb-sr-only" role="alert" aria-atomic="true">${this.assertiveText}</div>`;
  }
}

import {
  LitElement,
  css,
  html,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import { tokenStyles } from '../../design-tokens/generated/tokens.styles.ts';
import { THEME_OPTIONS, type ThemeOption } from '../../design-tokens/themes.ts';
import type { PatchbayEvent } from './events.ts';
import { formatMoney } from './money.ts';
import { directionOf, loadTranslation, translate, type Catalog, type MessageParams } from './messages.ts';
import { dateTimeFormat, numberFormat } from './intl.ts';

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

/*
 * A page with two different inline widgets runs two bundles, each with its own copy of this class (and
 * of every control): elements recognise each other by this mark rather than by class, so a control
 * defined by one bundle still takes its theme and locale from a widget of the other.
 */
const BRAND = Symbol.for('patchbay.element');

function isPatchbayElement(node: unknown): node is PatchbayElement {
  return (node as { [BRAND]?: unknown } | null)?.[BRAND] === true;
}

/**
 * Lit's `@customElement`, except that a tag already defined on the page is left as it is: with two
 * widget bundles on one page, every element they share is defined by whichever bundle runs first, and
 * the other bundle's widget uses that definition.
 */
export function customElement(tag: string) {
  return (element: CustomElementConstructor): void => {
    if (!customElements.get(tag)) customElements.define(tag, element);
  };
}

function parentAcrossShadow(node: Node): Node | null {
  return node.parentNode instanceof ShadowRoot ? node.parentNode.host : node.parentNode;
}

/**
 * The base of every Patchbay element, widgets and form controls alike. It adopts the design tokens as a
 * constructable stylesheet (so it runs under `style-src 'self'`), applies a theme, loads translations
 * and formats numbers, money and dates in the element's locale, makes screen-reader announcements, and
 * aborts its requests when it leaves the page. Widgets add their loading / empty / error / success
 * states through `PatchbayWidget`, which lives outside the shared chunk.
 *
 * @summary Base element: tokens, theme, locale, announcements, typed `pb-*` events.
 *
 * @attr theme - `light`, `dark`, `high-contrast`, or `auto` to follow the fan's system. Unset, an
 *   element inside another Patchbay element inherits its theme; an outermost one is light.
 * @attr locale - BCP 47 language tag for text, numbers, money and dates. Unset, the nearest `lang`
 *   attribute, then the browser's language. Right-to-left languages lay out right to left.
 *
 * @cssstate pb-root - The outermost Patchbay element; it declares the token values.
 */
export class PatchbayElement extends LitElement {
  static override styles = [tokenStyles, baseStyles];

  /** The message catalogs this element reads; their translation for its locale loads before it renders in it. */
  static catalogs: Catalog<string>[] = [];

  // Declared without decorators: this class is in every page's shared chunk, the decorators need not be.
  static override properties: PropertyDeclarations = {
    theme: { reflect: true },
    locale: {},
    politeText: { state: true },
    assertiveText: { state: true },
  };

  theme: ThemeOption | undefined;

  locale: string | undefined;

  /** What the live regions read; set through `announce()`. */
  protected politeText = '';
  protected assertiveText = '';

  protected readonly internals: ElementInternals;

  #abort = new AbortController();
  #translations: Promise<unknown> = Promise.resolve();
  #translatedFor = '';
  #ownsDir = false;
  #announcementTurn = 0;

  constructor() {
    super();
    (this as { [BRAND]?: true })[BRAND] = true;
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
    this.toggleState('pb-root', !this.#hasPatchbayAncestor());
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

  /** Turns a custom state (`:state(name)`) on or off. */
  protected toggleState(name: string, on: boolean): void {
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
    // The check itself, not only the warning, is development-only, so production builds drop it.
    if (import.meta.env.DEV && changed.has('theme') && this.theme && !THEME_OPTIONS.includes(this.theme)) {
      console.warn(
        `<${this.localName}> theme="${this.theme}" is not one of ${THEME_OPTIONS.join(', ')}; the inherited theme applies.`,
      );
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

  /** Settles once the translations for the element's current locale have loaded (or failed to). */
  protected get translationsLoaded(): Promise<unknown> {
    return this.#translations;
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

  /** A string from a widget's own catalog in this element's locale. */
  protected localize<Key extends string>(catalog: Catalog<Key>, key: Key, params?: MessageParams): string {
    return translate(catalog, this.resolvedLocale, key, params);
  }

  formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
    return numberFormat(this.resolvedLocale, options).format(value);
  }

  /** Formats an integer amount of minor units (cents) of `currency`. */
  formatMoney(minor: number, currency: string): string {
    return formatMoney(minor, currency, this.resolvedLocale);
  }

  formatDate(date: Date | string | number, options?: Intl.DateTimeFormatOptions): string {
    return dateTimeFormat(this.resolvedLocale, options).format(new Date(date));
  }

  /** Dispatches a typed `pb-*` event from this element; false if a listener cancelled it. */
  emit<E extends PatchbayEvent<unknown>>(event: E): boolean {
    return this.dispatchEvent(event);
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

  /** The element's own content (a slot, unless a subclass renders more) and its live regions. */
  override render(): TemplateResult {
    return html`<slot></slot>${this.renderLiveRegions()}`;
  }

  /** Visually hidden live regions; present from the first render so that screen readers track them. */
  protected renderLiveRegions(): TemplateResult {
    return html`<div class="pb-sr-only" role="status" aria-live="polite" aria-atomic="true">
        ${this.politeText}
      </div>
      <div class="pb-sr-only" role="alert" aria-atomic="true">${this.assertiveText}</div>`;
  }
}

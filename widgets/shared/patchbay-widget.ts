import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { statusTokens } from '../../design-tokens/generated/components/status.styles.ts';
import type { ApiClient, ApiError } from './api-client.ts';
import { PbErrorEvent, type PatchbayEvent } from './events.ts';
import type { Catalog, MessageParams } from './messages.ts';
import { PatchbayElement } from './patchbay-element.ts';
import { sharedMessages, type SharedMessageKey } from './shared.messages.ts';

export const WIDGET_STATUSES = ['ready', 'loading', 'empty', 'error', 'success'] as const;
export type WidgetStatus = (typeof WIDGET_STATUSES)[number];

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

/** Apps whose widget already reported this page view: several widgets of one app count once. */
const openedApps = new Set<string>();

// By name rather than instanceof, so the client class stays out of the chunks that do not call the API.
function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && error.name === 'ApiError';
}

/**
 * The base of every widget (`<pb-tip-jar>`, `<pb-request-form>`, …): a `PatchbayElement` that shows
 * loading / empty / error / success states with screen-reader announcements, and turns failures into
 * sentences a fan understands. Form controls do not need any of this, so it lives in its own module
 * (the `widget` chunk), outside the shared chunk every Patchbay element loads.
 *
 * @summary Widget base: loading, empty, error and success states over the base element.
 *
 * @attr preview - Shown in the creator console: the widget does not count as a page view.
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
 * @cssstate loading - Waiting for the server.
 * @cssstate empty - Loaded, with nothing to show.
 * @cssstate error - Something failed.
 * @cssstate success - The fan finished.
 */
export class PatchbayWidget extends PatchbayElement {
  static override styles = [...PatchbayElement.styles, statusTokens, statusStyles];

  static override catalogs: Catalog<string>[] = [...PatchbayElement.catalogs, sharedMessages];

  static override properties: PropertyDeclarations = {
    status: { state: true },
    statusMessage: { state: true },
  };

  /** Which state the element shows. Set it through `setStatus()` so the custom state follows. */
  protected status: WidgetStatus = 'ready';

  /** The text of the current empty, error or success panel. */
  protected statusMessage = '';

  #retry: (() => unknown) | undefined;

  /**
   * The first `pb-ready` also tells the server a fan opened the widget (insights' conversion starts
   * there): once per app and page view, as a beacon, so it never delays or fails the widget.
   */
  override emit<E extends PatchbayEvent<unknown>>(event: E): boolean {
    const dispatched = super.emit(event);
    // Every widget has the `app` and `api-base` attributes (as `app` and `apiBase`).
    const { app, apiBase } = this as { app?: unknown; apiBase?: unknown };
    if (
      event.type === 'pb-ready' &&
      typeof app === 'string' &&
      app &&
      !this.hasAttribute('preview') &&
      !openedApps.has(app)
    ) {
      openedApps.add(app);
      try {
        navigator.sendBeacon(
          `${typeof apiBase === 'string' && apiBase ? apiBase : location.origin}/api/public/apps/${encodeURIComponent(app)}/opens`,
        );
      } catch {
        // No beacons here (or refused by the page's policy): the page view goes uncounted.
      }
    }
    return dispatched;
  }

  /** A string shared by widgets (states, errors) in this element's locale. */
  protected msg(key: SharedMessageKey, params?: MessageParams): string {
    return this.localize(sharedMessages, key, params);
  }

  protected setStatus(status: WidgetStatus, message = ''): void {
    for (const s of WIDGET_STATUSES) if (s !== 'ready') this.toggleState(s, s === status);
    this.status = status;
    this.statusMessage = message;
  }

  /**
   * Runs `task` with the element's abort signal, showing the loading state meanwhile, then the
   * ready, empty or error state. The error state's "try again" button runs `options.retry`, or else
   * the same load again; pass `retry` when the caller does more with the result than `load` does.
   */
  protected async load<T>(
    task: (signal: AbortSignal) => Promise<T>,
    options: { isEmpty?: (value: T) => boolean; emptyMessage?: string; retry?: () => unknown } = {},
  ): Promise<T | undefined> {
    this.#retry = options.retry ?? (() => this.load(task, options));
    this.setStatus('loading');
    void this.announce(this.msg('loading'));
    try {
      const value = await task(this.signal);
      // The outcome is described in the fan's language, so wait for its translation if it is still loading.
      await this.translationsLoaded;
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
      await this.translationsLoaded;
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
        return this.renderLoading();
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

  /**
   * True when this widget is the page's own content (inline mode), false inside its frame. A frame on
   * someone else's page never holds a card form, so it opens the pay window; inline, the card form
   * shows right in the widget (`renderPayment`).
   */
  protected get paysInPage(): boolean {
    return window === window.top;
  }

  /**
   * While the fan pays: what they pay, why an attempt failed, and how to pay. Inline, that is the card
   * form itself (`pb-pay-step`, loaded here the first time it shows); in a frame, a button that opens
   * the pay window again.
   */
  protected renderPayment(
    part: string,
    {
      notice,
      noticeHere = '',
      error,
      client,
      payment,
      again,
      onDone,
      openWindow,
    }: {
      /** What the fan pays, in a frame (where the pay window is). */
      notice: string;
      /** The same inline, where the card form is right below; nothing when its button says it all. */
      noticeHere?: string;
      /** Why the last attempt failed. */
      error: string;
      client: ApiClient;
      payment: { id: string; clientSecret: string };
      again: string;
      onDone(): void;
      openWindow(): void;
    },
  ): TemplateResult {
    const here = this.paysInPage;
    // The card step's code comes only to a page that shows it (a frame never does).
    if (here) void import('./pay-step.ts');
    const text = here ? noticeHere : notice;
    return html`<div part=${part}>
      ${text ? html`<p role="status">${text}</p>` : nothing}
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      ${
        here
          ? html`<pb-pay-step
              .client=${client}
              .payment=${payment}
              @pb-pay-step-done=${onDone}
              @pb-pay-step-fallback=${openWindow}
            ></pb-pay-step>`
          : html`<button type="button" @click=${openWindow}>${again}</button>`
      }
    </div>`;
  }

  /** The loading state; a widget still fetching what its first view needs shows it too. */
  protected renderLoading(): TemplateResult {
    return html`<div part="status loading">
      <span class="spinner" aria-hidden="true"></span>${this.msg('loading')}
    </div>`;
  }

  /** What the widget shows once loaded; widgets override it. */
  protected renderReady(): TemplateResult {
    return html`<slot></slot>`;
  }
}

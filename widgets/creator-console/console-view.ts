import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PatchbayElement } from '../shared/patchbay-element.ts';
import { ConsoleApi, problemText } from './console-api.ts';
import { consoleStyles } from './creator-console.styles.ts';
import type { ConsoleApp } from './creator-console.types.ts';

/**
 * The base of the console's views: the API client and the creator's apps come from the console, and
 * each action reports how it went in one status line (a problem as an alert, success politely).
 */
export class ConsoleView extends PatchbayElement {
  static override styles = [...PatchbayElement.styles, consoleStyles];

  @property({ attribute: false }) api: ConsoleApi = new ConsoleApi();
  @property({ attribute: false }) apps: ConsoleApp[] = [];

  @state() protected busy = false;
  @state() protected problem = '';
  @state() protected notice = '';

  /**
   * Runs `task`, showing `success` after it or the server's explanation if it failed. A task with no
   * success message (a read, such as the reload after an action) leaves the last action's message up.
   */
  protected async act<T>(task: () => Promise<T>, success = ''): Promise<T | undefined> {
    this.busy = true;
    this.problem = '';
    if (success) this.notice = '';
    try {
      const result = await task();
      if (success) this.notice = success;
      return result;
    } catch (error) {
      this.problem = problemText(error);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  protected appName(appId: string): string {
    return this.apps.find((app) => app.id === appId)?.name ?? 'an app';
  }

  protected money(minor: number, currency: string | null | undefined): string {
    return currency ? this.formatMoney(minor, currency) : String(minor);
  }

  protected renderStatusLine(): TemplateResult | typeof nothing {
    return html`${this.problem ? html`<div class="banner" role="alert">${this.problem}</div>` : nothing}
      <div role="status" class=${this.notice ? 'success' : ''}>${this.notice}</div>`;
  }
}

/** Asks the console to show another view (`#/queue`, `#/apps/<id>/publish`, …). */
export function go(hash: string): void {
  location.hash = hash;
}

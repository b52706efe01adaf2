import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiClient } from '../shared/api-client.ts';
import { PatchbayElement, customElement } from '../shared/patchbay-element.ts';
import { tipJarMonthlyMessages, type TipJarMonthlyMessageKey } from './tip-jar-monthly.messages.ts';
import type { StartedTip } from './tip-jar.types.ts';

/**
 * The tip jar's thank-you state after a first monthly payment: what renews, and a button that stops it
 * (`cancelTipSubscription`, with the secret `createTip` gave). It renders into the tip jar's own shadow
 * tree, so it wears the tip jar's styles, and comes with the pay step (`tip-jar-pay.ts`), so a page
 * that only shows the form never downloads it.
 *
 * @summary Monthly support in the tip jar's thank-you state: the renewal note and "stop".
 *
 * @csspart monthly - The note and its button.
 */
@customElement('pb-tip-jar-monthly')
export class PbTipJarMonthly extends PatchbayElement {
  static override catalogs = [tipJarMonthlyMessages];

  /** The paid tip; nothing shows unless it started monthly support. */
  @property({ attribute: false }) tip: StartedTip | undefined;

  @state() private outcome: 'stopped' | 'stop-failed' | undefined;
  @state() private busy = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private t(key: TipJarMonthlyMessageKey, params?: Record<string, string | number>): string {
    return this.localize(tipJarMonthlyMessages, key, params);
  }

  private async stop(): Promise<void> {
    const subscription = this.tip?.subscription;
    if (!subscription || this.busy) return;
    this.busy = true;
    const url = new URL(subscription.cancelUrl);
    try {
      await new ApiClient({ baseUrl: url.origin }).post(url.pathname, {
        cancelSecret: subscription.cancelSecret,
      });
      this.outcome = 'stopped';
    } catch {
      this.outcome = 'stop-failed';
    } finally {
      this.busy = false;
    }
    // The button is gone once stopped: the note that says so takes the focus, and is read out.
    await this.updateComplete;
    if (this.outcome === 'stopped') this.querySelector<HTMLElement>('[role=status]')?.focus();
  }

  override render(): TemplateResult {
    const tip = this.tip;
    if (!tip?.subscription) return html``;
    const stopped = this.outcome === 'stopped';
    return html`<div part="monthly">
      <p role="status" tabindex="-1">
        ${this.t(this.outcome ?? 'renews', { amount: this.formatMoney(tip.amount, tip.currency) })}
      </p>
      ${
        stopped
          ? nothing
          : html`<button type="button" ?disabled=${this.busy} @click=${this.stop}>${this.t('stop')}</button>`
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-tip-jar-monthly': PbTipJarMonthly;
  }
}

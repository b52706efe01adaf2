import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ConsoleView } from './console-view.ts';

interface ReviewItem {
  id: string;
  appId: string;
  subjectType: string;
  reasons: Array<{ code: string; detail: string }>;
  excerpt: string | null;
  status: string;
  createdAt: string;
}

/**
 * The review queue: what moderation held (a tip's message, a request), why, and the creator's call.
 * Approving lets it through (a tip's message reaches the overlay); rejecting needs a reason the fan sees.
 *
 * @summary The moderation review queue.
 */
@customElement('pb-console-reviews')
export class PbConsoleReviews extends ConsoleView {
  @state() private items: ReviewItem[] = [];
  @state() private rejecting: { id: string; reason: string } | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  private async reload(): Promise<void> {
    const page = await this.act(() => this.api.get<{ items: ReviewItem[] }>('/moderation/review-items'));
    if (page) this.items = page.items;
  }

  private async decide(id: string, decision: 'approve' | 'reject', reason?: string): Promise<void> {
    const done = await this.act(
      () =>
        this.api.post(`/moderation/review-items/${id}/decision`, { decision, ...(reason ? { reason } : {}) }),
      decision === 'approve'
        ? 'Approved: it goes on as if it had never been held.'
        : 'Rejected: the fan sees your reason.',
    );
    if (done) {
      this.rejecting = undefined;
      await this.reload();
    }
  }

  private renderItem(item: ReviewItem): TemplateResult {
    const rejecting = this.rejecting?.id === item.id ? this.rejecting : undefined;
    return html`<li class="card">
      <p>
        <span class="badge">${item.subjectType}</span> in ${this.appName(item.appId)} ·
        <span class="muted">${new Date(item.createdAt).toLocaleString(this.resolvedLocale)}</span>
      </p>
      <blockquote>${item.excerpt ?? '(no text)'}</blockquote>
      <ul>
        ${item.reasons.map((reason) => html`<li>${reason.detail}</li>`)}
      </ul>
      ${
        rejecting
          ? html`<form
              @submit=${(e: Event) => {
                e.preventDefault();
                if (rejecting.reason.trim()) void this.decide(item.id, 'reject', rejecting.reason.trim());
                else this.problem = 'Say why: the fan sees the reason.';
              }}
            >
              <div class="field">
                <label for=${`reason-${item.id}`}>Why (the fan sees this)</label>
                <input
                  id=${`reason-${item.id}`}
                  .value=${rejecting.reason}
                  @input=${(e: Event) => (this.rejecting = { id: item.id, reason: (e.currentTarget as HTMLInputElement).value })}
                />
              </div>
              <div class="row">
                <button class="danger" type="submit">Reject</button>
                <button type="button" @click=${() => (this.rejecting = undefined)}>Cancel</button>
              </div>
            </form>`
          : html`<div class="row">
              <button
                class="primary"
                type="button"
                ?disabled=${this.busy}
                @click=${() => void this.decide(item.id, 'approve')}
              >
                Approve
              </button>
              <button
                type="button"
                ?disabled=${this.busy}
                @click=${() => (this.rejecting = { id: item.id, reason: '' })}
              >
                Reject…
              </button>
            </div>`
      }
    </li>`;
  }

  override render(): TemplateResult {
    return html`<h1>Review queue</h1>
      <div class="next">
        <p>
          ${
            this.items.length
              ? `${this.items.length} held for you. Approve what is fine; reject the rest with a reason.`
              : 'Nothing is held. Messages and requests that look like spam or break your rules wait here.'
          }
        </p>
      </div>
      ${this.renderStatusLine()}
      ${
        this.items.length
          ? html`<ul class="plain">
              ${this.items.map((item) => this.renderItem(item))}
            </ul>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-console-reviews': PbConsoleReviews;
  }
}

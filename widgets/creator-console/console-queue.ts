import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ConsoleView } from './console-view.ts';
import type { ConsoleRequest } from './creator-console.types.ts';

/** The queue's filters: which states each shows. */
export const QUEUE_FILTERS = {
  waiting: { label: 'Waiting for you', states: 'queued' },
  working: { label: 'Accepted, to deliver', states: 'accepted' },
  held: { label: 'Held for review', states: 'held' },
  done: { label: 'Delivered', states: 'fulfilled,closed' },
  declined: { label: 'Rejected or refunded', states: 'rejected,refunded,expired' },
  all: { label: 'Everything', states: '' },
} as const;
export type QueueFilter = keyof typeof QUEUE_FILTERS;

type Pending = { kind: 'reject' | 'complete'; ids: string[]; text: string } | undefined;

/** What the creator reads of a request: its answers as "label: value" lines, fan text as text. */
function answerLines(request: ConsoleRequest): string[] {
  return Object.entries(request.answers)
    .filter(([, value]) => typeof value === 'string' || typeof value === 'number')
    .map(([key, value]) => `${key}: ${String(value)}`);
}

/**
 * The request queue: filter by app, state and text, work it with the mouse or the keyboard (j/k to
 * move, a to accept, r to reject with a reason, c to complete with a note, x to select), and accept
 * or reject several at once. The list follows new requests live (the app's event stream).
 *
 * @summary The creator's request queue.
 */
@customElement('pb-console-queue')
export class PbConsoleQueue extends ConsoleView {
  @state() private appId = '';
  @state() private filter: QueueFilter = 'waiting';
  @state() private search = '';
  @state() private requests: ConsoleRequest[] = [];
  @state() private nextCursor: string | null = null;
  @state() private cursor = 0;
  @state() private selected = new Set<string>();
  @state() private pending: Pending;
  @state() private loaded = false;

  #events: EventSource | undefined;

  private get formApps() {
    return this.apps.filter((app) => app.type === 'request-form');
  }

  private get shown(): ConsoleRequest[] {
    const needle = this.search.trim().toLowerCase();
    if (!needle) return this.requests;
    return this.requests.filter((r) =>
      [r.fanName ?? '', ...answerLines(r), r.note ?? ''].some((text) => text.toLowerCase().includes(needle)),
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('apps') && !this.loaded) void this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#events?.close();
  }

  private async reload(append = false): Promise<void> {
    const query = new URLSearchParams({ limit: '100' });
    if (this.appId) query.set('appId', this.appId);
    const states = QUEUE_FILTERS[this.filter].states;
    if (states) query.set('state', states);
    if (append && this.nextCursor) query.set('cursor', this.nextCursor);
    const page = await this.act(() =>
      this.api.get<{ requests: ConsoleRequest[]; nextCursor: string | null }>(`/requests?${query}`),
    );
    this.loaded = true;
    if (!page) return;
    // The queue reads oldest first: the next request to play is at the top.
    const ordered =
      this.filter === 'waiting' || this.filter === 'working' ? [...page.requests].reverse() : page.requests;
    this.requests = append ? [...this.requests, ...ordered] : ordered;
    this.nextCursor = page.nextCursor;
    this.cursor = Math.min(this.cursor, Math.max(0, this.shown.length - 1));
    this.selected = new Set([...this.selected].filter((id) => this.requests.some((r) => r.id === id)));
    this.follow();
  }

  /** New requests and moves made elsewhere (another tab, the API) show without a reload. */
  private follow(): void {
    const appId = this.appId || (this.formApps.length === 1 ? this.formApps[0]!.id : '');
    if (this.#events?.url.includes(`/apps/${appId}/`) || !appId || typeof EventSource === 'undefined') return;
    this.#events?.close();
    this.#events = new EventSource(`/api/apps/${appId}/events`);
    for (const type of ['request.queued', 'request.accepted', 'request.fulfilled', 'request.rejected']) {
      this.#events.addEventListener(type, () => {
        if (!this.busy && !this.pending) void this.reload();
      });
    }
  }

  private current(): ConsoleRequest | undefined {
    return this.shown[this.cursor];
  }

  private targets(): string[] {
    if (this.selected.size > 0) return [...this.selected];
    const request = this.current();
    return request ? [request.id] : [];
  }

  private async accept(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const done = await this.act(
      async () => {
        for (const id of ids) await this.api.post(`/requests/${id}/accept`);
        return true;
      },
      ids.length === 1
        ? `Accepted${this.requests.find((r) => r.id === ids[0])?.amount ? ': the fan is charged now' : ''}. Deliver it, then complete it (c).`
        : `${ids.length} requests accepted.`,
    );
    if (done) {
      this.selected = new Set();
      await this.reload();
    }
  }

  private async finishPending(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    const text = pending.text.trim();
    if (!text) {
      this.problem =
        pending.kind === 'reject'
          ? 'Say why: the fan sees the reason.'
          : 'Write a note for the fan: a link to the result, a thank-you.';
      return;
    }
    const done = await this.act(
      async () => {
        for (const id of pending.ids) {
          await this.api.post(
            `/requests/${id}/${pending.kind}`,
            pending.kind === 'reject' ? { reason: text } : { note: text },
          );
        }
        return true;
      },
      pending.kind === 'reject'
        ? `${pending.ids.length === 1 ? 'Rejected' : `${pending.ids.length} rejected`}: the fan sees why, and gets their money back.`
        : 'Delivered: the fan sees your note.',
    );
    if (done) {
      this.pending = undefined;
      this.selected = new Set();
      await this.reload();
      this.focusList();
    }
  }

  /** The request's card payment is named by its history (the `paid` move); refunding it returns everything. */
  private async refund(request: ConsoleRequest): Promise<void> {
    const history = await this.act(() =>
      this.api.get<{ events: Array<{ payload: Record<string, unknown> }> }>(
        `/requests/${request.id}/history`,
      ),
    );
    const paymentId = history?.events.map((e) => e.payload.paymentId).find((id) => typeof id === 'string');
    if (!history) return;
    if (typeof paymentId !== 'string') {
      this.problem = 'This request was not paid by card, so there is nothing to refund.';
      return;
    }
    const done = await this.act(
      () => this.api.post(`/payments/${paymentId}/refunds`, { reason: 'requested_by_customer' }),
      'Refunded: the money is on its way back to the fan.',
    );
    if (done !== undefined) await this.reload();
  }

  private ask(kind: 'reject' | 'complete', ids = this.targets()): void {
    if (ids.length === 0) return;
    this.pending = { kind, ids, text: '' };
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector('#pending-text') as HTMLTextAreaElement | null)?.focus(),
    );
  }

  private focusList(): void {
    (this.renderRoot.querySelector('#queue-list') as HTMLElement | null)?.focus();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey || this.pending) return;
    const shown = this.shown;
    const request = this.current();
    switch (event.key) {
      case 'j':
        this.cursor = Math.min(shown.length - 1, this.cursor + 1);
        break;
      case 'k':
        this.cursor = Math.max(0, this.cursor - 1);
        break;
      case 'x':
        if (request) {
          const next = new Set(this.selected);
          if (next.has(request.id)) next.delete(request.id);
          else next.add(request.id);
          this.selected = next;
        }
        break;
      case 'a':
        void this.accept(
          this.targets().filter((id) => this.requests.find((r) => r.id === id)?.state === 'queued'),
        );
        break;
      case 'r':
        this.ask('reject');
        break;
      case 'c':
        this.ask('complete');
        break;
      default:
        return;
    }
    event.preventDefault();
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector('tr[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' }),
    );
  }

  private renderPending(): TemplateResult | typeof nothing {
    const pending = this.pending;
    if (!pending) return nothing;
    const reject = pending.kind === 'reject';
    const count = pending.ids.length;
    return html`<form
      class="card"
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.finishPending();
      }}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape') {
          this.pending = undefined;
          this.focusList();
        }
      }}
    >
      <div class="field">
        <label for="pending-text">
          ${reject ? `Why are you rejecting ${count === 1 ? 'this request' : `${count} requests`}?` : 'Your note for the fan'}
        </label>
        <span class="hint"
          >${reject ? 'The fan sees this, and is refunded.' : 'A link to the result, a thank-you. Enter to send, Escape to cancel.'}</span
        >
        <textarea
          id="pending-text"
          rows="2"
          .value=${pending.text}
          @input=${(e: Event) => (this.pending = { ...pending, text: (e.currentTarget as HTMLTextAreaElement).value })}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              void this.finishPending();
            }
          }}
        ></textarea>
      </div>
      <div class="row">
        <button class=${reject ? 'danger' : 'primary'} type="submit" ?disabled=${this.busy}>
          ${reject ? 'Reject and refund' : 'Mark delivered'}
        </button>
        <button type="button" @click=${() => (this.pending = undefined)}>Cancel</button>
      </div>
    </form>`;
  }

  private renderRow(request: ConsoleRequest, index: number): TemplateResult {
    const current = index === this.cursor;
    const checked = this.selected.has(request.id);
    return html`<tr
      aria-selected=${current ? 'true' : 'false'}
      @click=${() => (this.cursor = index)}
      data-request=${request.id}
    >
      <td>
        <input
          type="checkbox"
          aria-label=${`Select the request from ${request.fanName ?? 'an anonymous fan'}`}
          .checked=${checked}
          tabindex="-1"
          @change=${(e: Event) => {
            const next = new Set(this.selected);
            if ((e.currentTarget as HTMLInputElement).checked) next.add(request.id);
            else next.delete(request.id);
            this.selected = next;
          }}
        />
      </td>
      <td>
        <strong>${request.fanName ?? 'Anonymous'}</strong>
        ${request.priority ? html`<span class="badge">priority</span>` : nothing}
        ${answerLines(request).map((line) => html`<div>${line}</div>`)}
        ${request.note ? html`<div class="muted">Your note: ${request.note}</div>` : nothing}
        ${request.reason ? html`<div class="muted">Reason: ${request.reason}</div>` : nothing}
      </td>
      <td>${request.amount ? this.money(request.amount, request.currency) : 'Free'}</td>
      <td>
        <span class="badge">${request.state}</span>${request.position ? html` #${request.position}` : nothing}
      </td>
      <td>${this.appName(request.appId)}</td>
      <td>
        <div class="row">
          ${
            request.state === 'queued'
              ? html`<button type="button" tabindex="-1" @click=${() => void this.accept([request.id])}>
                  Accept
                </button>`
              : nothing
          }
          ${
            request.state === 'queued' || request.state === 'accepted'
              ? html`<button type="button" tabindex="-1" @click=${() => this.ask('complete', [request.id])}>
                    Complete
                  </button>
                  <button type="button" tabindex="-1" @click=${() => this.ask('reject', [request.id])}>
                    Reject
                  </button>`
              : nothing
          }
          ${
            request.state === 'fulfilled' && request.paymentMethod === 'card'
              ? html`<button type="button" tabindex="-1" @click=${() => void this.refund(request)}>
                  Refund
                </button>`
              : nothing
          }
        </div>
      </td>
    </tr>`;
  }

  override render(): TemplateResult {
    const shown = this.shown;
    const bulk = this.selected.size;
    return html`<h1>Requests</h1>
      ${
        this.formApps.length === 0
          ? html`<div class="next">
              <p>You have no request form yet. Create one and its requests arrive here.</p>
              <a class="button primary" href="#/new">Create a request form</a>
            </div>`
          : html`<div class="next">
              <p>
                ${
                  shown.length
                    ? `Work from the top: ${this.filter === 'waiting' ? 'accept what you will do (a), reject what you will not (r), complete what is done (c).' : 'j and k move, x selects.'}`
                    : this.filter === 'waiting'
                      ? 'Nothing is waiting. New requests appear here as fans send them.'
                      : 'Nothing here.'
                }
              </p>
            </div>`
      }
      ${this.renderStatusLine()}
      <form class="row card" role="search" @submit=${(e: Event) => e.preventDefault()}>
        <label for="queue-app">App</label>
        <select
          id="queue-app"
          @change=${(e: Event) => {
            this.appId = (e.currentTarget as HTMLSelectElement).value;
            void this.reload();
          }}
        >
          <option value="">All request forms</option>
          ${this.formApps.map((app) => html`<option value=${app.id} ?selected=${app.id === this.appId}>${app.name}</option>`)}
        </select>
        <label for="queue-filter">Show</label>
        <select
          id="queue-filter"
          @change=${(e: Event) => {
            this.filter = (e.currentTarget as HTMLSelectElement).value as QueueFilter;
            this.cursor = 0;
            void this.reload();
          }}
        >
          ${Object.entries(QUEUE_FILTERS).map(
            ([value, { label }]) =>
              html`<option value=${value} ?selected=${value === this.filter}>${label}</option>`,
          )}
        </select>
        <label for="queue-search">Search</label>
        <input
          id="queue-search"
          type="search"
          .value=${this.search}
          @input=${(e: Event) => {
            this.search = (e.currentTarget as HTMLInputElement).value;
            this.cursor = 0;
          }}
        />
      </form>
      ${
        bulk
          ? html`<div class="row card" role="group" aria-label="With the selected requests">
              <span>${bulk} selected</span>
              <button type="button" @click=${() => void this.accept([...this.selected])}>Accept all</button>
              <button type="button" @click=${() => this.ask('reject')}>Reject all</button>
              <button type="button" class="link" @click=${() => (this.selected = new Set())}>
                Clear the selection
              </button>
            </div>`
          : nothing
      }
      ${this.renderPending()}
      <div
        id="queue-list"
        class="card"
        tabindex="0"
        role="region"
        aria-label="Request list. Keys: j next, k previous, a accept, r reject, c complete, x select."
        aria-describedby="queue-keys"
        @keydown=${this.onKey}
      >
        <table>
          <caption class="pb-sr-only">
            Requests
          </caption>
          <thead>
            <tr>
              <th scope="col"><span class="pb-sr-only">Selected</span></th>
              <th scope="col">Request</th>
              <th scope="col">Paid</th>
              <th scope="col">State</th>
              <th scope="col">App</th>
              <th scope="col"><span class="pb-sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            ${shown.map((request, index) => this.renderRow(request, index))}
          </tbody>
        </table>
        ${this.nextCursor ? html`<button type="button" @click=${() => void this.reload(true)}>Load more</button>` : nothing}
      </div>
      <p id="queue-keys" class="muted">
        Keyboard: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>a</kbd> accept, <kbd>r</kbd> reject,
        <kbd>c</kbd> complete, <kbd>x</kbd> select for a bulk action.
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-console-queue': PbConsoleQueue;
  }
}

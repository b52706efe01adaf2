import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ROUTE_EVENT_TYPES } from '../../backend/domain/routing/routing-types.ts';
import { ApiError } from '../shared/api-client.ts';
import { ConsoleView } from './console-view.ts';

interface Route {
  id: string;
  appId: string;
  name: string;
  eventTypes: string[];
  destination: { type: string; url?: string; to?: string };
  status: string;
  disabledReason: string | null;
  secret?: string;
}

interface Delivery {
  id: string;
  eventType: string;
  status: string;
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
}

const DESTINATIONS = [
  { value: 'discord', label: 'A Discord channel (webhook URL)' },
  { value: 'email', label: 'An email address' },
  { value: 'webhook', label: 'A webhook (signed, for automations)' },
] as const;

/**
 * Routes: where paid, accepted requests and tips go (Discord, email, a signed webhook), their recent
 * deliveries with status codes and errors, and a test event to check one works.
 *
 * @summary Routes with their delivery log and "send test".
 */
@customElement('pb-console-routes')
export class PbConsoleRoutes extends ConsoleView {
  @state() private routes: Route[] = [];
  @state() private deliveries: Record<string, Delivery[]> = {};
  @state() private form = {
    appId: '',
    name: 'New requests',
    type: 'discord' as string,
    target: '',
    events: new Set<string>(['request.queued', 'tip.received']),
  };
  @state() private errors: Record<string, string> = {};
  @state() private secret = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  private async reload(): Promise<void> {
    const listed = await this.act(() => this.api.get<{ routes: Route[] }>('/routes'));
    if (listed) this.routes = listed.routes;
  }

  private async showDeliveries(route: Route): Promise<void> {
    const listed = await this.act(() =>
      this.api.get<{ deliveries: Delivery[] }>(`/deliveries?routeId=${route.id}&limit=20`),
    );
    if (listed) this.deliveries = { ...this.deliveries, [route.id]: listed.deliveries };
  }

  private async sendTest(route: Route): Promise<void> {
    const sent = await this.act(
      () => this.api.post(`/routes/${route.id}/test`),
      `A test event is on its way to ${route.name}; its delivery shows below in a moment.`,
    );
    if (sent !== undefined) setTimeout(() => void this.showDeliveries(route), 1500);
  }

  private async deleteRoute(route: Route): Promise<void> {
    await this.act(() => this.api.delete(`/routes/${route.id}`), `${route.name} deleted.`);
    await this.reload();
  }

  private async create(): Promise<void> {
    const form = this.form;
    const appId = form.appId || this.apps[0]?.id;
    this.errors = {};
    try {
      const destination =
        form.type === 'email'
          ? { type: 'email', to: form.target.trim() }
          : { type: form.type, url: form.target.trim() };
      const route = await this.api.post<Route>(`/apps/${appId}/routes`, {
        name: form.name,
        eventTypes: [...form.events],
        destination,
      });
      this.secret = route.secret ?? '';
      this.notice = `${route.name} is on. Send a test to check it arrives.`;
      await this.reload();
    } catch (error) {
      if (error instanceof ApiError) this.errors = { ...error.fieldErrors };
      this.problem =
        error instanceof ApiError
          ? (error.problem?.detail ?? 'The route could not be saved.')
          : 'The route could not be saved.';
    }
  }

  private renderRoute(route: Route): TemplateResult {
    const deliveries = this.deliveries[route.id];
    return html`<section class="card">
      <h2>${route.name} <span class="badge">${route.status}</span></h2>
      <p class="muted">
        ${this.appName(route.appId)} → ${route.destination.type}
        ${route.destination.url ?? route.destination.to ?? ''} · on ${route.eventTypes.join(', ')}
      </p>
      ${route.disabledReason ? html`<p class="error">${route.disabledReason}</p>` : nothing}
      <div class="row">
        <button type="button" @click=${() => void this.sendTest(route)}>Send test</button>
        <button type="button" @click=${() => void this.showDeliveries(route)}>Delivery log</button>
        <button type="button" class="danger" @click=${() => void this.deleteRoute(route)}>Delete</button>
      </div>
      ${
        deliveries
          ? html`<table>
              <caption>
                Recent deliveries
              </caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Answer</th>
                </tr>
              </thead>
              <tbody>
                ${
                  deliveries.length === 0
                    ? html`<tr>
                        <td colspan="5">None yet.</td>
                      </tr>`
                    : nothing
                }
                ${deliveries.map(
                  (d) =>
                    html`<tr>
                      <td>${new Date(d.createdAt).toLocaleString(this.resolvedLocale)}</td>
                      <td>${d.eventType}</td>
                      <td><span class="badge">${d.status}</span></td>
                      <td>${d.attemptCount}</td>
                      <td>${d.lastStatusCode ?? ''} ${d.lastError ?? ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : nothing
      }
    </section>`;
  }

  override render(): TemplateResult {
    const form = this.form;
    return html`<h1>Routes</h1>
      <div class="next">
        <p>
          ${
            this.routes.length
              ? 'Every route sends as events happen and retries when the other side is down. Send a test to check one.'
              : 'Send new requests and tips somewhere you already look: a Discord channel, your inbox, or an automation.'
          }
        </p>
      </div>
      ${this.renderStatusLine()}
      ${
        this.secret
          ? html`<div class="card">
              <p>
                The webhook's signing secret, shown once: store it where your automation checks signatures.
              </p>
              <pre><code>${this.secret}</code></pre>
            </div>`
          : nothing
      }
      ${this.routes.map((route) => this.renderRoute(route))}
      <form
        class="card"
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.create();
        }}
      >
        <h2>Add a route</h2>
        <div class="field">
          <label for="route-app">App</label>
          <select
            id="route-app"
            @change=${(e: Event) => (this.form = { ...form, appId: (e.currentTarget as HTMLSelectElement).value })}
          >
            ${this.apps.map((app) => html`<option value=${app.id}>${app.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="route-name">Name</label>
          <input
            id="route-name"
            .value=${form.name}
            @input=${(e: Event) => (this.form = { ...form, name: (e.currentTarget as HTMLInputElement).value })}
          />
          <span class="error">${this.errors.name ?? ''}</span>
        </div>
        <div class="field">
          <label for="route-type">Send to</label>
          <select
            id="route-type"
            @change=${(e: Event) => (this.form = { ...form, type: (e.currentTarget as HTMLSelectElement).value })}
          >
            ${DESTINATIONS.map((d) => html`<option value=${d.value} ?selected=${d.value === form.type}>${d.label}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="route-target">${form.type === 'email' ? 'Email address' : 'URL'}</label>
          <input
            id="route-target"
            type=${form.type === 'email' ? 'email' : 'url'}
            .value=${form.target}
            @input=${(e: Event) => (this.form = { ...form, target: (e.currentTarget as HTMLInputElement).value })}
          />
          <span class="error">${this.errors['destination.url'] ?? this.errors['destination.to'] ?? ''}</span>
        </div>
        <fieldset>
          <legend>When</legend>
          ${ROUTE_EVENT_TYPES.map(
            (type) =>
              html`<label class="row">
                <input
                  type="checkbox"
                  .checked=${form.events.has(type)}
                  @change=${(e: Event) => {
                    const events = new Set(form.events);
                    if ((e.currentTarget as HTMLInputElement).checked) events.add(type);
                    else events.delete(type);
                    this.form = { ...form, events };
                  }}
                />
                ${type}
              </label>`,
          )}
          <span class="error">${this.errors.eventTypes ?? ''}</span>
        </fieldset>
        <button class="primary" type="submit">Add the route</button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-console-routes': PbConsoleRoutes;
  }
}

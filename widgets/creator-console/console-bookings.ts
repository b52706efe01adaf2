import { html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ConsoleView } from './console-view.ts';
import { dateTimeFormat } from '../shared/intl.ts';

interface Booking {
  id: string;
  appId: string;
  status: string;
  start: string;
  end: string;
  timeZone: string;
  name: string;
  email: string;
  notes: string | null;
  amount: number;
  currency: string | null;
}

/**
 * Bookings from now on, in start order, with who booked, their notes and what they paid.
 *
 * @summary The creator's upcoming bookings.
 */
@customElement('pb-console-bookings')
export class PbConsoleBookings extends ConsoleView {
  @state() private bookings: Booking[] = [];
  @state() private appId = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  private async reload(): Promise<void> {
    const query = new URLSearchParams({ from: new Date(Date.now() - 3_600_000).toISOString(), limit: '100' });
    if (this.appId) query.set('appId', this.appId);
    const page = await this.act(() => this.api.get<{ bookings: Booking[] }>(`/bookings?${query}`));
    if (page) this.bookings = page.bookings;
  }

  override render(): TemplateResult {
    const calendars = this.apps.filter((app) => app.type === 'booking');
    const when = (booking: Booking) =>
      dateTimeFormat(this.resolvedLocale, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(booking.start),
      );
    return html`<h1>Bookings</h1>
      <div class="next">
        <p>
          ${
            calendars.length === 0
              ? 'You have no booking calendar yet.'
              : this.bookings.length
                ? 'Your sessions from now on. Fans get reminders; cancellations and reschedules show here.'
                : 'No upcoming bookings. Share your calendar so fans can book.'
          }
        </p>
        ${calendars.length === 0 ? html`<a class="button primary" href="#/new">Create a booking calendar</a>` : ''}
      </div>
      ${this.renderStatusLine()}
      <div class="row card">
        <label for="booking-app">Calendar</label>
        <select
          id="booking-app"
          @change=${(e: Event) => {
            this.appId = (e.currentTarget as HTMLSelectElement).value;
            void this.reload();
          }}
        >
          <option value="">All calendars</option>
          ${calendars.map((app) => html`<option value=${app.id}>${app.name}</option>`)}
        </select>
      </div>
      <div class="card">
        <table>
          <caption class="pb-sr-only">
            Bookings
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Notes</th>
              <th scope="col">Paid</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            ${this.bookings.map(
              (b) =>
                html`<tr>
                  <td>${when(b)}</td>
                  <td>
                    ${b.name}
                    <div class="muted">${b.email}</div>
                  </td>
                  <td>${b.notes ?? ''}</td>
                  <td>${b.amount ? this.money(b.amount, b.currency) : 'Free'}</td>
                  <td><span class="badge">${b.status}</span></td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-console-bookings': PbConsoleBookings;
  }
}

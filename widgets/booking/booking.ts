import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../shared/patchbay-element.ts';
import '../shared/controls/pb-slot-picker.ts';
import '../shared/controls/pb-text-area.ts';
import '../shared/controls/pb-text-field.ts';
import type { PayToWidget } from '../../embed-loader/protocol.ts';
import { ApiClient, ApiError } from '../shared/api-client.ts';
import { PbPaidEvent, PbReadyEvent, PbSubmitEvent } from '../shared/events.ts';
import { FAN_SIGN_IN_PROVIDERS, fanSession, type FanSignInProvider } from '../shared/fan-session.ts';
import { PatchbayWidget } from '../shared/patchbay-widget.ts';
import { bookingMessages, type BookingMessageKey } from './booking.messages.ts';
import { bookingStyles } from './booking.styles.ts';
import type {
  BookingEventType,
  BookingField,
  OpenSlot,
  PublicBooking,
  PublicBookingApp,
  SlotsAhead,
  SlotTimes,
} from './booking.types.ts';
import { dateTimeFormat } from '../shared/intl.ts';

/** Where the fan's chosen zone is remembered (the widget origin's storage, never the host page's). */
export const TIME_ZONE_KEY = 'pb-booking-time-zone';
/** How far ahead the widget asks for slots at once: the most one call may ask for (93 days). */
const DAYS_SHOWN = 92;
const PROVIDER_NAMES: Record<FanSignInProvider, string> = {
  twitch: 'Twitch',
  discord: 'Discord',
  google: 'Google',
};

function today(timeZone: string): string {
  return dateTimeFormat('en-CA', { timeZone }).format(new Date());
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The slots the frame carried (`SlotsAhead`) that start on the fan's days from `startDate` to
 * `endDate` in `timeZone`. Starts are in order, so two binary searches find the range, and only a few
 * dozen of them are formatted into a date.
 */
function slotsOnDays(
  ahead: SlotsAhead,
  timeZone: string,
  { startDate, endDate }: { startDate: string; endDate: string },
): SlotTimes[] {
  const day = dateTimeFormat('en-CA', { timeZone });
  let minute = 0;
  const starts = ahead.starts.map((gap) => (minute += gap) * 60_000);
  const firstOn = (date: string) => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (day.format(starts[middle]) < date) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const length = ahead.lengthMinutes * 60_000;
  return starts
    .slice(firstOn(startDate), firstOn(addDays(endDate, 1)))
    .map((start) => ({ start: new Date(start).toISOString(), end: new Date(start + length).toISOString() }));
}

/**
 * Booking: the fan picks a session, a day in a month calendar of the days that have times, and a time
 * on it, all in their own time zone (changeable, and remembered), answers the creator's questions and
 * books. A paid session is held while the fan pays in the pay window, with a countdown; when the hold
 * runs out the fan goes back to picking a time. A calendar that asks for a sign-in offers the sign-in
 * popup. The confirmation offers the calendar invite and the manage link; with `manage-token` the
 * widget shows that booking instead, to cancel (saying what the refund policy gives back) or move it.
 *
 * @summary Booking calendar: event types, slots in the fan's zone, hold countdown, payment, manage link.
 *
 * @attr app - The app id.
 * @attr api-base - Origin of the Patchbay API.
 * @attr time-zone - The zone to show times in at first (otherwise the remembered one or the browser's).
 * @attr manage-token - Show and manage this booking (the confirmation email's link puts it in the page's fragment as `token`).
 *
 * @event pb-ready - The calendar (or the managed booking) loaded.
 * @event pb-submit - The fan booked; for a paid session, payment starts.
 * @event pb-paid - The booking is confirmed; `detail.requestId` is the booking id.
 * @event pb-error - Loading or booking failed; `detail.message` is what the fan saw.
 *
 * @csspart form - The booking form.
 * @csspart holding - The notice and countdown while the fan pays.
 * @csspart confirmation - The confirmation with the invite and manage links.
 * @csspart manage - The managed booking.
 * @csspart submit - The book button.
 * @csspart sign-in - The sign-in buttons, when the calendar asks for a sign-in.
 *
 * @cssproperty --pb-booking-min-height - The height of the widget's box (the snippet reserves it); longer content scrolls inside.
 * @cssproperty --pb-booking-gap - Space between the form's parts.
 */
@customElement('pb-booking')
export class PbBooking extends PatchbayWidget {
  static override styles = [...PatchbayWidget.styles, ...bookingStyles];
  static override catalogs = [...PatchbayWidget.catalogs, bookingMessages];

  @property() app = '';
  @property({ attribute: 'api-base' }) apiBase = '';
  @property({ attribute: 'time-zone' }) timeZone = '';
  @property({ attribute: 'manage-token' }) manageToken = '';

  /** The app as the widget frame inlines it. */
  @property({ attribute: false }) publicApp: PublicBookingApp | undefined;

  @state() private config: PublicBookingApp | undefined;
  @state() private eventTypeId = '';
  @state() private slots: SlotTimes[] | undefined;
  @state() private chosen = '';
  @state() private booking: PublicBooking | undefined;
  @state() private notice = '';
  @state() private busy = false;
  @state() private now = Date.now();
  /** The identity the calendar asked for when a booking was refused for want of it (`twitch`, `email`, …). */
  @state() private signInNeeded: string | undefined;
  @state() private signedInAs = '';
  /** The days the slots were asked for, in the fan's zone: the month calendar's range. */
  @state() private range = { startDate: '', endDate: '' };

  private payWindow: Window | null = null;
  private ticker: ReturnType<typeof setInterval> | undefined;

  private get client(): ApiClient {
    return new ApiClient({
      baseUrl: `${this.apiBase || location.origin}/api`,
      bearer: () => fanSession(this.app)?.token,
    });
  }

  private t(key: BookingMessageKey, params?: Record<string, string | number>): string {
    return this.localize(bookingMessages, key, params);
  }

  private get eventType(): BookingEventType | undefined {
    return this.config?.config.eventTypes.find((type) => type.id === this.eventTypeId);
  }

  private when(start: string): string {
    return dateTimeFormat(this.lang || undefined, {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone: this.timeZone,
    }).format(new Date(start));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.hasUpdated) return;
    let remembered: string | null = null;
    try {
      remembered = localStorage.getItem(TIME_ZONE_KEY);
    } catch {
      // Storage may be blocked in a third-party frame; the browser's zone is the fallback.
    }
    this.timeZone ||= remembered || Intl.DateTimeFormat().resolvedOptions().timeZone;
    // The manage page (linked from the confirmation email) carries the token in its fragment.
    this.manageToken ||= new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
    void (this.manageToken ? this.loadManaged() : this.loadConfig());
  }

  // Only the pay window this element opened, from its origin, is heard; and it is only a cue to ask the API.
  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(
      'message',
      (event) => {
        const payment = this.booking?.payment;
        if (
          payment &&
          this.payWindow &&
          event.source === this.payWindow &&
          event.origin === new URL(payment.payUrl).origin &&
          (event.data as { type?: keyof PayToWidget } | null)?.type === 'pay-result'
        )
          void this.checkBooking();
      },
      { signal: this.signal },
    );
    this.signal.addEventListener('abort', () => clearInterval(this.ticker));
  }

  private async loadConfig(): Promise<void> {
    const app =
      this.publicApp ??
      (await this.load(
        (signal) =>
          this.client.get<PublicBookingApp>(`/public/apps/${encodeURIComponent(this.app)}`, { signal }),
        { retry: () => this.loadConfig() },
      ));
    if (!app) return;
    this.config = app;
    if (app.status !== 'active') this.setStatus('empty', this.t('closed'));
    this.eventTypeId = app.config.eventTypes[0]?.id ?? '';
    await this.loadSlots(app.slotsAhead);
    this.emit(new PbReadyEvent({ widget: this.widgetName }));
  }

  private async loadManaged(): Promise<void> {
    const booking = await this.load((signal) =>
      this.client.get<PublicBooking>(`/public/bookings/${encodeURIComponent(this.manageToken)}`, { signal }),
    );
    if (!booking) return;
    this.booking = booking;
    this.eventTypeId = booking.eventTypeId;
    this.app ||= (booking as unknown as { appId: string }).appId;
    await this.loadSlots();
    this.emit(new PbReadyEvent({ widget: this.widgetName }));
  }

  #slotsTurn = 0;

  /** The slots of the fan's days: from what the frame carried (`ahead`) when it has them, else the API. */
  private async loadSlots(ahead?: SlotsAhead): Promise<void> {
    if (!this.eventTypeId || !this.app) {
      this.slots = [];
      return;
    }
    const startDate = today(this.timeZone);
    const range = { startDate, endDate: addDays(startDate, DAYS_SHOWN - 1) };
    // A fan who changes zone and event type quickly starts two loads: only the last one may show.
    const turn = ++this.#slotsTurn;
    if (ahead?.eventTypeId === this.eventTypeId) {
      this.range = range;
      this.slots = slotsOnDays(ahead, this.timeZone, range);
      this.chosen = '';
      return;
    }
    try {
      const result = await this.client.get<{ slots: OpenSlot[] }>(
        `/public/apps/${encodeURIComponent(this.app)}/slots`,
        {
          query: { eventTypeId: this.eventTypeId, timeZone: this.timeZone, ...range },
          signal: this.signal,
        },
      );
      if (turn !== this.#slotsTurn) return;
      this.range = range;
      this.slots = result.slots;
      this.chosen = '';
    } catch (error) {
      if (turn === this.#slotsTurn) this.showError(error);
    }
  }

  private changeZone(event: Event): void {
    const zone = (event.target as HTMLSelectElement).value;
    if (!zone) return;
    this.timeZone = zone;
    try {
      localStorage.setItem(TIME_ZONE_KEY, this.timeZone);
    } catch {
      // Not remembered when storage is blocked; the choice still holds for this visit.
    }
    void this.loadSlots();
  }

  private changeEventType(event: Event): void {
    this.eventTypeId = (event.target as HTMLInputElement).value;
    void this.loadSlots();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (this.busy || !form.reportValidity() || !this.chosen) return;
    const data = new FormData(form);
    const answers: Record<string, string> = {};
    for (const field of this.config?.config.fields.custom ?? []) {
      const answer = String(data.get(`answer-${field.id}`) ?? '').trim();
      if (answer) answers[field.id] = answer;
    }
    this.busy = true;
    this.notice = '';
    try {
      this.booking = await this.client.post<PublicBooking>(
        `/public/apps/${encodeURIComponent(this.app)}/bookings`,
        {
          eventTypeId: this.eventTypeId,
          start: this.chosen,
          timeZone: this.timeZone,
          name: data.get('name'),
          email: data.get('email'),
          notes: data.get('notes') || undefined,
          answers,
          idempotencyKey: `booking-${crypto.randomUUID()}`,
        },
      );
      this.emit(new PbSubmitEvent({ widget: this.widgetName, requestId: this.booking.id }));
      if (this.booking.status === 'held') {
        this.ticker = setInterval(() => (this.now = Date.now()), 1000);
        // Inline, the card form shows right here; a frame opens the pay window.
        if (!this.paysInPage) this.openPayWindow();
      } else this.finish();
    } catch (error) {
      const required = error instanceof ApiError ? error.problem?.requiredIdentity : undefined;
      if (error instanceof ApiError && error.status === 409 && Array.isArray(error.problem?.nextSlots)) {
        this.slots = error.problem.nextSlots as OpenSlot[];
        this.chosen = '';
        this.notice = this.t('taken');
        void this.announce(this.notice, 'assertive');
      } else if (typeof required === 'string') {
        this.signInNeeded = required;
        void this.announce(this.t('sign-in-needed'), 'assertive');
      } else this.showError(error);
    } finally {
      this.busy = false;
    }
  }

  /** Signs the fan in through the popup; they then book again with the same form. */
  private async signInWith(provider: FanSignInProvider): Promise<void> {
    try {
      // The popup's code is loaded only now: most fans are never asked to sign in.
      const { signIn } = await import('../shared/fan-sign-in.ts');
      const session = await signIn(provider, { appId: this.app });
      this.signInNeeded = undefined;
      this.signedInAs = session.displayName;
      void this.announce(this.t('signed-in-as', { name: session.displayName }));
    } catch {
      void this.announce(this.t('sign-in-failed'), 'assertive');
    }
  }

  /** After a hold ran out: back to the calendar, with the times as they are now. */
  private async pickAgain(): Promise<void> {
    clearInterval(this.ticker);
    this.booking = undefined;
    this.notice = '';
    this.payWindow?.close();
    this.payWindow = null;
    await this.loadSlots();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('pb-slot-picker')?.focus();
  }

  private openPayWindow(): void {
    const payment = this.booking?.payment;
    if (!payment) return;
    const fragment = new URLSearchParams({ secret: payment.clientSecret, origin: location.origin });
    this.payWindow = window.open(
      `${payment.payUrl}#${fragment}`,
      `pb-pay-${payment.id}`,
      'popup,width=480,height=640',
    );
  }

  private async checkBooking(): Promise<void> {
    // The payment reaction confirms the booking a moment after the payment; under load, a while after.
    for (let attempt = 0; attempt < 120 && this.booking; attempt++) {
      const next = await this.client.get<PublicBooking>(
        `/public/bookings/${encodeURIComponent(this.booking.manageToken)}`,
      );
      if (next.status === 'expired') {
        this.booking = next;
        void this.announce(this.t('hold-expired'), 'assertive');
        return;
      }
      if (next.status !== 'held') {
        this.booking = next;
        this.finish();
        return;
      }
      if (next.payment?.lastError) {
        this.notice = this.t('declined', { reason: next.payment.lastError });
        void this.announce(this.notice, 'assertive');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  private finish(): void {
    clearInterval(this.ticker);
    const booking = this.booking!;
    this.notice = '';
    if (booking.status === 'confirmed' || booking.status === 'requested') {
      this.emit(
        new PbPaidEvent({
          widget: this.widgetName,
          requestId: booking.id,
          amount: booking.amount,
          currency: booking.currency ?? '',
        }),
      );
    }
    void this.announce(this.confirmationText(booking));
  }

  private confirmationText(booking: PublicBooking): string {
    return this.t(booking.status === 'requested' ? 'requested' : 'confirmed', {
      when: this.when(booking.start),
    });
  }

  private async cancel(): Promise<void> {
    this.busy = true;
    try {
      this.booking = await this.client.post<PublicBooking>(
        `/public/bookings/${encodeURIComponent(this.booking!.manageToken)}/cancel`,
        {},
      );
      const refunded = this.booking.refundedAmount;
      this.notice = refunded
        ? this.t('cancelled-refund', { amount: this.formatMoney(refunded, this.booking.currency ?? 'USD') })
        : this.t('cancelled');
      void this.announce(this.notice);
    } catch (error) {
      this.showError(error);
    } finally {
      this.busy = false;
    }
  }

  private async reschedule(): Promise<void> {
    if (!this.chosen) return;
    this.busy = true;
    try {
      this.booking = await this.client.post<PublicBooking>(
        `/public/bookings/${encodeURIComponent(this.booking!.manageToken)}/reschedule`,
        { start: this.chosen, timeZone: this.timeZone },
      );
      this.notice = this.confirmationText(this.booking);
      void this.announce(this.notice);
      await this.loadSlots();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && Array.isArray(error.problem?.nextSlots)) {
        this.slots = error.problem.nextSlots as OpenSlot[];
        this.notice = this.t('taken');
      } else this.showError(error);
    } finally {
      this.busy = false;
    }
  }

  private renderZone(): TemplateResult {
    const zones = Intl.supportedValuesOf('timeZone');
    if (!zones.includes(this.timeZone)) zones.unshift(this.timeZone);
    return html`<label for="zone">${this.t('time-zone')}</label>
      <select id="zone" name="time-zone" @change=${this.changeZone}>
        ${zones.map((zone) => html`<option value=${zone} ?selected=${zone === this.timeZone}>${zone}</option>`)}
      </select>`;
  }

  private renderSlots(): TemplateResult {
    if (this.slots && this.slots.length === 0) return html`<p role="status">${this.t('no-slots')}</p>`;
    return html`<pb-slot-picker
      name="slot"
      required
      view="month"
      min=${this.range.startDate}
      max=${this.range.endDate}
      label=${this.t('slot')}
      time-zone=${this.timeZone}
      .slots=${(this.slots ?? []).map((slot) => ({ start: slot.start, end: slot.end }))}
      .value=${this.chosen}
      @change=${(event: Event) => (this.chosen = (event.target as HTMLInputElement).value)}
    ></pb-slot-picker>`;
  }

  /** What cancelling now gives back, from the refund deadline set when the booking was made. */
  private refundHint(booking: PublicBooking): TemplateResult | typeof nothing {
    if (!booking.amount || !booking.currency) return nothing;
    const refundable = booking.refundUntil ? Date.parse(booking.refundUntil) >= Date.now() : false;
    return html`<p class="hint">
      ${
        refundable
          ? this.t('cancel-refund', { amount: this.formatMoney(booking.amount, booking.currency) })
          : this.t('cancel-no-refund')
      }
    </p>`;
  }

  private renderManage(booking: PublicBooking): TemplateResult {
    const live = booking.status === 'confirmed' || booking.status === 'requested';
    const ended: Partial<Record<PublicBooking['status'], BookingMessageKey>> = {
      cancelled: 'cancelled',
      declined: 'declined-by-creator',
      expired: 'hold-expired',
    };
    const endedKey = ended[booking.status];
    return html`<div part="manage">
      <h2>${this.when(booking.start)}</h2>
      ${
        this.notice
          ? html`<p role="status">${this.notice}</p>`
          : endedKey
            ? html`<p role="status">${this.t(endedKey)}</p>`
            : booking.status === 'requested'
              ? html`<p role="status">${this.t('awaiting-approval')}</p>`
              : nothing
      }
      ${
        live
          ? html`<a href=${booking.inviteUrl} download="invite.ics">${this.t('add-to-calendar')}</a>
              ${this.refundHint(booking)}
              <button type="button" ?disabled=${this.busy} @click=${this.cancel}>${this.t('cancel')}</button>
              ${this.renderZone()} ${this.renderSlots()}
              <button type="button" ?disabled=${this.busy || !this.chosen} @click=${this.reschedule}>
                ${this.t('reschedule')}
              </button>`
          : nothing
      }
    </div>`;
  }

  private renderField(field: BookingField): TemplateResult {
    const maxlength = String(field.maxLength ?? (field.type === 'short-text' ? 200 : 2000));
    return field.type === 'short-text'
      ? html`<pb-text-field
          name=${`answer-${field.id}`}
          ?required=${Boolean(field.required)}
          label=${field.label}
          hint=${field.help ?? ''}
          maxlength=${maxlength}
        ></pb-text-field>`
      : html`<pb-text-area
          name=${`answer-${field.id}`}
          ?required=${Boolean(field.required)}
          label=${field.label}
          hint=${field.help ?? ''}
          maxlength=${maxlength}
          rows="3"
        ></pb-text-area>`;
  }

  private renderSignIn(): TemplateResult | typeof nothing {
    if (this.signedInAs && !this.signInNeeded)
      return html`<p role="status">${this.t('signed-in-as', { name: this.signedInAs })}</p>`;
    if (!this.signInNeeded) return nothing;
    const needed = this.signInNeeded as FanSignInProvider;
    const providers = FAN_SIGN_IN_PROVIDERS.includes(needed) ? [needed] : FAN_SIGN_IN_PROVIDERS;
    return html`<div part="sign-in" role="group" aria-label=${this.t('sign-in-needed')}>
      <p>${this.t('sign-in-needed')}</p>
      ${providers.map(
        (provider) =>
          html`<button type="button" @click=${() => this.signInWith(provider)}>
            ${this.t('sign-in-with', { provider: PROVIDER_NAMES[provider] })}
          </button>`,
      )}
    </div>`;
  }

  protected override renderReady(): TemplateResult {
    const booking = this.booking;
    if (this.manageToken && booking) return this.renderManage(booking);
    if (!this.config) return html``;
    // The form waits for its first slots: a calendar growing in under the fields would move them.
    if (this.slots === undefined) return this.renderLoading();
    if ((booking?.status === 'held' && booking.payment) || booking?.status === 'expired') {
      const left =
        booking.status === 'held'
          ? Math.max(0, Math.ceil((Date.parse(booking.holdExpiresAt ?? '') - this.now) / 60_000))
          : 0;
      if (left === 0) {
        return html`<div part="holding">
          <p role="status">${this.t('hold-expired')}</p>
          <button type="button" @click=${this.pickAgain}>${this.t('pick-again')}</button>
        </div>`;
      }
      const failed =
        this.notice ||
        (booking.payment?.lastError ? this.t('declined', { reason: booking.payment.lastError }) : '');
      const held = {
        minutes: left,
        amount: this.formatMoney(booking.payment!.amount, booking.payment!.currency),
      };
      return this.renderPayment('holding', {
        notice: this.t('holding', held),
        noticeHere: this.t('holding-here', held),
        error: failed,
        client: this.client,
        payment: booking.payment!,
        again: this.t('pay-again'),
        onDone: () => void this.checkBooking(),
        openWindow: () => this.openPayWindow(),
      });
    }
    if (booking && booking.status !== 'held') {
      return html`<div part="confirmation">
        <p role="status">${this.confirmationText(booking)}</p>
        <a href=${booking.inviteUrl} download="invite.ics">${this.t('add-to-calendar')}</a>
        <a href=${booking.manageUrl} target="_blank" rel="noopener">${this.t('manage')}</a>
      </div>`;
    }
    const { config, name } = this.config;
    const type = this.eventType;
    const price = type?.price?.amount ? this.formatMoney(type.price.amount, type.price.currency) : '';
    return html`<form part="form" novalidate @submit=${this.submit}>
      <h2>${config.title || name}</h2>
      <fieldset>
        <legend>${this.t('event-type')}</legend>
        ${config.eventTypes.map(
          (option) =>
            html`<label
              ><input
                type="radio"
                name="event-type"
                value=${option.id}
                .checked=${option.id === this.eventTypeId}
                @change=${this.changeEventType}
              />
              ${option.name} (${this.t('minutes', { count: option.lengthMinutes })},
              ${option.price?.amount ? this.formatMoney(option.price.amount, option.price.currency) : this.t('free')})</label
            >`,
        )}
      </fieldset>
      ${this.renderZone()} ${this.renderSlots()}
      ${this.notice ? html`<p class="error" role="alert">${this.notice}</p>` : nothing} ${this.renderSignIn()}
      <pb-text-field
        name="name"
        required
        label=${this.t('name')}
        maxlength="80"
        autocomplete="name"
      ></pb-text-field>
      <pb-text-field
        name="email"
        type="email"
        required
        label=${this.t('email')}
        maxlength="254"
        autocomplete="email"
      ></pb-text-field>
      ${
        config.fields.notes === 'off'
          ? nothing
          : html`<pb-text-area
              name="notes"
              ?required=${config.fields.notes === 'required'}
              label=${this.t('notes')}
              maxlength="1000"
              rows="2"
            ></pb-text-area>`
      }
      ${(config.fields.custom ?? []).map((field) => this.renderField(field))}
      <button part="submit" type="submit" ?disabled=${this.busy || !this.chosen}>
        ${price ? this.t('book-and-pay', { amount: price }) : this.t('book')}
      </button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-booking': PbBooking;
  }
}

import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../shared/patchbay-element.ts';
import '../shared/controls/pb-checkbox.ts';
import '../shared/controls/pb-file-picker.ts';
import '../shared/controls/pb-radio-cards.ts';
import '../shared/controls/pb-select.ts';
import '../shared/controls/pb-text-area.ts';
import '../shared/controls/pb-text-field.ts';
import type { PbFilePicker } from '../shared/controls/pb-file-picker.ts';
import { ApiClient, ApiError } from '../shared/api-client.ts';
import { fanSession, signIn, signInChoices, type FanSignInChoice } from '../shared/fan-sign-in.ts';
import { PbPaidEvent, PbReadyEvent, PbSubmitEvent } from '../shared/events.ts';
import { currencyDigits } from '../shared/money.ts';
import { PatchbayWidget } from '../shared/patchbay-widget.ts';
import { requestFormMessages, type RequestFormMessageKey } from './request-form.messages.ts';
import { requestFormStyles } from './request-form.styles.ts';
import {
  REQUEST_LINK_SOURCES,
  type PublicRequestFormApp,
  type RequestField,
  type RequestStatus,
  type RequestViewState,
  type UploadedAttachment,
} from './request-form.types.ts';

/** States after which nothing changes any more: the status view stops asking. */
const FINAL_STATES: readonly RequestViewState[] = ['fulfilled', 'closed', 'rejected', 'refunded', 'expired'];
const POLL_MS = 3000;

/** Where the fan's latest request waits in this tab, so a reload or a return from paying shows its status. */
const pendingKey = (app: string) => `pb-request-form:${app}`;

/** Where a widget that sold this fan credits for `app` keeps their wallet token (`creditHolder`). */
export const creditHolderKey = (app: string) => `pb-credits:${app}`;

/** Payment states in which the fan can still pay in the pay window. */
const OPEN_PAYMENT_STATES = ['requires_payment_method', 'requires_action'];

type Params = Record<string, string | number>;

/**
 * A request form: renders the creator's form (song request, shoutout, commission or their own),
 * checks each answer with the same rules as the API, uploads attachments with progress, shows the
 * price with add-ons and an optional tip, asks for the sign-in the creator requires, authorizes the
 * card in the pay window on the widget origin (charged only when the creator accepts), then follows
 * the request: queued with its position, accepted, fulfilled with the creator's note, or declined
 * with the reason.
 *
 * @summary Request form: the creator's fields, price and add-ons, pay window, status view.
 *
 * @attr app - The app id.
 * @attr api-base - Origin of the Patchbay API.
 * @attr request-id - Opens the status view of this request (with `status-token`).
 * @attr status-token - The status token `createRequest` returned for `request-id`.
 * @attr credit-holder - The fan's wallet token, when the page knows it (otherwise the one kept under
 *   `pb-credits:<app>` in local storage); with credits on it, the fan may pay with one.
 *
 * @event pb-ready - The form loaded.
 * @event pb-submit - The request was created; `detail.requestId` is its id.
 * @event pb-paid - The card was authorized; `detail.requestId` is the request id.
 * @event pb-error - Loading or sending failed; `detail.message` is what the fan saw.
 *
 * @csspart form - The form.
 * @csspart price - The total and the "charged only if accepted" note.
 * @csspart submit - The send button.
 * @csspart sign-in - The sign-in prompt, when the creator requires one.
 * @csspart paying - The notice shown while the fan pays in the pay window.
 * @csspart request-status - The status view.
 *
 * @cssproperty --pb-request-form-min-height - The height of the widget (the embed snippet reserves it).
 * @cssproperty --pb-request-form-gap - Space between fields.
 */
@customElement('pb-request-form')
export class PbRequestForm extends PatchbayWidget {
  static override styles = [...PatchbayWidget.styles, ...requestFormStyles];
  static override catalogs = [...PatchbayWidget.catalogs, requestFormMessages];

  @property() app = '';
  @property({ attribute: 'api-base' }) apiBase = '';
  @property({ attribute: 'request-id' }) requestId = '';
  @property({ attribute: 'status-token' }) statusToken = '';
  @property({ attribute: 'credit-holder' }) creditHolder = '';

  /** The app as `getPublicApp` returns it, when the page already has it (the widget frame does). */
  @property({ attribute: false }) publicApp: PublicRequestFormApp | undefined;

  @state() private config: PublicRequestFormApp | undefined;
  /** Errors shown under fields, by field id (the name field is `name`). */
  @state() private fieldErrors: Record<string, string> = {};
  @state() private uploads: Record<string, { name: string; loaded: number; total: number }> = {};
  @state() private request: RequestStatus | undefined;
  @state() private paying = false;
  @state() private payError = '';
  @state() private busy = false;
  @state() private signInNeeded: string | undefined;
  @state() private signedInAs = '';
  /** What changes the price: the priced option chosen, the add-ons ticked, the tip (minor units). */
  @state() private chosenOption = '';
  @state() private chosenAddOns = new Set<string>();
  @state() private tip = 0;
  /** The fan's credits for this app (undefined: unknown, or the app takes none), and whether to use one. */
  @state() private credits: number | undefined;
  @state() private payWithCredits = false;

  private poll: ReturnType<typeof setTimeout> | undefined;
  private idempotencyKey = `request-${crypto.randomUUID()}`;

  private get base(): string {
    return this.apiBase || location.origin;
  }

  private get client(): ApiClient {
    return new ApiClient({ baseUrl: `${this.base}/api`, bearer: () => fanSession(this.app)?.token });
  }

  private t(key: RequestFormMessageKey, params?: Params): string {
    return this.localize(requestFormMessages, key, params);
  }

  private money(minor: number): string {
    return this.formatMoney(minor, this.config?.config.currency ?? this.request?.currency ?? 'USD');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.hasUpdated) void this.loadConfig();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.poll);
  }

  private async loadConfig(): Promise<void> {
    const app =
      this.publicApp ??
      (await this.load(
        (signal) =>
          this.client.get<PublicRequestFormApp>(`/public/apps/${encodeURIComponent(this.app)}`, { signal }),
        { retry: () => this.loadConfig() },
      ));
    if (!app) return;
    this.config = app;
    void this.loadCredits();
    if (!this.requestId) this.restorePending();
    if (this.requestId && this.statusToken) await this.refreshStatus();
    else if (app.status !== 'active' || app.config.open === false)
      this.setStatus('empty', app.config.closedMessage || this.t('closed'));
    await this.updateComplete;
    this.emit(new PbReadyEvent({ widget: this.widgetName }));
  }

  private get holder(): string {
    if (this.creditHolder) return this.creditHolder;
    try {
      return localStorage.getItem(creditHolderKey(this.app)) ?? '';
    } catch {
      return '';
    }
  }

  /** The fan's credit balance (`getCreditBalance`), when the app takes credits and the wallet is known. */
  private async loadCredits(): Promise<void> {
    const holder = this.holder;
    if (!this.config?.config.pricing?.acceptCredits || !holder) return;
    try {
      const balance = await this.client.get<{ total: number }>(
        `/public/apps/${encodeURIComponent(this.app)}/credits`,
        { query: { holder }, signal: this.signal },
      );
      this.credits = balance.total;
      if (balance.total === 0) this.payWithCredits = false;
    } catch {
      // Without a readable balance the fan pays by card, as they would without credits.
      this.credits = undefined;
    }
  }

  private restorePending(): void {
    try {
      const pending = JSON.parse(sessionStorage.getItem(pendingKey(this.app)) ?? 'null') as {
        id: string;
        token: string;
      } | null;
      if (pending) [this.requestId, this.statusToken] = [pending.id, pending.token];
    } catch {
      // No storage here (a strict privacy setting): the status link still works.
    }
  }

  private keepPending(id: string | undefined, token?: string): void {
    try {
      if (id && token) sessionStorage.setItem(pendingKey(this.app), JSON.stringify({ id, token }));
      else sessionStorage.removeItem(pendingKey(this.app));
    } catch {
      // As above: nothing to keep.
    }
  }

  /** Back to an empty form for the next request (the one sent stays reachable by its status link). */
  private startOver(): void {
    clearTimeout(this.poll);
    this.keepPending(undefined);
    this.request = undefined;
    this.requestId = '';
    this.statusToken = '';
    this.paying = false;
    this.payError = '';
    this.chosenOption = '';
    this.chosenAddOns = new Set();
    this.tip = 0;
    this.payWithCredits = false;
    this.idempotencyKey = `request-${crypto.randomUUID()}`;
    void this.loadCredits();
  }

  private get fields(): RequestField[] {
    return this.config?.config.fields ?? [];
  }

  private control(id: string): HTMLElement | null {
    return this.renderRoot.querySelector(`[data-field="${id}"]`);
  }

  /** The answer the fan gave to `field`, as the API expects it (files: the chosen `File`s). */
  private answerOf(field: RequestField): unknown {
    const el = this.control(field.id) as (HTMLElement & { value?: unknown; checked?: boolean }) | null;
    if (!el) return undefined;
    switch (field.type) {
      case 'checkbox':
      case 'consent':
        return Boolean(el.checked);
      case 'file':
        return (el as PbFilePicker).files;
      case 'number': {
        const raw = String(el.value ?? '').trim();
        return raw === '' ? undefined : Number(raw);
      }
      default: {
        const raw = String(el.value ?? '');
        return field.type === 'short-text' || field.type === 'long-text'
          ? raw.trim()
          : raw.trim() || undefined;
      }
    }
  }

  /** The same rules the API applies (`validateAnswers`), so the fan hears about a mistake before sending. */
  private checkField(field: RequestField, value: unknown): string | undefined {
    const empty =
      value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0);
    if (field.type === 'consent' && field.required && value !== true)
      return this.t('required', { label: field.label });
    if (empty) return field.required ? this.t('required', { label: field.label }) : undefined;
    switch (field.type) {
      case 'short-text':
      case 'long-text': {
        const text = value as string;
        const length = [...text].length;
        if (field.minLength !== undefined && length < field.minLength)
          return this.t('too-short', { count: field.minLength });
        const max = field.maxLength ?? (field.type === 'long-text' ? 4000 : 200);
        if (length > max) return this.t('too-long', { count: max });
        if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, 'u').test(text))
          return field.patternMessage ?? this.t('pattern');
        return undefined;
      }
      case 'number': {
        const n = value as number;
        if (!Number.isFinite(n)) return this.t('number-invalid');
        if (field.min !== undefined && n < field.min) return this.t('number-min', { min: field.min });
        if (field.max !== undefined && n > field.max) return this.t('number-max', { max: field.max });
        return undefined;
      }
      case 'date':
        return /^\d{4}-\d{2}-\d{2}$/.test(value as string) ? undefined : this.t('date-invalid');
      case 'url': {
        let url: URL;
        try {
          url = new URL(value as string);
        } catch {
          return this.t('url-invalid');
        }
        if (url.protocol !== 'https:' && url.protocol !== 'http:') return this.t('url-invalid');
        const sources = field.allowedSources;
        const host = url.hostname.toLowerCase();
        if (sources && !sources.some((s) => (REQUEST_LINK_SOURCES[s] as readonly string[]).includes(host)))
          return this.t('url-source', { sources: sources.map((s) => REQUEST_LINK_SOURCES[s][0]).join(', ') });
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** The price: fixed, or the chosen option's, plus the add-ons ticked and the tip. */
  private get price(): { addOns: string[]; tip: number; total: number } {
    const pricing = this.config?.config.pricing;
    let base = 0;
    if (pricing?.mode === 'fixed') base = pricing.amount ?? 0;
    if (pricing?.mode === 'per-option') {
      const field = this.fields.find((f) => f.id === pricing.optionField);
      base = field?.options?.find((o) => o.value === this.chosenOption)?.amount ?? 0;
    }
    const addOns = (pricing?.addOns ?? []).filter((a) => this.chosenAddOns.has(a.id));
    const tip = pricing?.allowTip && pricing.mode === 'free' ? this.tip : 0;
    const total = base + addOns.reduce((sum, a) => sum + a.amount, 0) + tip;
    return { addOns: addOns.map((a) => a.id), tip, total };
  }

  private toggleAddOn(id: string, on: boolean): void {
    const next = new Set(this.chosenAddOns);
    if (on) next.add(id);
    else next.delete(id);
    this.chosenAddOns = next;
  }

  private setTip(input: HTMLInputElement): void {
    const digits = currencyDigits(this.config?.config.currency ?? 'USD');
    this.tip = input.value ? Math.max(0, Math.round(Number(input.value) * 10 ** digits)) || 0 : 0;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.config) return;
    const answers: Record<string, unknown> = {};
    const errors: Record<string, string> = {};
    for (const field of this.fields) {
      const value = this.answerOf(field);
      const fileProblem =
        field.type === 'file'
          ? ((this.control(field.id) as PbFilePicker | null)?.checkValidity() ?? true)
            ? undefined
            : (this.control(field.id) as PbFilePicker).validationMessage
          : undefined;
      const problem = fileProblem ?? this.checkField(field, value);
      if (problem) errors[field.id] = problem;
      else if (value !== undefined && !(Array.isArray(value) && value.length === 0))
        answers[field.id] = value;
    }
    if (Object.keys(errors).length > 0) return this.showFieldErrors(errors);
    this.fieldErrors = {};
    const { addOns, tip, total } = this.price;
    const useCredit = this.payWithCredits && total > 0 && (this.credits ?? 0) > 0;
    const name = this.renderRoot.querySelector<HTMLElement & { value: string }>('[data-field="name"]');
    this.busy = true;
    try {
      for (const field of this.fields.filter((f) => f.type === 'file' && answers[f.id])) {
        const ids: string[] = [];
        for (const file of answers[field.id] as File[]) ids.push((await this.upload(field, file)).id);
        answers[field.id] = ids;
      }
      const created = await this.client.post<RequestStatus>('/requests', {
        appId: this.app,
        answers,
        addOns,
        tip,
        ...(useCredit ? { payWith: 'credits', creditHolder: this.holder } : {}),
        name: name?.value.trim() || undefined,
        idempotencyKey: this.idempotencyKey,
      });
      if (useCredit) void this.loadCredits();
      this.request = created;
      this.requestId = created.id;
      this.statusToken = created.statusToken ?? '';
      this.keepPending(created.id, created.statusToken);
      this.emit(new PbSubmitEvent({ widget: this.widgetName, requestId: created.id }));
      if (created.payment && created.state === 'validated') {
        // Inline, the card form shows right here; a frame opens the pay window.
        this.paying = true;
        if (!this.paysInPage) this.openPayWindow();
      }
      // Also while the fan pays: the pay window's word is only a cue, and a fan may close it unheard.
      this.schedulePoll();
      void this.announce(this.t('sent-title'));
    } catch (error) {
      this.handleSubmitError(error);
    } finally {
      this.busy = false;
    }
  }

  private showFieldErrors(errors: Record<string, string>): void {
    this.fieldErrors = errors;
    const count = Object.keys(errors).length;
    void this.announce(this.t('fix-fields', { count }), 'assertive');
    void this.updateComplete.then(() => this.control(Object.keys(errors)[0]!)?.focus());
  }

  private handleSubmitError(error: unknown): void {
    if (!(error instanceof ApiError)) return this.showError(error);
    const required = error.problem?.['requiredIdentity'];
    if (typeof required === 'string') {
      this.signInNeeded = required;
      void this.announce(this.t('sign-in-needed'), 'assertive');
      return;
    }
    const errors: Record<string, string> = {};
    for (const [path, message] of Object.entries(error.fieldErrors)) {
      const id = path.startsWith('answers.') ? path.slice('answers.'.length) : path;
      if (this.fields.some((f) => f.id === id) || id === 'name') errors[id] = message;
      // A sold-out add-on: the problem's detail names it and says to send without it.
      else if (id === 'addOns') errors['add-ons'] = message;
    }
    if (Object.keys(errors).length > 0) this.showFieldErrors(errors);
    else this.showError(error);
  }

  /** Streams one file to the API, reporting progress (fetch cannot report an upload's progress). */
  private upload(field: RequestField, file: File): Promise<UploadedAttachment> {
    const query = new URLSearchParams({ field: field.id, filename: file.name });
    const url = `${this.base}/api/public/apps/${encodeURIComponent(this.app)}/attachments?${query}`;
    this.uploads = { ...this.uploads, [field.id]: { name: file.name, loaded: 0, total: file.size } };
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
      const token = fanSession(this.app)?.token;
      if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (e) => {
        this.uploads = { ...this.uploads, [field.id]: { name: file.name, loaded: e.loaded, total: e.total } };
      };
      const done = () => {
        const { [field.id]: _finished, ...rest } = this.uploads;
        this.uploads = rest;
      };
      xhr.onload = () => {
        done();
        let body: unknown;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = undefined;
        }
        if (xhr.status === 201) return resolve(body as UploadedAttachment);
        const detail = (body as { detail?: string } | undefined)?.detail ?? xhr.statusText;
        this.showFieldErrors({ [field.id]: this.t('upload-failed', { name: file.name, reason: detail }) });
        reject(new ApiError({ kind: 'validation', status: xhr.status, problem: { errors: [] } }));
      };
      xhr.onerror = () => {
        done();
        reject(new ApiError({ kind: 'network', status: 0 }));
      };
      this.signal.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(file);
    });
  }

  /** The pay window, top-level on the widget origin (the tip jar's pay step, shared). */
  private openPayWindow(): void {
    const payment = this.request?.payment;
    if (!payment) return;
    void import('../tip-jar/tip-jar-pay.ts').then(({ payTip }) =>
      payTip(this, {
        app: this.app,
        tip: payment,
        signal: this.signal,
        onResult: () => void this.refreshStatus(),
      }),
    );
  }

  private async refreshStatus(): Promise<void> {
    clearTimeout(this.poll);
    try {
      const status = await this.client.get<RequestStatus>(`/requests/${encodeURIComponent(this.requestId)}`, {
        query: { token: this.statusToken },
        signal: this.signal,
      });
      const before = this.request?.state;
      this.request = { ...status, statusToken: this.statusToken, statusUrl: this.request?.statusUrl };
      const payment = status.payment;
      if (this.paying && status.state !== 'validated') {
        this.paying = false;
        if (payment) {
          this.emit(
            new PbPaidEvent({
              widget: this.widgetName,
              requestId: status.id,
              amount: payment.amount,
              currency: payment.currency,
            }),
          );
        }
      } else if (this.paying && payment?.lastError) {
        this.payError = this.t('declined', { reason: payment.lastError });
        void this.announce(this.payError, 'assertive');
      }
      if (before !== status.state) void this.announce(this.stateText(status));
    } catch (error) {
      if (this.signal.aborted) return;
      if (this.request) {
        this.schedulePoll();
        return;
      }
      // A kept request that is no longer readable: start with an empty form instead of an error.
      if (error instanceof ApiError && error.kind === 'not-found') return this.startOver();
      return this.showError(error);
    }
    this.schedulePoll();
  }

  private schedulePoll(): void {
    clearTimeout(this.poll);
    if (!this.request || FINAL_STATES.includes(this.request.state) || !this.isConnected) return;
    this.poll = setTimeout(() => void this.refreshStatus(), POLL_MS);
  }

  private async signInWith(provider: FanSignInChoice): Promise<void> {
    try {
      const session = await signIn(provider, { appId: this.app });
      this.signInNeeded = undefined;
      this.signedInAs = session.displayName;
      void this.announce(this.t('signed-in-as', { name: session.displayName }));
    } catch {
      void this.announce(this.t('sign-in-failed'), 'assertive');
    }
  }

  private stateText(request: RequestStatus): string {
    switch (request.state) {
      case 'created':
      case 'validated':
        return request.payment ? this.t('state-paying') : this.t('state-waiting');
      case 'held':
        return this.t('state-held');
      case 'paid':
      case 'queued':
        return request.position
          ? `${this.t('state-waiting')} ${this.t('state-position', { position: request.position })}`
          : this.t('state-waiting');
      case 'accepted':
        return this.t('state-accepted');
      case 'fulfilled':
      case 'closed':
        return this.t('state-fulfilled');
      case 'rejected':
        return this.t('state-rejected');
      case 'refunded':
        return this.t('state-refunded');
      case 'expired':
        return this.t('state-expired');
    }
  }

  private renderSignIn(): TemplateResult | typeof nothing {
    if (this.signedInAs && !this.signInNeeded)
      return html`<p role="status">${this.t('signed-in-as', { name: this.signedInAs })}</p>`;
    if (!this.signInNeeded) return nothing;
    const needed = this.signInNeeded;
    const providers = signInChoices(needed);
    const names = { twitch: 'Twitch', discord: 'Discord', google: 'Google' };
    return html`<div part="sign-in" role="group" aria-label=${this.t('sign-in-needed')}>
      <p>${this.t('sign-in-needed')}</p>
      ${providers.map(
        (provider) =>
          html`<button type="button" @click=${() => this.signInWith(provider)}>
            ${
              provider === 'email'
                ? this.t('sign-in-email')
                : this.t('sign-in-with', { provider: names[provider] })
            }
          </button>`,
      )}
    </div>`;
  }

  private renderUpload(field: RequestField): TemplateResult | typeof nothing {
    const upload = this.uploads[field.id];
    if (!upload) return nothing;
    return html`<label class="hint"
      >${this.t('uploading', { name: upload.name })}
      <progress max=${upload.total || 1} .value=${upload.loaded}></progress
    ></label>`;
  }

  private renderField(field: RequestField): TemplateResult {
    const error = this.fieldErrors[field.id] ?? '';
    const hint = field.help ?? '';
    const common = { name: field.id, label: field.label, hint, required: Boolean(field.required), error };
    const clearError = () => {
      if (this.fieldErrors[field.id]) {
        const { [field.id]: _fixed, ...rest } = this.fieldErrors;
        this.fieldErrors = rest;
      }
    };
    switch (field.type) {
      case 'short-text':
      case 'url':
        return html`<pb-text-field
          data-field=${field.id}
          type=${field.type === 'url' ? 'url' : 'text'}
          name=${common.name}
          label=${common.label}
          hint=${common.hint}
          ?required=${common.required}
          .error=${error}
          maxlength=${field.type === 'url' ? 500 : (field.maxLength ?? 200)}
          @input=${clearError}
        ></pb-text-field>`;
      case 'long-text':
        return html`<pb-text-area
          data-field=${field.id}
          name=${common.name}
          label=${common.label}
          hint=${common.hint}
          ?required=${common.required}
          .error=${error}
          maxlength=${field.maxLength ?? 4000}
          rows="3"
          @input=${clearError}
        ></pb-text-area>`;
      case 'select':
        return html`<pb-select
          data-field=${field.id}
          name=${common.name}
          label=${common.label}
          hint=${common.hint}
          ?required=${common.required}
          .error=${error}
          .options=${field.options ?? []}
          @change=${clearError}
        ></pb-select>`;
      case 'radio-cards':
        return html`<pb-radio-cards
          data-field=${field.id}
          name=${common.name}
          label=${common.label}
          hint=${common.hint}
          ?required=${common.required}
          .error=${error}
          .options=${(field.options ?? []).map((o) => ({
            value: o.value,
            label: o.amount !== undefined ? `${o.label} · ${this.money(o.amount)}` : o.label,
            description: o.description,
          }))}
          @change=${(e: Event) => {
            clearError();
            if (field.id === this.config?.config.pricing?.optionField)
              this.chosenOption = (e.target as HTMLInputElement).value;
          }}
        ></pb-radio-cards>`;
      case 'checkbox':
      case 'consent':
        return html`<pb-checkbox
          data-field=${field.id}
          name=${common.name}
          label=${common.label}
          hint=${common.hint}
          ?required=${common.required}
          .error=${error}
          @change=${clearError}
        ></pb-checkbox>`;
      case 'file':
        return html`<pb-file-picker
            data-field=${field.id}
            name=${common.name}
            label=${common.label}
            hint=${common.hint}
            ?required=${common.required}
            .error=${error}
            accept=${(field.accept ?? []).join(',')}
            ?multiple=${(field.maxFiles ?? 1) > 1}
            max-size=${field.maxBytes ?? 20 * 1024 * 1024}
            max-files=${field.maxFiles ?? 1}
            @change=${clearError}
          ></pb-file-picker
          >${this.renderUpload(field)}`;
      case 'number':
      case 'date':
        return html`<div class="native">
          <label class="label" for=${`f-${field.id}`}
            >${field.label}${field.required ? nothing : html` <span class="hint">(optional)</span>`}</label
          >
          ${hint ? html`<span class="hint" id=${`h-${field.id}`}>${hint}</span>` : nothing}
          <input
            id=${`f-${field.id}`}
            data-field=${field.id}
            type=${field.type}
            min=${field.min ?? ''}
            max=${field.max ?? ''}
            aria-required=${field.required ? 'true' : 'false'}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${
              [hint ? `h-${field.id}` : '', error ? `e-${field.id}` : ''].join(' ').trim() || nothing
            }
            @input=${clearError}
          />
          <span class="error" id=${`e-${field.id}`} aria-live="polite">${error}</span>
        </div>`;
    }
  }

  private renderPrice(): TemplateResult | typeof nothing {
    const pricing = this.config?.config.pricing;
    if (!pricing) return nothing;
    const { total } = this.price;
    const addOns = pricing.addOns ?? [];
    const addOnsError = this.fieldErrors['add-ons'] ?? '';
    const credits = this.credits ?? 0;
    const offerCredits = Boolean(pricing.acceptCredits) && credits > 0 && total > 0;
    const useCredit = offerCredits && this.payWithCredits;
    return html`${
        addOns.length
          ? html`<fieldset
              data-field="add-ons"
              tabindex="-1"
              aria-invalid=${addOnsError ? 'true' : 'false'}
              aria-describedby="e-add-ons"
            >
              <legend>${this.t('add-ons')}</legend>
              ${addOns.map(
                (a) =>
                  html`<pb-checkbox
                    data-field=${`addon-${a.id}`}
                    name=${`addon-${a.id}`}
                    label=${this.t('add-on', { label: a.label, amount: this.money(a.amount) })}
                    @change=${(e: Event) => {
                      this.toggleAddOn(a.id, (e.target as HTMLInputElement).checked);
                      if (addOnsError) {
                        const { 'add-ons': _fixed, ...rest } = this.fieldErrors;
                        this.fieldErrors = rest;
                      }
                    }}
                  ></pb-checkbox>`,
              )}
              <span class="error" id="e-add-ons" aria-live="polite">${addOnsError}</span>
            </fieldset>`
          : nothing
      }
      ${
        offerCredits
          ? html`<pb-radio-cards
              data-field="pay-with"
              name="pay-with"
              label=${this.t('pay-with')}
              .value=${this.payWithCredits ? 'credits' : 'card'}
              .options=${[
                { value: 'card', label: this.t('pay-card') },
                { value: 'credits', label: this.t('pay-credit', { count: credits }) },
              ]}
              @change=${(e: Event) => {
                this.payWithCredits = (e.target as HTMLInputElement).value === 'credits';
              }}
            ></pb-radio-cards>`
          : nothing
      }
      ${
        pricing.allowTip && pricing.mode === 'free'
          ? html`<div class="native">
              <label class="label" for="tip">${this.t('tip')}</label>
              <input
                id="tip"
                type="number"
                min="0"
                step="0.01"
                inputmode="decimal"
                @input=${(e: Event) => this.setTip(e.target as HTMLInputElement)}
              />
            </div>`
          : nothing
      }
      <div part="price">
        <p class="total">
          ${
            useCredit
              ? this.t('total-credit')
              : this.t('total', { amount: total ? this.money(total) : this.t('free') })
          }
        </p>
        ${
          useCredit
            ? html`<p class="hint">${this.t('credit-back-on-reject')}</p>`
            : total
              ? html`<p class="hint">${this.t('charged-on-accept')}</p>`
              : nothing
        }
      </div>`;
  }

  private renderForm(): TemplateResult {
    const { name, config } = this.config!;
    const { total } = this.price;
    const useCredit =
      Boolean(config.pricing?.acceptCredits) && this.payWithCredits && (this.credits ?? 0) > 0 && total > 0;
    return html`<form part="form" novalidate @submit=${this.submit}>
      <h2>${config.title ?? name}</h2>
      ${this.fields.map((field) => this.renderField(field))}
      <pb-text-field
        data-field="name"
        name="name"
        label=${this.t('name-label')}
        maxlength="60"
        autocomplete="nickname"
        .error=${this.fieldErrors['name'] ?? ''}
      ></pb-text-field>
      ${this.renderPrice()} ${this.renderSignIn()}
      <button part="submit" type="submit" ?disabled=${this.busy}>
        ${
          useCredit
            ? this.t('submit-credit')
            : total
              ? this.t('submit-pay', { amount: this.money(total) })
              : this.t('submit')
        }
      </button>
    </form>`;
  }

  private renderRequest(request: RequestStatus): TemplateResult {
    if (this.paying) {
      return this.renderPayment('paying', {
        notice: this.t('paying', { amount: this.money(request.amount) }),
        noticeHere: this.t('paying-here', { amount: this.money(request.amount) }),
        error: this.payError,
        client: this.client,
        payment: request.payment!,
        again: this.t('pay-again'),
        onDone: () => void this.refreshStatus(),
        openWindow: () => this.openPayWindow(),
      });
    }
    const ended = request.state === 'rejected' || request.state === 'expired';
    return html`<section part="request-status" aria-labelledby="request-title">
      <h2 id="request-title">${this.t('sent-title')}</h2>
      <p class="state" data-state=${request.state}>${this.stateText(request)}</p>
      ${
        request.note && (request.state === 'fulfilled' || request.state === 'closed')
          ? html`<dl>
              <dt>${this.t('creator-note')}</dt>
              <dd class="note">${request.note}</dd>
            </dl>`
          : nothing
      }
      ${
        request.reason && (ended || request.state === 'refunded' || request.state === 'held')
          ? html`<dl>
              <dt>${this.t('reason')}</dt>
              <dd class="reason">${request.reason}</dd>
            </dl>`
          : nothing
      }
      ${ended && request.paymentMethod === 'card' ? html`<p>${this.t('released-card')}</p>` : nothing}
      ${
        request.state === 'rejected' && request.paymentMethod === 'credits'
          ? html`<p>${this.t('credit-restored')}</p>`
          : nothing
      }
      ${
        request.state === 'validated' &&
        request.payment &&
        OPEN_PAYMENT_STATES.includes(request.payment.status)
          ? html`<button type="button" @click=${this.openPayWindow}>${this.t('pay-again')}</button>`
          : nothing
      }
      ${
        request.statusUrl
          ? html`<p>
              <a href=${request.statusUrl} target="_blank" rel="noopener">${this.t('status-link')}</a>
            </p>`
          : nothing
      }
      ${
        this.config?.status === 'active' && this.config.config.open !== false
          ? html`<button type="button" @click=${this.startOver}>${this.t('another-request')}</button>`
          : nothing
      }
    </section>`;
  }

  protected override renderReady(): TemplateResult {
    if (this.request) return this.renderRequest(this.request);
    if (!this.config) return html``;
    return this.renderForm();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-request-form': PbRequestForm;
  }
}

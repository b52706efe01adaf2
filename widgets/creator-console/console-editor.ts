import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../shared/controls/pb-checkbox.ts';
import '../shared/controls/pb-select.ts';
import '../shared/controls/pb-text-area.ts';
import '../shared/controls/pb-text-field.ts';
import { ApiError } from '../shared/api-client.ts';
import { currencyDigits } from '../shared/money.ts';
import '../booking/booking.ts';
import '../cohort-matcher/cohort-matcher.ts';
import '../request-form/request-form.ts';
import '../tip-jar/tip-jar.ts';
import { problemText } from './console-api.ts';
import { previewApp, WIDGET_NAMES } from './console-templates.ts';
import { ConsoleView, go } from './console-view.ts';
import type { ConsoleApp, ConsoleTemplate, ThemeOverrides, WidgetKind } from './creator-console.types.ts';

type Config = Record<string, unknown>;

const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY', 'SEK', 'CHF'].map((c) => ({
  value: c,
  label: c,
}));
const RADII = ['0px', '4px', '8px', '12px', '16px', '24px'].map((r) => ({ value: r, label: r }));
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const VALIDATE_DELAY_MS = 300;

const OVERRIDE_PROPERTIES = [
  '--pb-color-accent',
  '--pb-color-accent-text',
  '--pb-radius-base',
  '--pb-font-family',
];

/** Overrides as the widgets' custom properties, for the preview. */
function themeStyle(theme: ThemeOverrides): Record<string, string> {
  return {
    ...(theme.accent ? { '--pb-color-accent': theme.accent } : {}),
    ...(theme.accentText ? { '--pb-color-accent-text': theme.accentText } : {}),
    ...(theme.radius ? { '--pb-radius-base': theme.radius } : {}),
    ...(theme.fontFamily ? { '--pb-font-family': theme.fontFamily } : {}),
  };
}

/**
 * The guided editor of one app: the settings a creator changes most, for its widget type, with the
 * real widget beside them in both themes. Every change is checked by the server as you type
 * (`validateAppDraft`), so a message appears at the field it is about and the preview shows exactly
 * what would be saved; colour overrides get the same contrast check saving does.
 *
 * @summary Guided editor with a live preview in the real widget.
 *
 * @event pb-saved - The app was created or saved; `detail` is the app.
 */
@customElement('pb-console-editor')
export class PbConsoleEditor extends ConsoleView {
  /** Create mode: the gallery's starting point. */
  @property({ attribute: false }) template: ConsoleTemplate | undefined;
  /** Edit mode: the saved app. */
  @property({ attribute: false }) app: ConsoleApp | undefined;

  @state() private name = '';
  @state() private draft: Config = {};
  @state() private overrides: ThemeOverrides = {};
  /** The last draft the server accepted, with its defaults: what the preview shows. */
  @state() private checked: Config | undefined;
  @state() private errors: Record<string, string> = {};
  @state() private contrastSuggestion = '';
  @state() private checking = false;

  #timer: ReturnType<typeof setTimeout> | undefined;
  #turn = 0;

  private get type(): WidgetKind {
    return (this.app?.type ?? this.template?.type)!;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('app') || changed.has('template')) {
      this.name = this.app?.name ?? this.template?.name ?? '';
      this.draft = structuredClone(this.app?.config ?? this.template?.config ?? {});
      this.overrides = { ...(this.app?.theme ?? {}) };
      this.checked = undefined;
      this.errors = {};
      void this.validate();
    }
  }

  /**
   * The overrides reach the previews as custom properties set through the CSSOM: a `style` attribute
   * (what Lit's styleMap writes first) is refused by the studio's Content-Security-Policy.
   */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const wanted = themeStyle(this.overrides);
    for (const preview of this.renderRoot.querySelectorAll<HTMLElement>('[preview]')) {
      for (const name of OVERRIDE_PROPERTIES) {
        if (wanted[name]) preview.style.setProperty(name, wanted[name]);
        else preview.style.removeProperty(name);
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  /** The draft changed: check it once the creator pauses. */
  private change(update: (draft: Config) => void): void {
    const next = structuredClone(this.draft);
    update(next);
    this.draft = next;
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.validate(), VALIDATE_DELAY_MS);
  }

  private async validate(): Promise<boolean> {
    const turn = ++this.#turn;
    this.checking = true;
    try {
      const result = await this.api.post<{ config: Config }>('/apps/validate', {
        type: this.type,
        ...(this.app ? { appId: this.app.id } : {}),
        name: this.name || undefined,
        config: this.draft,
        theme: this.overrides,
      });
      if (turn !== this.#turn) return false;
      // The first answer fills in every default, so the form shows (and edits) the whole config.
      if (!this.checked) this.draft = structuredClone(result.config);
      this.checked = result.config;
      this.errors = {};
      this.contrastSuggestion = '';
      return true;
    } catch (error) {
      if (turn !== this.#turn) return false;
      this.errors = error instanceof ApiError ? { ...error.fieldErrors } : { '': problemText(error) };
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length === 0) {
        this.errors[''] = problemText(error);
      }
      const contrast = error instanceof ApiError ? error.problem?.['contrast'] : undefined;
      this.contrastSuggestion = Array.isArray(contrast)
        ? String((contrast[0] as { suggestion?: string } | undefined)?.suggestion ?? '')
        : '';
      return false;
    } finally {
      if (turn === this.#turn) this.checking = false;
    }
  }

  private async save(): Promise<void> {
    clearTimeout(this.#timer);
    if (!(await this.validate())) {
      this.problem = 'Fix the fields marked below, then save again.';
      return;
    }
    const saved = await this.act(() =>
      this.app
        ? this.api.patch<ConsoleApp>(`/apps/${this.app.id}`, {
            name: this.name,
            config: this.draft,
            theme: this.overrides,
          })
        : this.api.post<ConsoleApp>('/apps', {
            type: this.type,
            name: this.name,
            config: this.draft,
            theme: this.overrides,
          }),
    );
    if (!saved) return;
    this.dispatchEvent(new CustomEvent('pb-saved', { detail: saved, bubbles: true, composed: true }));
    if (!this.app) go(`#/apps/${saved.id}/sites`);
    else this.notice = 'Saved. Fans see the change the next time the widget loads.';
  }

  // ——— fields ———

  private error(key: string): string {
    return this.errors[key] ?? '';
  }

  private text(
    label: string,
    key: string,
    value: unknown,
    set: (value: string) => void,
    hint = '',
  ): TemplateResult {
    return html`<pb-text-field
      label=${label}
      hint=${hint}
      .value=${String(value ?? '')}
      .error=${this.error(key)}
      data-key=${key}
      @input=${(e: Event) => set((e.currentTarget as HTMLInputElement).value)}
    ></pb-text-field>`;
  }

  private longText(label: string, key: string, value: unknown, set: (value: string) => void): TemplateResult {
    return html`<pb-text-area
      label=${label}
      rows="2"
      .value=${String(value ?? '')}
      .error=${this.error(key)}
      data-key=${key}
      @input=${(e: Event) => set((e.currentTarget as HTMLTextAreaElement).value)}
    ></pb-text-area>`;
  }

  private check(label: string, checked: boolean, set: (checked: boolean) => void, hint = ''): TemplateResult {
    return html`<pb-checkbox
      label=${label}
      hint=${hint}
      ?checked=${checked}
      @change=${(e: Event) => set((e.currentTarget as HTMLInputElement).checked)}
    ></pb-checkbox>`;
  }

  private select(
    label: string,
    key: string,
    value: unknown,
    options: { value: string; label: string }[],
    set: (value: string) => void,
  ): TemplateResult {
    return html`<pb-select
      label=${label}
      .options=${options}
      .value=${String(value ?? '')}
      .error=${this.error(key)}
      data-key=${key}
      @change=${(e: Event) => set((e.currentTarget as HTMLSelectElement).value)}
    ></pb-select>`;
  }

  /** An amount typed in the currency's main unit ("5" or "4.50"), kept in minor units. */
  private amount(
    label: string,
    key: string,
    minor: unknown,
    currency: string,
    set: (minor: number | undefined) => void,
  ): TemplateResult {
    const digits = currencyDigits(currency);
    const shown = typeof minor === 'number' ? String(minor / 10 ** digits) : '';
    return this.text(`${label} (${currency})`, key, shown, (value) => {
      const parsed = Number(value.replace(',', '.'));
      set(value.trim() === '' || !Number.isFinite(parsed) ? undefined : Math.round(parsed * 10 ** digits));
    });
  }

  private get currency(): string {
    return String(this.draft.currency ?? 'USD');
  }

  private renderTipJar(): TemplateResult {
    const d = this.draft;
    const goal = d.goal as { title: string; target: number } | null | undefined;
    const supporters = (d.supporters as { show: boolean; minAmount: number } | undefined) ?? {
      show: false,
      minAmount: 500,
    };
    const digits = currencyDigits(this.currency);
    return html`<fieldset>
        <legend>Amounts</legend>
        ${this.select('Currency', 'config.currency', d.currency, CURRENCIES, (v) => this.change((c) => (c.currency = v)))}
        ${this.text(
          'Suggested amounts',
          'config.presets',
          ((d.presets as number[] | undefined) ?? []).map((p) => p / 10 ** digits).join(', '),
          (v) =>
            this.change(
              (c) =>
                (c.presets = v
                  .split(/[,;\s]+/)
                  .filter(Boolean)
                  .map((n) => Math.round(Number(n) * 10 ** digits))),
            ),
          'Up to six, separated by commas: 3, 5, 10',
        )}
        ${this.amount('Smallest tip', 'config.minAmount', d.minAmount, this.currency, (v) =>
          this.change((c) => (c.minAmount = v)),
        )}
        ${this.amount('Largest tip', 'config.maxAmount', d.maxAmount, this.currency, (v) =>
          this.change((c) => (c.maxAmount = v)),
        )}
        ${this.check('Offer fans to cover the card fee', Boolean(d.offerFeeCover), (v) =>
          this.change((c) => (c.offerFeeCover = v)),
        )}
      </fieldset>
      <fieldset>
        <legend>Words</legend>
        ${this.text('What a tip is called', 'config.label', d.label, (v) => this.change((c) => (c.label = v)), 'Tip, Coffee, Support…')}
        ${this.longText('Thank-you message', 'config.thankYouMessage', d.thankYouMessage, (v) =>
          this.change((c) => (c.thankYouMessage = v)),
        )}
      </fieldset>
      <fieldset>
        <legend>Goal and supporters</legend>
        ${this.check('Show a goal', Boolean(goal), (on) =>
          this.change((c) => (c.goal = on ? { title: 'New microphone', target: 20_000 } : null)),
        )}
        ${
          goal
            ? html`${this.text('Goal', 'config.goal.title', goal.title, (v) =>
                this.change((c) => ((c.goal as { title: string }).title = v)),
              )}
              ${this.amount('Target', 'config.goal.target', goal.target, this.currency, (v) =>
                this.change((c) => ((c.goal as { target: number | undefined }).target = v)),
              )}`
            : nothing
        }
        ${this.check('List recent supporters', supporters.show, (on) =>
          this.change((c) => (c.supporters = { ...supporters, show: on })),
        )}
      </fieldset>`;
  }

  private renderRequestForm(): TemplateResult {
    const d = this.draft;
    const pricing = (d.pricing as Config | undefined) ?? { mode: 'free' };
    const fields = (d.fields as Array<{ id: string; label: string; type: string; required?: boolean }>) ?? [];
    const queue = (d.queue as Config | undefined) ?? {};
    const setPricing = (update: (p: Config) => void) =>
      this.change((c) => {
        const next = { ...((c.pricing as Config) ?? {}) };
        update(next);
        c.pricing = next;
      });
    return html`<fieldset>
        <legend>The form</legend>
        ${this.text('Title', 'config.title', d.title, (v) => this.change((c) => (c.title = v)))}
        ${this.check('Taking requests', d.open !== false, (v) => this.change((c) => (c.open = v)), 'Untick to close the form for now.')}
        ${this.longText('Message after sending', 'config.confirmationMessage', d.confirmationMessage, (v) =>
          this.change((c) => (c.confirmationMessage = v)),
        )}
      </fieldset>
      <fieldset>
        <legend>Questions</legend>
        ${fields.map(
          (field, index) =>
            html`<div class="row">
              ${this.text(
                `Question ${index + 1} (${field.type})`,
                `config.fields.${index}.label`,
                field.label,
                (v) => this.change((c) => ((c.fields as Array<{ label: string }>)[index]!.label = v)),
              )}
              ${this.check('Required', Boolean(field.required), (v) =>
                this.change((c) => ((c.fields as Array<{ required?: boolean }>)[index]!.required = v)),
              )}
              <button
                type="button"
                aria-label=${`Remove question ${index + 1}`}
                ?disabled=${fields.length <= 1}
                @click=${() => this.change((c) => (c.fields as unknown[]).splice(index, 1))}
              >
                Remove
              </button>
            </div>`,
        )}
        ${this.error('config.fields') ? html`<p class="error">${this.error('config.fields')}</p>` : nothing}
        <div class="row">
          <button
            type="button"
            @click=${() =>
              this.change((c) =>
                (c.fields as unknown[]).push({
                  id: `question-${fields.length + 1}`,
                  type: 'short-text',
                  label: 'Another question',
                }),
              )}
          >
            Add a short question
          </button>
          <button
            type="button"
            @click=${() =>
              this.change((c) =>
                (c.fields as unknown[]).push({
                  id: `details-${fields.length + 1}`,
                  type: 'long-text',
                  label: 'Tell me more',
                }),
              )}
          >
            Add a long question
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>Price and queue</legend>
        ${this.select('Currency', 'config.currency', d.currency, CURRENCIES, (v) => this.change((c) => (c.currency = v)))}
        ${this.select(
          'Pricing',
          'config.pricing.mode',
          pricing.mode,
          [
            { value: 'free', label: 'Free' },
            { value: 'fixed', label: 'One price' },
            ...(pricing.mode === 'per-option' ? [{ value: 'per-option', label: 'Price per option' }] : []),
          ],
          (v) =>
            setPricing((p) => {
              p.mode = v;
              if (v === 'fixed' && !p.amount) p.amount = 300;
            }),
        )}
        ${
          pricing.mode === 'fixed'
            ? this.amount('Price', 'config.pricing.amount', pricing.amount, this.currency, (v) =>
                setPricing((p) => (p.amount = v)),
              )
            : nothing
        }
        ${this.select(
          'Queue order',
          'config.queue.policy',
          queue.policy,
          [
            { value: 'fifo', label: 'First come, first served' },
            { value: 'round-robin', label: 'Take turns between fans' },
          ],
          (v) => this.change((c) => (c.queue = { ...queue, policy: v })),
        )}
        ${this.text('Most open requests at once', 'config.queue.maxSize', queue.maxSize, (v) =>
          this.change((c) => (c.queue = { ...queue, maxSize: Number(v) })),
        )}
        ${this.text('Most open requests per fan', 'config.queue.perFanLimit', queue.perFanLimit, (v) =>
          this.change((c) => (c.queue = { ...queue, perFanLimit: Number(v) })),
        )}
      </fieldset>`;
  }

  private renderBooking(): TemplateResult {
    const d = this.draft;
    const types = (d.eventTypes as Array<Config>) ?? [];
    const first = types[0] ?? {};
    const availability =
      (d.availability as { weeklyHours?: Array<{ weekday: string; start: string; end: string }> }) ?? {};
    const hours = availability.weeklyHours ?? [];
    const window = hours[0] ?? { start: '09:00', end: '17:00' };
    const days = new Set(hours.map((h) => h.weekday));
    const setHours = (nextDays: Set<string>, start: string, end: string) =>
      this.change(
        (c) =>
          (c.availability = {
            ...availability,
            weeklyHours: WEEKDAYS.filter((day) => nextDays.has(day)).map((weekday) => ({
              weekday,
              start,
              end,
            })),
          }),
      );
    const price = first.price as { amount: number; currency: string } | undefined;
    const setFirst = (update: (t: Config) => void) =>
      this.change((c) => {
        const list = c.eventTypes as Config[];
        update(list[0]!);
      });
    return html`<fieldset>
        <legend>The calendar</legend>
        ${this.text('Title', 'config.title', d.title, (v) => this.change((c) => (c.title = v)))}
        ${this.text('Your time zone', 'config.timeZone', d.timeZone, (v) => this.change((c) => (c.timeZone = v)), 'An IANA zone such as Europe/Berlin or America/New_York')}
      </fieldset>
      <fieldset>
        <legend>Weekly hours</legend>
        <div class="row">
          ${WEEKDAYS.map((day) =>
            this.check(day[0]!.toUpperCase() + day.slice(1, 3), days.has(day), (on) => {
              const next = new Set(days);
              if (on) next.add(day);
              else next.delete(day);
              setHours(next, window.start, window.end);
            }),
          )}
        </div>
        ${this.text('From', 'config.availability.weeklyHours', window.start, (v) => setHours(days, v, window.end), '24-hour time, 09:00')}
        ${this.text('Until', 'config.availability.weeklyHours.0.end', window.end, (v) => setHours(days, window.start, v))}
      </fieldset>
      <fieldset>
        <legend>What fans book</legend>
        ${this.text('Name', 'config.eventTypes.0.name', first.name, (v) => setFirst((t) => (t.name = v)))}
        ${this.text('Length in minutes', 'config.eventTypes.0.lengthMinutes', first.lengthMinutes, (v) =>
          setFirst((t) => (t.lengthMinutes = Number(v))),
        )}
        ${this.check('Paid', Boolean(price && price.amount > 0), (on) =>
          setFirst((t) => {
            if (on) t.price = { amount: 2500, currency: 'USD' };
            else delete t.price;
          }),
        )}
        ${
          price
            ? this.amount('Price', 'config.eventTypes.0.price.amount', price.amount, price.currency, (v) =>
                setFirst((t) => ((t.price as { amount: number | undefined }).amount = v)),
              )
            : nothing
        }
        ${this.error('config.eventTypes') ? html`<p class="error">${this.error('config.eventTypes')}</p>` : nothing}
      </fieldset>`;
  }

  private renderCohortMatcher(): TemplateResult {
    const d = this.draft;
    return html`<fieldset>
      <legend>The program</legend>
      ${this.text('Title', 'config.title', d.title, (v) => this.change((c) => (c.title = v)))}
      ${this.text(
        'Interests fans pick from',
        'config.interests',
        ((d.interests as string[]) ?? []).join(', '),
        (v) =>
          this.change(
            (c) =>
              (c.interests = v
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean)),
          ),
        'Separated by commas',
      )}
      ${this.text('People per group', 'config.groupSize', d.groupSize, (v) => this.change((c) => (c.groupSize = Number(v))))}
      ${this.select(
        'How often groups are made',
        'config.cadence',
        d.cadence,
        [
          { value: 'weekly', label: 'Every week' },
          { value: 'every-2-weeks', label: 'Every two weeks' },
          { value: 'every-4-weeks', label: 'Every four weeks' },
          { value: 'manual', label: 'Only when I run a round' },
        ],
        (v) => this.change((c) => (c.cadence = v)),
      )}
      ${this.text('Hours a week a group shares at least', 'config.minOverlapHours', d.minOverlapHours, (v) =>
        this.change((c) => (c.minOverlapHours = Number(v))),
      )}
    </fieldset>`;
  }

  private renderTheme(): TemplateResult {
    const color = (label: string, key: 'accent' | 'accentText', fallback: string) => {
      const value = this.overrides[key] ?? '';
      const setValue = (next: string) => {
        const theme = { ...this.overrides };
        if (next) theme[key] = next;
        else delete theme[key];
        this.overrides = theme;
        this.schedule();
      };
      return html`<div class="field">
        <label for=${`color-${key}`}>${label}</label>
        <div class="row">
          <input
            id=${`color-${key}`}
            type="color"
            .value=${value || fallback}
            @input=${(e: Event) => setValue((e.currentTarget as HTMLInputElement).value)}
          />
          <input
            aria-label=${`${label} as a hex code`}
            .value=${value}
            placeholder="default"
            size="8"
            @input=${(e: Event) => setValue((e.currentTarget as HTMLInputElement).value.trim())}
          />
          ${value ? html`<button type="button" class="link" @click=${() => setValue('')}>Use the default</button>` : nothing}
        </div>
        ${this.error(`theme.${key}`) ? html`<span class="error" role="alert">${this.error(`theme.${key}`)}</span>` : nothing}
      </div>`;
    };
    return html`<fieldset>
      <legend>Look</legend>
      <p class="muted">
        The widget follows each fan's light or dark setting; your colours must stay readable in both.
      </p>
      ${color('Button colour', 'accent', '#6d28d9')} ${color('Button text colour', 'accentText', '#ffffff')}
      ${
        this.contrastSuggestion
          ? html`<p>
              <button
                type="button"
                @click=${() => {
                  this.overrides = { ...this.overrides, accent: this.contrastSuggestion };
                  this.schedule();
                }}
              >
                Use ${this.contrastSuggestion}, the nearest colour that passes
              </button>
            </p>`
          : nothing
      }
      ${this.select(
        'Corner radius',
        'theme.radius',
        this.overrides.radius ?? '',
        [{ value: '', label: 'Default' }, ...RADII],
        (v) => {
          const theme = { ...this.overrides };
          if (v) theme.radius = v;
          else delete theme.radius;
          this.overrides = theme;
          this.schedule();
        },
      )}
    </fieldset>`;
  }

  private renderPreview(theme: 'light' | 'dark'): TemplateResult {
    const label = `Preview, ${theme} theme`;
    if (!this.checked) {
      return html`<figure class="card preview">
        <figcaption>${label}</figcaption>
        <p class="muted">Loading the preview…</p>
      </figure>`;
    }
    const id = this.app?.id ?? '';
    const app = previewApp(this.type, this.checked, { id, name: this.name });
    let widget: TemplateResult;
    switch (this.type) {
      case 'tip-jar':
        widget = html`<pb-tip-jar preview theme=${theme} app=${id} .publicApp=${app}></pb-tip-jar>`;
        break;
      case 'request-form':
        widget = html`<pb-request-form preview theme=${theme} app=${id} .publicApp=${app}></pb-request-form>`;
        break;
      case 'cohort-matcher':
        widget = html`<pb-cohort-matcher
          preview
          theme=${theme}
          app=${id}
          .publicApp=${app}
        ></pb-cohort-matcher>`;
        break;
      case 'booking':
        // The calendar reads its open slots from the saved app, so it previews once saved.
        widget = id
          ? html`<pb-booking preview theme=${theme} app=${id} .publicApp=${app}></pb-booking>`
          : html`<p class="muted">The calendar shows its open times once saved.</p>`;
        break;
    }
    return html`<figure class="card preview" aria-label=${label}>
      <figcaption class="muted">${label}</figcaption>
      <div inert>${widget}</div>
    </figure>`;
  }

  private renderFields(): TemplateResult {
    switch (this.type) {
      case 'tip-jar':
        return this.renderTipJar();
      case 'request-form':
        return this.renderRequestForm();
      case 'booking':
        return this.renderBooking();
      case 'cohort-matcher':
        return this.renderCohortMatcher();
    }
  }

  override render(): TemplateResult {
    const problems = Object.keys(this.errors).length;
    return html`<div class="editor">
      <form
        class="settings"
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.save();
        }}
      >
        <h2>${this.app ? `Design: ${this.app.name}` : `New ${WIDGET_NAMES[this.type].toLowerCase()}`}</h2>
        <div class="next">
          <p>
            ${
              this.app
                ? 'Change what you like; the preview follows. Save when it looks right.'
                : 'Adjust anything you like — the preview follows as you type — then save to continue to where it will appear.'
            }
          </p>
          <button class="primary" type="submit" ?disabled=${this.busy}>
            ${this.app ? 'Save changes' : 'Save and continue'}
          </button>
        </div>
        ${this.renderStatusLine()}
        ${this.text('Name (only you see it)', 'name', this.name, (v) => {
          this.name = v;
          this.schedule();
        })}
        ${this.renderFields()} ${this.renderTheme()}
        <p role="status" class="muted">
          ${
            this.checking
              ? 'Checking…'
              : problems
                ? `${problems} thing${problems === 1 ? '' : 's'} to fix before saving.`
                : 'Everything checks out.'
          }
        </p>
        ${this.errors[''] ? html`<p class="error">${this.errors['']}</p>` : nothing}
      </form>
      <div class="previews">${this.renderPreview('light')} ${this.renderPreview('dark')}</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-console-editor': PbConsoleEditor;
  }
}

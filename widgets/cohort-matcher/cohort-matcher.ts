import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../shared/patchbay-element.ts';
import { ApiClient } from '../shared/api-client.ts';
import { PbReadyEvent, PbSubmitEvent } from '../shared/events.ts';
import { FAN_SIGN_IN_PROVIDERS, fanSession, type FanSignInProvider } from '../shared/fan-session.ts';
import { PatchbayWidget } from '../shared/patchbay-widget.ts';
import { cohortMatcherMessages, type CohortMatcherMessageKey } from './cohort-matcher.messages.ts';
import { cohortMatcherStyles } from './cohort-matcher.styles.ts';
import {
  COHORT_DAY_BLOCKS,
  COHORT_EXPERIENCE_LEVELS,
  COHORT_WEEKDAYS,
  type CohortMember,
  type CohortWeeklyHours,
  type MyCohortGroup,
  type PublicCohortProgram,
} from './cohort-matcher.types.ts';

const BLOCK_HOURS = 3;
const PROVIDER_NAMES: Record<FanSignInProvider, string> = {
  twitch: 'Twitch',
  discord: 'Discord',
  google: 'Google',
};
const pad = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** The grid's cells a member's weekly hours cover (a cell counts when its whole block is inside). */
function cellsOf(hours: readonly CohortWeeklyHours[]): Set<string> {
  const cells = new Set<string>();
  for (const h of hours) {
    for (const block of COHORT_DAY_BLOCKS) {
      if (h.start <= pad(block) && h.end >= pad(block + BLOCK_HOURS)) cells.add(`${h.weekday}-${block}`);
    }
  }
  return cells;
}

/** Checked cells as weekly hours, neighbouring blocks of a day joined. */
function hoursOf(cells: ReadonlySet<string>): CohortWeeklyHours[] {
  const hours: CohortWeeklyHours[] = [];
  for (const weekday of COHORT_WEEKDAYS) {
    let open: CohortWeeklyHours | undefined;
    for (const block of COHORT_DAY_BLOCKS) {
      if (!cells.has(`${weekday}-${block}`)) {
        open = undefined;
        continue;
      }
      const end = pad(block + BLOCK_HOURS);
      if (open) open.end = end;
      else hours.push((open = { weekday, start: pad(block), end }));
    }
  }
  return hours;
}

/**
 * The cohort matcher: a fan signs in through the sign-in popup (the one the tip jar and the request
 * form use, with the providers the creator allows) and joins the creator's program (interests from the
 * creator's list, goals, experience, time zone and a weekly availability grid), pauses or leaves, sees
 * their group this round with the hours everyone is free on their own clock and why they were
 * matched, says whether they met, and may ask never to be grouped with someone again.
 *
 * @summary Cohort matcher: join, your group this round, did you meet.
 *
 * @attr app - The app id.
 * @attr api-base - Origin of the Patchbay API.
 * @attr prefill-token - A fan token for this app, for a page that signed the fan in itself; without
 *   one the widget offers the sign-in popup.
 * @attr prefill-timezone - The time zone the join form starts with (default: the browser's).
 *
 * @event pb-ready - The program loaded.
 * @event pb-submit - The fan joined or saved their profile.
 * @event pb-error - Loading or saving failed; `detail.message` is what the fan saw.
 *
 * @csspart sign-in - The sign-in buttons.
 * @csspart form - The join / profile form.
 * @csspart grid - The weekly availability grid.
 * @csspart group - "Your group this round".
 * @csspart feedback - "Did you meet?".
 *
 * @cssproperty --pb-cohort-matcher-min-height - The height the widget first renders at.
 * @cssproperty --pb-cohort-matcher-gap - Space between sections.
 */
@customElement('pb-cohort-matcher')
export class PbCohortMatcher extends PatchbayWidget {
  static override styles = [...PatchbayWidget.styles, ...cohortMatcherStyles];
  static override catalogs = [...PatchbayWidget.catalogs, cohortMatcherMessages];

  @property() app = '';
  @property({ attribute: 'api-base' }) apiBase = '';
  @property({ attribute: 'prefill-token' }) fanToken = '';
  @property({ attribute: 'prefill-timezone' }) prefillTimeZone = '';

  /** The program as `getCohortProgram` returns it, when the page already has it. */
  @property({ attribute: false }) publicApp: PublicCohortProgram | undefined;

  @state() private program: PublicCohortProgram | undefined;
  @state() private mine: MyCohortGroup | undefined;
  @state() private editing = false;
  @state() private busy = false;
  @state() private cells = new Set<string>();
  @state() private notice = '';
  @state() private signedInAs = '';

  /** The page's token, or the one the sign-in popup handed this frame (kept in memory only). */
  private get token(): string | undefined {
    return this.fanToken || fanSession(this.app)?.token;
  }

  private get client(): ApiClient {
    return new ApiClient({ baseUrl: `${this.apiBase || location.origin}/api`, bearer: () => this.token });
  }

  private get base(): string {
    return `/public/apps/${encodeURIComponent(this.app)}/cohort`;
  }

  private t(key: CohortMatcherMessageKey, params?: Record<string, string | number>): string {
    return this.localize(cohortMatcherMessages, key, params);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.hasUpdated) void this.loadProgram();
    // In a frame the token arrives with the host's init message, after the first render.
    else if (changed.has('fanToken') && this.fanToken) void this.loadProgram();
  }

  private async loadProgram(): Promise<void> {
    const program = await this.load(
      async (signal) => {
        const loaded =
          this.token || !this.publicApp
            ? await this.client.get<PublicCohortProgram>(this.base, { signal })
            : this.publicApp;
        const mine =
          loaded.member && loaded.member.status !== 'left'
            ? await this.client.get<MyCohortGroup>(`${this.base}/my-group`, { signal })
            : undefined;
        return { loaded, mine };
      },
      { retry: () => this.loadProgram() },
    );
    if (!program) return;
    this.program = program.loaded;
    this.mine = program.mine;
    this.cells = cellsOf(program.loaded.member?.weeklyHours ?? []);
    await this.updateComplete;
    this.emit(new PbReadyEvent({ widget: this.widgetName }));
  }

  private get timeZone(): string {
    return (
      this.program?.member?.timeZone ||
      this.prefillTimeZone ||
      Intl.DateTimeFormat().resolvedOptions().timeZone ||
      'UTC'
    );
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (this.busy || !form.reportValidity()) return;
    const data = new FormData(form);
    const answers: Record<string, string[]> = {};
    for (const question of this.program?.questions ?? []) {
      const chosen = data.getAll(`q-${question.id}`).map(String);
      if (chosen.length > 0) answers[question.id] = chosen;
    }
    const profile = {
      interests: data.getAll('interest').map(String),
      goals: String(data.get('goals') ?? '')
        .split(',')
        .map((goal) => goal.trim())
        .filter(Boolean)
        .slice(0, 10),
      experience: data.get('experience') ? String(data.get('experience')) : null,
      timeZone: String(data.get('time-zone') || this.timeZone),
      weeklyHours: hoursOf(this.cells),
      answers,
    };
    await this.save(async () => {
      const member =
        this.program?.member && this.program.member.status !== 'left'
          ? await this.client.request<CohortMember>('PATCH', `${this.base}/members/me`, profile)
          : await this.client.post<CohortMember>(`${this.base}/members`, profile);
      this.emit(new PbSubmitEvent({ widget: this.widgetName, requestId: null }));
      this.editing = false;
      return { member, notice: this.t('joined') };
    });
  }

  private async save(work: () => Promise<{ member: CohortMember; notice: string }>): Promise<void> {
    this.busy = true;
    try {
      const { member, notice } = await work();
      this.program = { ...this.program!, member };
      this.mine =
        member.status === 'left' ? undefined : await this.client.get<MyCohortGroup>(`${this.base}/my-group`);
      this.notice = notice;
      void this.announce(notice);
    } catch (error) {
      this.showError(error);
    } finally {
      this.busy = false;
    }
  }

  private setStatusOfMember(status: 'active' | 'paused'): Promise<void> {
    return this.save(async () => ({
      member: await this.client.request<CohortMember>('PATCH', `${this.base}/members/me`, { status }),
      notice: status === 'paused' ? this.t('paused') : this.t('joined'),
    }));
  }

  private leave(): Promise<void> {
    return this.save(async () => ({
      member: await this.client.request<CohortMember>('DELETE', `${this.base}/members/me`, undefined),
      notice: this.t('left'),
    }));
  }

  /** Signs the fan in through the popup (loaded only now: most visits never need it), then loads them. */
  private async signInWith(provider: FanSignInProvider): Promise<void> {
    try {
      const { signIn } = await import('../shared/fan-sign-in.ts');
      const session = await signIn(provider, { appId: this.app });
      this.signedInAs = session.displayName;
      void this.announce(this.t('signed-in-as', { name: session.displayName }));
      await this.loadProgram();
    } catch {
      void this.announce(this.t('sign-in-failed'), 'assertive');
      this.notice = this.t('sign-in-failed');
    }
  }

  /** "Never group me with …": kept in the member's `avoid` list, which the matcher treats as a hard rule. */
  private async setAvoid(memberId: string, avoid: boolean): Promise<void> {
    const current = this.program?.member?.avoid ?? [];
    const next = avoid ? [...new Set([...current, memberId])] : current.filter((id) => id !== memberId);
    await this.save(async () => ({
      member: await this.client.request<CohortMember>('PATCH', `${this.base}/members/me`, { avoid: next }),
      notice: avoid ? this.t('avoid-saved') : this.t('avoid-removed'),
    }));
  }

  private async answer(met: boolean): Promise<void> {
    const round = this.mine?.round;
    if (!round) return;
    this.busy = true;
    try {
      await this.client.request('PUT', `${this.base}/rounds/${round.id}/feedback`, { met });
      this.mine = { ...this.mine!, met };
      this.notice = this.t('thanks-feedback');
      void this.announce(this.notice);
    } catch (error) {
      this.showError(error);
    } finally {
      this.busy = false;
    }
  }

  private toggleCell(cell: string, on: boolean): void {
    const next = new Set(this.cells);
    if (on) next.add(cell);
    else next.delete(cell);
    this.cells = next;
  }

  private renderGrid(): TemplateResult {
    const dayName = (weekday: string) => weekday.charAt(0).toUpperCase() + weekday.slice(1, 3);
    return html`<fieldset part="grid">
      <legend>${this.t('availability', { zone: this.timeZone })}</legend>
      <table>
        <thead>
          <tr>
            <td></td>
            ${COHORT_WEEKDAYS.map((d) => html`<th scope="col" abbr=${d}>${dayName(d)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${COHORT_DAY_BLOCKS.map(
            (block) =>
              html`<tr>
                <th scope="row">${pad(block)}–${pad(block + BLOCK_HOURS)}</th>
                ${COHORT_WEEKDAYS.map((weekday) => {
                  const cell = `${weekday}-${block}`;
                  return html`<td>
                    <input
                      type="checkbox"
                      aria-label=${`${weekday} ${pad(block)}–${pad(block + BLOCK_HOURS)}`}
                      .checked=${this.cells.has(cell)}
                      @change=${(e: Event) => this.toggleCell(cell, (e.target as HTMLInputElement).checked)}
                    />
                  </td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
    </fieldset>`;
  }

  private renderForm(): TemplateResult {
    const program = this.program!;
    const member = program.member?.status === 'left' ? null : program.member;
    return html`<form part="form" novalidate @submit=${this.submit}>
      ${
        program.interests.length > 0
          ? html`<fieldset>
              <legend>${this.t('interests')}</legend>
              <div class="tags">
                ${program.interests.map(
                  (interest) =>
                    html`<label
                      ><input
                        type="checkbox"
                        name="interest"
                        value=${interest}
                        .checked=${member?.interests.includes(interest) ?? false}
                      />${interest}</label
                    >`,
                )}
              </div>
            </fieldset>`
          : nothing
      }
      <label
        >${this.t('goals')}<br /><input
          type="text"
          name="goals"
          maxlength="400"
          .value=${member?.goals.join(', ') ?? ''}
      /></label>
      <label
        >${this.t('experience')}<br /><select name="experience">
          <option value="">${this.t('experience-any')}</option>
          ${COHORT_EXPERIENCE_LEVELS.map(
            (level) =>
              html`<option value=${level} ?selected=${member?.experience === level}>${level}</option>`,
          )}
        </select></label
      >
      <label
        >${this.t('time-zone')}<br /><input type="text" name="time-zone" required .value=${this.timeZone}
      /></label>
      ${program.questions.map(
        (question) =>
          html`<fieldset>
            <legend>${question.prompt}</legend>
            <div class="tags">
              ${question.options.map(
                (option) =>
                  html`<label
                    ><input
                      type=${question.multiple ? 'checkbox' : 'radio'}
                      name=${`q-${question.id}`}
                      value=${option}
                      .checked=${member?.answers[question.id]?.includes(option) ?? false}
                    />${option}</label
                  >`,
              )}
            </div>
          </fieldset>`,
      )}
      ${this.renderGrid()}
      <div class="actions">
        <button part="submit" type="submit" ?disabled=${this.busy}>
          ${member ? this.t('save') : this.t('join')}
        </button>
      </div>
    </form>`;
  }

  private renderGroup(): TemplateResult {
    const mine = this.mine;
    const group = mine?.group;
    if (!mine?.round || !group) return html`<p>${this.t('no-group')}</p>`;
    const day = (weekday: string) => weekday.charAt(0).toUpperCase() + weekday.slice(1);
    return html`<section part="group" aria-labelledby="group-title">
      <h3 id="group-title">${this.t('your-group', { number: mine.round.number })}</h3>
      <ul>
        ${group.members.map(
          (m) =>
            html`<li>
              <b>${m.name}</b>${m.interests.length ? html` — ${m.interests.join(', ')}` : nothing}
              <label class="avoid"
                ><input
                  type="checkbox"
                  ?disabled=${this.busy}
                  .checked=${mine.member.avoid.includes(m.memberId)}
                  @change=${(e: Event) => this.setAvoid(m.memberId, (e.target as HTMLInputElement).checked)}
                />${this.t('avoid', { name: m.name })}</label
              >
            </li>`,
        )}
      </ul>
      ${
        group.sharedInterests.length
          ? html`<p>${this.t('shared-interests')}: ${group.sharedInterests.join(', ')}</p>`
          : nothing
      }
      <h3>${this.t('shared-hours', { zone: group.timeZone })}</h3>
      ${
        group.sharedHours.length
          ? html`<ul class="hours">
              ${group.sharedHours.map((h) => html`<li>${day(h.weekday)} ${h.start}–${h.end}</li>`)}
            </ul>`
          : html`<p>${this.t('no-shared-hours')}</p>`
      }
      <h3>${this.t('why')}</h3>
      <ul>
        ${group.why.map((line) => html`<li>${line}</li>`)}
      </ul>
      <div part="feedback" role="group" aria-label=${this.t('did-you-meet')}>
        <p>${this.t('did-you-meet')}</p>
        <div class="actions">
          <button
            type="button"
            ?disabled=${this.busy}
            aria-pressed=${mine.met === true}
            @click=${() => this.answer(true)}
          >
            ${this.t('yes')}
          </button>
          <button
            type="button"
            ?disabled=${this.busy}
            aria-pressed=${mine.met === false}
            @click=${() => this.answer(false)}
          >
            ${this.t('no')}
          </button>
        </div>
      </div>
    </section>`;
  }

  private renderSignIn(program: PublicCohortProgram): TemplateResult {
    const only = program.identity as FanSignInProvider;
    const providers = FAN_SIGN_IN_PROVIDERS.includes(only) ? [only] : FAN_SIGN_IN_PROVIDERS;
    return html`<div part="sign-in" role="group" aria-label=${this.t('sign-in')}>
      <p>${this.t('sign-in')}</p>
      <div class="actions">
        ${providers.map(
          (provider) =>
            html`<button type="button" @click=${() => this.signInWith(provider)}>
              ${this.t('sign-in-with', { provider: PROVIDER_NAMES[provider] })}
            </button>`,
        )}
      </div>
    </div>`;
  }

  protected override renderReady(): TemplateResult {
    const program = this.program;
    if (!program) return html``;
    const header = html`<h2>${program.title}</h2>`;
    const notice = this.notice ? html`<p role="status">${this.notice}</p>` : nothing;
    if (!this.token) return html`${header}${notice}${this.renderSignIn(program)}`;
    const member = program.member;
    const signedIn = this.signedInAs
      ? html`<p class="signed-in">${this.t('signed-in-as', { name: this.signedInAs })}</p>`
      : nothing;
    if ((!member || member.status === 'left') && program.status !== 'active') {
      return html`${header}${signedIn}
        <p role="status">${this.t('closed')}</p>`;
    }
    if (!member || member.status === 'left' || this.editing) {
      return html`${header}${signedIn}${notice}${this.renderForm()}`;
    }
    return html`${header}${signedIn}${notice}
      ${member.status === 'paused' ? html`<p>${this.t('paused')}</p>` : this.renderGroup()}
      <div class="actions">
        <button type="button" ?disabled=${this.busy} @click=${() => (this.editing = true)}>
          ${this.t('edit-profile')}
        </button>
        ${
          member.status === 'paused'
            ? html`<button
                type="button"
                ?disabled=${this.busy}
                @click=${() => this.setStatusOfMember('active')}
              >
                ${this.t('resume')}
              </button>`
            : html`<button
                type="button"
                ?disabled=${this.busy}
                @click=${() => this.setStatusOfMember('paused')}
              >
                ${this.t('pause')}
              </button>`
        }
        <button type="button" ?disabled=${this.busy} @click=${this.leave}>${this.t('leave')}</button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-cohort-matcher': PbCohortMatcher;
  }
}

import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ConsoleView } from './console-view.ts';

interface CohortRound {
  id: string;
  number: number;
  weekStart: string;
  status: string;
  report: {
    members: number;
    groups: number;
    meanScore: number;
    randomMeanScore: number;
    violations: number;
    repeatPairs: number;
    membersBelowOverlap: number;
    runtimeMs: number;
  };
  groups: Array<{
    number: number;
    score: number;
    members: Array<{ memberId: string; name: string }>;
    sharedInterests: string[];
    sharedHoursPerWeek: number;
  }>;
}

/** Round ids this browser ran, per app: the API reads one round at a time, by id. */
const remembered = (appId: string): string[] => {
  try {
    return JSON.parse(localStorage.getItem(`pb-console:rounds:${appId}`) ?? '[]') as string[];
  } catch {
    return [];
  }
};

/**
 * Cohort rounds: run one now as a draft, read its quality report and groups, publish it (members get
 * their introductions), and look back at the rounds run from this browser.
 *
 * @summary Cohort rounds with their quality report.
 */
@customElement('pb-console-cohorts')
export class PbConsoleCohorts extends ConsoleView {
  @state() private appId = '';
  @state() private rounds: CohortRound[] = [];

  private get programs() {
    return this.apps.filter((app) => app.type === 'cohort-matcher');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.appId ||= this.programs[0]?.id ?? '';
    void this.reload();
  }

  private async reload(): Promise<void> {
    if (!this.appId) return;
    const rounds = await this.act(() =>
      Promise.all(
        remembered(this.appId).map((id) =>
          this.api.get<CohortRound>(`/apps/${this.appId}/cohort/rounds/${id}`).catch(() => undefined),
        ),
      ),
    );
    if (rounds)
      this.rounds = rounds.filter((r): r is CohortRound => Boolean(r)).sort((a, b) => b.number - a.number);
  }

  private async run(): Promise<void> {
    const round = await this.act(
      () => this.api.post<CohortRound>(`/apps/${this.appId}/cohort/rounds`, { publish: false }),
      'A draft round is ready: read its report, then publish it to introduce the groups.',
    );
    if (!round) return;
    localStorage.setItem(
      `pb-console:rounds:${this.appId}`,
      JSON.stringify([round.id, ...remembered(this.appId)].slice(0, 20)),
    );
    this.rounds = [round, ...this.rounds.filter((r) => r.id !== round.id)];
  }

  private async publish(round: CohortRound): Promise<void> {
    const published = await this.act(
      () => this.api.post<CohortRound>(`/apps/${this.appId}/cohort/rounds/${round.id}/publish`),
      'Published: every member gets an email introducing their group.',
    );
    if (published) this.rounds = this.rounds.map((r) => (r.id === round.id ? published : r));
  }

  private renderRound(round: CohortRound): TemplateResult {
    const r = round.report;
    return html`<section class="card">
      <h2>Round ${round.number} <span class="badge">${round.status}</span></h2>
      <p class="muted">Week of ${round.weekStart}</p>
      <table>
        <caption>
          Quality report
        </caption>
        <tbody>
          <tr>
            <th scope="row">Members, groups</th>
            <td>${r.members} in ${r.groups} groups</td>
          </tr>
          <tr>
            <th scope="row">Match score</th>
            <td>${r.meanScore.toFixed(2)} (random grouping: ${r.randomMeanScore.toFixed(2)})</td>
          </tr>
          <tr>
            <th scope="row">Rules broken</th>
            <td>${r.violations}</td>
          </tr>
          <tr>
            <th scope="row">Pairs meeting again</th>
            <td>${r.repeatPairs}</td>
          </tr>
          <tr>
            <th scope="row">Members short of shared time</th>
            <td>${r.membersBelowOverlap}</td>
          </tr>
          <tr>
            <th scope="row">Took</th>
            <td>${Math.round(r.runtimeMs)} ms</td>
          </tr>
        </tbody>
      </table>
      <details>
        <summary>The ${round.groups.length} groups</summary>
        <ol>
          ${round.groups.map(
            (g) =>
              html`<li>
                ${g.members.map((m) => m.name).join(', ')}
                <span class="muted"
                  >— ${g.sharedInterests.join(', ') || 'no shared interest'}, ${g.sharedHoursPerWeek} h a week
                  together</span
                >
              </li>`,
          )}
        </ol>
      </details>
      ${
        round.status === 'draft'
          ? html`<button
              class="primary"
              type="button"
              ?disabled=${this.busy}
              @click=${() => void this.publish(round)}
            >
              Publish and introduce the groups
            </button>`
          : nothing
      }
    </section>`;
  }

  override render(): TemplateResult {
    if (this.programs.length === 0) {
      return html`<h1>Cohort rounds</h1>
        <div class="next">
          <p>You have no cohort matcher yet.</p>
          <a class="button primary" href="#/new">Create one</a>
        </div>`;
    }
    return html`<h1>Cohort rounds</h1>
      <div class="next">
        <p>
          Rounds run on their schedule by themselves. Run one now to see who would be grouped, then publish
          it.
        </p>
        <button
          class="primary"
          type="button"
          ?disabled=${this.busy || !this.appId}
          @click=${() => void this.run()}
        >
          Run a round now
        </button>
      </div>
      ${this.renderStatusLine()}
      <div class="row card">
        <label for="cohort-app">Program</label>
        <select
          id="cohort-app"
          @change=${(e: Event) => {
            this.appId = (e.currentTarget as HTMLSelectElement).value;
            this.rounds = [];
            void this.reload();
          }}
        >
          ${this.programs.map((app) => html`<option value=${app.id} ?selected=${app.id === this.appId}>${app.name}</option>`)}
        </select>
      </div>
      ${this.rounds.map((round) => this.renderRound(round))}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-console-cohorts': PbConsoleCohorts;
  }
}

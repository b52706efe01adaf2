import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { chart } from './console-charts.ts';
import { ConsoleView } from './console-view.ts';

interface Row {
  week?: string;
  opens: number;
  requests: number;
  paid: number;
  conversion: number | null;
  fulfilled: number;
  medianFulfilmentHours: number | null;
  refundRate: number | null;
  disputeRate: number | null;
  money: Array<{ currency: string; gross: number; fees: number; net: number }>;
}

interface Insights {
  weeks: string[];
  apps: Array<{ appId: string; name: string; weeks: Required<Row>[]; total: Row }>;
  all: { weeks: Required<Row>[]; total: Row };
}

const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;

/**
 * Insights: requests per week, conversion from a widget opened to a payment, median time to deliver,
 * refund and dispute rates and revenue after fees, for all apps or one, over the last weeks; each
 * chart has its numbers as a table, and everything downloads as CSV.
 *
 * @summary Insights with charts and CSV export.
 */
@customElement('pb-console-insights')
export class PbConsoleInsights extends ConsoleView {
  static override styles = [
    ...ConsoleView.styles,
    css`
      .charts {
        display: grid;
        gap: var(--pb-space-md);
        grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr));
      }
      svg {
        inline-size: 100%;
        block-size: auto;
      }
      .bar,
      .dot {
        fill: var(--pb-color-accent);
      }
      .line {
        fill: none;
        stroke: var(--pb-color-accent);
        stroke-width: 2;
      }
      .axis {
        stroke: var(--pb-color-border);
      }
      .tick {
        fill: var(--pb-color-text-muted);
        font-size: 12px;
      }
      .totals {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pb-space-lg);
      }
      .totals strong {
        display: block;
        font-size: var(--pb-font-size-xl);
      }
    `,
  ];

  @state() private insights: Insights | undefined;
  @state() private appId = '';
  @state() private weeks = 12;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  private query(format?: 'csv'): string {
    const query = new URLSearchParams({ weeks: String(this.weeks) });
    if (this.appId) query.set('appId', this.appId);
    if (format) query.set('format', format);
    return query.toString();
  }

  private async reload(): Promise<void> {
    const insights = await this.act(() => this.api.get<Insights>(`/insights?${this.query()}`));
    if (insights) this.insights = insights;
  }

  private renderCharts(series: Required<Row>[]): TemplateResult {
    const points = (value: (row: Required<Row>) => number | null) =>
      series.map((row) => ({ label: row.week, value: value(row) }));
    const currencies = [...new Set(series.flatMap((row) => row.money.map((m) => m.currency)))];
    return html`<div class="charts">
      ${chart({ id: 'requests', title: 'Requests per week', kind: 'bar', points: points((r) => r.requests), format: String })}
      ${chart({ id: 'conversion', title: 'Opened → paid', kind: 'line', points: points((r) => r.conversion), format: percent })}
      ${chart({
        id: 'fulfilment',
        title: 'Median time to deliver (hours)',
        kind: 'line',
        points: points((r) => r.medianFulfilmentHours),
        format: (v) => `${v} h`,
      })}
      ${chart({ id: 'refunds', title: 'Refund rate', kind: 'line', points: points((r) => r.refundRate), format: percent })}
      ${chart({ id: 'disputes', title: 'Dispute rate', kind: 'line', points: points((r) => r.disputeRate), format: percent })}
      ${currencies.map((currency) =>
        chart({
          id: `net-${currency}`,
          title: `Revenue after fees (${currency})`,
          kind: 'bar',
          points: points((r) => r.money.find((m) => m.currency === currency)?.net ?? 0),
          format: (v) => this.money(v, currency),
        }),
      )}
    </div>`;
  }

  override render(): TemplateResult {
    const insights = this.insights;
    const scope = insights && this.appId ? insights.apps.find((a) => a.appId === this.appId) : insights?.all;
    const total = scope?.total;
    return html`<h1>Insights</h1>
      <div class="next">
        <p>
          ${
            total && total.opens + total.requests + total.paid > 0
              ? 'How your widgets do, week by week. Download the numbers to work with them in a spreadsheet.'
              : 'Nothing to show yet: once fans open and use your widgets, their weeks appear here.'
          }
        </p>
        <button
          type="button"
          @click=${() => void this.act(() => this.api.download(`/insights?${this.query('csv')}`, 'patchbay-insights.csv'))}
        >
          Download CSV
        </button>
      </div>
      ${this.renderStatusLine()}
      <form class="row card" @submit=${(e: Event) => e.preventDefault()}>
        <label for="insights-app">App</label>
        <select
          id="insights-app"
          @change=${(e: Event) => {
            this.appId = (e.currentTarget as HTMLSelectElement).value;
            void this.reload();
          }}
        >
          <option value="">All apps</option>
          ${this.apps.map((app) => html`<option value=${app.id} ?selected=${app.id === this.appId}>${app.name}</option>`)}
        </select>
        <label for="insights-weeks">Weeks</label>
        <select
          id="insights-weeks"
          @change=${(e: Event) => {
            this.weeks = Number((e.currentTarget as HTMLSelectElement).value);
            void this.reload();
          }}
        >
          ${[4, 12, 26, 52].map((n) => html`<option value=${n} ?selected=${n === this.weeks}>${n}</option>`)}
        </select>
      </form>
      ${
        total
          ? html`<section class="card totals" aria-label="Totals">
              <div><strong>${total.opens}</strong>opens</div>
              <div><strong>${total.paid}</strong>payments</div>
              <div>
                <strong>${total.conversion === null ? '—' : percent(total.conversion)}</strong>opened → paid
              </div>
              <div><strong>${total.requests}</strong>requests</div>
              <div>
                <strong
                  >${total.medianFulfilmentHours === null ? '—' : `${total.medianFulfilmentHours} h`}</strong
                >median time to deliver
              </div>
              ${total.money.map((m) => html`<div><strong>${this.money(m.net, m.currency)}</strong>after fees</div>`)}
            </section>`
          : nothing
      }
      ${scope ? this.renderCharts(scope.weeks) : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-console-insights': PbConsoleInsights;
  }
}

import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ConsoleView } from './console-view.ts';

interface AuditEntry {
  id: number;
  actorType: string;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  createdAt: string;
}

/**
 * The audit log: every change to apps, keys, routes and statuses, who made it and when, newest first.
 *
 * @summary The creator account's audit log.
 */
@customElement('pb-console-audit')
export class PbConsoleAudit extends ConsoleView {
  @state() private entries: AuditEntry[] = [];
  @state() private nextBefore: number | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(before?: number): Promise<void> {
    const page = await this.act(() =>
      this.api.get<{ entries: AuditEntry[]; nextBefore: number | null }>(
        `/audit-log?limit=50${before ? `&before=${before}` : ''}`,
      ),
    );
    if (!page) return;
    this.entries = before ? [...this.entries, ...page.entries] : page.entries;
    this.nextBefore = page.nextBefore;
  }

  override render(): TemplateResult {
    return html`<h1>Audit log</h1>
      <div class="next">
        <p>Everything changed in this creator account, by whom (you, a key, a moderator) and when.</p>
      </div>
      ${this.renderStatusLine()}
      <div class="card">
        <table>
          <caption class="pb-sr-only">
            Audit log
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">On</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            ${this.entries.map(
              (e) =>
                html`<tr>
                  <td>${new Date(e.createdAt).toLocaleString(this.resolvedLocale)}</td>
                  <td><code>${e.action}</code></td>
                  <td>${e.targetType} <span class="muted">${e.targetId.slice(0, 8)}</span></td>
                  <td>${e.actorType} <span class="muted">${e.actorId.slice(0, 8)}</span></td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${this.nextBefore ? html`<button type="button" @click=${() => void this.load(this.nextBefore!)}>Older entries</button>` : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-console-audit': PbConsoleAudit;
  }
}

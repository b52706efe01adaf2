import { html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ConsoleView } from './console-view.ts';

interface Session {
  id: string;
  provider: string;
  userAgent: string | null;
  lastSeenAt: string;
  current: boolean;
}

/**
 * The creator account: download everything it holds (the tenant export), the browsers signed in, and
 * signing out.
 *
 * @summary Account: export, sessions, sign-out.
 *
 * @event pb-signed-out - This browser's session ended.
 */
@customElement('pb-console-account')
export class PbConsoleAccount extends ConsoleView {
  @state() private sessions: Session[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  private async reload(): Promise<void> {
    const listed = await this.act(() => this.api.get<{ sessions: Session[] }>('/sessions'));
    if (listed) this.sessions = listed.sessions;
  }

  private async signOut(session: Session): Promise<void> {
    const done = await this.act(() => this.api.delete(`/sessions/${session.id}`), 'Signed out.');
    if (done === undefined && this.problem) return;
    if (session.current) {
      this.dispatchEvent(new CustomEvent('pb-signed-out', { bubbles: true, composed: true }));
    } else await this.reload();
  }

  override render(): TemplateResult {
    return html`<h1>Account</h1>
      ${this.renderStatusLine()}
      <section class="card">
        <h2>Your data</h2>
        <p>
          Everything this creator account holds — apps, requests, payments, the ledger, the audit log — as one
          JSON file.
        </p>
        <button
          type="button"
          ?disabled=${this.busy}
          @click=${() => void this.act(() => this.api.download('/export', 'patchbay-export.json'), 'The export is downloading.')}
        >
          Download everything
        </button>
      </section>
      <section class="card">
        <h2>Signed-in browsers</h2>
        <ul>
          ${this.sessions.map(
            (s) =>
              html`<li>
                ${s.userAgent ?? 'A browser'} (${s.provider}) · last seen
                ${new Date(s.lastSeenAt).toLocaleString(this.resolvedLocale)}
                ${s.current ? html`<strong>this one</strong>` : ''}
                <button type="button" class="link" @click=${() => void this.signOut(s)}>Sign out</button>
              </li>`,
          )}
        </ul>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-console-account': PbConsoleAccount;
  }
}

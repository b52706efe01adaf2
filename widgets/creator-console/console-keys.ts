import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { API_SCOPES } from '../../backend/domain/api-keys/scopes.ts';
import { ConsoleView } from './console-view.ts';

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * API keys for automations and integrations: create one with just the scopes it needs (shown once),
 * see when each was last used, revoke one at once.
 *
 * @summary The creator's API keys.
 */
@customElement('pb-console-keys')
export class PbConsoleKeys extends ConsoleView {
  @state() private keys: ApiKey[] = [];
  @state() private name = '';
  @state() private scopes = new Set<string>(['apps:read', 'requests:read']);
  @state() private created = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  private async reload(): Promise<void> {
    const listed = await this.act(() => this.api.get<{ keys: ApiKey[] }>('/keys'));
    if (listed) this.keys = listed.keys;
  }

  private async create(): Promise<void> {
    const key = await this.act(
      () =>
        this.api.post<ApiKey & { key: string }>('/keys', {
          name: this.name.trim(),
          scopes: [...this.scopes],
        }),
      'Copy the key now: it is shown only this once.',
    );
    if (!key) return;
    this.created = key.key;
    this.name = '';
    await this.reload();
  }

  private async revoke(key: ApiKey): Promise<void> {
    await this.act(() => this.api.delete(`/keys/${key.id}`), `${key.name} no longer works.`);
    await this.reload();
  }

  override render(): TemplateResult {
    return html`<h1>API keys</h1>
      <div class="next">
        <p>
          Keys let automations (Zapier, scripts, your own site) use the API. Give each only the scopes it
          needs.
        </p>
      </div>
      ${this.renderStatusLine()}
      ${
        this.created
          ? html`<div class="card">
              <p>Your new key:</p>
              <pre><code>${this.created}</code></pre>
            </div>`
          : nothing
      }
      <div class="card">
        <table>
          <caption class="pb-sr-only">
            API keys
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Starts</th>
              <th scope="col">Scopes</th>
              <th scope="col">Last used</th>
              <th scope="col"><span class="pb-sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            ${this.keys.map(
              (key) =>
                html`<tr>
                  <td>${key.name}</td>
                  <td><code>${key.prefix}</code></td>
                  <td>${key.scopes.join(', ')}</td>
                  <td>
                    ${key.lastUsedAt ? new Date(key.lastUsedAt).toLocaleString(this.resolvedLocale) : 'never'}
                  </td>
                  <td>
                    ${
                      key.revokedAt
                        ? html`<span class="badge">revoked</span>`
                        : html`<button type="button" class="danger" @click=${() => void this.revoke(key)}>
                            Revoke
                          </button>`
                    }
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <form
        class="card"
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.create();
        }}
      >
        <h2>Create a key</h2>
        <div class="field">
          <label for="key-name">What is it for?</label>
          <input
            id="key-name"
            required
            .value=${this.name}
            @input=${(e: Event) => (this.name = (e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <fieldset>
          <legend>Scopes</legend>
          <div class="grid">
            ${API_SCOPES.map(
              (scope) =>
                html`<label class="row">
                  <input
                    type="checkbox"
                    .checked=${this.scopes.has(scope)}
                    @change=${(e: Event) => {
                      const next = new Set(this.scopes);
                      if ((e.currentTarget as HTMLInputElement).checked) next.add(scope);
                      else next.delete(scope);
                      this.scopes = next;
                    }}
                  />
                  <code>${scope}</code>
                </label>`,
            )}
          </div>
        </fieldset>
        <button
          class="primary"
          type="submit"
          ?disabled=${this.busy || !this.name.trim() || this.scopes.size === 0}
        >
          Create the key
        </button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-console-keys': PbConsoleKeys;
  }
}

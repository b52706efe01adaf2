import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../shared/api-client.ts';
import { problemText } from './console-api.ts';
import { APP_STEPS, type AppStep } from './console-app.ts';
import './console-account.ts';
import './console-app.ts';
import './console-audit.ts';
import './console-bookings.ts';
import './console-cohorts.ts';
import './console-editor.ts';
import './console-gallery.ts';
import './console-insights.ts';
import './console-keys.ts';
import './console-queue.ts';
import './console-reviews.ts';
import './console-routes.ts';
import { CONSOLE_TEMPLATES, WIDGET_NAMES } from './console-templates.ts';
import { ConsoleView, go } from './console-view.ts';
import type { ConsoleApp, ConsoleSession } from './creator-console.types.ts';

/** The console's views, by the first part of the URL fragment. */
export const CONSOLE_SECTIONS = [
  { path: 'home', label: 'Home' },
  { path: 'new', label: 'New widget' },
  { path: 'queue', label: 'Requests' },
  { path: 'reviews', label: 'Review queue' },
  { path: 'bookings', label: 'Bookings' },
  { path: 'cohorts', label: 'Cohorts' },
  { path: 'insights', label: 'Insights' },
  { path: 'routes', label: 'Routes' },
  { path: 'keys', label: 'API keys' },
  { path: 'audit', label: 'Audit log' },
  { path: 'account', label: 'Account' },
] as const;

/** `#/apps/<id>/publish` → ['apps', '<id>', 'publish']. */
function route(): string[] {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  return parts.length ? parts : ['home'];
}

const SIGN_IN_POLL_MS = 300;

/**
 * The creator console: sign in, pick a widget from the gallery, shape it with a live preview, say
 * where it appears, connect payments, copy the snippet and check the site; then work the request and
 * review queues, bookings and cohort rounds, set up routes and keys, read the audit log and the
 * insights. It uses only the public REST API, with the creator's session cookie and CSRF token.
 * Views are addressed by the URL fragment (`#/queue`, `#/apps/<id>/publish`), so the browser's back
 * button and bookmarks work.
 *
 * @summary The creator console (served at /studio).
 *
 * @attr providers - The sign-in providers this server offers, comma-separated (`twitch,discord`).
 * @attr payments - `test` when the server runs the test payment provider, `stripe` otherwise.
 */
@customElement('pb-creator-console')
export class PbCreatorConsole extends ConsoleView {
  static override styles = [
    ...ConsoleView.styles,
    css`
      :host {
        min-block-size: 100vh;
      }
      .shell {
        display: grid;
        grid-template-columns: minmax(11rem, 14rem) 1fr;
        min-block-size: 100vh;
      }
      header {
        grid-column: 1 / -1;
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--pb-space-md);
        padding: var(--pb-space-sm) var(--pb-space-lg);
        background: var(--pb-color-surface);
        border-block-end: var(--pb-size-border-width) solid var(--pb-color-border-subtle);
      }
      .brand {
        font-weight: var(--pb-font-weight-heading);
        font-size: var(--pb-font-size-lg);
        margin: 0;
      }
      nav.sections {
        padding: var(--pb-space-md);
        background: var(--pb-color-surface);
        border-inline-end: var(--pb-size-border-width) solid var(--pb-color-border-subtle);
      }
      nav ul,
      ul.plain {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav.sections a {
        display: block;
        padding: var(--pb-space-xs) var(--pb-space-sm);
        border-radius: var(--pb-radius-control);
        color: var(--pb-color-text);
        text-decoration: none;
      }
      nav.sections a[aria-current='page'] {
        background: var(--pb-color-accent-subtle);
        font-weight: var(--pb-font-weight-label);
      }
      main {
        padding: var(--pb-space-lg);
        max-inline-size: 72rem;
      }
      .signin {
        max-inline-size: 32rem;
        margin: var(--pb-space-2xl) auto;
      }
      @media (max-width: 48rem) {
        .shell {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  @property() providers = '';
  @property() payments = 'test';
  /** The page knows a session cookie is there; without it the console shows sign-in at once. */
  @property({ type: Boolean, attribute: 'signed-in' }) signedIn = false;

  @state() private session: ConsoleSession | undefined;
  @state() private signedOut = false;
  @state() private parts: string[] = route();
  @state() private loadedApps = false;
  @state() private email = '';
  @state() private emailSent = '';

  #poll: ReturnType<typeof setInterval> | undefined;
  readonly #onHash = () => {
    this.parts = route();
    this.problem = '';
    this.notice = '';
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHash);
    if (this.signedIn) void this.start();
    else this.signedOut = true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHash);
    window.removeEventListener('focus', this.#onFocus);
    clearInterval(this.#poll);
  }

  /** Who is signed in; on success the apps are loaded too. Quiet when nobody is. */
  private async start(): Promise<boolean> {
    try {
      const session = await this.api.get<ConsoleSession>('/session');
      this.api.csrfToken = session.csrfToken;
      this.api.tenantId = session.memberships[0]?.tenantId;
      this.session = session;
      this.signedOut = false;
      this.notice = '';
      window.removeEventListener('focus', this.#onFocus);
      await this.loadApps();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.signedOut = true;
      else this.problem = problemText(error);
      return false;
    }
  }

  private async loadApps(): Promise<void> {
    const listed = await this.act(() => this.api.get<{ apps: ConsoleApp[] }>('/apps'));
    if (listed) this.apps = listed.apps;
    this.loadedApps = true;
  }

  /**
   * Watches the sign-in popup: once it is back on this origin at the signed-in page, the session
   * exists; the popup closes and the console carries on. (Cross-origin, at the provider, its location
   * cannot be read, which is expected.)
   */
  private watchPopup(popup: Window): void {
    clearInterval(this.#poll);
    this.#poll = setInterval(() => {
      let done = popup.closed;
      try {
        done ||= popup.location.origin === location.origin && popup.location.pathname === '/auth/signed-in';
      } catch {
        // At the provider: not yet.
      }
      if (!done) return;
      clearInterval(this.#poll);
      popup.close();
      void this.start();
    }, SIGN_IN_POLL_MS);
  }

  /** Back from the email link opened in another tab: the session may exist now. */
  readonly #onFocus = () => {
    if (this.signedOut && this.emailSent) void this.start();
  };

  private signInWith(provider: string, event: Event): void {
    const popup = window.open(`/auth/${provider}`, 'pb-sign-in', 'popup,width=520,height=720');
    // Without a popup (blocked), the link itself takes this tab through the sign-in.
    if (!popup) return;
    event.preventDefault();
    this.notice = 'Finish signing in in the window that opened; this page continues by itself.';
    this.watchPopup(popup);
  }

  private async sendEmailLink(): Promise<void> {
    const sent = await this.act(() =>
      this.api.post<{ message: string }>('/auth/magic-link', { email: this.email.trim() }),
    );
    if (!sent) return;
    this.emailSent = `${sent.message} Then come back to this tab.`;
    window.addEventListener('focus', this.#onFocus);
  }

  private renderSignIn(): TemplateResult {
    const providers = this.providers.split(',').filter(Boolean);
    return html`<main class="signin">
      <h1>Sign in to Patchbay</h1>
      <div class="next">
        <p>Sign in to set up your widgets and work your queue. New here? Signing in creates your account.</p>
      </div>
      ${this.renderStatusLine()}
      <section class="card stack">
        ${providers.map(
          (provider) =>
            html`<p>
              <a
                class="button primary"
                href=${`/auth/${provider}`}
                @click=${(e: Event) => this.signInWith(provider, e)}
              >
                Sign in with ${provider[0]!.toUpperCase()}${provider.slice(1)}
              </a>
            </p>`,
        )}
        <form
          @submit=${(e: Event) => {
            e.preventDefault();
            void this.sendEmailLink();
          }}
        >
          <div class="field">
            <label for="email"
              >${providers.length ? 'Or get a sign-in link by email' : 'Get a sign-in link by email'}</label
            >
            <div class="row">
              <input
                id="email"
                type="email"
                autocomplete="email"
                required
                .value=${this.email}
                @input=${(e: Event) => (this.email = (e.currentTarget as HTMLInputElement).value)}
              />
              <button type="submit" ?disabled=${this.busy}>Email me a link</button>
            </div>
          </div>
          ${this.emailSent ? html`<p class="success" role="status">${this.emailSent}</p>` : nothing}
        </form>
      </section>
    </main>`;
  }

  /** What to do next, from where the creator's apps stand. */
  private renderHome(): TemplateResult {
    if (!this.loadedApps) return html`<p role="status">Loading your widgets…</p>`;
    const hello = `Welcome${this.session?.user.displayName ? `, ${this.session.user.displayName}` : ''}`;
    // A new creator starts at the gallery: picking a widget is the first thing to do.
    if (this.apps.length === 0) {
      return html`<p class="muted">${hello}! Start with your first widget: a tip jar takes two minutes.</p>
        ${this.renderStatusLine()}
        <pb-console-gallery .api=${this.api} .apps=${this.apps}></pb-console-gallery>`;
    }
    const hasQueue = this.apps.some((a) => a.type === 'request-form');
    return html`<h1>${hello}</h1>
      <div class="next">
        <p>
          ${
            this.apps.some((a) => a.allowedOrigins.length === 0)
              ? 'A widget has no site yet: add where it appears, then publish it.'
              : 'Your widgets are set up. Work your queue, or see how they do.'
          }
        </p>
        <a class="button primary" href=${hasQueue ? '#/queue' : '#/insights'}>
          ${hasQueue ? 'Open the request queue' : 'See your insights'}
        </a>
      </div>
      ${this.renderStatusLine()}
      <section class="card">
        <h2>Your widgets</h2>
        <table>
          <caption class="pb-sr-only">
            Your widgets
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Widget</th>
              <th scope="col">Status</th>
              <th scope="col">Sites</th>
              <th scope="col"><span class="pb-sr-only">Steps</span></th>
            </tr>
          </thead>
          <tbody>
            ${this.apps.map(
              (app) =>
                html`<tr>
                  <td><a href=${`#/apps/${app.id}/design`}>${app.name}</a></td>
                  <td>${WIDGET_NAMES[app.type]}</td>
                  <td><span class="badge">${app.status}</span></td>
                  <td>
                    ${
                      app.allowedOrigins.length
                        ? app.allowedOrigins.join(', ')
                        : html`<a href=${`#/apps/${app.id}/sites`}>Add a site to ${app.name}</a>`
                    }
                  </td>
                  <td><a href=${`#/apps/${app.id}/publish`}>Snippet for ${app.name}</a></td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>`;
  }

  private renderMain(): TemplateResult {
    const [section, id, step] = this.parts;
    const shared = { api: this.api, apps: this.apps };
    switch (section) {
      case 'new': {
        const template = CONSOLE_TEMPLATES.find((t) => t.id === id);
        return template
          ? html`<pb-console-editor
              .api=${shared.api}
              .apps=${shared.apps}
              .template=${template}
              @pb-saved=${this.#saved}
            ></pb-console-editor>`
          : html`<pb-console-gallery .api=${shared.api} .apps=${shared.apps}></pb-console-gallery>`;
      }
      case 'apps': {
        const app = this.apps.find((a) => a.id === id);
        if (!app) {
          return this.loadedApps
            ? html`<div class="next">
                <p>That widget is not in this account.</p>
                <a class="button" href="#/home">Back home</a>
              </div>`
            : html`<p role="status">Loading…</p>`;
        }
        const current = (APP_STEPS as readonly string[]).includes(step ?? '') ? (step as AppStep) : 'design';
        return html`<pb-console-app
          .api=${shared.api}
          .apps=${shared.apps}
          .app=${app}
          step=${current}
          payments=${this.payments}
          @pb-saved=${this.#saved}
        ></pb-console-app>`;
      }
      case 'queue':
        return html`<pb-console-queue .api=${shared.api} .apps=${shared.apps}></pb-console-queue>`;
      case 'reviews':
        return html`<pb-console-reviews .api=${shared.api} .apps=${shared.apps}></pb-console-reviews>`;
      case 'bookings':
        return html`<pb-console-bookings .api=${shared.api} .apps=${shared.apps}></pb-console-bookings>`;
      case 'cohorts':
        return html`<pb-console-cohorts .api=${shared.api} .apps=${shared.apps}></pb-console-cohorts>`;
      case 'insights':
        return html`<pb-console-insights .api=${shared.api} .apps=${shared.apps}></pb-console-insights>`;
      case 'routes':
        return html`<pb-console-routes .api=${shared.api} .apps=${shared.apps}></pb-console-routes>`;
      case 'keys':
        return html`<pb-console-keys .api=${shared.api} .apps=${shared.apps}></pb-console-keys>`;
      case 'audit':
        return html`<pb-console-audit .api=${shared.api} .apps=${shared.apps}></pb-console-audit>`;
      case 'account':
        return html`<pb-console-account
          .api=${shared.api}
          .apps=${shared.apps}
          @pb-signed-out=${() => {
            this.session = undefined;
            this.signedOut = true;
            go('#/home');
          }}
        ></pb-console-account>`;
      default:
        return this.renderHome();
    }
  }

  readonly #saved = (event: CustomEvent<ConsoleApp>) => {
    const saved = event.detail;
    this.apps = this.apps.some((a) => a.id === saved.id)
      ? this.apps.map((a) => (a.id === saved.id ? saved : a))
      : [...this.apps, saved];
  };

  private switchTenant(tenantId: string): void {
    this.api.tenantId = tenantId;
    this.apps = [];
    this.loadedApps = false;
    void this.loadApps();
    go('#/home');
  }

  override render(): TemplateResult {
    if (this.signedOut) return this.renderSignIn();
    if (!this.session) {
      return html`<main>
        ${this.problem ? this.renderStatusLine() : html`<p role="status">Loading…</p>`}
      </main>`;
    }
    const section = this.parts[0] === 'apps' ? 'home' : this.parts[0];
    const memberships = this.session.memberships;
    return html`<div class="shell">
      <header>
        <p class="brand">Patchbay studio</p>
        <div class="row">
          ${
            memberships.length > 1
              ? html`<label for="tenant">Creator account</label>
                  <select
                    id="tenant"
                    @change=${(e: Event) => this.switchTenant((e.currentTarget as HTMLSelectElement).value)}
                  >
                    ${memberships.map(
                      (m) =>
                        html`<option value=${m.tenantId} ?selected=${m.tenantId === this.api.tenantId}>
                          ${m.tenantName} (${m.role})
                        </option>`,
                    )}
                  </select>`
              : html`<span class="muted">${memberships[0]?.tenantName ?? ''}</span>`
          }
          <span>${this.session.user.displayName ?? this.session.user.email ?? ''}</span>
        </div>
      </header>
      <nav class="sections" aria-label="Console">
        <ul>
          ${CONSOLE_SECTIONS.map(
            (s) =>
              html`<li>
                <a href=${`#/${s.path}`} aria-current=${s.path === section ? 'page' : 'false'}>${s.label}</a>
              </li>`,
          )}
        </ul>
      </nav>
      <main>${this.renderMain()}</main>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-creator-console': PbCreatorConsole;
  }
}

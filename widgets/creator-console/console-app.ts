import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import './console-editor.ts';
import { WIDGET_NAMES } from './console-templates.ts';
import { ConsoleView, go } from './console-view.ts';
import {
  EMBED_SNIPPET_MODES,
  type ConsoleApp,
  type EmbedSnippet,
  type EmbedSnippetMode,
} from './creator-console.types.ts';

export const APP_STEPS = ['design', 'sites', 'payments', 'publish', 'overlay', 'controls'] as const;
export type AppStep = (typeof APP_STEPS)[number];

const STEP_LABELS: Record<AppStep, string> = {
  design: 'Design',
  sites: 'Where it appears',
  payments: 'Payments',
  publish: 'Publish',
  overlay: 'Stream overlay',
  controls: 'Pause or stop',
};

const MODE_LABELS: Record<EmbedSnippetMode, { title: string; text: string }> = {
  iframe: {
    title: 'In a frame (recommended)',
    text: 'The widget sits in a sealed frame on your page; the safest choice, and the one to use if unsure.',
  },
  inline: {
    title: 'Inline',
    text: 'The widget becomes part of your page and takes on its fonts; for sites you control fully.',
  },
  button: {
    title: 'As a button',
    text: 'A floating button that opens the widget; for pages without room for it.',
  },
};

interface OverlayKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

interface SiteCheck {
  url: string;
  ok: boolean;
  messages: string[];
}

/** A site the creator typed, as the origin the server stores (`https://example.com`), or why not. */
export function toOrigin(input: string): { origin: string } | { problem: string } {
  const text = input.trim();
  if (!text) return { problem: 'Type the address of your site, such as https://example.com.' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return { problem: 'Use the address of a website, starting with https://.' };
    }
    return { origin: url.origin };
  } catch {
    return { problem: `"${text}" is not a web address. Type it as it appears in your browser.` };
  }
}

/**
 * One app from set-up to live: design, allowed sites, payments, the snippet to paste (and a check
 * that the page carries it), the stream overlay, and the pause and kill switches. Each step ends by
 * saying what to do next.
 *
 * @summary One app's set-up steps in the creator console.
 *
 * @event pb-saved - The app changed; `detail` is the app as saved.
 */
@customElement('pb-console-app')
export class PbConsoleApp extends ConsoleView {
  @property({ attribute: false }) app!: ConsoleApp;
  @property() step: AppStep = 'design';
  /** `test` when the server has no Stripe keys. */
  @property() payments = 'test';

  @state() private sites: string[] = [];
  @state() private siteInput = '';
  @state() private siteProblem = '';
  @state() private connect: { mode: string; account: { chargesEnabled: boolean } | null } | undefined;
  @state() private snippets: EmbedSnippet[] = [];
  @state() private copied = '';
  @state() private checkUrl = '';
  @state() private siteCheck: SiteCheck | undefined;
  @state() private overlayKeys: OverlayKey[] = [];
  @state() private newOverlayUrl = '';
  @state() private statusReason = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('app') && this.app) this.sites = [...this.app.allowedOrigins];
    if ((changed.has('step') || changed.has('app')) && this.app) void this.loadStep();
  }

  private async loadStep(): Promise<void> {
    this.problem = '';
    this.notice = '';
    this.copied = '';
    if (this.step === 'payments' && !this.connect) {
      this.connect = await this.act(() => this.api.get('/payments/connect'));
    }
    if (this.step === 'publish') {
      const snippets = await this.act(() =>
        Promise.all(
          EMBED_SNIPPET_MODES.map((mode) =>
            this.api.get<EmbedSnippet>(`/apps/${this.app.id}/embed-snippet?mode=${mode}`),
          ),
        ),
      );
      if (snippets) this.snippets = snippets;
      if (!this.checkUrl && this.app.allowedOrigins[0] && !this.app.allowedOrigins[0].includes('*')) {
        this.checkUrl = `${this.app.allowedOrigins[0]}/`;
      }
    }
    if (this.step === 'overlay') await this.loadOverlayKeys();
  }

  private saved(app: ConsoleApp): void {
    this.app = app;
    this.dispatchEvent(new CustomEvent('pb-saved', { detail: app, bubbles: true, composed: true }));
  }

  private nextStep(after: AppStep): AppStep {
    if (after === 'sites') return 'payments';
    return 'publish';
  }

  // ——— sites ———

  private addSite(): void {
    const parsed = toOrigin(this.siteInput);
    if ('problem' in parsed) {
      this.siteProblem = parsed.problem;
      return;
    }
    this.siteProblem = '';
    if (!this.sites.includes(parsed.origin)) this.sites = [...this.sites, parsed.origin];
    this.siteInput = '';
  }

  private async saveSites(thenContinue: boolean): Promise<void> {
    if (this.siteInput.trim()) this.addSite();
    if (this.siteProblem) return;
    const app = await this.act(
      () => this.api.patch<ConsoleApp>(`/apps/${this.app.id}`, { allowedOrigins: this.sites }),
      'Saved.',
    );
    if (!app) return;
    this.saved(app);
    if (thenContinue) go(`#/apps/${app.id}/${this.nextStep('sites')}`);
  }

  private renderSites(): TemplateResult {
    return html`<h2>Where will the ${WIDGET_NAMES[this.app.type].toLowerCase()} appear?</h2>
      <div class="next">
        <p>
          Add the address of every site that shows this widget. Only these sites may embed it, so nobody else
          can put your tip jar on their page.
        </p>
        <button
          class="primary"
          type="button"
          ?disabled=${this.busy}
          @click=${() => void this.saveSites(true)}
        >
          Save and continue
        </button>
      </div>
      ${this.renderStatusLine()}
      <form
        class="card"
        @submit=${(e: Event) => {
          e.preventDefault();
          this.addSite();
        }}
      >
        <div class="field">
          <label for="site">Your site</label>
          <span class="hint" id="site-hint">Such as https://example.com — the address, without a page</span>
          <div class="row">
            <input
              id="site"
              type="url"
              inputmode="url"
              aria-describedby="site-hint site-error"
              aria-invalid=${this.siteProblem ? 'true' : 'false'}
              .value=${this.siteInput}
              @input=${(e: Event) => {
                this.siteInput = (e.currentTarget as HTMLInputElement).value;
                this.siteProblem = '';
              }}
            />
            <button type="submit">Add</button>
          </div>
          <span class="error" id="site-error">${this.siteProblem}</span>
        </div>
        ${
          this.sites.length
            ? html`<ul>
                ${this.sites.map(
                  (site) =>
                    html`<li>
                      <code>${site}</code>
                      <button
                        type="button"
                        class="link"
                        aria-label=${`Remove ${site}`}
                        @click=${() => (this.sites = this.sites.filter((s) => s !== site))}
                      >
                        Remove
                      </button>
                    </li>`,
                )}
              </ul>`
            : html`<p class="muted">No sites yet: the widget can be embedded nowhere.</p>`
        }
      </form>`;
  }

  // ——— payments ———

  private get takesMoney(): boolean {
    if (this.app.type === 'tip-jar') return true;
    if (this.app.type === 'request-form') {
      return (this.app.config.pricing as { mode?: string } | undefined)?.mode !== 'free';
    }
    if (this.app.type === 'booking') {
      return ((this.app.config.eventTypes as Array<{ price?: { amount: number } }>) ?? []).some(
        (t) => (t.price?.amount ?? 0) > 0,
      );
    }
    return false;
  }

  private async connectStripe(): Promise<void> {
    const link = await this.act(() =>
      this.api.post<{ url: string }>('/payments/connect/onboarding-link', {
        returnUrl: `${location.origin}/studio#/apps/${this.app.id}/payments`,
      }),
    );
    if (link) location.assign(link.url);
  }

  private renderPayments(): TemplateResult {
    const next = html`<button
      class="primary"
      type="button"
      @click=${() => go(`#/apps/${this.app.id}/${this.nextStep('payments')}`)}
    >
      Continue to publish
    </button>`;
    let body: TemplateResult;
    if (!this.takesMoney) {
      body = html`<div class="next">
        <p>This widget takes no money, so there is nothing to connect.</p>
        ${next}
      </div>`;
    } else if (this.payments === 'test') {
      body = html`<div class="next">
          <p>
            <strong>Test mode.</strong> This server has no Stripe keys, so payments go through Patchbay's test
            provider: fans (and you) can try every step with the card 4242 4242 4242 4242, and no money moves.
          </p>
          ${next}
        </div>
        <p class="muted">
          For real money, whoever runs this server sets STRIPE_SECRET_KEY; you then connect your Stripe
          account here.
        </p>`;
    } else if (this.connect?.mode === 'single-creator') {
      body = html`<div class="next">
        <p>Payments go to this server's own Stripe account. You are ready.</p>
        ${next}
      </div>`;
    } else if (this.connect?.account?.chargesEnabled) {
      body = html`<div class="next">
        <p>Your Stripe account is connected and can take payments.</p>
        ${next}
      </div>`;
    } else {
      body = html`<div class="next">
          <p>
            ${
              this.connect?.account
                ? 'Stripe still needs a few details before your account can take payments. Finish them to go live.'
                : 'Connect a Stripe account so payments reach you. Stripe asks who you are and where to pay you out; it takes a few minutes.'
            }
          </p>
          <button
            class="primary"
            type="button"
            ?disabled=${this.busy}
            @click=${() => void this.connectStripe()}
          >
            ${this.connect?.account ? 'Finish on Stripe' : 'Connect Stripe'}
          </button>
        </div>
        <p>
          <button type="button" class="link" @click=${() => go(`#/apps/${this.app.id}/publish`)}>
            Publish first, connect later
          </button>
        </p>`;
    }
    return html`<h2>Payments</h2>
      ${this.renderStatusLine()}${body}`;
  }

  // ——— publish ———

  private async copy(text: string, what: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = what;
      this.notice = `Copied. Paste it into your page where the widget should appear, then check your site below.`;
    } catch {
      this.problem = 'Your browser did not let the page copy: select the code and copy it yourself.';
    }
  }

  private async checkSite(): Promise<void> {
    this.siteCheck = await this.act(() =>
      this.api.post<SiteCheck>(`/apps/${this.app.id}/site-check`, { url: this.checkUrl.trim() }),
    );
  }

  private renderPublish(): TemplateResult {
    const [recommended, ...others] = this.snippets;
    const snippet = (s: EmbedSnippet, primary: boolean) =>
      html`<section class="card">
        <h3>${MODE_LABELS[s.mode].title}</h3>
        <p class="muted">${MODE_LABELS[s.mode].text}</p>
        <pre aria-label=${`Snippet, ${MODE_LABELS[s.mode].title}`}><code>${s.html}</code></pre>
        <div class="row">
          <button
            type="button"
            class=${primary ? 'primary' : ''}
            data-copy=${s.mode}
            @click=${() => void this.copy(s.html, s.mode)}
          >
            ${this.copied === s.mode ? 'Copied' : 'Copy the snippet'}
          </button>
        </div>
        <details>
          <summary>My page forbids style attributes (strict Content-Security-Policy)</summary>
          <pre><code>${s.strictCsp.html}</code></pre>
          ${
            s.strictCsp.css
              ? html`<p>Add this to your stylesheet:</p>
                  <pre><code>${s.strictCsp.css}</code></pre>`
              : nothing
          }
          <button type="button" @click=${() => void this.copy(`${s.strictCsp.html}`, `${s.mode}-csp`)}>
            Copy
          </button>
        </details>
      </section>`;
    return html`<h2>Publish</h2>
      <div class="next">
        <p>
          ${
            this.copied
              ? 'Paste the snippet into your page, publish the page, then check it below.'
              : 'Copy the snippet and paste it into your page where the widget should appear.'
          }
        </p>
      </div>
      ${
        this.app.allowedOrigins.length === 0
          ? html`<div class="banner" role="alert">
              No site may embed this widget yet.
              <a href=${`#/apps/${this.app.id}/sites`}>Add your site</a> first, or it will refuse to load
              there.
            </div>`
          : nothing
      }
      ${this.renderStatusLine()} ${recommended ? snippet(recommended, true) : nothing}
      <details class="card">
        <summary>Other ways to embed it</summary>
        ${others.map((s) => snippet(s, false))}
      </details>
      <form
        class="card"
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.checkSite();
        }}
      >
        <h3>Check my site</h3>
        <div class="field">
          <label for="check-url">The page with the widget</label>
          <div class="row">
            <input
              id="check-url"
              type="url"
              .value=${this.checkUrl}
              @input=${(e: Event) => (this.checkUrl = (e.currentTarget as HTMLInputElement).value)}
            />
            <button type="submit" ?disabled=${this.busy || !this.checkUrl.trim()}>Check</button>
          </div>
        </div>
        ${
          this.siteCheck
            ? html`<div
                class=${this.siteCheck.ok ? 'success' : 'banner'}
                role=${this.siteCheck.ok ? 'status' : 'alert'}
              >
                <ul>
                  ${this.siteCheck.messages.map((m) => html`<li>${m}</li>`)}
                </ul>
              </div>`
            : nothing
        }
      </form>
      ${
        this.siteCheck?.ok
          ? html`<div class="next">
              <p>You are live. Requests, tips and bookings now arrive in your queue.</p>
              <a class="button primary" href=${this.app.type === 'request-form' ? '#/queue' : '#/insights'}>
                ${this.app.type === 'request-form' ? 'Open the request queue' : 'See your insights'}
              </a>
            </div>`
          : nothing
      }`;
  }

  // ——— overlay ———

  private async loadOverlayKeys(): Promise<void> {
    const listed = await this.act(() =>
      this.api.get<{ keys: OverlayKey[] }>(`/apps/${this.app.id}/overlay-keys`),
    );
    if (listed) this.overlayKeys = listed.keys;
  }

  private async createOverlayKey(): Promise<void> {
    const created = await this.act(() =>
      this.api.post<OverlayKey & { overlayUrl: string }>(`/apps/${this.app.id}/overlay-keys`, {
        name: `OBS ${new Date().toLocaleDateString()}`,
      }),
    );
    if (!created) return;
    this.newOverlayUrl = created.overlayUrl;
    await this.loadOverlayKeys();
    this.notice = 'Copy the overlay URL now: it is shown only once.';
  }

  private async revokeOverlayKey(key: OverlayKey): Promise<void> {
    if (!(await this.act(() => this.api.delete(`/apps/${this.app.id}/overlay-keys/${key.id}`)))) return;
    await this.loadOverlayKeys();
    this.notice = `${key.name} no longer works; overlays using it went blank.`;
  }

  private renderOverlay(): TemplateResult {
    return html`<h2>Stream overlay</h2>
      <div class="next">
        <p>
          Add a browser source in OBS with the overlay URL: tips and paid requests then pop up on stream, one
          at a time, and the request panel shows what is playing and what is next.
        </p>
        <button
          class="primary"
          type="button"
          ?disabled=${this.busy}
          @click=${() => void this.createOverlayKey()}
        >
          Create an overlay URL
        </button>
      </div>
      ${this.renderStatusLine()}
      ${
        this.newOverlayUrl
          ? html`<section class="card">
              <h3>Your overlay URL</h3>
              <pre><code>${this.newOverlayUrl}</code></pre>
              <button
                type="button"
                class="primary"
                @click=${() => void this.copy(this.newOverlayUrl, 'overlay')}
              >
                ${this.copied === 'overlay' ? 'Copied' : 'Copy the overlay URL'}
              </button>
              <p class="muted">
                Options go before the #: <code>?preset=bold</code>, <code>duration=8</code>,
                <code>minName=500</code>, <code>sound=1</code>.
              </p>
            </section>`
          : nothing
      }
      <section class="card">
        <h3>On stream now</h3>
        <div class="row">
          <button
            type="button"
            ?disabled=${this.busy}
            @click=${() => void this.act(() => this.api.post(`/apps/${this.app.id}/overlay/replay`), 'The last alert shows again.')}
          >
            Replay the last alert
          </button>
          <button
            type="button"
            ?disabled=${this.busy}
            @click=${() => void this.act(() => this.api.post(`/apps/${this.app.id}/overlay/clear`), 'The overlay is clear.')}
          >
            Clear the overlay
          </button>
        </div>
      </section>
      <section class="card">
        <h3>Overlay URLs</h3>
        ${
          this.overlayKeys.length
            ? html`<table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Key starts</th>
                    <th scope="col">Created</th>
                    <th scope="col"><span class="pb-sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${this.overlayKeys.map(
                    (key) =>
                      html`<tr>
                        <td>${key.name}</td>
                        <td><code>${key.prefix}</code></td>
                        <td>${new Date(key.createdAt).toLocaleString(this.resolvedLocale)}</td>
                        <td>
                          ${
                            key.revokedAt
                              ? html`<span class="badge">revoked</span>`
                              : html`<button
                                  type="button"
                                  class="danger"
                                  @click=${() => void this.revokeOverlayKey(key)}
                                >
                                  Revoke
                                </button>`
                          }
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : html`<p class="muted">None yet.</p>`
        }
      </section>`;
  }

  // ——— controls ———

  private async setStatus(action: 'pause' | 'resume' | 'kill'): Promise<void> {
    const app = await this.act(
      () =>
        this.api.post<ConsoleApp>(`/apps/${this.app.id}/status`, {
          action,
          ...(this.statusReason.trim() ? { reason: this.statusReason.trim() } : {}),
        }),
      action === 'resume'
        ? 'Back on: fans can use the widget again.'
        : action === 'pause'
          ? 'Paused: the widget says it is closed for now.'
          : 'Stopped: the widget is gone from every site.',
    );
    if (app) this.saved(app);
  }

  private renderControls(): TemplateResult {
    const status = this.app.status;
    return html`<h2>Pause or stop</h2>
      <div class="next">
        <p>
          ${
            status === 'active'
              ? 'The widget is on. Pause it for a break (fans see it is closed), or stop it for good if it is being abused.'
              : status === 'paused'
                ? 'The widget is paused: fans see it is closed. Resume it when you are ready.'
                : 'The widget is stopped: it shows nowhere and takes nothing. Resume it to bring it back.'
          }
        </p>
      </div>
      ${this.renderStatusLine()}
      <section class="card">
        <pb-text-field
          label="Why (kept in your audit log)"
          .value=${this.statusReason}
          @input=${(e: Event) => (this.statusReason = (e.currentTarget as HTMLInputElement).value)}
        ></pb-text-field>
        <div class="row">
          ${status !== 'active' ? html`<button type="button" class="primary" @click=${() => void this.setStatus('resume')}>Resume</button>` : nothing}
          ${status === 'active' ? html`<button type="button" @click=${() => void this.setStatus('pause')}>Pause</button>` : nothing}
          ${status !== 'killed' ? html`<button type="button" class="danger" @click=${() => void this.setStatus('kill')}>Stop it everywhere</button>` : nothing}
        </div>
      </section>`;
  }

  override render(): TemplateResult {
    const steps = APP_STEPS.filter(
      (step) => step !== 'overlay' || this.app.type === 'tip-jar' || this.app.type === 'request-form',
    );
    let body: TemplateResult;
    switch (this.step) {
      case 'design':
        body = html`<pb-console-editor
          .api=${this.api}
          .app=${this.app}
          @pb-saved=${(e: CustomEvent<ConsoleApp>) => (this.app = e.detail)}
        ></pb-console-editor>`;
        break;
      case 'sites':
        body = this.renderSites();
        break;
      case 'payments':
        body = this.renderPayments();
        break;
      case 'publish':
        body = this.renderPublish();
        break;
      case 'overlay':
        body = this.renderOverlay();
        break;
      case 'controls':
        body = this.renderControls();
        break;
    }
    return html`<p class="muted">
        ${WIDGET_NAMES[this.app.type]} · <strong>${this.app.name}</strong>
        ${this.app.status !== 'active' ? html`<span class="badge">${this.app.status}</span>` : nothing}
      </p>
      <nav aria-label="Set-up steps">
        <ol class="steps">
          ${steps.map(
            (step) =>
              html`<li>
                <a
                  href=${`#/apps/${this.app.id}/${step}`}
                  aria-current=${step === this.step ? 'step' : 'false'}
                  >${STEP_LABELS[step]}</a
                >
              </li>`,
          )}
        </ol>
      </nav>
      ${body}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-console-app': PbConsoleApp;
  }
}

import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { CONSOLE_TEMPLATES, previewApp, WIDGET_NAMES } from './console-templates.ts';
import { ConsoleView } from './console-view.ts';
import { WIDGET_KINDS } from './creator-console.types.ts';

/**
 * The template gallery: the four widgets and their starting points, each previewed in the real widget
 * with the config the server would give it, and a button to start from it.
 *
 * @summary The template gallery.
 */
@customElement('pb-console-gallery')
export class PbConsoleGallery extends ConsoleView {
  static override styles = [
    ...ConsoleView.styles,
    css`
      .thumb {
        max-block-size: 22rem;
        overflow: hidden;
        border: var(--pb-size-border-width) solid var(--pb-color-border-subtle);
        border-radius: var(--pb-radius-control);
        margin-block-end: var(--pb-space-sm);
      }
      .thumb > * {
        zoom: 0.75;
      }
    `,
  ];

  /** Template id → its config with every default (what the widget shows). */
  @state() private previews: Record<string, Record<string, unknown>> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadPreviews();
  }

  private async loadPreviews(): Promise<void> {
    const results = await Promise.all(
      CONSOLE_TEMPLATES.map((template) =>
        this.api
          .post<{ config: Record<string, unknown> }>('/apps/validate', {
            type: template.type,
            config: template.config,
          })
          .then((checked) => [template.id, checked.config] as const)
          .catch(() => undefined),
      ),
    );
    this.previews = Object.fromEntries(results.filter((r) => r !== undefined));
  }

  private renderPreview(id: string): TemplateResult | typeof nothing {
    const template = CONSOLE_TEMPLATES.find((t) => t.id === id)!;
    const config = this.previews[id];
    if (!config) return nothing;
    const app = previewApp(template.type, config, { id: '', name: template.name });
    switch (template.type) {
      case 'tip-jar':
        return html`<div class="thumb" inert><pb-tip-jar preview .publicApp=${app}></pb-tip-jar></div>`;
      case 'request-form':
        return html`<div class="thumb" inert>
          <pb-request-form preview .publicApp=${app}></pb-request-form>
        </div>`;
      case 'cohort-matcher':
        return html`<div class="thumb" inert>
          <pb-cohort-matcher preview .publicApp=${app}></pb-cohort-matcher>
        </div>`;
      case 'booking':
        return nothing;
    }
  }

  override render(): TemplateResult {
    return html`<h1>Pick a widget</h1>
      <div class="next">
        <p>Choose what fans will use. You can change everything about it on the next page.</p>
      </div>
      ${WIDGET_KINDS.map(
        (kind) =>
          html`<section aria-labelledby=${`kind-${kind}`}>
            <h2 id=${`kind-${kind}`}>${WIDGET_NAMES[kind]}</h2>
            <ul class="grid plain">
              ${CONSOLE_TEMPLATES.filter((t) => t.type === kind).map(
                (template) =>
                  html`<li class="card">
                    <h3 id=${`template-${template.id}`}>${template.title}</h3>
                    ${this.renderPreview(template.id)}
                    <p>${template.description}</p>
                    <a class="button primary" href=${`#/new/${template.id}`}>Use “${template.title}”</a>
                  </li>`,
              )}
            </ul>
          </section>`,
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pb-console-gallery': PbConsoleGallery;
  }
}

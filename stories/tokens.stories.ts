import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import tokens from '../design-tokens/generated/tokens.json';
import { CREATOR_OVERRIDABLE_TOKENS, OVERRIDE_CSS_PROPERTIES } from '../design-tokens/contrast.ts';
import './fixtures/tokens-page.css';

const overridable = new Set<string>(Object.values(OVERRIDE_CSS_PROPERTIES));

function swatch(type: string, value: string) {
  if (type === 'color') return html`<span class="swatch" style="background:${value}"></span>`;
  if (type === 'shadow') return html`<span class="swatch" style="box-shadow:${value}"></span>`;
  return nothing;
}

/**
 * Every token, per theme, straight from the build's JSON: primitive, semantic and component tiers.
 * Component tokens are hooks: set them on a widget to restyle one part; unset, they fall back.
 */
const meta: Meta = {
  title: 'Foundations/Tokens',
  parameters: { layout: 'fullscreen', a11y: { test: 'todo' } },
  render: (_args, { parameters }) => {
    const tier = parameters.tier as string;
    const rows = tokens.tokens.filter((t) => t.tier === tier);
    return html`<section class="tokens-page">
      <h1>${tier[0]?.toUpperCase()}${tier.slice(1)} tokens (${rows.length})</h1>
      <p>
        Creators may override only: ${CREATOR_OVERRIDABLE_TOKENS.join(', ')} (${[...overridable].join(', ')});
        overrides are refused unless every colour pair keeps WCAG AA.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Custom property</th>
            <th scope="col">Type</th>
            ${tokens.themes.map((theme) => html`<th scope="col">${theme}</th>`)}
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (t) =>
              html`<tr>
                <th scope="row">
                  <code>${t.cssVar}</code
                  >${overridable.has(t.cssVar) ? html` <em>(overridable)</em>` : nothing}
                </th>
                <td>${t.type}</td>
                ${tokens.themes.map((theme) => {
                  const value = (t.values as Record<string, string>)[theme] ?? '';
                  const reference = (t as { references?: Record<string, string> }).references?.[theme];
                  return html`<td>
                    ${swatch(t.type, value)}<code>${value}</code>${reference ? html`<br /><small>→ ${reference}</small>` : nothing}
                  </td>`;
                })}
                <td>${(t as { description?: string }).description ?? ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  },
};
export default meta;

type Story = StoryObj;

export const Semantic: Story = { parameters: { tier: 'semantic' } };
export const Component: Story = { parameters: { tier: 'component' } };
export const Primitive: Story = { parameters: { tier: 'primitive' } };

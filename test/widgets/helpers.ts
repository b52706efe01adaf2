import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { LitElement, TemplateResult } from 'lit';
import { tokenValues } from '../../design-tokens/generated/tokens.ts';
import { THEMES, type ThemeName } from '../../design-tokens/themes.ts';

export { THEMES };

/**
 * Renders `template` on the theme's surface, as a control sits inside a widget. axe checks colour
 * against what is behind the element, and the page behind a bare control is white in every theme.
 */
export async function themedFixture<T extends HTMLElement>(
  template: TemplateResult,
  theme: ThemeName = 'light',
): Promise<T> {
  const wrapper = await fixture<HTMLDivElement>(html`<div class="surface">${template}</div>`);
  paint(wrapper, theme);
  const el = wrapper.firstElementChild as T;
  el.setAttribute('theme', theme);
  await (el as unknown as LitElement).updateComplete;
  return el;
}

function paint(wrapper: HTMLElement, theme: ThemeName): void {
  wrapper.style.background = tokenValues[theme]['color-surface'];
  wrapper.style.padding = '16px';
}

async function setTheme(el: HTMLElement, theme: ThemeName): Promise<void> {
  el.setAttribute('theme', theme);
  if (el.parentElement?.classList.contains('surface')) paint(el.parentElement, theme);
  await (el as unknown as LitElement).updateComplete;
}

/**
 * axe passes with the element in every theme. Motion is reduced first: colours transition, and axe
 * would otherwise measure a colour halfway between two themes.
 */
export async function expectAccessibleInEveryTheme(el: HTMLElement): Promise<void> {
  await emulateMedia({ reducedMotion: 'reduce' });
  for (const theme of THEMES) {
    await setTheme(el, theme);
    await expect(el, theme).to.be.accessible();
  }
}

/** Names of the custom properties the element's styles read without a fallback. */
export function requiredCustomProperties(el: HTMLElement): string[] {
  const styles = (el.constructor as typeof LitElement).elementStyles;
  const text = styles.map((s) => ('cssText' in s ? s.cssText : '')).join('\n');
  const names = new Set<string>();
  for (const match of text.matchAll(/var\(\s*(--[\w-]+)\s*(,)?/g)) {
    const [, name, fallback] = match;
    if (name && !fallback) names.add(name);
  }
  return [...names];
}

/** Every custom property the element reads without a fallback is defined in every theme. */
export async function expectTokensDefined(el: HTMLElement): Promise<void> {
  const names = requiredCustomProperties(el);
  expect(names.length, 'custom properties read').to.be.greaterThan(5);
  for (const theme of THEMES) {
    await setTheme(el, theme);
    const style = getComputedStyle(el);
    const missing = names.filter((name) => style.getPropertyValue(name).trim() === '');
    expect(missing, `undefined in ${theme}`).to.deep.equal([]);
  }
}

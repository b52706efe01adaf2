import { describe, expect, it } from 'vitest';
import {
  CONTRAST_PAIRS,
  CREATOR_OVERRIDABLE_TOKENS,
  checkOverrides,
  contrastRatio,
  measurePairs,
  suggestAccent,
} from '../../design-tokens/contrast.ts';
import { tokenValues } from '../../design-tokens/generated/tokens.ts';
import { THEMES } from '../../design-tokens/themes.ts';

describe('contrastRatio', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});

describe('the shipped themes', () => {
  it.each(THEMES)('meet WCAG AA for every used pair in %s', (theme) => {
    const failing = measurePairs()
      .filter((m) => m.theme === theme && m.ratio < m.required)
      .map((m) => `${m.pair.foreground} on ${m.pair.background}: ${m.ratio.toFixed(2)}`);
    expect(failing).toEqual([]);
  });

  it('name only tokens that exist in every theme', () => {
    for (const theme of THEMES) {
      for (const pair of CONTRAST_PAIRS) {
        expect(tokenValues[theme]).toHaveProperty(pair.foreground);
        expect(tokenValues[theme]).toHaveProperty(pair.background);
      }
    }
  });
});

describe('checkOverrides', () => {
  it('accepts no overrides and a brand colour that passes', () => {
    expect(checkOverrides({})).toEqual({ ok: true });
    expect(checkOverrides({ accent: '#2563eb', radius: '12px', 'font-family': 'Georgia, serif' })).toEqual({
      ok: true,
    });
  });

  it('refuses an accent that breaks a pair, naming the pair, the ratio and a passing accent', () => {
    const result = checkOverrides({ accent: '#ffcc00' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const onAccent = result.failures.find(
      (f) => f.theme === 'light' && f.pair === 'color-accent-text on color-accent',
    );
    expect(onAccent).toMatchObject({ foreground: '#ffffff', background: '#ffcc00', required: 4.5 });
    expect(onAccent?.ratio).toBeCloseTo(1.51, 1);
    const suggestion = result.failures[0]?.suggestion ?? '';
    expect(suggestion).toMatch(/^#[0-9a-f]{6}$/);
    expect(checkOverrides({ accent: suggestion })).toEqual({ ok: true });
  });

  it('refuses accent text that is unreadable on the default accent', () => {
    const result = checkOverrides({ 'accent-text': '#8b5cf6' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failures.map((f) => `${f.theme}: ${f.pair}`)).toEqual([
      'light: color-accent-text on color-accent',
      'dark: color-accent-text on color-accent',
    ]);
  });

  it('keeps the hue of the requested accent in its suggestion', () => {
    const suggestion = suggestAccent({ accent: '#34d399' });
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(suggestion.slice(i, i + 2), 16));
    expect(g).toBeGreaterThan(r ?? 0);
    expect(g).toBeGreaterThan(b ?? 0);
    expect(checkOverrides({ accent: suggestion })).toEqual({ ok: true });
  });

  it('treats an unreadable colour as failing rather than passing', () => {
    const result = checkOverrides({ accent: 'not-a-colour' });
    expect(result.ok).toBe(false);
  });

  it('leaves the high-contrast theme alone', () => {
    const result = checkOverrides({ accent: '#ffcc00' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failures.some((f) => f.theme === 'high-contrast')).toBe(false);
  });

  it('documents exactly four overridable tokens', () => {
    expect(CREATOR_OVERRIDABLE_TOKENS).toEqual(['accent', 'accent-text', 'radius', 'font-family']);
  });
});

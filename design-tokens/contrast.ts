/**
 * WCAG contrast rules for the token pairs the widgets draw, and the check the API runs on a creator's
 * theme overrides. Pure TypeScript: no DOM, safe to import from the Node backend.
 */
import { tokenValues } from './generated/tokens.ts';
import { THEMES, type ThemeName } from './themes.ts';

/**
 * The short list of tokens a creator may override, and the custom property each one sets.
 * - `accent`: brand colour of primary buttons and selected options (`--pb-color-accent`), hex.
 * - `accent-text`: text and icons drawn on the accent (`--pb-color-accent-text`), hex.
 * - `radius`: corner radius every control derives from (`--pb-radius-base`), e.g. `12px`.
 * - `font-family`: a CSS font-family list (`--pb-font-family`).
 *
 * The high-contrast theme keeps its own accent colours: a fan who asked for high contrast needs it
 * more than the creator needs their brand colour.
 */
export const CREATOR_OVERRIDABLE_TOKENS = ['accent', 'accent-text', 'radius', 'font-family'] as const;
export type CreatorOverridableToken = (typeof CREATOR_OVERRIDABLE_TOKENS)[number];

export const OVERRIDE_CSS_PROPERTIES = {
  accent: '--pb-color-accent',
  'accent-text': '--pb-color-accent-text',
  radius: '--pb-radius-base',
  'font-family': '--pb-font-family',
} as const satisfies Record<CreatorOverridableToken, `--pb-${string}`>;

export type ThemeOverrides = Partial<Record<CreatorOverridableToken, string>>;

/** Themes in which creator colour overrides apply. */
export const COLOR_OVERRIDE_THEMES: readonly ThemeName[] = ['light', 'dark'];

export const CONTRAST_KINDS = ['text', 'large-text', 'ui'] as const;
export type ContrastKind = (typeof CONTRAST_KINDS)[number];

/** WCAG 2.2 AA: 1.4.3 for text, 1.4.11 for component boundaries and graphics. */
export const REQUIRED_RATIO: Record<ContrastKind, number> = { text: 4.5, 'large-text': 3, ui: 3 };

export interface ContrastPair {
  foreground: string;
  background: string;
  kind: ContrastKind;
}

/**
 * Every foreground/background pair a widget draws, by token name (without `--pb-`). A component that
 * puts a new colour on a new background adds its pair here, and the check covers it in every theme.
 */
export const CONTRAST_PAIRS: readonly ContrastPair[] = [
  ...['color-surface', 'color-surface-raised', 'color-surface-sunken', 'color-accent-subtle'].flatMap(
    (background) => [
      { foreground: 'color-text', background, kind: 'text' as const },
      { foreground: 'color-text-muted', background, kind: 'text' as const },
    ],
  ),
  { foreground: 'color-accent-text', background: 'color-accent', kind: 'text' },
  { foreground: 'color-accent', background: 'color-surface', kind: 'ui' },
  { foreground: 'color-accent', background: 'color-surface-raised', kind: 'ui' },
  { foreground: 'color-accent', background: 'color-accent-subtle', kind: 'ui' },
  { foreground: 'color-border', background: 'color-surface', kind: 'ui' },
  { foreground: 'color-border', background: 'color-surface-raised', kind: 'ui' },
  { foreground: 'color-border', background: 'color-surface-sunken', kind: 'ui' },
  { foreground: 'color-focus-ring', background: 'color-surface', kind: 'ui' },
  { foreground: 'color-focus-ring', background: 'color-surface-raised', kind: 'ui' },
  { foreground: 'color-danger', background: 'color-surface', kind: 'text' },
  { foreground: 'color-danger', background: 'color-danger-surface', kind: 'text' },
  { foreground: 'color-success', background: 'color-surface', kind: 'text' },
  { foreground: 'color-success', background: 'color-success-surface', kind: 'text' },
  { foreground: 'color-link', background: 'color-surface', kind: 'text' },
];

export interface ContrastFailure {
  theme: string;
  pair: string;
  foreground: string;
  background: string;
  ratio: number;
  required: number;
  suggestion: string;
}

export type OverrideCheck = { ok: true } | { ok: false; failures: ContrastFailure[] };

type Rgb = [number, number, number];

/** Parses `#rgb` or `#rrggbb` (the forms tokens and overrides use); `undefined` for anything else. */
export function parseHex(color: string): Rgb | undefined {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!match?.[1]) return undefined;
  const hex = match[1].length === 3 ? [...match[1]].map((c) => c + c).join('') : match[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb
    .map((c) =>
      Math.round(Math.min(1, Math.max(0, c)) * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

const linear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const gamma = (c: number): number => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

function luminance([r, g, b]: Rgb): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two hex colours, from 1 to 21. */
export function contrastRatio(foreground: string, background: string): number {
  const fg = parseHex(foreground);
  const bg = parseHex(background);
  if (!fg || !bg) return 1;
  const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Rounded down, so a reported ratio never looks like it passes when it does not. */
const floor2 = (n: number): number => Math.floor(n * 100) / 100;

type Lch = [number, number, number];

// OKLCH keeps the creator's hue while only lightness moves, so the suggestion still looks like their brand.
function toOklch(rgb: Rgb): Lch {
  const [r, g, b] = rgb.map(linear) as Rgb;
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  const L = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
  const A = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
  const B = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
  return [L, Math.hypot(A, B), Math.atan2(B, A)];
}

function fromOklch([L, C, h]: Lch): Rgb | undefined {
  const A = C * Math.cos(h);
  const B = C * Math.sin(h);
  const l = (L + 0.3963377774 * A + 0.2158037573 * B) ** 3;
  const m = (L - 0.1055613458 * A - 0.0638541728 * B) ** 3;
  const s = (L - 0.0894841775 * A - 1.291485548 * B) ** 3;
  const rgb = [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707608956 * s,
  ];
  if (rgb.some((c) => c < -1e-4 || c > 1 + 1e-4)) return undefined;
  return rgb.map(gamma) as Rgb;
}

/** In gamut at this lightness, reducing chroma only as far as needed. */
function inGamut(L: number, C: number, h: number): Rgb {
  for (let c = C; c > 0; c -= C / 32) {
    const rgb = fromOklch([L, c, h]);
    if (rgb) return rgb;
  }
  return fromOklch([L, 0, h]) ?? [L, L, L];
}

function pairName(pair: ContrastPair): string {
  return `${pair.foreground} on ${pair.background}`;
}

/** Theme colours with the creator's overrides applied where they apply. */
export function themeColors(theme: ThemeName, overrides: ThemeOverrides = {}): Record<string, string> {
  const colors: Record<string, string> = { ...tokenValues[theme] };
  if (COLOR_OVERRIDE_THEMES.includes(theme)) {
    if (overrides.accent !== undefined) colors['color-accent'] = overrides.accent;
    if (overrides['accent-text'] !== undefined) colors['color-accent-text'] = overrides['accent-text'];
  }
  return colors;
}

interface Measured {
  theme: ThemeName;
  pair: ContrastPair;
  foreground: string;
  background: string;
  ratio: number;
  required: number;
}

/** Every pair in every theme, measured. */
export function measurePairs(overrides: ThemeOverrides = {}): Measured[] {
  return THEMES.flatMap((theme) => {
    const colors = themeColors(theme, overrides);
    return CONTRAST_PAIRS.map((pair) => {
      const foreground = colors[pair.foreground] ?? '';
      const background = colors[pair.background] ?? '';
      const valid = parseHex(foreground) && parseHex(background);
      return {
        theme,
        pair,
        foreground,
        background,
        ratio: valid ? contrastRatio(foreground, background) : 0,
        required: REQUIRED_RATIO[pair.kind],
      };
    });
  });
}

function accentPasses(accent: string, overrides: ThemeOverrides): boolean {
  return measurePairs({ ...overrides, accent })
    .filter((m) => m.pair.foreground === 'color-accent' || m.pair.background === 'color-accent')
    .every((m) => m.ratio >= m.required);
}

/**
 * The accent closest in lightness to the one asked for that passes every accent pair in every theme,
 * keeping its hue. When no lightness works (the accent text fights the surfaces), the default accent.
 */
export function suggestAccent(overrides: ThemeOverrides): string {
  const requested = parseHex(overrides.accent ?? '') ?? parseHex(tokenValues.light['color-accent']);
  const fallback = tokenValues.light['color-accent'];
  if (!requested) return fallback;
  const [L, C, h] = toOklch(requested);
  for (let step = 0; step <= 200; step++) {
    for (const direction of [-1, 1]) {
      const lightness = L + direction * step * 0.005;
      if (lightness < 0 || lightness > 1) continue;
      const candidate = toHex(inGamut(lightness, C, h));
      if (accentPasses(candidate, overrides)) return candidate;
    }
  }
  return fallback;
}

/**
 * Checks a creator's overrides against every contrast pair in every theme. Each failure names the
 * theme, the pair, both colours, the measured and required ratios, and the nearest passing accent.
 */
export function checkOverrides(overrides: ThemeOverrides): OverrideCheck {
  const failing = measurePairs(overrides).filter((m) => m.ratio < m.required);
  if (failing.length === 0) return { ok: true };
  const suggestion = suggestAccent(overrides);
  return {
    ok: false,
    failures: failing.map((m) => ({
      theme: m.theme,
      pair: pairName(m.pair),
      foreground: m.foreground,
      background: m.background,
      ratio: floor2(m.ratio),
      required: m.required,
      suggestion,
    })),
  };
}

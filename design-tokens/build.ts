import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import StyleDictionary from 'style-dictionary';
import type { TransformedToken } from 'style-dictionary/types';
import { THEMES, type ThemeName } from './themes.ts';

const here = dirname(fileURLToPath(import.meta.url));
const tokensDir = join(here, 'tokens');
export const generatedDir = join(here, 'generated');

const TIERS = ['primitive', 'semantic', 'component'] as const;
type Tier = (typeof TIERS)[number];

/** Tokens a creator may override; kept in step with `CREATOR_OVERRIDABLE_TOKENS` in contrast.ts. */
const OVERRIDABLE_COLOR_VARS = ['--pb-color-accent', '--pb-color-accent-text'];

export interface BuiltToken {
  name: string;
  cssVar: string;
  tier: Tier;
  type: string;
  description?: string;
  /** The token this one points at in each theme, when it is an alias. */
  references?: Partial<Record<ThemeName, string>>;
  /** Resolved value per theme (identical for theme-independent tokens). */
  values: Record<ThemeName, string>;
}

// The 2025 DTCG format writes dimensions and durations as { value, unit }; CSS wants "4px".
StyleDictionary.registerTransform({
  name: 'pb/unit-value/css',
  type: 'value',
  filter: (token) => token.$type === 'duration' || token.$type === 'dimension',
  transform: (token) => {
    const value = token.$value as { value: number; unit: string } | string;
    return typeof value === 'string' ? value : `${value.value}${value.unit}`;
  },
});

const TRANSFORMS = [
  'attribute/cti',
  'name/kebab',
  'color/css',
  'fontFamily/css',
  'cubicBezier/css',
  'shadow/css/shorthand',
  'pb/unit-value/css',
];

function tierOf(token: TransformedToken): Tier {
  const path = relative(tokensDir, token.filePath).split(sep);
  const tier = TIERS.find((t) => t === path[0]);
  if (!tier) throw new Error(`Token ${token.name} lives outside a tier folder: ${token.filePath}`);
  return tier;
}

function themeSources(theme: ThemeName): string[] {
  return [
    join(tokensDir, 'primitive', '*.tokens.json'),
    join(tokensDir, 'semantic', 'base.tokens.json'),
    join(tokensDir, 'semantic', `color.${theme}.tokens.json`),
    join(tokensDir, 'component', '*.tokens.json'),
  ];
}

function referenceOf(token: TransformedToken): string | undefined {
  const original = token.original.$value;
  if (typeof original !== 'string') return undefined;
  const match = /^\{([^}]+)\}$/.exec(original);
  return match?.[1]?.replaceAll('.', '-');
}

function stringify(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

async function resolveTheme(theme: ThemeName, cssOutDir: string): Promise<TransformedToken[]> {
  const sd = new StyleDictionary({
    source: themeSources(theme),
    usesDtcg: true,
    log: { verbosity: 'silent', warnings: 'disabled' },
    platforms: {
      css: {
        transforms: TRANSFORMS,
        prefix: 'pb',
        buildPath: `${cssOutDir}/`,
        files: [
          {
            destination: `${theme}.css`,
            format: 'css/variables',
            filter: (token: TransformedToken) => tierOf(token) !== 'component',
            options: { outputReferences: true, selector: ':root' },
          },
        ],
      },
    },
  });
  await sd.buildAllPlatforms();
  const dictionary = await sd.getPlatformTokens('css');
  return dictionary.allTokens;
}

function declarations(
  tokens: BuiltToken[],
  theme: ThemeName,
  options: { important?: Set<string>; inlinePrimitives?: Set<string> } = {},
): string {
  return tokens
    .map((t) => {
      const reference = t.references?.[theme];
      const alias = reference && !options.inlinePrimitives?.has(reference);
      const value = alias ? `var(--pb-${reference})` : t.values[theme];
      return `${t.cssVar}:${value}${options.important?.has(t.cssVar) ? ' !important' : ''};`;
    })
    .join('');
}

/**
 * The stylesheet every Patchbay element adopts. Values are declared only on an element that starts a
 * themed subtree (a root widget, or any element given a `theme`), so a control inside a dark widget
 * inherits dark values instead of resetting to light.
 */
function shadowCss(all: BuiltToken[]): string {
  // Shadow roots get semantic tokens only, with primitives inlined: every widget ships this sheet, and
  // the primitive palette is for designers (tokens.css, the docs), not for component CSS.
  const primitives = new Set(all.filter((t) => t.tier === 'primitive').map((t) => t.name));
  const semantic = all.filter((t) => t.tier === 'semantic');
  const shared = semantic.filter((t) => !t.cssVar.startsWith('--pb-color'));
  const colour = semantic.filter((t) => t.cssVar.startsWith('--pb-color'));
  const motion = semantic.filter((t) => t.type === 'duration');
  // A fan who picked high contrast needs it more than a creator needs their brand colour, so the
  // creator's colour overrides (inline styles on the host) lose to this theme.
  const hc = { inlinePrimitives: primitives, important: new Set(OVERRIDABLE_COLOR_VARS) };
  const plain = { inlinePrimitives: primitives };
  const root = ':host(:is(:state(pb-root),[theme]))';
  return [
    `${root}{${declarations(shared, 'light', plain)}}`,
    `:host(:is(:state(pb-root),[theme=light],[theme=auto])){${declarations(colour, 'light', plain)}}`,
    `:host([theme=dark]){${declarations(colour, 'dark', plain)}}`,
    `:host([theme=high-contrast]){${declarations(colour, 'high-contrast', hc)}}`,
    `@media (prefers-color-scheme:dark){:host([theme=auto]){${declarations(colour, 'dark', plain)}}}`,
    `@media (prefers-contrast:more){:host([theme=auto]){${declarations(colour, 'high-contrast', hc)}}}`,
    `@media (prefers-reduced-motion:reduce){${root}{${motion.map((t) => `${t.cssVar}:0ms;`).join('')}}}`,
  ].join('\n');
}

/** The same tokens for a host page (the console, docs): `data-pb-theme` on any element picks a theme. */
function documentCss(all: BuiltToken[]): string {
  const declared = all.filter((t) => t.tier !== 'component');
  const colour = declared.filter((t) => t.tier === 'semantic' && t.cssVar.startsWith('--pb-color'));
  const motion = declared.filter((t) => t.type === 'duration' && t.tier === 'semantic');
  return [
    `:root,[data-pb-theme]{${declarations(declared, 'light')}}`,
    `[data-pb-theme=dark]{${declarations(colour, 'dark')}}`,
    `[data-pb-theme=high-contrast]{${declarations(colour, 'high-contrast')}}`,
    `@media (prefers-color-scheme:dark){[data-pb-theme=auto]{${declarations(colour, 'dark')}}}`,
    `@media (prefers-contrast:more){[data-pb-theme=auto]{${declarations(colour, 'high-contrast')}}}`,
    `@media (prefers-reduced-motion:reduce){:root,[data-pb-theme]{${motion.map((t) => `${t.cssVar}:0ms;`).join('')}}}`,
  ].join('\n');
}

/**
 * Component tokens are public hooks, not declarations: `--pb-field-bg` is read with a fallback to its
 * semantic token and resolved once into a private `--_field-bg` on the component's host.
 */
function componentCss(all: BuiltToken[]): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const t of all.filter((t) => t.tier === 'component')) {
    const group = t.name.split('-')[0] ?? t.name;
    const reference = t.references?.light;
    const fallback = reference ? `var(--pb-${reference})` : t.values.light;
    const lines = groups.get(group) ?? [];
    lines.push(`--_${t.name}:var(${t.cssVar},${fallback});`);
    groups.set(group, lines);
  }
  return new Map([...groups].map(([group, lines]) => [group, `:host{${lines.join('')}}`]));
}

const BANNER = '// Generated by design-tokens/build.ts from design-tokens/tokens. Do not edit.\n';

function camel(name: string): string {
  return name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

function stylesModule(all: BuiltToken[]): string {
  return `${BANNER}import { css } from 'lit';

/** Every \`--pb-*\` token, per theme, for adoption as a constructable stylesheet. */
export const tokenStyles = css\`${shadowCss(all)}\`;
`;
}

function componentStylesModule(group: string, css: string): string {
  // unsafeCSS on a build-time constant, one module per component: a module (and so the chunk it is
  // bundled into) carries only the hooks of the components it renders.
  return `${BANNER}import { unsafeCSS } from 'lit';

/** Private \`--_${group}-*\` properties for the ${group} component hooks. */
export const ${camel(group)}Tokens = unsafeCSS(${JSON.stringify(css).replaceAll('"', "'")});
`;
}

function typedModule(all: BuiltToken[]): string {
  const values = Object.fromEntries(
    THEMES.map((theme) => [theme, Object.fromEntries(all.map((t) => [t.name, t.values[theme]]))]),
  );
  const hooks = Object.fromEntries(
    all.filter((t) => t.tier === 'component').map((t) => [t.name, t.references?.light ?? t.values.light]),
  );
  const declared = all.filter((t) => t.tier !== 'component').map((t) => t.name);
  return `${BANNER}
/** Resolved value of every token, per theme. */
export const tokenValues = ${JSON.stringify(values, null, 2)} as const;

/** Names of the tokens declared as \`--pb-*\` custom properties in every theme. */
export const declaredTokens = ${JSON.stringify(declared, null, 2)} as const;

/** Component hooks (\`--pb-<component>-<part>\`) and the token each falls back to. */
export const componentHooks = ${JSON.stringify(hooks, null, 2)} as const;

export type TokenName = keyof (typeof tokenValues)['light'];
export type DeclaredToken = (typeof declaredTokens)[number];
export type ComponentHook = keyof typeof componentHooks;
`;
}

/** Builds every token output into `design-tokens/generated/` and, when given, a copy of the CSS into `cssDir`. */
export async function buildTokens(): Promise<{ documentCss: string }> {
  const cssOutDir = join(generatedDir, 'css');
  const perTheme = new Map<ThemeName, TransformedToken[]>();
  for (const theme of THEMES) perTheme.set(theme, await resolveTheme(theme, cssOutDir));

  const light = perTheme.get('light') ?? [];
  const all: BuiltToken[] = light.map((token) => {
    const matches = THEMES.map((theme) => {
      const match = perTheme.get(theme)?.find((t) => t.name === token.name);
      if (!match) throw new Error(`Token ${token.name} is missing from theme ${theme}`);
      return [theme, match] as const;
    });
    const values = Object.fromEntries(matches.map(([theme, t]) => [theme, stringify(t.$value)])) as Record<
      ThemeName,
      string
    >;
    const references = Object.fromEntries(
      matches.flatMap(([theme, t]) => {
        const reference = referenceOf(t);
        return reference ? [[theme, reference]] : [];
      }),
    );
    const built: BuiltToken = {
      name: token.name.replace(/^pb-/, ''),
      cssVar: `--${token.name}`,
      tier: tierOf(token),
      type: String(token.$type),
      values,
    };
    if (Object.keys(references).length > 0) built.references = references;
    if (token.$description) built.description = token.$description;
    return built;
  });

  const doc = documentCss(all);
  await mkdir(generatedDir, { recursive: true });
  await writeFile(join(generatedDir, 'tokens.styles.ts'), stylesModule(all));
  await rm(join(generatedDir, 'components'), { recursive: true, force: true });
  await mkdir(join(generatedDir, 'components'));
  for (const [group, css] of componentCss(all)) {
    await writeFile(
      join(generatedDir, 'components', `${group}.styles.ts`),
      componentStylesModule(group, css),
    );
  }
  await writeFile(join(generatedDir, 'tokens.ts'), typedModule(all));
  await writeFile(
    join(generatedDir, 'tokens.json'),
    `${JSON.stringify({ themes: THEMES, tokens: all }, null, 2)}\n`,
  );
  await writeFile(join(cssOutDir, 'tokens.css'), `${doc}\n`);
  return { documentCss: doc };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildTokens();
  console.log(`Design tokens written to ${relative(process.cwd(), generatedDir)}`);
}

import { rm, readFile, writeFile, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transformWithEsbuild, type Plugin, type Rollup } from 'vite';
import { buildTokens } from '../design-tokens/build.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * One ES module per entry. `shared` holds Lit, the base element and the tokens, which every widget
 * module and the frame runtime import instead of bundling their own copy. Adding a widget is one line
 * here.
 */
export const webEntries: Record<string, string> = {
  shared: 'widgets/shared/patchbay-element.ts',
  'tip-jar': 'widgets/tip-jar/tip-jar.ts',
  'cohort-matcher': 'widgets/cohort-matcher/cohort-matcher.ts',
  'request-form': 'widgets/request-form/request-form.ts',
  booking: 'widgets/booking/booking.ts',
  'frame-refused': 'embed-loader/frame-refused.ts',
  pay: 'embed-loader/pay.ts',
  launcher: 'embed-loader/launcher.ts',
  'creator-console': 'widgets/creator-console/creator-console.ts',
};

/**
 * The widgets that get single-file bundles, two each:
 *
 * - `frame-<widget>`: the frame runtime and that one widget with everything it imports, Lit and the
 *   shared chunk included, in a single module. A frame holds exactly one widget, so nothing in it is
 *   shared with another module of the same page, and one request instead of the seven an import graph
 *   of chunks needs (more than a browser's six connections to the widget origin) is what gets the
 *   widget on screen soonest. Frames of the same widget share one cached file.
 * - `inline-<widget>`: the same without the frame runtime, for inline mode (`/widgets/<widget>.js`).
 *   Most host pages carry one widget, and for them one file is 2–6 KB smaller than the chunked
 *   entry (which brings every form control, used or not, and gzips each chunk on its own) and one
 *   request instead of five. A page with two different inline widgets downloads Lit twice; the two
 *   copies coexist, because elements define their tags once (`customElement` in the base element) and
 *   recognise each other by a mark rather than by class.
 *
 * The chunked entries (`tip-jar`, …) remain for the creator console, which shows all four at once.
 */
export const widgetBundles = ['tip-jar', 'booking', 'cohort-matcher', 'request-form'];

const frameRuntime = 'embed-loader/frame.ts';

/** `virtual:patchbay-frame/<widget>`: the widget module, then the frame runtime that mounts it. */
function frameBundleEntries(): Plugin {
  // Library mode resolves entries against the root, so the id arrives as a path ending in the name.
  const virtual = /virtual:patchbay-frame\/([\w-]+)$/;
  return {
    name: 'patchbay:frame-bundles',
    resolveId: (id) => {
      const widget = virtual.exec(id)?.[1];
      return widget ? `\0patchbay-frame:${widget}` : null;
    },
    load(id) {
      if (!id.startsWith('\0patchbay-frame:')) return null;
      const name = id.slice('\0patchbay-frame:'.length);
      const widget = webEntries[name];
      if (!widget) throw new Error(`No web entry for the frame bundle ${id}.`);
      return `import ${JSON.stringify(join(root, widget))};\nimport ${JSON.stringify(join(root, frameRuntime))};\n`;
    },
  };
}

/**
 * Chunks shared by several entries get fixed names, so that the manifest can name them and the size
 * budget measures a known set of modules rather than whatever Rollup happens to group. A module listed
 * here takes its static imports with it, unless an earlier chunk already holds them.
 *
 * - `shared`: the base element and what it imports (Lit's core, the token sheet, translations). Every
 *   widget module, every control and the frame runtime import it.
 * - `widget`: the widget base (state panels, error sentences, events), the API client and Lit's
 *   decorators, which every widget uses; named here so that they do not land in `controls` for coming
 *   first, nor in the first widget's own module.
 * - `controls`: the form controls and what only they use (Lit's directives, field styles, their
 *   messages). Widgets with a form load it; a widget without one does not.
 */
export const sharedChunks: Record<string, (id: string) => boolean> = {
  // Lit's core is named too: with more than one widget entry, Rollup otherwise hoists a piece of it that
  // the widgets share into `widget`, and `shared` then imports `widget`, which imports `shared`.
  shared: (id) =>
    id.endsWith('/widgets/shared/patchbay-element.ts') ||
    // Controls import the token sheet and the translation helpers directly too; named here, they cannot
    // be pulled into `controls` when a widget entry that reaches them through a control comes first.
    id.endsWith('/design-tokens/generated/tokens.styles.ts') ||
    id.endsWith('/widgets/shared/messages.ts') ||
    id.endsWith('/widgets/shared/intl.ts') ||
    (/\/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(id) &&
      !id.includes('/decorators')),
  widget: (id) =>
    id.endsWith('/widgets/shared/patchbay-widget.ts') ||
    id.endsWith('/widgets/shared/api-client.ts') ||
    id.includes('/lit/decorators') ||
    id.includes('/@lit/reactive-element/decorators/'),
  controls: (id) =>
    id.endsWith('/widgets/shared/form-control.ts') || id.includes('/widgets/shared/controls/'),
};

/** Folders (and files) whose changes mean the web build must run again, this build script included. */
export const webSourceDirs = [
  'scripts/build-web.ts',
  'widgets',
  'embed-loader',
  'overlay',
  'design-tokens/tokens',
  'design-tokens/build.ts',
  'design-tokens/themes.ts',
].map((dir) => join(root, dir));

/**
 * Lit's `css` templates reach the browser as written; this squeezes the whitespace and comments out
 * of them at build time. Only literal CSS is touched: a template with `${…}` is left alone.
 */
export function minifyLitCss(): Plugin {
  return {
    name: 'patchbay:minify-lit-css',
    apply: 'build',
    transform(code, id) {
      if (!/\.ts$/.test(id) || id.includes('node_modules') || !code.includes('css`')) return null;
      return code.replace(/css`([^`$]*)`/g, (_, body: string) => {
        const minified = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/([\w-]):\s+/g, '$1:')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${minified}\``;
      });
    },
  };
}

/**
 * Lit's `html` templates keep their source indentation through minification. Each run of whitespace
 * that holds a line break becomes one space: what a browser renders is the same (no template here
 * holds preformatted text), and every widget and control gets smaller. Only the templates' literal text
 * is touched; `${…}` expressions are copied as they are, except for `html` templates nested in them.
 */
export function squeezeLitHtml(code: string): string {
  const squeeze = (text: string) => text.replace(/\s*\n\s*/g, ' ');
  // From just after a template's opening backtick to just after its closing one.
  const template = (from: number, tagged: boolean): [string, number] => {
    let out = '';
    let text = '';
    let at = from;
    while (at < code.length) {
      const char = code[at]!;
      if (char === '\\') {
        text += code.slice(at, at + 2);
        at += 2;
      } else if (char === '`') {
        return [`${out}${tagged ? squeeze(text) : text}\``, at + 1];
      } else if (char === '$' && code[at + 1] === '{') {
        const [inner, end] = expression(at + 2);
        out += `${tagged ? squeeze(text) : text}\${${inner}`;
        text = '';
        at = end;
      } else {
        text += char;
        at += 1;
      }
    }
    throw new Error('Unterminated template literal');
  };
  // From just after `${` to just after its closing brace.
  const expression = (from: number): [string, number] => {
    let out = '';
    let depth = 0;
    let at = from;
    while (at < code.length) {
      const char = code[at]!;
      if (char === '`') {
        const [inner, end] = template(at + 1, /\bhtml$/.test(code.slice(Math.max(0, at - 5), at)));
        out += `\`${inner}`;
        at = end;
      } else if (char === "'" || char === '"') {
        let end = at + 1;
        while (end < code.length && code[end] !== char) end += code[end] === '\\' ? 2 : 1;
        out += code.slice(at, end + 1);
        at = end + 1;
      } else {
        if (char === '{') depth += 1;
        if (char === '}' && depth-- === 0) return [out + char, at + 1];
        out += char;
        at += 1;
      }
    }
    throw new Error('Unterminated template expression');
  };
  let out = '';
  let at = 0;
  for (let start = code.indexOf('html`'); start >= 0; start = code.indexOf('html`', at)) {
    const [inner, end] = template(start + 5, true);
    out += `${code.slice(at, start + 5)}${inner}`;
    at = end;
  }
  return out + code.slice(at);
}

function minifyLitHtml(): Plugin {
  return {
    name: 'patchbay:minify-lit-html',
    apply: 'build',
    transform(code, id) {
      if (!/\.ts$/.test(id) || id.includes('node_modules') || !code.includes('html`')) return null;
      return squeezeLitHtml(code);
    },
  };
}

/** Library mode leaves ES output unminified (for consumers' bundlers); these files go to browsers as is. */
function minifyChunks(): Plugin {
  return {
    name: 'patchbay:minify-chunks',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const result = await transformWithEsbuild(chunk.code, chunk.fileName, {
          minify: true,
          format: 'esm',
          target: 'es2022',
          legalComments: 'none',
          charset: 'utf8',
        });
        chunk.code = result.code;
      }
    },
  };
}

export interface WebManifest {
  /** Entry name (`shared`, `tip-jar`, …) to its hashed file name, relative to the output folder. */
  entries: Record<string, string>;
  /** Each name in `sharedChunks` (`shared`, `controls`) to its file; `shared` is also an entry. */
  chunks: Record<string, string>;
  /** Entry name to every file it imports statically, directly or not: what a page may preload with it. */
  imports: Record<string, string[]>;
  /** The `--pb-*` tokens for host pages (`data-pb-theme` picks a theme). */
  'tokens.css': string;
}

/** Builds the design tokens and the widget library into `outDir`, and writes `outDir/manifest.json`. */
export async function buildWeb(options: { outDir: string }): Promise<void> {
  // Vite sets NODE_ENV=production for the rest of the process when it builds; a server started
  // afterwards from the same process (npm start, the bench) must keep the environment it was given.
  const nodeEnv = process.env.NODE_ENV;
  try {
    await buildWebModules(options);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** One Vite build of `entries` (name → module id) into `outDir`; its chunks. */
async function buildModules(
  outDir: string,
  entries: Record<string, string>,
  manualChunks?: (id: string) => string | undefined,
): Promise<Rollup.OutputChunk[]> {
  const result = await build({
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    define: { 'import.meta.env.DEV': 'false' },
    // Vite picks packages' `development` builds whenever NODE_ENV is not `production` (under a test
    // runner, say), which would ship Lit's dev mode; these files are always for production.
    resolve: { conditions: ['module', 'browser', 'production'] },
    plugins: [frameBundleEntries(), minifyLitCss(), minifyLitHtml(), minifyChunks()],
    build: {
      // Library mode: no module-preload helper (it would write <link> tags and assume a base path).
      lib: { entry: entries, formats: ['es'] },
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: 'esbuild',
      modulePreload: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      rollupOptions: {
        // Keep the base element's exports so widget modules built later can import from `shared`, and
        // let the `shared` entry hold the rest of its chunk too, instead of becoming a re-exporting facade.
        preserveEntrySignatures: 'allow-extension',
        output: {
          format: 'es',
          entryFileNames: '[name]-[hash].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
          ...(manualChunks ? { manualChunks } : {}),
        },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  return outputs.flatMap((output) => output.output.filter((c) => c.type === 'chunk'));
}

async function buildWebModules(options: { outDir: string }): Promise<void> {
  const outDir = resolve(options.outDir);
  await buildTokens();
  await rm(outDir, { recursive: true, force: true });

  const built = await buildModules(
    outDir,
    Object.fromEntries(Object.entries(webEntries).map(([name, file]) => [name, join(root, file)])),
    (id) => Object.keys(sharedChunks).find((name) => sharedChunks[name]?.(id)),
  );
  // One build per bundle: built together, Rollup would move what two widgets share into a chunk.
  for (const widget of widgetBundles) {
    built.push(...(await buildModules(outDir, { [`frame-${widget}`]: `virtual:patchbay-frame/${widget}` })));
    built.push(...(await buildModules(outDir, { [`inline-${widget}`]: join(root, webEntries[widget]!) })));
  }
  const byFile = new Map(built.map((chunk) => [chunk.fileName, chunk]));
  const entries: Record<string, string> = {};
  const chunks: Record<string, string> = {};
  const imports: Record<string, string[]> = {};
  for (const chunk of built) {
    if (chunk.name in sharedChunks) chunks[chunk.name] = chunk.fileName;
    if (!chunk.isEntry) continue;
    entries[chunk.name] = chunk.fileName;
    const closure = new Set<string>();
    const visit = (file: string) => {
      for (const dependency of byFile.get(file)?.imports ?? []) {
        if (closure.has(dependency)) continue;
        closure.add(dependency);
        visit(dependency);
      }
    };
    visit(chunk.fileName);
    imports[chunk.name] = [...closure].sort();
  }
  // A facade re-exporting from another chunk would make `entries.shared` (and its measured size) a lie.
  if (!entries.shared || entries.shared !== chunks.shared) {
    throw new Error(`The shared entry (${entries.shared}) is not the shared chunk (${chunks.shared}).`);
  }

  const css = await readFile(join(root, 'design-tokens/generated/css/tokens.css'));
  const cssName = `tokens-${createHash('sha256').update(css).digest('hex').slice(0, 8)}.css`;
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, cssName), css);

  const manifest: WebManifest = { entries, chunks, imports, 'tokens.css': cssName };
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

if (process.argv[1] && basename(process.argv[1]) === basename(fileURLToPath(import.meta.url))) {
  const outDir = process.argv[2] ?? join(root, 'dist/web');
  await buildWeb({ outDir });
  console.log(`Web build written to ${outDir}`);
}

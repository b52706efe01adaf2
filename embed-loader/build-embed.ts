import { build } from 'esbuild';

/** embed.js is a classic script (it runs in pages we do not control), minified, with no imports left. */
export async function buildEmbed({ outFile }: { outFile: string }): Promise<void> {
  await build({
    entryPoints: [new URL('./embed.ts', import.meta.url).pathname],
    outfile: outFile,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

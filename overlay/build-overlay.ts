import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** The overlay page's script and stylesheet: one small file each, served by the widget origin. */
export async function buildOverlay({ outDir }: { outDir: string }): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [new URL('./overlay.ts', import.meta.url).pathname],
    outfile: join(outDir, 'overlay.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    legalComments: 'none',
    logLevel: 'warning',
  });
  copyFileSync(new URL('./overlay.css', import.meta.url).pathname, join(outDir, 'overlay.css'));
}

import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEmbed } from '../embed-loader/build-embed.ts';
import { buildOverlay } from '../overlay/build-overlay.ts';
import { buildWeb, webSourceDirs } from './build-web.ts';

const distDir = fileURLToPath(new URL('../dist', import.meta.url));
const stampFile = join(distDir, 'build-stamp.json');

/** Everything browsers load: tokens, widget modules, the frame runtime (dist/web) and embed.js (dist). */
export async function buildAll(): Promise<void> {
  await buildWeb({ outDir: join(distDir, 'web') });
  await buildEmbed({ outFile: join(distDir, 'embed.js') });
  await buildOverlay({ outDir: join(distDir, 'overlay') });
  writeFileSync(stampFile, `${JSON.stringify({ builtAt: new Date().toISOString() })}\n`);
}

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(path)
      .filter((entry) => entry !== 'generated')
      .map((entry) => newestChange(join(path, entry))),
  );
}

/** Builds only when a source is newer than the last build, so `npm start` is quick after the first time. */
export async function ensureBuilt(): Promise<boolean> {
  const builtAt = existsSync(stampFile) ? statSync(stampFile).mtimeMs : 0;
  if (builtAt > 0 && Math.max(...webSourceDirs.map(newestChange)) <= builtAt) return false;
  await buildAll();
  return true;
}

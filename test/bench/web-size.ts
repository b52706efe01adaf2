import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildWeb, type WebManifest } from '../../scripts/build-web.ts';

/** Budget for the chunk every widget page loads: Lit, the base element and the tokens. */
export const SHARED_CHUNK_BUDGET_BYTES = 9 * 1024;

export interface WebSize {
  entry: string;
  file: string;
  minBytes: number;
  gzipBytes: number;
}

/** Builds the widget library into a temporary folder and measures each entry, minified and gzipped. */
export async function measureWebSizes(): Promise<WebSize[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'patchbay-web-'));
  try {
    await buildWeb({ outDir });
    const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as WebManifest;
    return await Promise.all(
      Object.entries(manifest.entries).map(async ([entry, file]) => {
        const code = await readFile(join(outDir, file));
        return { entry, file, minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
      }),
    );
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && basename(process.argv[1]) === basename(fileURLToPath(import.meta.url))) {
  const sizes = await measureWebSizes();
  for (const s of sizes) {
    const budget = s.entry === 'shared' ? ` (budget ${SHARED_CHUNK_BUDGET_BYTES} B)` : '';
    console.log(
      `${s.entry.padEnd(16)} ${String(s.minBytes).padStart(7)} B min  ${String(s.gzipBytes).padStart(6)} B min+gzip${budget}`,
    );
  }
}

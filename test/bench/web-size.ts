import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildWeb, type WebManifest } from '../../scripts/build-web.ts';

/** Budget for the chunk every widget page loads: Lit, the base element and the tokens. */
export const SHARED_CHUNK_BUDGET_BYTES = 9 * 1024;

export interface Bytes {
  minBytes: number;
  /** Gzip level 9. For several files, the sum of each file gzipped alone, as each is its own request. */
  gzipBytes: number;
}

export interface WebSize extends Bytes {
  /** A shared chunk's name (`shared`, `controls`) or an entry's (`tip-jar`, `frame`). */
  entry: string;
  kind: 'chunk' | 'entry';
  file: string;
  /**
   * For entries: the entry's file plus every file it imports statically except the `shared` chunk,
   * i.e. what this module costs a page that already loads `shared`.
   */
  withImports?: Bytes & { files: string[] };
}

/**
 * Builds the widget library into a temporary folder and measures the shared chunks, then each entry
 * on its own and together with what it imports beyond `shared`; minified and min+gzip.
 */
export async function measureWebSizes(): Promise<WebSize[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'patchbay-web-'));
  try {
    await buildWeb({ outDir });
    const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as WebManifest;
    const measured = new Map<string, Bytes>();
    const measure = async (file: string): Promise<Bytes> => {
      const known = measured.get(file);
      if (known) return known;
      const code = await readFile(join(outDir, file));
      const bytes = { minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
      measured.set(file, bytes);
      return bytes;
    };
    const sizes: WebSize[] = [];
    for (const [entry, file] of Object.entries(manifest.chunks)) {
      sizes.push({ entry, kind: 'chunk', file, ...(await measure(file)) });
    }
    for (const [entry, file] of Object.entries(manifest.entries)) {
      if (entry === 'shared') continue;
      const files = [file, ...(manifest.imports[entry] ?? []).filter((f) => f !== manifest.chunks.shared)];
      const parts = await Promise.all(files.map(measure));
      const withImports = {
        files,
        minBytes: parts.reduce((sum, p) => sum + p.minBytes, 0),
        gzipBytes: parts.reduce((sum, p) => sum + p.gzipBytes, 0),
      };
      sizes.push({ entry, kind: 'entry', file, ...(await measure(file)), withImports });
    }
    return sizes;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && basename(process.argv[1]) === basename(fileURLToPath(import.meta.url))) {
  const row = (name: string, b: Bytes, note = '') =>
    `${name.padEnd(24)} ${String(b.minBytes).padStart(7)} B min  ${String(b.gzipBytes).padStart(6)} B min+gzip${note}`;
  for (const s of await measureWebSizes()) {
    const budget =
      s.entry === 'shared'
        ? ` (budget ${SHARED_CHUNK_BUDGET_BYTES} B: ${s.gzipBytes <= SHARED_CHUNK_BUDGET_BYTES ? 'within' : 'OVER'})`
        : '';
    console.log(row(s.kind === 'chunk' ? `[chunk] ${s.entry}` : s.entry, s, budget));
    if (s.withImports && s.withImports.files.length > 1) {
      console.log(row(`  + imports but shared`, s.withImports, ` (${s.withImports.files.length} files)`));
    }
  }
}

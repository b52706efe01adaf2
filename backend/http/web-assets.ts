import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import type { Config } from '../config.ts';

export const webDistDir = fileURLToPath(new URL('../../dist/web', import.meta.url));
/** Outside `dist/web`, so the unfilled template is never served as an asset. */
export const embedScriptFile = fileURLToPath(new URL('../../dist/embed.js', import.meta.url));

interface WebManifest {
  entries: Record<string, string>;
  /** Each entry's static imports (file names), so pages can fetch them all at once. */
  imports?: Record<string, string[]>;
  'tokens.css': string;
}

/** What the browser build produced (`patchbay build`); empty until it has run. */
export interface WebAssets {
  /** URL path of an entry's hashed module, e.g. `/assets/tip-jar-3f2a.js`, if it was built. */
  entry(name: string): string | undefined;
  /** URL paths of the modules an entry imports statically, to be fetched together with it. */
  imports(name: string): string[];
  /** embed.js with this server's two origins filled in. */
  embedScript: string | undefined;
}

export function loadWebAssets(
  config: Pick<Config, 'publicUrl' | 'widgetOrigin'>,
  dir = webDistDir,
  embedPath = embedScriptFile,
): WebAssets {
  const manifestPath = join(dir, 'manifest.json');
  const manifest: WebManifest = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as WebManifest)
    : { entries: {}, 'tokens.css': '' };
  return {
    entry: (name) => (manifest.entries[name] ? `/assets/${manifest.entries[name]}` : undefined),
    imports: (name) => (manifest.imports?.[name] ?? []).map((file) => `/assets/${file}`),
    embedScript: existsSync(embedPath)
      ? readFileSync(embedPath, 'utf8')
          .replaceAll('%%PB_PUBLIC_URL%%', config.publicUrl)
          .replaceAll('%%PB_WIDGET_ORIGIN%%', config.widgetOrigin)
      : undefined,
  };
}

/**
 * Hashed build output: immutable, cacheable forever by any CDN, and loadable as modules from other
 * origins (inline mode imports widget modules into the creator's page, which is a CORS request).
 */
export function hashedAssets(dir = webDistDir): Router {
  const router = express.Router();
  router.use(
    '/assets',
    (_req, res, next) => {
      res.locals.route = '/assets/*';
      res.set({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
      next();
    },
    express.static(dir, { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
  );
  return router;
}

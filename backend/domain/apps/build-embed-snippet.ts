import { z } from 'zod';
import { EMBED_MODES, type EmbedMode } from '../../../embed-loader/protocol.ts';
import { INITIAL_HEIGHTS } from '../../../embed-loader/sizes.ts';
import type { AppRecord } from '../ports.ts';

export const ZEmbedSnippetQuery = z.strictObject({ mode: z.enum(EMBED_MODES).default('iframe') });

export interface EmbedSnippet {
  mode: EmbedMode;
  /** What to paste: the loader once per page, and the placeholder with its space already reserved. */
  html: string;
  /** The same for pages whose Content-Security-Policy forbids style attributes: markup plus a CSS rule. */
  strictCsp: { html: string; css: string };
  reservedHeight: number;
}

/**
 * The snippet reserves the widget's first height, because embed.js is async and runs after the first
 * paint: space made then would push the page down under the reader. Button mode floats, so reserves none.
 */
export function buildEmbedSnippet({
  app,
  mode,
  publicUrl,
}: {
  app: Pick<AppRecord, 'id' | 'type'>;
  mode: EmbedMode;
  publicUrl: string;
}): EmbedSnippet {
  const height = mode === 'button' ? 0 : INITIAL_HEIGHTS[app.type];
  const script = `<script async src="${publicUrl}/embed.js"></script>`;
  const attributes = `data-pb-widget="${app.type}" data-pb-app="${app.id}" data-pb-mode="${mode}"`;
  const slotClass = `pb-slot-${app.type}`;
  return {
    mode,
    html: `${script}\n<div ${attributes}${height ? ` style="min-height:${height}px"` : ''}></div>`,
    strictCsp: {
      html: `${script}\n<div ${attributes}${height ? ` class="${slotClass}"` : ''}></div>`,
      css: height ? `.${slotClass} { min-height: ${height}px; }` : '',
    },
    reservedHeight: height,
  };
}

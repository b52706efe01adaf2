import type { AppType } from '../apps/app-types.ts';

export interface EmbedFindings {
  /** The page loads this server's embed.js. */
  loader: boolean;
  /** A placeholder names this app. */
  placeholder: boolean;
  /** Its widget type, as the page says (it must be the app's). */
  widget: string | null;
  mode: string | null;
  /** Other Patchbay apps the page embeds. */
  otherApps: string[];
}

const ATTRIBUTE = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');

function attribute(tag: string, name: string): string | null {
  const match = ATTRIBUTE(name).exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3] ?? '') : null;
}

/**
 * What a page's HTML says about embedding one app: whether it loads this server's loader and carries
 * a placeholder for the app (and of which widget type and mode). Read from the markup as served, so a
 * site that adds the snippet with its own JavaScript shows neither; the caller says so.
 */
export function inspectEmbedPage({
  html,
  appId,
  publicUrl,
}: {
  html: string;
  appId: string;
  publicUrl: string;
}): EmbedFindings {
  const loaderUrl = `${publicUrl.replace(/\/$/, '')}/embed.js`;
  const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
  const loader = scripts.some((tag) => {
    const src = attribute(tag, 'src');
    return src !== null && src.split('?')[0] === loaderUrl;
  });
  const findings: EmbedFindings = { loader, placeholder: false, widget: null, mode: null, otherApps: [] };
  for (const tag of html.match(/<[a-z][\w-]*\b[^>]*\bdata-pb-app\b[^>]*>/gi) ?? []) {
    const app = attribute(tag, 'data-pb-app');
    if (!app) continue;
    if (app.toLowerCase() !== appId.toLowerCase()) {
      if (!findings.otherApps.includes(app)) findings.otherApps.push(app);
      continue;
    }
    if (findings.placeholder) continue;
    findings.placeholder = true;
    findings.widget = attribute(tag, 'data-pb-widget');
    findings.mode = attribute(tag, 'data-pb-mode') ?? 'iframe';
  }
  return findings;
}

/** The sentences a creator reads after a check: what is right, what is missing and how to fix it. */
export function describeEmbedFindings({
  findings,
  appType,
  allowed,
  origin,
}: {
  findings: EmbedFindings;
  appType: AppType;
  allowed: boolean;
  origin: string;
}): { ok: boolean; messages: string[] } {
  const messages: string[] = [];
  if (!findings.loader) {
    messages.push(
      'The page does not load embed.js from this server: paste the whole snippet, script tag included, once per page.',
    );
  }
  if (!findings.placeholder) {
    messages.push(
      findings.otherApps.length > 0
        ? 'The page embeds another Patchbay widget, not this one: copy this app’s snippet again.'
        : 'The page has no placeholder for this app: paste the snippet where the widget should appear. (A site that adds it with JavaScript cannot be checked from its HTML: open the page to see.)',
    );
  } else if (findings.widget !== appType) {
    messages.push(
      `The placeholder says data-pb-widget="${findings.widget ?? ''}", but this app is a ${appType}: copy the snippet again.`,
    );
  }
  if (!allowed) {
    messages.push(
      `${origin} is not among this app’s allowed sites: add it, or the widget will refuse to load there.`,
    );
  }
  const ok = findings.loader && findings.placeholder && findings.widget === appType && allowed;
  if (ok) messages.push('The widget is on the page and the site is allowed: you are live.');
  return { ok, messages };
}

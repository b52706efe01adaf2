import { z } from 'zod';
import { originAllowed } from '../apps/app-types.ts';
import { AppError, notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { describeEmbedFindings, inspectEmbedPage, type EmbedFindings } from './inspect-embed-page.ts';

export const ZCheckSiteBody = z.strictObject({
  url: z
    .url({
      protocol: /^https?$/,
      error: 'url must be the address of your page, such as https://example.com/tips',
    })
    .max(2000),
});

/** Fetches a creator's page (GET, no redirects followed by itself); rejects with why it could not. */
export type FetchPage = (
  url: string,
) => Promise<{ status: number; location: string | undefined; body: string }>;

const MAX_REDIRECTS = 3;

export interface SiteCheck {
  url: string;
  status: number;
  findings: EmbedFindings;
  allowed: boolean;
  ok: boolean;
  messages: string[];
}

/**
 * "Check my site": loads the creator's page (following a few redirects, each through the same
 * SSRF-safe fetch) and reports whether this app's snippet is there and the site may embed it.
 */
export async function checkSite({
  store,
  appId,
  url,
  fetchPage,
  publicUrl,
}: {
  store: TenantStore;
  appId: string;
  url: string;
  fetchPage: FetchPage;
  publicUrl: string;
}): Promise<SiteCheck> {
  const app = await store.apps.get(appId);
  if (!app) throw notFound('App', appId);
  let current = url;
  let page: Awaited<ReturnType<FetchPage>> | undefined;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    try {
      page = await fetchPage(current);
    } catch (error) {
      throw new AppError(
        'validation',
        'Could not load the page',
        `${current} could not be loaded: ${(error as Error).message}. Check the address, and that the page is public.`,
        { errors: [{ location: 'body', field: 'url', message: 'could not be loaded' }] },
      );
    }
    if (page.status < 300 || page.status >= 400 || !page.location) break;
    current = new URL(page.location, current).toString();
  }
  if (!page || (page.status >= 300 && page.status < 400)) {
    throw new AppError(
      'validation',
      'Too many redirects',
      `${url} redirects more than ${MAX_REDIRECTS} times.`,
      {
        errors: [{ location: 'body', field: 'url', message: 'redirects too often' }],
      },
    );
  }
  const origin = new URL(current).origin;
  const allowed = originAllowed(app.allowedOrigins, origin);
  if (page.status >= 400) {
    return {
      url: current,
      status: page.status,
      findings: { loader: false, placeholder: false, widget: null, mode: null, otherApps: [] },
      allowed,
      ok: false,
      messages: [`The page answered ${page.status}: check the address (and that the page is published).`],
    };
  }
  const findings = inspectEmbedPage({ html: page.body, appId, publicUrl });
  return {
    url: current,
    status: page.status,
    findings,
    allowed,
    ...describeEmbedFindings({ findings, appType: app.type, allowed, origin }),
  };
}

import express, { type Router } from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import { resolveSession } from '../../domain/auth/resolve-session.ts';
import { escapeHtml } from '../../domain/escape-html.ts';
import { checkSite, ZCheckSiteBody, type FetchPage } from '../../domain/studio/check-site.ts';
import { validateAppDraft, ZAppDraft } from '../../domain/studio/validate-app-draft.ts';
import { createSafeHttp } from '../../integrations/http/safe-http.ts';
import { ZThemeOverrides } from '../../domain/apps/app-types.ts';
import { defineOperation } from '../operation.ts';
import { PER_KEY_CALL_OUT_LIMITS } from '../rate-limits.ts';
import type { Services } from '../services.ts';

/** A creator's page is read up to this much: the snippet sits in the markup, not in images. */
const SITE_CHECK_MAX_BYTES = 2 * 1024 * 1024;

const STUDIO_CSS = `html { color-scheme: light dark; }
body { margin: 0; }
`;

/** The site check's fetch: the same SSRF-safe agent route deliveries use, a GET with a short budget. */
function pageFetcher(services: Services): FetchPage {
  const http = createSafeHttp({
    allowPrivate: services.config.routing.allowPrivate,
    connectTimeoutMs: 5_000,
    totalTimeoutMs: 10_000,
    maxBodyBytes: SITE_CHECK_MAX_BYTES,
  });
  return async (url) => {
    const response = await http.request(url, {
      method: 'GET',
      headers: { accept: 'text/html', 'user-agent': 'Patchbay site check' },
      body: '',
    });
    const location = response.headers.location;
    return {
      status: response.status,
      location: Array.isArray(location) ? location[0] : location,
      body: response.body,
    };
  };
}

const fetchers = new WeakMap<Services, FetchPage>();

export const studioOperations = [
  defineOperation({
    operationId: 'validateAppDraft',
    method: 'post',
    path: '/api/apps/validate',
    summary: 'Check an app you are still editing, without saving it',
    description:
      'Runs the checks `createApp` and `updateApp` run (the type’s config, the contrast of colour overrides) and answers the config with every default filled in, as the widget would show it — or the same 400 problem saving would give, with a message per field. With `appId`, the draft config is merged over that app’s, as `updateApp` does.',
    tags: ['Apps'],
    auth: 'apiKey',
    scope: 'apps:read',
    body: ZAppDraft,
    bodyExample: { type: 'tip-jar', config: { presets: [300, 500] }, theme: { accent: '#7839e7' } },
    responses: {
      200: {
        description: 'The draft is valid; its config with defaults filled in.',
        schema: z.object({
          type: z.string(),
          config: z.record(z.string(), z.unknown()),
          theme: ZThemeOverrides,
        }),
      },
    },
    async handler({ tenant, body }) {
      return { body: await validateAppDraft({ store: tenant.store, draft: body }) };
    },
  }),
  defineOperation({
    operationId: 'checkSite',
    method: 'post',
    path: '/api/apps/{appId}/site-check',
    summary: 'Check that your page carries this app’s widget',
    description:
      'Loads `url` (from this server, through the same SSRF-safe agent as route deliveries: public addresses only, a few redirects, 10 s) and reports whether it loads embed.js, has a placeholder for this app, and is among its allowed sites — with what to fix. Pages that add the snippet with their own JavaScript cannot be checked from their HTML.',
    tags: ['Apps'],
    auth: 'apiKey',
    scope: 'apps:read',
    rateLimit: PER_KEY_CALL_OUT_LIMITS,
    params: z.strictObject({ appId: z.uuid('appId must be a UUID') }),
    body: ZCheckSiteBody,
    bodyExample: { url: 'https://creator.example/tips' },
    responses: {
      200: {
        description: 'What the page holds.',
        schema: z.object({
          url: z.string().describe('The page read, after redirects.'),
          status: z.number().int(),
          findings: z.object({
            loader: z.boolean(),
            placeholder: z.boolean(),
            widget: z.string().nullable(),
            mode: z.string().nullable(),
            otherApps: z.array(z.string()),
          }),
          allowed: z.boolean().describe('The page’s origin is among the app’s allowed sites.'),
          ok: z.boolean(),
          messages: z.array(z.string()),
        }),
      },
    },
    async handler({ tenant, services, params, body }) {
      let fetchPage = fetchers.get(services);
      if (!fetchPage) fetchers.set(services, (fetchPage = pageFetcher(services)));
      return {
        body: await checkSite({
          store: tenant.store,
          appId: params.appId,
          url: body.url,
          fetchPage,
          publicUrl: services.config.publicUrl,
        }),
      };
    },
  }),
];

/**
 * The creator console at `/studio` on PUBLIC_URL: a static page that loads the `creator-console`
 * module, which talks to the REST API with the creator's session cookie. Strict: no inline script or
 * style, only this origin, never framed.
 */
export function studioRoutes(services: Services): Router {
  const router = express.Router();
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  });
  router.get('/studio/studio.css', headers, (_req, res) => {
    res.locals.route = '/studio/studio.css';
    res.type('text/css').set('Cache-Control', 'public, max-age=300').send(STUDIO_CSS);
  });
  router.get('/studio', headers, async (req, res, next) => {
    res.locals.route = '/studio';
    // Whether a session cookie names a live session, so a signed-out console shows sign-in without
    // asking the API first (and being answered 401).
    let signedIn: boolean;
    try {
      signedIn = Boolean(
        await resolveSession({
          sessions: services.platform.sessions,
          token: (req.cookies as Record<string, string> | undefined)?.[services.signIn.cookieNames.session],
        }),
      );
    } catch (error) {
      next(error);
      return;
    }
    const entry = services.assets.entry('creator-console');
    const preloads = services.assets
      .imports('creator-console')
      .map((chunk) => `<link rel="modulepreload" href="${escapeHtml(chunk)}">`)
      .join('\n');
    const attributes = [
      `providers="${escapeHtml(services.signIn.providers.join(','))}"`,
      `payments="${escapeHtml(services.payments.provider.name)}"`,
      'theme="auto"',
      ...(signedIn ? ['signed-in'] : []),
    ].join(' ');
    res.type('html').set('Cache-Control', 'no-cache').send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Patchbay studio</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/studio/studio.css">
${entry ? `${preloads}\n<script type="module" src="${escapeHtml(entry)}"></script>` : ''}
</head>
<body>
${
  entry
    ? `<pb-creator-console ${attributes}></pb-creator-console>
<noscript><p>The Patchbay studio needs JavaScript. Everything it does is also in the REST API: <a href="/api/docs/">/api/docs</a>.</p></noscript>`
    : '<main><h1>Patchbay studio</h1><p>The console has not been built on this server yet: run <code>npm run build</code>, then reload.</p></main>'
}
</body>
</html>
`);
  });
  return router;
}

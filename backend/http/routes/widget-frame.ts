import { fileURLToPath } from 'node:url';
import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { originAllowed } from '../../domain/apps/app-types.ts';
import { getTipJar } from '../../domain/tips/get-tip-jar.ts';
import { escapeHtml } from '../escape-html.ts';
import { presentPublicApp } from '../presenters.ts';
import { frameSecurityHeaders, payWindowSecurityHeaders } from '../security-headers.ts';
import type { Services } from '../services.ts';
import type { WebAssets } from '../web-assets.ts';

const frameCss = fileURLToPath(new URL('../../../embed-loader/frame.css', import.meta.url));
const ZOrigin = z.url({ protocol: /^https?$/ }).refine((value) => new URL(value).origin === value);
const ZTheme = z.enum(['light', 'dark', 'high-contrast', 'auto']);

function page(
  res: Response,
  {
    title,
    body,
    script,
    head = '',
  }: { title: string; body: string; script?: string | undefined; head?: string },
) {
  res.type('html').send(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/frame.css">${script ? `<script type="module" src="${escapeHtml(script)}"></script>` : ''}${head}</head>
${body}
</html>`);
}

/** JSON inside a <script> element: `<` escaped so no value can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * The page a widget iframe loads, on WIDGET_ORIGIN. For a site the app allows, it renders the widget
 * and may be framed only by the allowed sites. For any other site it renders a friendly refusal that
 * says how to fix it; that page holds no data and no actions, so any site may frame it.
 */
export function widgetFrameRoutes(services: Services, assets: WebAssets): Router {
  const router = express.Router();
  router.get('/frame.css', (_req, res) => res.sendFile(frameCss, { maxAge: '1h' }));
  router.get('/frame/:appId', async (req, res, next) => {
    res.locals.route = '/frame/{appId}';
    try {
      const appId = z.uuid().safeParse(req.params.appId);
      const app = appId.success ? await services.platform.findPublicApp(appId.data) : undefined;
      const host = ZOrigin.safeParse(req.query.host);
      const theme = ZTheme.safeParse(req.query.theme);
      const refuse = (message: string) =>
        frameSecurityHeaders(['*'])(req, res, () =>
          page(res, {
            title: 'Widget unavailable',
            script: assets.entry('frame-refused'),
            body: `<body data-pb-host="${host.success ? escapeHtml(host.data) : ''}" data-pb-message="${escapeHtml(message)}"><p class="pb-refused" role="status">${escapeHtml(message)}</p></body>`,
          }),
        );
      if (!app || app.status === 'killed') {
        refuse('This widget is no longer available.');
        return;
      }
      if (!host.success || !originAllowed(app.allowedOrigins, host.data)) {
        const site = host.success ? host.data : 'this site';
        refuse(
          `This widget isn't set up to appear on ${site}. If this is your site, add ${site} to the widget's allowed sites in Patchbay.`,
        );
        return;
      }
      const frameModule = assets.entry(`frame-${app.type}`);
      if (!frameModule) {
        refuse('The widgets have not been built on this server yet. Run `npm run build` and reload.');
        return;
      }
      const inlined =
        app.type === 'tip-jar'
          ? await getTipJar({ store: services.platform.forTenant(app.tenantId), appId: app.id })
          : presentPublicApp(app);
      frameSecurityHeaders(app.allowedOrigins, services.config.publicUrl)(req, res, () =>
        page(res, {
          title: app.name,
          // One module holds the frame runtime and the widget; the app's public config (for a tip jar,
          // with its goal and supporters) comes with the page, so the widget renders without another
          // round trip to the API.
          script: frameModule,
          head: `<script type="application/json" id="pb-app">${scriptJson(inlined)}</script>`,
          body: `<body data-pb-app="${escapeHtml(app.id)}" data-pb-widget="${escapeHtml(app.type)}" data-pb-host="${escapeHtml(host.data)}" data-pb-api-base="${escapeHtml(services.config.publicUrl)}"${theme.success ? ` data-pb-theme="${theme.data}"` : ''}></body>`,
        }),
      );
    } catch (error) {
      next(error);
    }
  });
  // The pay window: opened top-level by a widget, never framed (frame-ancestors 'none'). The client
  // secret arrives in the URL fragment, which the browser never sends here.
  router.get('/pay/:paymentId', (req, res) => {
    res.locals.route = '/pay/{paymentId}';
    const paymentId = z.uuid().safeParse(req.params.paymentId);
    const payModule = assets.entry('pay');
    payWindowSecurityHeaders(services.config.publicUrl)(req, res, () => {
      if (!paymentId.success || !payModule) {
        res.status(paymentId.success ? 503 : 404);
        page(res, {
          title: 'Payment unavailable',
          body: `<body><p class="pb-refused" role="status">${paymentId.success ? 'The widgets have not been built on this server yet. Run `npm run build` and reload.' : 'There is no such payment.'}</p></body>`,
        });
        return;
      }
      const form = services.testProvider
        ? `<p class="pb-test-mode" role="note"><strong>Test mode:</strong> no real money moves. Card 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, 4000 0027 6000 3184 asks you to authenticate.</p>
<form id="pb-card-form"><label for="pb-card">Test card number</label><input id="pb-card" name="card" inputmode="numeric" autocomplete="off" required><button type="submit">Pay <span id="pb-amount"></span></button></form>
<div id="pb-auth" hidden><button id="pb-approve" type="button">Confirm the payment</button> <button id="pb-deny" type="button">Fail authentication</button></div>`
        : // TODO(step 5 follow-up): mount Stripe's Payment Element here when Stripe keys are set.
          `<p>Card payments through Stripe open here in a coming version.</p>`;
      page(res, {
        title: 'Pay',
        script: services.testProvider ? payModule : undefined,
        body: `<body data-pb-api-base="${escapeHtml(services.config.publicUrl)}" data-pb-payment="${escapeHtml(paymentId.data)}"><main class="pb-pay"><h1>Complete your payment</h1>${form}<p id="pb-status" role="status" aria-live="polite"></p></main></body>`,
      });
    });
  });
  return router;
}

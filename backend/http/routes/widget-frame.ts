import { fileURLToPath } from 'node:url';
import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { originAllowed } from '../../domain/apps/app-types.ts';
import { resolvePayReturn } from '../../domain/apps/resolve-pay-return.ts';
import { getTipJar } from '../../domain/tips/get-tip-jar.ts';
import { listSlotsAhead } from '../../domain/booking/list-slots.ts';
import { escapeHtml } from '../../domain/escape-html.ts';
import { loadCohortProgram } from '../../domain/cohorts/load-cohort-program.ts';
import { presentPublicCohortProgram } from '../cohort-presenters.ts';
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
    stylesheet = true,
  }: { title: string; body: string; script?: string | undefined; head?: string; stylesheet?: boolean },
) {
  res.type('html').send(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">${stylesheet ? '<link rel="stylesheet" href="/frame.css">' : ''}${script ? `<script type="module" src="${escapeHtml(script)}"></script>` : ''}${head}</head>
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
      const store = services.platform.forTenant(app.tenantId);
      const inlined =
        app.type === 'tip-jar'
          ? await getTipJar({ store, appId: app.id })
          : app.type === 'cohort-matcher'
            ? presentPublicCohortProgram(
                app,
                (await loadCohortProgram({ store, appId: app.id })).config,
                undefined,
              )
            : app.type === 'booking'
              ? { ...presentPublicApp(app), slotsAhead: await listSlotsAhead({ store, appId: app.id }) }
              : presentPublicApp(app);
      frameSecurityHeaders(app.allowedOrigins, services.config.publicUrl)(req, res, () =>
        page(res, {
          title: app.name,
          // One module holds the frame runtime and the widget; the app's public config (for a tip jar,
          // with its goal and supporters; for a calendar, with its first slots) comes with the page, so
          // the widget renders without another round trip to the API.
          script: frameModule,
          // A stylesheet would hold the module back until it arrived (scripts wait for pending sheets);
          // the frame runtime sets the page's few rules itself.
          stylesheet: false,
          head: `<script type="application/json" id="pb-app">${scriptJson(inlined)}</script>`,
          body: `<body data-pb-app="${escapeHtml(app.id)}" data-pb-widget="${escapeHtml(app.type)}" data-pb-host="${escapeHtml(host.data)}" data-pb-api-base="${escapeHtml(services.config.publicUrl)}"${theme.success ? ` data-pb-theme="${theme.data}"` : ''}></body>`,
        }),
      );
    } catch (error) {
      next(error);
    }
  });
  // A booking's manage page, opened from the confirmation email: top-level, never framed. It runs the
  // booking frame bundle with this origin as its own host; the manage token arrives in the URL
  // fragment, which the browser never sends here, and the widget reads it from there.
  router.get('/manage/booking', (req, res) => {
    res.locals.route = '/manage/booking';
    const module = assets.entry('frame-booking');
    payWindowSecurityHeaders(services.config.publicUrl)(req, res, () => {
      if (!module) res.status(503);
      page(res, {
        title: 'Your booking',
        script: module,
        body: module
          ? `<body data-pb-widget="booking" data-pb-host="${escapeHtml(services.config.widgetOrigin)}" data-pb-api-base="${escapeHtml(services.config.publicUrl)}"></body>`
          : '<body><p class="pb-refused" role="status">The widgets have not been built on this server yet. Run `npm run build` and reload.</p></body>',
      });
    });
  });
  // The pay window: opened top-level by a widget, never framed (frame-ancestors 'none'). The client
  // secret arrives in the URL fragment, which the browser never sends here. `return` (added when the
  // browser blocked the window and the fan came here in their own tab) is the page to go back to.
  router.get('/pay/:paymentId', async (req, res, next) => {
    res.locals.route = '/pay/{paymentId}';
    try {
      const paymentId = z.uuid().safeParse(req.params.paymentId);
      const payModule = assets.entry('pay');
      const stripeKey = services.testProvider ? undefined : services.config.payments.stripe?.publishableKey;
      const back =
        paymentId.success && typeof req.query.return === 'string'
          ? await resolvePayReturn({
              platform: services.platform,
              paymentId: paymentId.data,
              returnUrl: req.query.return,
            })
          : undefined;
      payWindowSecurityHeaders(services.config.publicUrl, { stripe: Boolean(stripeKey) })(req, res, () => {
        if (!paymentId.success || !payModule) {
          res.status(paymentId.success ? 503 : 404);
          page(res, {
            title: 'Payment unavailable',
            body: `<body><p class="pb-refused" role="status">${paymentId.success ? 'The widgets have not been built on this server yet. Run `npm run build` and reload.' : 'There is no such payment.'}</p></body>`,
          });
          return;
        }
        const pay = `<button type="submit">Pay <span id="pb-amount"></span></button>`;
        const form = services.testProvider
          ? `<p class="pb-test-mode" role="note"><strong>Test mode:</strong> no real money moves. Card 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, 4000 0027 6000 3184 asks you to authenticate.</p>
<form id="pb-card-form"><label for="pb-card">Test card number</label><input id="pb-card" name="card" inputmode="numeric" autocomplete="off" required>${pay}</form>
<div id="pb-auth" hidden><button id="pb-approve" type="button">Confirm the payment</button> <button id="pb-deny" type="button">Fail authentication</button></div>`
          : stripeKey
            ? `<form id="pb-stripe-form"><div id="pb-payment-element"></div>${pay}</form>`
            : `<p class="pb-refused" role="status">Card payments are not set up on this server yet: its operator sets STRIPE_PUBLISHABLE_KEY.</p>`;
        const backLink = back
          ? `<p><a id="pb-return" href="${escapeHtml(back)}">Back to ${escapeHtml(new URL(back).host)}</a></p>`
          : '';
        const data = [
          `data-pb-api-base="${escapeHtml(services.config.publicUrl)}"`,
          `data-pb-payment="${escapeHtml(paymentId.data)}"`,
          ...(stripeKey ? [`data-pb-stripe-key="${escapeHtml(stripeKey)}"`] : []),
          ...(back ? [`data-pb-return="${escapeHtml(back)}"`] : []),
        ];
        page(res, {
          title: 'Pay',
          script: services.testProvider || stripeKey ? payModule : undefined,
          body: `<body ${data.join(' ')}><main class="pb-pay"><h1>Complete your payment</h1>${form}<p id="pb-status" role="status" aria-live="polite"></p>${backLink}</main></body>`,
        });
      });
    } catch (error) {
      next(error);
    }
  });
  return router;
}

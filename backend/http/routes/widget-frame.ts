import express, { type Router } from 'express';
import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { escapeHtml } from '../escape-html.ts';
import { frameSecurityHeaders } from '../security-headers.ts';
import type { Services } from '../services.ts';

const ZFrameParams = z.object({ appId: z.uuid() });

/** The page a widget iframe loads, on WIDGET_ORIGIN, frameable only by the app's allowed sites. */
export function widgetFrameRoutes(services: Services): Router {
  const router = express.Router();
  router.get('/frame/:appId', async (req, res, next) => {
    res.locals.route = '/frame/{appId}';
    const parsed = ZFrameParams.safeParse(req.params);
    const app = parsed.success ? await services.platform.findPublicApp(parsed.data.appId) : undefined;
    if (!app || app.status === 'killed') {
      next(notFound('App', String(req.params.appId)));
      return;
    }
    frameSecurityHeaders(app.allowedOrigins)(req, res, () => {
      res.type('html').send(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(app.name)}</title></head>
<body data-pb-app="${escapeHtml(app.id)}" data-pb-widget="${escapeHtml(app.type)}"></body>
</html>`);
    });
  });
  return router;
}

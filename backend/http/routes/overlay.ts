import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import helmet from 'helmet';
import { escapeHtml } from '../../domain/escape-html.ts';
import type { Services } from '../services.ts';

const overlayDistDir = fileURLToPath(new URL('../../../dist/overlay', import.meta.url));

/**
 * The stream overlay page for OBS, on the widget origin: a static shell whose script reads the app's
 * public live events with the overlay key from the URL fragment (never sent to a server in a page load).
 * The page is strict: no inline script or style, it talks only to the API, nobody may frame it.
 */
export function overlayRoutes(services: Services): Router {
  const router = express.Router();
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: [services.config.publicUrl],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  router.use('/overlay/assets', headers, express.static(overlayDistDir, { index: false, maxAge: '5m' }));
  router.get('/overlay/:appId', headers, (req, res) => {
    res.locals.route = '/overlay/:appId';
    const appId = req.params.appId;
    if (!/^[0-9a-f-]{36}$/i.test(appId)) {
      res.status(404).type('text/plain').send('No such overlay: check the URL you pasted into OBS.');
      return;
    }
    res.type('html').send(`<!doctype html>
<html lang="en" data-app-id="${escapeHtml(appId)}" data-api="${escapeHtml(services.config.publicUrl)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Patchbay overlay</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/overlay/assets/overlay.css">
</head>
<body>
<div id="alert" role="status" aria-live="polite" hidden></div>
<div id="panel" aria-label="Requests" hidden></div>
<script src="/overlay/assets/overlay.js" defer></script>
</body>
</html>
`);
  });
  return router;
}

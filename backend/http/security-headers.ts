import helmet from 'helmet';
import type { RequestHandler } from 'express';

/** JSON endpoints: nothing may load from them as a document, and nobody may frame them. */
export const apiSecurityHeaders: RequestHandler = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
  frameguard: { action: 'deny' },
  crossOriginResourcePolicy: { policy: 'same-site' },
});

/** Pages we serve ourselves (docs, examples): scripts only from files on this origin, never framed. */
export const pageSecurityHeaders: RequestHandler = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // The API docs renderer sets style attributes; nothing else on these pages needs inline styles.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
    },
  },
  frameguard: { action: 'deny' },
});

/**
 * A widget frame: framed only by the sites its app allows (CSP frame-ancestors; X-Frame-Options cannot
 * express a list, so it is left off and browsers follow the CSP).
 */
export function frameSecurityHeaders(allowedOrigins: readonly string[], apiOrigin?: string): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // The widget calls the API on PUBLIC_URL, a different origin from the frame's.
        connectSrc: ["'self'", ...(apiOrigin ? [apiOrigin] : [])],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: allowedOrigins.length > 0 ? [...allowedOrigins] : ["'none'"],
      },
    },
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
}

/**
 * The example pages stand in for a creator's own site: they may frame the widget origin. Pages named
 * `strict-csp*` get the strictest policy a creator might run (no inline styles at all), to prove the
 * widgets work under it.
 */
export function examplesSecurityHeaders(widgetOrigin: string): RequestHandler {
  const directives = (strict: boolean) => ({
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: strict ? ["'self'"] : ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    frameSrc: [widgetOrigin],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
  });
  const relaxed = helmet({ contentSecurityPolicy: { useDefaults: false, directives: directives(false) } });
  const strict = helmet({ contentSecurityPolicy: { useDefaults: false, directives: directives(true) } });
  return (req, res, next) => (req.path.startsWith('/strict-csp') ? strict : relaxed)(req, res, next);
}

/**
 * The pay window: never framed. It keeps its `window.opener` (no Cross-Origin-Opener-Policy isolation),
 * because telling the widget that opened it the outcome is its whole point; it only ever posts to the
 * exact origin the widget named.
 */
export function payWindowSecurityHeaders(
  apiOrigin: string,
  { stripe = false, forms = false }: { stripe?: boolean; forms?: boolean } = {},
): RequestHandler {
  // Stripe.js and the Payment Element, as Stripe documents their CSP: the script and its frames from
  // js.stripe.com, 3-D Secure pages from hooks.stripe.com, its API calls to api.stripe.com.
  const stripeSources = (...hosts: string[]) => (stripe ? hosts.map((host) => `https://${host}`) : []);
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...stripeSources('js.stripe.com')],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...stripeSources('*.stripe.com')],
        frameSrc: ["'self'", ...stripeSources('js.stripe.com', 'hooks.stripe.com')],
        connectSrc: ["'self'", apiOrigin, ...stripeSources('api.stripe.com')],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        // The fan sign-in popup posts its email form to its own origin; the pay window posts none.
        formAction: forms ? ["'self'"] : ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    crossOriginOpenerPolicy: { policy: 'unsafe-none' },
    crossOriginEmbedderPolicy: false,
  });
}

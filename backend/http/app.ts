import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-dist';
import { isConnectionLost } from '../db/connection-lost.ts';
import { AppError } from '../domain/errors.ts';
import { buildOpenApiDocument } from './openapi.ts';
import type { Operation } from './operation.ts';
import { operationsRouter } from './operation.ts';
import { sendProblem } from './problem.ts';
import { apiKeyOperations } from './routes/api-keys.ts';
import { appOperations } from './routes/apps.ts';
import { bookingOperations } from './routes/bookings.ts';
import { cohortOperations } from './routes/cohorts.ts';
import { healthRoutes } from './routes/health.ts';
import { insightOperations } from './routes/insights.ts';
import { liveOperations } from './routes/live.ts';
import { overlayRoutes } from './routes/overlay.ts';
import { MODERATION_WEBHOOK_PATH, moderationOperations } from './routes/moderation.ts';
import { paymentOperations } from './routes/payments.ts';
import { myDataOperations } from './routes/my-data.ts';
import { requestOperations } from './routes/requests.ts';
import { requestStatusPageRoutes } from './routes/request-status-page.ts';
import { routingOperations } from './routes/routing.ts';
import { studioOperations, studioRoutes } from './routes/studio.ts';
import { creatorSignInRoutes, fanSignInRoutes, signInOperations } from './routes/sign-in.ts';
import { tenantOperations } from './routes/tenant.ts';
import { PAYMENT_WEBHOOK_PATH, webhookOperations } from './routes/webhooks.ts';
import { widgetFrameRoutes } from './routes/widget-frame.ts';
import { apiSecurityHeaders, examplesSecurityHeaders, pageSecurityHeaders } from './security-headers.ts';
import type { Services } from './services.ts';
import { hashedAssets, type WebAssets } from './web-assets.ts';
import { WIDGET_TYPES } from '../../embed-loader/protocol.ts';

export const operations: readonly Operation[] = [
  ...appOperations,
  ...apiKeyOperations,
  ...tenantOperations,
  ...requestOperations,
  ...paymentOperations,
  ...webhookOperations,
  ...liveOperations,
  ...moderationOperations,
  ...routingOperations,
  ...signInOperations,
  ...myDataOperations,
  ...bookingOperations,
  ...cohortOperations,
  ...insightOperations,
  ...studioOperations,
];

const packageVersion = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as {
    version: string;
  }
).version;
const examplesDir = fileURLToPath(new URL('../../examples', import.meta.url));
const docsDir = fileURLToPath(new URL('./docs', import.meta.url));
export const storybookDir = fileURLToPath(new URL('../../storybook-static', import.meta.url));

/** Request ids: a caller's own (if it looks like one) so traces join up across services, else a new UUID. */
function requestLogging(services: Services): RequestHandler {
  return pinoHttp({
    logger: services.logger,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    genReqId(req, res) {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && /^[\w.:-]{8,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    serializers: {
      req: (req: { method: string; url: string; remoteAddress?: string }) => ({
        method: req.method,
        // Without the query string: widget calls carry client secrets and wallet tokens there.
        url: req.url.split('?')[0],
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
  });
}

function httpMetrics(services: Services): RequestHandler {
  return (req, res, next) => {
    const end = services.metrics.httpDuration.startTimer();
    res.on('finish', () => {
      // Route templates, never raw URLs, so ids in paths cannot blow up the label set.
      end({
        method: req.method,
        route: String(res.locals.route ?? 'unmatched'),
        status_code: String(res.statusCode),
      });
    });
    next();
  };
}

const BODY_PARSER_PROBLEMS: Record<
  string,
  (error: { message: string; limit?: number; length?: number }) => AppError
> = {
  'entity.parse.failed': (error) =>
    new AppError(
      'validation',
      'Malformed JSON',
      `The request body is not valid JSON (${error.message}). Send a JSON object.`,
      {
        errors: [{ location: 'body', field: '', message: `not valid JSON: ${error.message}` }],
      },
    ),
  'entity.too.large': (error) =>
    new AppError(
      'payload_too_large',
      'Request body too large',
      `The request body${error.length ? ` is ${Math.ceil(error.length / 1024)} KB; it` : ''} must be at most ${Math.floor((error.limit ?? 0) / 1024)} KB. Send less data (attachments go through their own upload).`,
      { errors: [{ location: 'body', field: '', message: 'too large' }] },
    ),
  'encoding.unsupported': () =>
    new AppError(
      'unsupported_media_type',
      'Unsupported encoding',
      'Send the body as UTF-8 JSON without content encoding.',
    ),
  'charset.unsupported': () =>
    new AppError('unsupported_media_type', 'Unsupported charset', 'Send the body as UTF-8 JSON.'),
};

const DATABASE_RETRY_AFTER_SECONDS = 5;

function errorHandler(): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const parserType = typeof error?.type === 'string' ? BODY_PARSER_PROBLEMS[error.type] : undefined;
    const appError = error instanceof AppError ? error : parserType?.(error);
    if (appError) {
      sendProblem(res, appError);
      return;
    }
    if (isConnectionLost(error)) {
      // Nothing was written (a transaction without its connection rolls back): the caller may retry.
      req.log.warn({ err: error }, 'database unavailable');
      res.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      sendProblem(res, {
        code: 'unavailable',
        title: 'Temporarily unavailable',
        detail: `The service cannot reach its database right now. Nothing was saved; try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`,
        extra: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
      });
      return;
    }
    req.log.error({ err: error }, 'unhandled error');
    sendProblem(res, {
      code: 'internal',
      title: 'Something went wrong on our side',
      detail: `The server could not finish this request. If it keeps happening, report request id ${String(req.id)}.`,
    });
  };
}

function notFoundHandler(): RequestHandler {
  return (req, res) => {
    sendProblem(res, {
      code: 'not_found',
      title: 'No such endpoint',
      detail: `Nothing answers ${req.method} ${req.path}. The API is described at /api/openapi.json.`,
    });
  };
}

/**
 * The stable URLs a creator's page names: embed.js itself, and small modules that re-export the hashed
 * files of this build, so pages never need to know a hash and caches stay correct across releases.
 */
function loaderRoutes(assets: WebAssets): express.Router {
  const router = express.Router();
  const shortCache = 'public, max-age=300';
  router.get('/embed.js', (_req, res, next) => {
    res.locals.route = '/embed.js';
    if (!assets.embedScript) {
      next(
        new AppError(
          'not_found',
          'Not built',
          'embed.js has not been built on this server yet: run `npm run build`.',
        ),
      );
      return;
    }
    res.set({
      'Cache-Control': shortCache,
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
    res.type('text/javascript').send(assets.embedScript);
  });
  const alias = (path: string, entry: (params: Record<string, string>) => string) =>
    router.get(path, (req, res, next) => {
      res.locals.route = path;
      const name = entry(req.params as Record<string, string>);
      const target = assets.entry(name);
      if (!target) {
        next(new AppError('not_found', 'Not built', `${req.path} has not been built on this server.`));
        return;
      }
      res.set({
        'Cache-Control': shortCache,
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
      // Importing the entry's chunks here too makes the browser fetch them in parallel with the entry,
      // instead of discovering them one level at a time.
      const chunks = assets.imports(name).map((chunk) => `import ${JSON.stringify(chunk)};\n`);
      res.type('text/javascript').send(`${chunks.join('')}export * from ${JSON.stringify(target)};\n`);
    });
  alias('/embed-launcher.js', () => 'launcher');
  // Inline mode imports a widget's single-file bundle (scripts/build-web.ts says why).
  alias('/widgets/:widget.js', (params) =>
    (WIDGET_TYPES as readonly string[]).includes(params.widget ?? '') ? `inline-${params.widget}` : '',
  );
  return router;
}

/** The app on PUBLIC_URL: the REST API, its docs, health and metrics, and the example pages. */
export function createApiApp(services: Services): Express {
  const app = express();
  app.disable('x-powered-by');
  if (services.config.trustProxy) app.set('trust proxy', services.config.trustProxy);
  app.use(requestLogging(services), httpMetrics(services));
  app.use(healthRoutes(services));
  app.use(cookieParser(services.signIn.cookieSecret));

  const openApiDocument = buildOpenApiDocument(operations, {
    serverUrl: services.config.publicUrl,
    version: packageVersion,
  });
  app.get('/api/openapi.json', apiSecurityHeaders, (_req, res) => {
    res.locals.route = '/api/openapi.json';
    res.json(openApiDocument);
  });
  app.use('/api/docs', pageSecurityHeaders);
  // Relative asset URLs in the page need the trailing slash; non-strict routing matches both forms here.
  app.get('/api/docs', (req, res) => {
    if (req.originalUrl.split('?')[0]!.endsWith('/')) res.sendFile('index.html', { root: docsDir });
    else res.redirect(301, '/api/docs/');
  });
  app.get('/api/docs/init.js', (_req, res) => res.sendFile('init.js', { root: docsDir }));
  app.use('/api/docs/assets', express.static(swaggerUi.getAbsoluteFSPath(), { index: false, maxAge: '1d' }));

  app.use('/api', apiSecurityHeaders);
  // A widget's page-view beacon is a no-cors request from another site: its answer (a 204, or a 429)
  // must be readable cross-origin, or the browser blocks it and logs an error on the creator's page.
  app.post('/api/public/apps/:appId/opens', (_req, res, next) => {
    res.set('Cross-Origin-Resource-Policy', 'cross-origin');
    next();
  });
  // A webhook signature covers the exact bytes sent, so this body must reach the handler unparsed.
  app.post(
    [PAYMENT_WEBHOOK_PATH, MODERATION_WEBHOOK_PATH],
    apiSecurityHeaders,
    express.raw({ type: () => true, limit: services.config.bodyLimitBytes }),
  );
  app.use(operationsRouter(services, operations));
  app.use('/api', notFoundHandler());
  app.use(creatorSignInRoutes(services));
  app.use(studioRoutes(services));

  app.use(hashedAssets(), loaderRoutes(services.assets));
  // Storybook's own build relies on inline scripts, so it gets no CSP; it is documentation, not a widget.
  app.use('/storybook', express.static(storybookDir, { index: 'index.html' }));
  app.get('/', (_req, res) => res.redirect(302, '/examples/'));
  app.use(
    '/examples',
    examplesSecurityHeaders(services.config.widgetOrigin),
    express.static(examplesDir, { extensions: ['html'] }),
  );
  app.use(apiSecurityHeaders, notFoundHandler());
  app.use(errorHandler());
  return app;
}

/** The app on WIDGET_ORIGIN: widget frames and their assets, on an origin no host page shares. */
export function createWidgetApp(services: Services): Express {
  const app = express();
  app.disable('x-powered-by');
  if (services.config.trustProxy) app.set('trust proxy', services.config.trustProxy);
  app.use(requestLogging(services), httpMetrics(services));
  app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
  app.use(overlayRoutes(services));
  app.use(cookieParser(services.signIn.cookieSecret));
  app.use(fanSignInRoutes(services));
  app.use(requestStatusPageRoutes(services));
  app.use(hashedAssets(), widgetFrameRoutes(services, services.assets));
  app.use(apiSecurityHeaders, notFoundHandler());
  app.use(errorHandler());
  return app;
}

import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import type { z } from 'zod';
import type { Actor } from '../domain/actor.ts';
import { originAllowed } from '../domain/apps/app-types.ts';
import { authenticateApiKey } from '../domain/api-keys/authenticate-api-key.ts';
import type { ApiScope } from '../domain/api-keys/scopes.ts';
import { AppError } from '../domain/errors.ts';
import type { ApiKeyRecord, TenantStore } from '../domain/ports.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { Services } from './services.ts';

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface TenantContext {
  key: ApiKeyRecord;
  store: TenantStore;
  actor: Actor;
}

export interface HandlerContext<P, Q, B, A extends 'apiKey' | 'public'> {
  params: P;
  query: Q;
  body: B;
  tenant: A extends 'apiKey' ? TenantContext : undefined;
  services: Services;
  requestId: string;
  req: Request;
  res: Response;
}

export interface HandlerResult {
  status?: number;
  body?: unknown;
  /** Send `body` as is with this content type instead of JSON. */
  contentType?: string;
  headers?: Record<string, string>;
}

export interface OperationResponse {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

/**
 * One operation of the REST API. The same object registers the Express route, validates input with its
 * zod schemas and describes itself in the OpenAPI document, so the three cannot drift apart.
 */
export interface Operation<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  A extends 'apiKey' | 'public' = 'apiKey' | 'public',
> {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI template, e.g. `/api/apps/{appId}`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: A;
  /** The capability a key needs; required when `auth` is `apiKey`. */
  scope?: A extends 'apiKey' ? ApiScope : never;
  params?: P;
  query?: Q;
  body?: B;
  bodyExample?: z.input<B>;
  /**
   * For public operations about one app: the path parameter holding its id. Browsers may then call it
   * from the app's allowed sites and from the widget origin (CORS).
   */
  appParam?: string;
  responses: Record<number, OperationResponse>;
  handler(ctx: HandlerContext<z.output<P>, z.output<Q>, z.output<B>, A>): Promise<HandlerResult>;
}

export function defineOperation<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  A extends 'apiKey' | 'public',
>(operation: Operation<P, Q, B, A>): Operation {
  if (operation.auth === 'apiKey' && !operation.scope) {
    throw new Error(`Operation ${operation.operationId} needs a scope`);
  }
  return operation as unknown as Operation;
}

function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

async function authenticate(services: Services, operation: Operation, req: Request): Promise<TenantContext> {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    throw new AppError(
      'unauthorized',
      'Authentication required',
      'Send an API key as `Authorization: Bearer <key>`. Keys are created in the console or with `patchbay tenant create`.',
    );
  }
  const key = await authenticateApiKey({ platform: services.platform, token: match[1]! });
  if (!key.scopes.includes(operation.scope!)) {
    throw new AppError(
      'forbidden',
      'Missing scope',
      `This API key lacks the scope "${operation.scope}", which ${operation.operationId} needs. Create a key that includes it.`,
      { extra: { missingScopes: [operation.scope] } },
    );
  }
  return {
    key,
    store: services.platform.forTenant(key.tenantId),
    actor: { type: 'api_key', id: key.id, requestId: String(req.id) },
  };
}

function jsonBody(services: Services): RequestHandler {
  const parse = express.json({
    limit: services.config.bodyLimitBytes,
    strict: true,
    type: ['application/json', 'application/*+json'],
  });
  return (req, res, next) => {
    if (!req.is(['application/json', 'application/*+json'])) {
      next(
        new AppError(
          'unsupported_media_type',
          'Unsupported content type',
          `Send the body as JSON with \`Content-Type: application/json\` (got ${req.get('content-type') ? `"${req.get('content-type')}"` : 'no content type'}).`,
        ),
      );
      return;
    }
    parse(req, res, next);
  };
}

async function checkAppOrigin(
  services: Services,
  operation: Operation,
  req: Request,
  res: Response,
): Promise<void> {
  const origin = req.get('origin');
  res.vary('Origin');
  if (!origin) return;
  const { config, platform } = services;
  // Our own origins (the widget frames and pay window, the example pages) may call every public operation.
  if (origin === config.widgetOrigin || origin === config.publicUrl) {
    res.set('Access-Control-Allow-Origin', origin);
    return;
  }
  if (!operation.appParam) return;
  const appId = String(req.params[operation.appParam] ?? '');
  const app = /^[0-9a-f-]{36}$/i.test(appId) ? await platform.findPublicApp(appId) : undefined;
  if (app && originAllowed(app.allowedOrigins, origin)) res.set('Access-Control-Allow-Origin', origin);
}

/** Registers every operation on a router: auth → CORS → parse and validate → handler → JSON. */
export function operationsRouter(services: Services, operations: readonly Operation[]): Router {
  const router = express.Router();
  const publicPaths = new Map<string, Operation[]>();
  for (const operation of operations) {
    if (operation.auth === 'public') {
      publicPaths.set(operation.path, [...(publicPaths.get(operation.path) ?? []), operation]);
    }
    const chain: RequestHandler[] = [];
    if (operation.body) chain.push(jsonBody(services));
    chain.push(async (req: Request, res: Response, next: NextFunction) => {
      res.locals.route = operation.path;
      res.locals.operationId = operation.operationId;
      try {
        if (operation.auth === 'public') await checkAppOrigin(services, operation, req, res);
        const tenant = operation.auth === 'apiKey' ? await authenticate(services, operation, req) : undefined;
        const params = operation.params ? parseOrThrow(operation.params, req.params, 'path') : {};
        const query = operation.query ? parseOrThrow(operation.query, req.query, 'query') : {};
        const body = operation.body ? parseOrThrow(operation.body, req.body, 'body') : undefined;
        const result = await operation.handler({
          params,
          query,
          body,
          tenant,
          services,
          requestId: String(req.id),
          req,
          res,
        } as HandlerContext<unknown, unknown, unknown, 'apiKey' | 'public'>);
        if (result.headers) res.set(result.headers);
        res.status(result.status ?? 200);
        if (result.body === undefined) res.end();
        else if (result.contentType) res.type(result.contentType).send(result.body);
        else res.json(result.body);
      } catch (error) {
        next(error);
      }
    });
    router[operation.method](expressPath(operation.path), ...chain);
  }
  // Browsers ask before a cross-origin JSON POST; the answer reveals nothing, the real call is checked.
  for (const [path, ops] of publicPaths) {
    router.options(expressPath(path), (req, res) => {
      const origin = req.get('origin');
      res.vary('Origin');
      if (origin) {
        res.set({
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Methods': ops.map((op) => op.method.toUpperCase()).join(', '),
          'Access-Control-Allow-Headers': 'Content-Type, Authorization',
          'Access-Control-Max-Age': '600',
        });
      }
      res.status(204).end();
    });
  }
  return router;
}

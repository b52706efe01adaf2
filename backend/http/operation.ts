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
import { ROLE_SCOPES, type SessionRecord } from '../domain/auth/auth-types.ts';
import { resolveSession } from '../domain/auth/resolve-session.ts';
import { AppError } from '../domain/errors.ts';
import { looksLikeFanToken, type FanIdentity } from '../domain/identity/fan-identity.ts';
import { groupIpAddress } from '../domain/moderation/group-ip-address.ts';
import type { RateLimitRule } from '../domain/moderation/moderation-types.ts';
import type { ApiKeyRecord, TenantStore } from '../domain/ports.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { Services } from './services.ts';

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

export type OperationAuth = 'apiKey' | 'public' | 'session';

export interface TenantContext {
  /** The API key used; undefined when a signed-in member calls with their session cookie. */
  key: ApiKeyRecord | undefined;
  /** What the caller may do: the key's scopes, or those of the member's role. */
  scopes: readonly ApiScope[];
  store: TenantStore;
  actor: Actor;
}

/** A creator signed in with a session cookie. */
export interface SessionContext {
  userId: string;
  session: SessionRecord;
}

export interface HandlerContext<P, Q, B, A extends OperationAuth> {
  params: P;
  query: Q;
  body: B;
  tenant: A extends 'apiKey' ? TenantContext : undefined;
  /** The signed-in creator, on `session` operations (and on `apiKey` ones called with a session). */
  user: A extends 'session' ? SessionContext : SessionContext | undefined;
  /**
   * The signed-in fan, on public operations about one app (`appParam`) called with a fan token as
   * `Authorization: Bearer <token>` whose audience is that app; undefined without a token.
   */
  fan: FanIdentity | undefined;
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
  /** The handler wrote the response itself and keeps it open (a Server-Sent Events stream). */
  streamed?: true;
}

/**
 * A limit an operation declares: at most `points` calls per `durationSeconds`, counted per caller
 * address (`ip`: IPv4 by /32, IPv6 by /56), per app (`app`: the `appParam` path parameter), per
 * signed-in fan (`fan`: their user id, once their token is checked, whatever address or token they
 * use; anonymous calls skip it), or per a key a function derives from the request (an email); a
 * function returning undefined skips the limit for that call. Counted in PostgreSQL, so the limit
 * holds across processes.
 */
export interface OperationRateLimit extends RateLimitRule {
  by: 'ip' | 'app' | 'fan' | ((req: Request, services: Services) => string | undefined);
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
  A extends OperationAuth = OperationAuth,
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
  /** Checked in order before the input is read; the first one used up answers 429 with Retry-After. */
  rateLimit?: readonly OperationRateLimit[];
  /**
   * Whether a signed-in fan's token (`Authorization: Bearer <fan token>`) is taken: `required` answers
   * 401 without one (it needs `appParam`, the token's audience); `optional` for public operations that
   * check a token themselves. Public operations with `appParam` take one optionally anyway.
   */
  fanToken?: 'optional' | 'required';
  /**
   * For public operations about one thing of an app that the path names by its own id (a payment, a
   * request, a booking): which app that is, or undefined when there is no such thing. Browsers may then
   * call it from that app's allowed sites (an inline widget reading what it started).
   */
  appOf?: (services: Services, params: Record<string, string>) => Promise<string | undefined>;
  responses: Record<number, OperationResponse>;
  handler(ctx: HandlerContext<z.output<P>, z.output<Q>, z.output<B>, A>): Promise<HandlerResult>;
}

export function defineOperation<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  A extends OperationAuth,
>(operation: Operation<P, Q, B, A>): Operation {
  if (operation.auth === 'apiKey' && !operation.scope) {
    throw new Error(`Operation ${operation.operationId} needs a scope`);
  }
  if (operation.fanToken === 'required' && (operation.auth !== 'public' || !operation.appParam)) {
    throw new Error(
      `Operation ${operation.operationId} requires a fan token, so it must be public with an appParam`,
    );
  }
  return operation as unknown as Operation;
}

function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session a creator's cookie names; refuses a missing or dead one, and a state change without CSRF token. */
async function authenticateSession(services: Services, req: Request): Promise<SessionContext> {
  const token = (req.cookies as Record<string, string> | undefined)?.[services.signIn.cookieNames.session];
  const session = await resolveSession({ sessions: services.platform.sessions, token });
  if (!session) {
    throw new AppError(
      'unauthorized',
      'Sign-in required',
      'Sign in first (your session may have ended or been signed out elsewhere), or send an API key as `Authorization: Bearer <key>`.',
    );
  }
  if (!SAFE_METHODS.has(req.method) && !services.signIn.csrfValid(req)) {
    throw new AppError(
      'forbidden',
      'CSRF token missing or wrong',
      'Calls made with a session cookie that change something must send the `X-CSRF-Token` header with the token from `GET /api/session`.',
    );
  }
  return { userId: session.userId, session };
}

/** A member's session used on a key operation: the tenant they name (or their only one), their role's scopes. */
async function authenticateMember(
  services: Services,
  operation: Pick<Operation, 'scope' | 'operationId'>,
  req: Request,
): Promise<{ tenant: TenantContext; user: SessionContext }> {
  const user = await authenticateSession(services, req);
  const memberships = await services.platform.accounts.listMemberships(user.userId);
  const wanted = req.get('x-patchbay-tenant');
  const membership = wanted ? memberships.find((m) => m.tenantId === wanted) : memberships[0];
  if (!membership || (!wanted && memberships.length > 1)) {
    throw new AppError(
      'forbidden',
      'Which creator account?',
      wanted
        ? 'You are not a member of the creator account named in `X-Patchbay-Tenant`.'
        : 'You belong to several creator accounts: name one in the `X-Patchbay-Tenant` header (see `GET /api/session`).',
    );
  }
  const scopes = ROLE_SCOPES[membership.role];
  if (!scopes.includes(operation.scope!)) {
    throw new AppError(
      'forbidden',
      'Missing scope',
      `Your role (${membership.role}) lacks the scope "${operation.scope}", which ${operation.operationId} needs. Ask an owner of this creator account.`,
      { extra: { missingScopes: [operation.scope] } },
    );
  }
  return {
    user,
    tenant: {
      key: undefined,
      scopes,
      store: services.platform.forTenant(membership.tenantId),
      actor: { type: 'user', id: user.userId, requestId: String(req.id) },
    },
  };
}

export async function authenticate(
  services: Services,
  operation: Pick<Operation, 'scope' | 'operationId'>,
  req: Request,
): Promise<{ tenant: TenantContext; user?: SessionContext }> {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match && (req.cookies as Record<string, string> | undefined)?.[services.signIn.cookieNames.session]) {
    return authenticateMember(services, operation, req);
  }
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
    tenant: {
      key,
      scopes: key.scopes,
      store: services.platform.forTenant(key.tenantId),
      actor: { type: 'api_key', id: key.id, requestId: String(req.id) },
    },
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

/** Whether an id from a path can be looked up at all (an id that is no UUID names nothing). */
export function isUuid(value: string): boolean {
  return /^[0-9a-f-]{36}$/i.test(value);
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
  const appId = operation.appParam
    ? String(req.params[operation.appParam] ?? '')
    : await operation.appOf?.(services, req.params as Record<string, string>).catch(() => undefined);
  const app = appId && isUuid(appId) ? await platform.findPublicApp(appId) : undefined;
  if (app && originAllowed(app.allowedOrigins, origin)) res.set('Access-Control-Allow-Origin', origin);
}

/** A fan token sent to a public per-app operation, checked against that app; a bad one is refused. */
async function authenticateFan(
  services: Services,
  operation: Operation,
  req: Request,
): Promise<FanIdentity | undefined> {
  if (!operation.appParam) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  if (!match || !looksLikeFanToken(match[1]!)) return undefined;
  return services.fanTokens.verify(match[1]!, String(req.params[operation.appParam] ?? ''));
}

/** Counts a call against the operation's limits that need no identity (address, app, credential). */
async function applyRateLimits(services: Services, operation: Operation, req: Request): Promise<void> {
  for (const limit of operation.rateLimit ?? []) {
    if (limit.by === 'fan') continue;
    const key =
      limit.by === 'ip'
        ? `ip:${groupIpAddress(req.ip) ?? 'unknown'}`
        : limit.by === 'app'
          ? `app:${String(req.params[operation.appParam ?? ''] ?? '')}`
          : limit.by(req, services);
    if (key === undefined) continue;
    await services.rateLimits.limiter(limit).consume(key);
  }
}

/**
 * Counts a signed-in fan's call against the per-fan limits, once their token is checked: by the
 * framework for operations with the app in the path, by the handler where the app is in the body.
 */
export async function applyFanRateLimits(
  services: Services,
  limits: readonly OperationRateLimit[],
  fan: FanIdentity,
): Promise<void> {
  for (const limit of limits) {
    if (limit.by === 'fan') await services.rateLimits.limiter(limit).consume(`user:${fan.userId}`);
  }
}

/** Registers every operation on a router: CORS → rate limits → auth → parse and validate → handler → JSON. */
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
        await applyRateLimits(services, operation, req);
        const signedIn =
          operation.auth === 'apiKey' ? await authenticate(services, operation, req) : undefined;
        const tenant = signedIn?.tenant;
        const user = operation.auth === 'session' ? await authenticateSession(services, req) : signedIn?.user;
        const fan = operation.auth === 'public' ? await authenticateFan(services, operation, req) : undefined;
        if (fan) await applyFanRateLimits(services, operation.rateLimit ?? [], fan);
        if (operation.fanToken === 'required' && !fan) {
          throw new AppError(
            'unauthorized',
            'Sign-in required',
            'Sign in from the widget first; it sends your fan token as `Authorization: Bearer <token>`.',
          );
        }
        const params = operation.params ? parseOrThrow(operation.params, req.params, 'path') : {};
        const query = operation.query ? parseOrThrow(operation.query, req.query, 'query') : {};
        const body = operation.body ? parseOrThrow(operation.body, req.body, 'body') : undefined;
        const result = await operation.handler({
          params,
          query,
          body,
          tenant,
          user,
          fan,
          services,
          requestId: String(req.id),
          req,
          res,
        } as HandlerContext<unknown, unknown, unknown, OperationAuth>);
        if (result.streamed) return;
        if (result.headers) res.set(result.headers);
        res.status(result.status ?? 200);
        if (result.body === undefined) res.end();
        else if (result.contentType) res.type(result.contentType).send(result.body);
        else res.json(result.body);
      } catch (error) {
        const retryAfter = error instanceof AppError ? error.extra?.retryAfterSeconds : undefined;
        if (typeof retryAfter === 'number') res.set('Retry-After', String(retryAfter));
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

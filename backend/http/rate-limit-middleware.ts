import type { Request, RequestHandler } from 'express';
import { AppError } from '../domain/errors.ts';
import { groupIpAddress } from '../domain/moderation/group-ip-address.ts';
import type { OperationRateLimit } from './operation.ts';
import type { Services } from './services.ts';

/**
 * The shared limiter (`services.rateLimits`) on a plain Express route (sign-in pages and callbacks,
 * which are not operations): the same keys as operations, `app` read by `appOf`, and the same 429
 * problem with `Retry-After` once a limit is used up.
 */
export function rateLimited(
  services: Services,
  limits: readonly OperationRateLimit[],
  appOf: (req: Request) => string | undefined = () => undefined,
): RequestHandler {
  return (req, res, next) => {
    (async () => {
      for (const limit of limits) {
        const appId = limit.by === 'app' ? appOf(req) : undefined;
        const key =
          limit.by === 'ip'
            ? `ip:${groupIpAddress(req.ip) ?? 'unknown'}`
            : limit.by === 'app'
              ? appId
                ? `app:${appId}`
                : undefined
              : limit.by === 'fan'
                ? undefined // a plain route checks no fan token
                : limit.by(req, services);
        if (key === undefined) continue;
        await services.rateLimits.limiter(limit).consume(key);
      }
    })().then(
      () => next(),
      (error: unknown) => {
        const retryAfter = error instanceof AppError ? error.extra?.retryAfterSeconds : undefined;
        if (typeof retryAfter === 'number') res.set('Retry-After', String(retryAfter));
        next(error);
      },
    );
  };
}

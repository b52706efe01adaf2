import { timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import { sendProblem } from '../problem.ts';
import { apiSecurityHeaders } from '../security-headers.ts';
import type { Services } from '../services.ts';

const READY_TIMEOUT_MS = 2_000;

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Liveness, readiness and Prometheus metrics: the operator's view of one process. */
export function healthRoutes(services: Services): Router {
  const router = express.Router();
  router.use(['/healthz', '/readyz', '/metrics'], apiSecurityHeaders);

  router.get('/healthz', (_req, res) => {
    res.locals.route = '/healthz';
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    res.locals.route = '/readyz';
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        services.database.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), READY_TIMEOUT_MS);
        }),
      ]);
      res.json({ status: 'ready', database: services.database.kind });
    } catch (error) {
      res.set('Retry-After', '5');
      sendProblem(res, {
        code: 'unavailable',
        title: 'Database not answering',
        detail: `The ${services.database.kind === 'pglite' ? 'embedded' : 'PostgreSQL'} database did not answer: ${(error as Error).message}.`,
      });
    } finally {
      clearTimeout(timer);
    }
  });

  router.get('/metrics', async (req, res) => {
    res.locals.route = '/metrics';
    const expected = services.config.operatorToken;
    if (!expected) {
      sendProblem(res, {
        code: 'forbidden',
        title: 'Metrics are off',
        detail:
          'Set OPERATOR_TOKEN on the server and send it as `Authorization: Bearer <token>` to read metrics.',
      });
      return;
    }
    const given = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (!given || !tokenMatches(given, expected)) {
      res.set('WWW-Authenticate', 'Bearer realm="metrics"');
      sendProblem(res, {
        code: 'unauthorized',
        title: 'Operator token required',
        detail: 'Send the OPERATOR_TOKEN configured on the server as `Authorization: Bearer <token>`.',
      });
      return;
    }
    res.type(services.metrics.registry.contentType).send(await services.metrics.registry.metrics());
  });
  return router;
}

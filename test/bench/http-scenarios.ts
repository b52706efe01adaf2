import autocannon from 'autocannon';
import type { BenchServer } from './server-process.ts';

export interface HttpScenario {
  name: string;
  request(server: BenchServer): {
    /** Defaults to the API origin (`server.url`); widget frames and their modules live on `server.widgetUrl`. */
    origin?: string;
    path: string;
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    /** A function makes a new body for every request (intake refuses the same text twice in a row). */
    body?: string | (() => string);
  };
}

export interface HttpResult {
  scenario: string;
  database: string;
  requestsPerSecond: number;
  /** Requests answered in the run. */
  answered: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

/** Later steps add their hot paths here; each runs against every database the bench covers. */
export const HTTP_SCENARIOS: HttpScenario[] = [
  { name: 'GET /healthz', request: () => ({ path: '/healthz' }) },
  {
    name: 'GET /api/apps/{id} (API key)',
    request: (server) => ({
      path: `/api/apps/${server.apps.tipJar}`,
      headers: { authorization: `Bearer ${server.apiKey}` },
    }),
  },
];

/** What autocannon needs to send `scenario` (a new body per request when the body is a function). */
export function autocannonTarget(server: BenchServer, scenario: HttpScenario): autocannon.Options {
  const request = scenario.request(server);
  const { body } = request;
  return {
    url: `${request.origin ?? server.url}${request.path}`,
    method: request.method ?? 'GET',
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...request.headers },
    ...(typeof body === 'string' ? { body } : {}),
    ...(typeof body === 'function'
      ? { requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }) }] }
      : {}),
  };
}

export async function runHttpScenario(
  server: BenchServer,
  scenario: HttpScenario,
  options: { database: string; connections: number } & (
    | { durationSeconds: number }
    /** A fixed number of requests instead of a time: every one of them is answered, however slow. */
    | { amount: number }
  ),
): Promise<HttpResult> {
  const result = await autocannon({
    ...autocannonTarget(server, scenario),
    connections: options.connections,
    ...('amount' in options ? { amount: options.amount } : { duration: options.durationSeconds }),
  });
  return {
    scenario: scenario.name,
    database: options.database,
    requestsPerSecond: Math.round(result.requests.average),
    answered: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

import autocannon from 'autocannon';
import type { BenchServer } from './server-process.ts';

export interface HttpScenario {
  name: string;
  request(server: BenchServer): {
    path: string;
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
  };
}

export interface HttpResult {
  scenario: string;
  database: string;
  requestsPerSecond: number;
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

export async function runHttpScenario(
  server: BenchServer,
  scenario: HttpScenario,
  options: { database: string; durationSeconds: number; connections: number },
): Promise<HttpResult> {
  const request = scenario.request(server);
  const result = await autocannon({
    url: `${server.url}${request.path}`,
    method: request.method ?? 'GET',
    headers: { ...(request.body ? { 'content-type': 'application/json' } : {}), ...request.headers },
    ...(request.body ? { body: request.body } : {}),
    connections: options.connections,
    duration: options.durationSeconds,
  });
  return {
    scenario: scenario.name,
    database: options.database,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

import { runHttpScenario, type HttpResult } from './http-scenarios.ts';
import type { BenchServer } from './server-process.ts';

/**
 * `POST /api/requests` with a valid, free request, beside the bare `GET /healthz` baseline measured in
 * the same run. The form is made for the bench: free, and with caps high enough that every submit is
 * accepted (all load comes from one address, so one anonymous fan; the bench server scales the rate
 * limits up for that). Each submit has its own title, as real fans' do, so none is held as a repeat.
 */
export async function benchRequests(
  server: BenchServer,
  options: { database: string; durationSeconds: number; connections: number },
): Promise<HttpResult[]> {
  const response = await fetch(`${server.url}/api/apps`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'request-form',
      name: 'Bench requests',
      allowedOrigins: ['http://127.0.0.1:*'],
      config: {
        fields: [
          { id: 'title', type: 'short-text', label: 'Song title', required: true, maxLength: 120 },
          { id: 'message', type: 'long-text', label: 'Message', maxLength: 300 },
        ],
        queue: { maxSize: 1_000_000, perFanLimit: 1_000_000 },
      },
    }),
  });
  if (response.status !== 201) throw new Error(`bench app: ${response.status} ${await response.text()}`);
  const app = (await response.json()) as { id: string };
  let sent = 0;
  const body = () =>
    JSON.stringify({
      appId: app.id,
      answers: { title: `Clair de Lune, take ${(sent += 1)}`, message: 'For my mum' },
    });
  return [
    await runHttpScenario(
      server,
      { name: 'POST /api/requests (free)', request: () => ({ path: '/api/requests', method: 'POST', body }) },
      options,
    ),
  ];
}

import { randomUUID } from 'node:crypto';
import type { HttpScenario } from '../bench/http-scenarios.ts';
import type { BenchServer } from '../bench/server-process.ts';

/** The host page every frame scenario claims to be embedded in (the demo apps allow any loopback port). */
const HOST = 'http://127.0.0.1:5173';

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The hot paths a creator's audience puts load on, in the order a fan meets them: the loader, the
 * widget frame and its module, the public config reads, and the writes a fan makes (a tip started, a
 * request submitted), plus a booking calendar's slot listing. Every scenario is a request that should
 * succeed: a load run with non-2xx answers measured something other than the work.
 */
export async function prepareLoadScenarios(server: BenchServer): Promise<HttpScenario[]> {
  const framePath = `/frame/${server.apps.tipJar}?host=${encodeURIComponent(HOST)}`;
  const frame = await fetch(`${server.widgetUrl}${framePath}`);
  const frameModule = /<script type="module" src="([^"]+)"/.exec(await frame.text())?.[1];
  if (frame.status !== 200 || !frameModule)
    throw new Error(`the tip jar frame did not render (${frame.status})`);

  // A free form with room for every submit of a run: the demo song request is paid and capped.
  const created = await fetch(`${server.url}/api/apps`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'request-form',
      name: 'Load test requests',
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
  if (created.status !== 201) throw new Error(`load request form: ${created.status} ${await created.text()}`);
  const requestForm = ((await created.json()) as { id: string }).id;

  const today = new Date();
  const slotsQuery = new URLSearchParams({
    eventTypeId: 'intro',
    timeZone: 'Europe/London',
    startDate: isoDate(today),
    endDate: isoDate(new Date(today.getTime() + 13 * 86_400_000)),
  });
  let submits = 0;
  return [
    { name: 'GET /embed.js', request: () => ({ path: '/embed.js' }) },
    { name: 'GET /frame/{appId} (tip jar)', request: () => ({ origin: server.widgetUrl, path: framePath }) },
    { name: 'GET frame module (tip jar)', request: () => ({ origin: server.widgetUrl, path: frameModule }) },
    {
      name: 'GET getPublicApp',
      request: () => ({ path: `/api/public/apps/${server.apps.requestForm}` }),
    },
    { name: 'GET getTipJar', request: () => ({ path: `/api/public/apps/${server.apps.tipJar}/tip-jar` }) },
    {
      name: 'GET listSlots (14 days)',
      request: () => ({ path: `/api/public/apps/${server.apps.booking}/slots?${slotsQuery}` }),
    },
    {
      name: 'POST createTip',
      request: () => ({
        path: `/api/public/apps/${server.apps.tipJar}/tips`,
        method: 'POST',
        body: () => JSON.stringify({ amount: 500, idempotencyKey: `load-${randomUUID()}` }),
      }),
    },
    {
      name: 'POST createRequest (free)',
      request: () => ({
        path: '/api/requests',
        method: 'POST',
        // Each fan's text is their own: the same text twice in a row would be held as a repeat.
        body: () =>
          JSON.stringify({
            appId: requestForm,
            answers: { title: `Clair de Lune, take ${(submits += 1)}`, message: 'For my mum' },
          }),
      }),
    },
  ];
}

import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { ensureBuilt } from '../../scripts/build.ts';
import { benchEmbed, type EmbedBench } from './embed.bench.ts';
import { reportMatcher } from './matcher.bench.ts';
import { HTTP_SCENARIOS, runHttpScenario, type HttpResult } from './http-scenarios.ts';
import { benchRouting } from './routing.bench.ts';
import { benchRequests } from './requests.bench.ts';
import { startBenchServer } from './server-process.ts';
import { measureWebSizes } from './web-size.ts';
import { prepareLoadScenarios } from '../load/scenarios.ts';
import { benchModeration } from './moderation.bench.ts';
import { benchOverlayFanout, type FanoutBench } from './overlay-fanout.bench.ts';
import { benchListSlots, benchSlots } from './slots.bench.ts';
import { runWebhookScenario, type WebhookResult } from './webhook-scenarios.ts';

/*
 * `npm run bench`: every figure the issues name a budget for, measured on this machine, printed as a
 * table and written to bench-results.json. With DATABASE_URL set, the HTTP figures are taken on the
 * PostgreSQL server as well as on the embedded database. BENCH_SECONDS shortens or lengthens each run.
 */
const durationSeconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const databases: Array<{ name: string; url?: string }> = [
  { name: 'pglite' },
  ...(process.env.DATABASE_URL ? [{ name: 'postgres', url: process.env.DATABASE_URL }] : []),
];

await ensureBuilt();
const http: HttpResult[] = [];
let embed: EmbedBench | undefined;
let overlayFanout: FanoutBench | undefined;
for (const database of databases) {
  const server = await startBenchServer(database.url);
  try {
    for (const scenario of [...HTTP_SCENARIOS, ...(await prepareLoadScenarios(server))]) {
      http.push(
        await runHttpScenario(server, scenario, { database: database.name, durationSeconds, connections }),
      );
    }
    http.push(...(await benchRequests(server, { database: database.name, durationSeconds, connections })));
    embed ??= await benchEmbed(server);
    overlayFanout ??= await benchOverlayFanout(server);
  } finally {
    await server.stop();
  }
}
const webSizes = await measureWebSizes();
const slots = await benchSlots();
const listSlots = await benchListSlots();
const matcher = await reportMatcher();

const webhooks: WebhookResult[] = [];
for (const database of databases) {
  for (const duplicateShare of [0, 0.5]) {
    webhooks.push(
      await runWebhookScenario({
        databaseUrl: database.url,
        database: database.name,
        duplicateShare,
        durationSeconds,
        connections,
      }),
    );
  }
}

console.table(
  http.map((row) => ({
    scenario: row.scenario,
    database: row.database,
    'req/s': row.requestsPerSecond,
    'p50 ms': row.p50Ms,
    'p99 ms': row.p99Ms,
    'non-2xx': row.non2xx,
    errors: row.errors,
  })),
);

console.table(
  webhooks.map((row) => ({
    scenario: row.scenario,
    database: row.database,
    'events/s': row.eventsPerSecond,
    'p50 ms': row.p50Ms,
    'p99 ms': row.p99Ms,
    'non-2xx': row.non2xx,
    errors: row.errors,
  })),
);

console.table(
  webSizes.map((size) => ({
    module: size.entry,
    'min bytes': size.minBytes,
    'min+gzip bytes': size.gzipBytes,
  })),
);
if (embed) {
  console.table({
    'embed.js (min+gzip)': { bytes: embed.embedScriptGzip, budget: 2048 },
    'host page, iframe mode': { bytes: embed.hostBytesGzip.iframe, budget: 2560 },
    'host page, button mode': { bytes: embed.hostBytesGzip.button, budget: '' },
    'host page, inline mode': { bytes: embed.hostBytesGzip.inline, budget: 15360 },
  });
  console.table(
    Object.fromEntries(
      Object.entries(embed.widgets).map(([widget, figures]) => [
        widget,
        {
          'iframe host bytes': figures.hostBytesGzip.iframe,
          'inline host bytes': figures.hostBytesGzip.inline,
          'button host bytes': figures.hostBytesGzip.button,
          'pb-ready median ms': figures.readyMs.median,
          'pb-ready p90 ms': figures.readyMs.p90,
        },
      ]),
    ),
  );
  console.log(
    `script start → pb-ready (iframe, tip jar, ${embed.readyMs.runs} runs): median ${embed.readyMs.median} ms, p90 ${embed.readyMs.p90} ms (budget 150 ms median)`,
  );
}

if (overlayFanout) {
  console.log(
    `overlay fan-out, ${overlayFanout.clients} SSE clients on one process, ${overlayFanout.events} events: p50 ${overlayFanout.p50Ms} ms, p99 ${overlayFanout.p99Ms} ms (budget p99 1000 ms), ${overlayFanout.missed} missed, ${overlayFanout.memoryPerConnectionKb} KB per connection`,
  );
}
const moderation = benchModeration();
console.log(
  `booking slots, 60 days, 500 bookings (${slots.runs} runs): median ${slots.medianMs} ms, p95 ${slots.p95Ms} ms, ${slots.slots} slots (budget 20 ms median)`,
);
console.log(
  `listSlots over the embedded database, ${listSlots.bookings} bookings (${listSlots.runs} runs): median ${listSlots.medianMs} ms, p95 ${listSlots.p95Ms} ms, ${listSlots.slots} slots (budget 20 ms median)`,
);

const results = {
  generatedAt: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  settings: { durationSeconds, connections },
  http,
  webSizes,
  embed,
  overlayFanout,
  webhooks,
  moderation,
  slots,
  listSlots,
  matcher,
};
writeFileSync(
  'bench-results.json',
  `${JSON.stringify({ ...results, routing: await benchRouting(databases) }, null, 2)}\n`,
);
console.log('Wrote bench-results.json');

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { autocannonTarget } from '../bench/http-scenarios.ts';
import { startBenchServer } from '../bench/server-process.ts';
import { prepareLoadScenarios } from './scenarios.ts';

/*
 * `npm run load:soak`: every load scenario at once, for LOAD_SOAK_SECONDS (10 minutes by default),
 * against one server process, sampling its resident memory and V8 heap every 5 s. A leak shows as
 * growth that keeps climbing after the warm-up; the figures go into bench-results.json (`soak`).
 * DATABASE_URL runs it on a PostgreSQL server instead of the embedded database.
 */
const seconds = Number(process.env.LOAD_SOAK_SECONDS ?? 600);
const connectionsPerScenario = Number(process.env.LOAD_SOAK_CONNECTIONS ?? 4);
const warmUpSeconds = Math.min(60, Math.round(seconds / 5));
const operatorToken = 'soak-operator-token-0123456789';

const server = await startBenchServer(process.env.DATABASE_URL, { OPERATOR_TOKEN: operatorToken });

function residentBytes(): number {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

async function heapUsedBytes(): Promise<number> {
  const metrics = await (
    await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${operatorToken}` } })
  ).text();
  return Number(/^patchbay_nodejs_heap_size_used_bytes (\d+(?:\.\d+)?)/m.exec(metrics)?.[1] ?? 0);
}

const samples: Array<{ atSeconds: number; rssBytes: number; heapUsedBytes: number }> = [];
try {
  const scenarios = await prepareLoadScenarios(server);
  const started = Date.now();
  const sampler = setInterval(() => {
    void heapUsedBytes().then((heap) =>
      samples.push({
        atSeconds: Math.round((Date.now() - started) / 1000),
        rssBytes: residentBytes(),
        heapUsedBytes: heap,
      }),
    );
  }, 5_000);
  const runs = await Promise.all(
    scenarios.map((scenario) =>
      autocannon({
        ...autocannonTarget(server, scenario),
        connections: connectionsPerScenario,
        duration: seconds,
      }).then((result) => ({
        scenario: scenario.name,
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
        p99Ms: result.latency.p99,
      })),
    ),
  );
  clearInterval(sampler);

  const afterWarmUp = samples.filter((sample) => sample.atSeconds >= warmUpSeconds);
  const first = afterWarmUp[0] ?? samples[0]!;
  const last = samples.at(-1)!;
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const soak = {
    generatedAt: new Date().toISOString(),
    database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
    seconds,
    warmUpSeconds,
    connections: connectionsPerScenario * scenarios.length,
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    rssMb: {
      afterWarmUp: mb(first.rssBytes),
      end: mb(last.rssBytes),
      max: mb(Math.max(...samples.map((s) => s.rssBytes))),
    },
    heapUsedMb: { afterWarmUp: mb(first.heapUsedBytes), end: mb(last.heapUsedBytes) },
    rssGrowthMb: mb(last.rssBytes - first.rssBytes),
    scenarios: runs,
    samples,
  };
  console.table(runs);
  console.log(
    `soak: ${seconds} s, ${soak.requests} requests (${soak.non2xx} non-2xx, ${soak.errors} errors); RSS ${soak.rssMb.afterWarmUp} MB after ${warmUpSeconds} s warm-up → ${soak.rssMb.end} MB at the end (max ${soak.rssMb.max} MB, growth ${soak.rssGrowthMb} MB); heap used ${soak.heapUsedMb.afterWarmUp} → ${soak.heapUsedMb.end} MB`,
  );
  const results = existsSync('bench-results.json')
    ? (JSON.parse(readFileSync('bench-results.json', 'utf8')) as Record<string, unknown>)
    : {};
  writeFileSync('bench-results.json', `${JSON.stringify({ ...results, soak }, null, 2)}\n`);
  console.log('Wrote the soak figures to bench-results.json');
} finally {
  await server.stop();
}

import { readFileSync } from 'node:fs';
import { request, type ClientRequest, Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { BenchServer } from './server-process.ts';

/*
 * Budget: one live event reaches every one of 2,000 overlays connected to one process within 1 s at
 * the 99th percentile. Each client holds an SSE stream opened with an overlay key, as OBS does; the
 * event is the console's "clear the overlay", sent through the API. Latency per client is from the
 * moment the call is sent until that client has read the event. Memory per connection is the growth
 * of the server process's resident memory with every stream open, divided by their number.
 */
export interface FanoutBench {
  clients: number;
  events: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Clients that missed an event (the budget is none). */
  missed: number;
  memoryPerConnectionKb: number;
}

/** Resident memory of a process, from the kernel's status file (Linux); 0 where there is none. */
function residentBytes(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb ?? 0) * 1024;
  } catch {
    return 0;
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function api(server: BenchServer, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 202 ? undefined : response.json();
}

export async function benchOverlayFanout(
  server: BenchServer,
  { clients = 2000, events = 5 } = {},
): Promise<FanoutBench> {
  const appId = server.apps.tipJar;
  const { key } = await api(server, 'POST', `/api/apps/${appId}/overlay-keys`, { name: 'bench' });
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  // For each client, the times (since the send of event n) at which it read each `overlay.clear`.
  const seen: number[][] = Array.from({ length: clients }, () => []);
  let sentAt = 0;
  const requests: ClientRequest[] = [];
  await new Promise(setImmediate);
  const before = residentBytes(server.pid);
  // Opened in batches, as overlays reconnecting after a restart would arrive.
  for (let start = 0; start < clients; start += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, clients - start) }, (_, offset) => {
        const index = start + offset;
        return new Promise<void>((resolve, reject) => {
          const req = request(
            `${server.url}/api/apps/${appId}/events?key=${encodeURIComponent(key)}`,
            { agent, headers: { accept: 'text/event-stream' } },
            (res) => {
              if (res.statusCode !== 200) {
                reject(new Error(`stream ${index}: ${res.statusCode}`));
                return;
              }
              res.setEncoding('utf8');
              let buffer = '';
              res.on('data', (chunk: string) => {
                buffer += chunk;
                let end: number;
                while ((end = buffer.indexOf('\n\n')) >= 0) {
                  const block = buffer.slice(0, end);
                  buffer = buffer.slice(end + 2);
                  if (/^event: overlay\.clear$/m.test(block)) seen[index]!.push(performance.now() - sentAt);
                }
              });
              resolve();
            },
          );
          req.on('error', reject);
          req.end();
          requests.push(req);
        });
      }),
    );
  }
  // Let every stream finish its replay and settle before the memory is read.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const memoryPerConnectionKb = Math.round((residentBytes(server.pid) - before) / clients / 102.4) / 10;
  const latencies: number[] = [];
  let missed = 0;
  for (let event = 0; event < events; event += 1) {
    const counts = seen.map((times) => times.length);
    sentAt = performance.now();
    await api(server, 'POST', `/api/apps/${appId}/overlay/clear`);
    const deadline = performance.now() + 10_000;
    while (seen.some((times, i) => times.length === counts[i]) && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (const [i, times] of seen.entries()) {
      if (times.length === counts[i]) missed += 1;
      else latencies.push(times[times.length - 1]!);
    }
  }
  for (const req of requests) req.destroy();
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    clients,
    events,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.at(-1) ?? 0),
    missed,
    memoryPerConnectionKb,
  };
}

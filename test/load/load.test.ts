import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpScenario } from '../bench/http-scenarios.ts';
import { runHttpScenario } from '../bench/http-scenarios.ts';
import { startBenchServer, type BenchServer } from '../bench/server-process.ts';
import { prepareLoadScenarios } from './scenarios.ts';

/*
 * The load scenarios in their quick size: a fixed number of requests each (not a time, so a slow
 * machine cannot end a run before its first answer), enough to show that every hot path answers 2xx
 * under concurrency with no socket errors. `npm run bench` runs them at full size and
 * records throughput and latency; nothing here times anything.
 */
let server: BenchServer;
let scenarios: HttpScenario[];

beforeAll(async () => {
  server = await startBenchServer(process.env.DATABASE_URL);
  scenarios = await prepareLoadScenarios(server);
}, 120_000);
afterAll(() => server?.stop());

describe('load scenarios, quick size', () => {
  it('answers every hot path with 2xx under concurrent load', async () => {
    for (const scenario of scenarios) {
      const result = await runHttpScenario(server, scenario, {
        database: 'quick',
        amount: 80,
        connections: 8,
      });
      expect(result.errors, scenario.name).toBe(0);
      expect(result.non2xx, scenario.name).toBe(0);
      expect(result.answered, scenario.name).toBe(80);
    }
  }, 120_000);
});

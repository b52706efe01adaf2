import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../backend/db/database.ts';
import { openDatabase } from '../../backend/db/open-database.ts';
import { DEMO_APPS } from '../../backend/domain/tenants/ensure-demo.ts';
import { expectLedgerConsistent, waitFor } from '../helpers/payments.ts';
import { freePort, startServerProcess, stopProcess } from '../helpers/server-child.ts';
import { openTestDatabase } from '../helpers/test-database.ts';
import type { TestServer } from '../helpers/test-server.ts';

/*
 * The crash suite: the real server in a child process, fans paying tips through the test provider,
 * and the process killed with SIGKILL at a random moment of that traffic, again and again. Fans whose
 * answer was lost retry with the same idempotency key, as the widget does. Afterwards every tip is in
 * exactly one final state, every reaction (the tip row, its live event for the overlay and routing,
 * the ledger entries) happened exactly once, and the ledger balances. FAULT_CYCLES sets the number of
 * kills (CI runs the quick size); FAULT_SEED makes a run repeatable.
 */
const CYCLES = Number(process.env.FAULT_CYCLES ?? 3);
const FANS = 6;
let seed = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
const random = () => {
  seed = (seed * 48_271) % 2_147_483_647;
  return seed / 2_147_483_647;
};

interface Attempt {
  idempotencyKey: string;
  amount: number;
  paymentId?: string;
  clientSecret?: string;
  /** What the fan saw: paid, declined, or no answer (the server died mid-request). */
  outcome: 'paid' | 'unknown';
}

let database: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
afterAll(() => database?.close());

async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.db.execute(query)) as unknown as { rows: T[] }).rows;
}

describe('kill -9 during paid traffic', () => {
  it(`loses and duplicates nothing across ${CYCLES} kills`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'patchbay-faults-'));
    if (process.env.DATABASE_URL) database = await openTestDatabase();
    const port = await freePort();
    const env = {
      PATCHBAY_DATA_DIR: dataDir,
      SESSION_SECRET: 'f'.repeat(40),
      // Every fan here is 127.0.0.1: per-address limits would stop the traffic, not the kills.
      RATE_LIMIT_SCALE: '1000',
      PORT: String(port),
      WIDGET_PORT: String(await freePort()),
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
    };
    const url = `http://127.0.0.1:${port}`;
    const app = DEMO_APPS.tipJar.id;
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    const attempts: Attempt[] = [];

    /** One fan's whole tip: start (or find again, same key) and pay with the test card. */
    async function pay(attempt: Attempt): Promise<void> {
      const started = await post(`/api/public/apps/${app}/tips`, {
        amount: attempt.amount,
        idempotencyKey: attempt.idempotencyKey,
        name: `fan ${attempt.idempotencyKey.slice(-4)}`,
      });
      expect(started.status, JSON.stringify(started.body)).toBeLessThan(300);
      attempt.paymentId = started.body.id;
      attempt.clientSecret = started.body.clientSecret;
      if (started.body.status === 'succeeded') {
        attempt.outcome = 'paid';
        return;
      }
      const paid = await post(`/api/public/payments/${attempt.paymentId}/test-confirm`, {
        clientSecret: attempt.clientSecret,
        cardNumber: '4242424242424242',
      });
      // A retry may find the payment already paid (the answer to the first try was lost): that is paid.
      const alreadyPaid = paid.status === 409 && paid.body.paymentStatus === 'succeeded';
      if (!alreadyPaid) {
        expect(paid.status, JSON.stringify(paid.body)).toBeLessThan(300);
        expect(paid.body.status).toBe('succeeded');
      }
      attempt.outcome = 'paid';
    }

    let kills = 0;
    const interrupted = new Set<string>();
    for (let cycle = 0; cycle < CYCLES; cycle += 1) {
      const child = await startServerProcess(env);
      // Fans whose answer was lost before try again first, as a real widget would on reload.
      const retries = attempts.filter((a) => a.outcome === 'unknown');
      const fresh = Array.from({ length: FANS }, () => {
        const attempt: Attempt = {
          idempotencyKey: `fault-${randomUUID()}`,
          amount: 100 + Math.floor(random() * 900),
          outcome: 'unknown',
        };
        attempts.push(attempt);
        return attempt;
      });
      const traffic = Promise.allSettled([...retries, ...fresh].map((attempt) => pay(attempt)));
      await new Promise((resolve) => setTimeout(resolve, 20 + random() * 400));
      await stopProcess(child, 'SIGKILL');
      kills += 1;
      const settled = await traffic;
      for (const attempt of attempts)
        if (attempt.outcome === 'unknown') interrupted.add(attempt.idempotencyKey);
      for (const result of settled) {
        // A refusal (4xx) would be a bug; a dropped connection is what a kill looks like.
        if (result.status === 'rejected' && String(result.reason).includes('expected')) throw result.reason;
      }
    }

    // The last start: the server finishes what the kills interrupted; every unanswered fan retries.
    const last = await startServerProcess(env);
    try {
      for (const attempt of attempts.filter((a) => a.outcome === 'unknown')) await pay(attempt);
      // Reactions run from the outbox: wait until every tip's `tip.received` event is in the app's
      // log (written in one transaction with the tip row), as the creator's own stream shows it.
      const apiKey = /pbk_\S+/.exec(last.output())![0];
      await waitFor(
        async () => {
          const stream = await fetch(`${url}/api/apps/${app}/events?lastEventId=0`, {
            headers: { authorization: `Bearer ${apiKey}` },
            signal: AbortSignal.timeout(1500),
          }).catch(() => undefined);
          let text = '';
          try {
            for await (const chunk of (stream?.body ?? []) as AsyncIterable<Uint8Array>)
              text += Buffer.from(chunk);
          } catch {
            // The stream stays open: the timeout ends the read.
          }
          return (text.match(/event: tip.received/g) ?? []).length >= attempts.length || undefined;
        },
        'every tip reaction',
        60_000,
      );
    } finally {
      await stopProcess(last, 'SIGTERM');
    }

    // Check the database itself.
    const db = database
      ? await openDatabase({ kind: 'postgres', url: database.url! })
      : await openDatabase({ kind: 'pglite', dataDir });
    try {
      const checkServer = { services: { database: db } } as unknown as TestServer;
      const keys = attempts.map((a) => a.idempotencyKey);
      const payments = await rows<{ idempotency_key: string; status: string; n: number }>(
        db,
        sql`select idempotency_key, status, count(*) over (partition by idempotency_key)::int as n from payments
            where app_id = ${app}`,
      );
      const byKey = new Map(payments.map((p) => [p.idempotency_key, p]));
      for (const key of keys) {
        const payment = byKey.get(key);
        expect(payment, `a payment for ${key}`).toBeDefined();
        expect(payment!.n, `payments for ${key}`).toBe(1);
        expect(payment!.status, `final state of ${key}`).toBe('succeeded');
      }
      // Each reaction exactly once per succeeded tip — waiting for the ones a kill interrupted.
      const reactions = async () =>
        rows<{ id: string; tips: number; events: number }>(
          db,
          sql`select p.id,
                (select count(*)::int from tips t where t.payment_id = p.id) as tips,
                (select count(*)::int from live_events e where e.source = p.id::text and e.type = 'tip.received') as events
              from payments p where p.app_id = ${app} and p.status = 'succeeded'`,
        );
      for (const reaction of await reactions()) {
        expect(reaction.tips, `tip rows of ${reaction.id}`).toBe(1);
        expect(reaction.events, `tip.received events of ${reaction.id}`).toBe(1);
      }
      await expectLedgerConsistent(checkServer);
      console.log(
        `faults: ${kills} kills, ${attempts.length} tips, ${interrupted.size} cut off by a kill and retried; 0 lost, 0 duplicated`,
      );
    } finally {
      await db.close();
    }
  }, 600_000);
});

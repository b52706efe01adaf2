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
 * The crash suite: the real server in a child process, fans paying tips, paid song requests (the card
 * authorized, charged on accept) and paid bookings through the test provider, and the process killed
 * with SIGKILL at a random moment of that traffic, again and again. Fans whose answer was lost retry
 * with the same idempotency key, as the widgets do. Afterwards every paid item is in exactly one final
 * state, every reaction (the tip row, the request's paid and queued steps, the booking's confirmation,
 * their live events for the overlay and routing, the ledger entries) happened exactly once, no two
 * bookings overlap, and the ledger balances. FAULT_CYCLES sets the number of kills (CI runs the quick
 * size; the time limit grows with it); FAULT_SEED makes a run repeatable.
 */
const CYCLES = Number(process.env.FAULT_CYCLES ?? 3);
/** Per cycle: fans tipping, fans sending a paid request, fans booking a paid call. */
const FANS: Record<Kind, number> = { tip: 4, request: 2, booking: 2 };
let seed = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
const random = () => {
  seed = (seed * 48_271) % 2_147_483_647;
  return seed / 2_147_483_647;
};

type Kind = 'tip' | 'request' | 'booking';

interface Attempt {
  kind: Kind;
  idempotencyKey: string;
  amount: number;
  /** The slot a booking takes: each booking its own, so every one of them can succeed. */
  start?: string;
  /** The request or booking the first answer named. */
  itemId?: string;
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
  it(
    `loses and duplicates nothing across ${CYCLES} kills`,
    async () => {
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

      let apiKey = '';
      const apps = { tip: DEMO_APPS.tipJar.id, request: '', booking: '' };
      const slots: string[] = [];

      /** The paid request form and the paid calendar the fans use, made through the API on the first start. */
      async function createApps(): Promise<void> {
        const create = async (body: unknown) => {
          const response = await fetch(`${url}/api/apps`, {
            method: 'POST',
            headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          expect(response.status, await response.clone().text()).toBe(201);
          return ((await response.json()) as { id: string }).id;
        };
        apps.request = await create({
          type: 'request-form',
          name: 'Paid songs',
          // One address sends every request here, and many are alike: caps and repeat checks stay out of it.
          config: {
            template: 'song',
            queue: { maxSize: 100_000, perFanLimit: 100_000 },
            moderation: { duplicates: { windowMinutes: 0 }, spam: { holdAt: 100 } },
          },
        });
        apps.booking = await create({
          type: 'booking',
          name: 'Paid calls',
          config: {
            timeZone: 'UTC',
            availability: {
              weeklyHours: (
                ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const
              ).map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
              minimumNoticeMinutes: 0,
              slotIntervalMinutes: 60,
            },
            eventTypes: [
              { id: 'call', name: 'Call', lengthMinutes: 60, price: { amount: 2500, currency: 'USD' } },
            ],
          },
        });
        const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
        const listed = await fetch(
          `${url}/api/public/apps/${apps.booking}/slots?eventTypeId=call&timeZone=UTC&startDate=${day(2)}&endDate=${day(2 + Math.ceil((CYCLES * FANS.booking) / 24) + 1)}`,
        );
        slots.push(
          ...((await listed.json()) as { slots: Array<{ start: string }> }).slots.map((slot) => slot.start),
        );
      }

      /** Starts (or finds again, same key) one fan's payment; `paid` when the first try already paid it. */
      async function start(attempt: Attempt): Promise<{ paid: boolean }> {
        const name = `fan ${attempt.idempotencyKey.slice(-4)}`;
        const started =
          attempt.kind === 'tip'
            ? await post(`/api/public/apps/${apps.tip}/tips`, {
                amount: attempt.amount,
                idempotencyKey: attempt.idempotencyKey,
                name,
              })
            : attempt.kind === 'request'
              ? await post('/api/requests', {
                  appId: apps.request,
                  idempotencyKey: attempt.idempotencyKey,
                  answers: {
                    title: `Song ${attempt.idempotencyKey.slice(-8)}`,
                    artist: name,
                    link: 'https://www.youtube.com/watch?v=CvFH_6DNRCY',
                  },
                })
              : await post(`/api/public/apps/${apps.booking}/bookings`, {
                  eventTypeId: 'call',
                  start: attempt.start,
                  timeZone: 'UTC',
                  name,
                  email: `${attempt.idempotencyKey}@example.com`,
                  idempotencyKey: attempt.idempotencyKey,
                });
        expect(started.status, JSON.stringify(started.body)).toBeLessThan(300);
        if (attempt.kind === 'tip') {
          attempt.paymentId = started.body.id;
          attempt.clientSecret = started.body.clientSecret;
          return { paid: started.body.status === 'succeeded' };
        }
        attempt.itemId = started.body.id;
        // A request whose card the first try authorized comes back queued, without a payment to confirm.
        const payment = started.body.payment as { id: string; clientSecret: string } | null | undefined;
        if (!payment)
          return {
            paid: ['paid', 'queued', 'confirmed'].includes(started.body.state ?? started.body.status),
          };
        attempt.paymentId = payment.id;
        attempt.clientSecret = payment.clientSecret;
        return { paid: false };
      }

      /** One fan's whole payment: start it and pay with the test card. */
      async function pay(attempt: Attempt): Promise<void> {
        if (!(await start(attempt)).paid) {
          const paid = await post(`/api/public/payments/${attempt.paymentId}/test-confirm`, {
            clientSecret: attempt.clientSecret,
            cardNumber: '4242424242424242',
          });
          // A request's card is authorized (charged on accept), a tip's and a booking's charged now.
          const done = ['succeeded', 'requires_capture'];
          // A retry may find the payment already paid (the answer to the first try was lost): that is paid.
          const alreadyPaid = paid.status === 409 && done.includes(paid.body.paymentStatus);
          if (!alreadyPaid) {
            expect(paid.status, JSON.stringify(paid.body)).toBeLessThan(300);
            expect(done).toContain(paid.body.status);
          }
        }
        attempt.outcome = 'paid';
      }

      let kills = 0;
      const interrupted = new Set<string>();
      for (let cycle = 0; cycle < CYCLES; cycle += 1) {
        const child = await startServerProcess(env);
        if (cycle === 0) {
          apiKey = /pbk_\S+/.exec(child.output())![0];
          await createApps();
        }
        // Fans whose answer was lost before try again first, as a real widget would on reload.
        const retries = attempts.filter((a) => a.outcome === 'unknown');
        const fresh = (Object.keys(FANS) as Kind[]).flatMap((kind) =>
          Array.from({ length: FANS[kind] }, () => {
            const attempt: Attempt = {
              kind,
              idempotencyKey: `fault-${randomUUID()}`,
              amount: kind === 'tip' ? 100 + Math.floor(random() * 900) : kind === 'request' ? 300 : 2500,
              ...(kind === 'booking' ? { start: slots.shift()! } : {}),
              outcome: 'unknown',
            };
            attempts.push(attempt);
            return attempt;
          }),
        );
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
        // Reactions run from the outbox and the jobs: wait until each item's event is in its app's log
        // (written in one transaction with the step it reports), as the creator's own stream shows it.
        // Each read resumes after the last whole event the previous one saw, so a long log (the shared
        // database of the PostgreSQL suites) is counted across reads, not cut off by one read's timeout.
        const seen = new Map<string, { after: string; counts: Map<string, number> }>();
        const count = async (appId: string, type: string) => {
          const state = seen.get(appId) ?? { after: '0', counts: new Map<string, number>() };
          seen.set(appId, state);
          const stream = await fetch(`${url}/api/apps/${appId}/events?lastEventId=${state.after}`, {
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
          for (const block of text.split('\n\n').slice(0, -1)) {
            const id = /^id: (\d+)$/m.exec(block)?.[1];
            const event = /^event: (\S+)$/m.exec(block)?.[1];
            if (!id || !event) continue;
            state.after = id;
            state.counts.set(event, (state.counts.get(event) ?? 0) + 1);
          }
          return state.counts.get(type) ?? 0;
        };
        const expected = (kind: Kind) => attempts.filter((a) => a.kind === kind).length;
        for (const [kind, type] of [
          ['tip', 'tip.received'],
          ['request', 'request.queued'],
          ['booking', 'booking.confirmed'],
        ] as const) {
          await waitFor(
            async () => (await count(apps[kind], type)) >= expected(kind) || undefined,
            `every ${type}`,
            60_000,
          );
        }
      } finally {
        await stopProcess(last, 'SIGTERM');
      }

      // Check the database itself.
      const db = database
        ? await openDatabase({ kind: 'postgres', url: database.url! })
        : await openDatabase({ kind: 'pglite', dataDir });
      try {
        const checkServer = { services: { database: db } } as unknown as TestServer;
        const keysOf = (kind: Kind) => attempts.filter((a) => a.kind === kind).map((a) => a.idempotencyKey);

        // Tips: one payment per fan's key, succeeded; one tip row and one tip.received event per payment.
        const tipPayments = await rows<{
          idempotency_key: string;
          status: string;
          n: number;
          tips: number;
          events: number;
        }>(
          db,
          sql`select p.idempotency_key, p.status, count(*) over (partition by p.idempotency_key)::int as n,
              (select count(*)::int from tips t where t.payment_id = p.id) as tips,
              (select count(*)::int from live_events e where e.source = p.id::text and e.type = 'tip.received') as events
            from payments p where p.app_id = ${apps.tip}`,
        );
        const tipByKey = new Map(tipPayments.map((p) => [p.idempotency_key, p]));
        for (const key of keysOf('tip')) {
          const payment = tipByKey.get(key);
          expect(payment, `a payment for ${key}`).toBeDefined();
          expect(payment, `the payment of tip ${key}`).toMatchObject({
            n: 1,
            status: 'succeeded',
            tips: 1,
            events: 1,
          });
        }

        // Requests: one per fan's key, queued with its card authorized (not charged: the creator has not
        // accepted), one payment, each step of the lifecycle once, one request.queued event.
        const requests = await rows<Record<string, unknown> & { idempotency_key: string }>(
          db,
          sql`select r.idempotency_key, r.state, count(*) over (partition by r.idempotency_key)::int as n,
              (select count(*)::int from payments p where p.metadata->>'requestId' = r.id::text) as payments,
              (select string_agg(p.status, ',') from payments p where p.metadata->>'requestId' = r.id::text) as "paymentStatus",
              (select count(*)::int from request_events e where e.request_id = r.id and e.type = 'paid') as "paidSteps",
              (select count(*)::int from request_events e where e.request_id = r.id and e.type = 'queued') as "queuedSteps",
              (select count(*)::int from live_events e where e.source = r.id::text and e.type = 'request.queued') as events
            from requests r where r.app_id = ${apps.request}`,
        );
        const requestByKey = new Map(requests.map((r) => [r.idempotency_key, r]));
        for (const key of keysOf('request')) {
          expect(requestByKey.get(key), `the request of ${key}`).toMatchObject({
            n: 1,
            state: 'queued',
            payments: 1,
            paymentStatus: 'requires_capture',
            paidSteps: 1,
            queuedSteps: 1,
            events: 1,
          });
        }

        // Bookings: one per fan's key, confirmed, paid once, one booking.confirmed event; none overlap.
        const bookings = await rows<Record<string, unknown> & { idempotency_key: string }>(
          db,
          sql`select b.idempotency_key, b.status, count(*) over (partition by b.idempotency_key)::int as n,
              (select count(*)::int from payments p where p.metadata->>'bookingId' = b.id::text) as payments,
              (select string_agg(p.status, ',') from payments p where p.id = b.payment_id) as "paymentStatus",
              (select count(*)::int from live_events e where e.source = b.id::text || ':0' and e.type = 'booking.confirmed') as events
            from bookings b where b.app_id = ${apps.booking}`,
        );
        const bookingByKey = new Map(bookings.map((b) => [b.idempotency_key, b]));
        for (const key of keysOf('booking')) {
          expect(bookingByKey.get(key), `the booking of ${key}`).toMatchObject({
            n: 1,
            status: 'confirmed',
            payments: 1,
            paymentStatus: 'succeeded',
            events: 1,
          });
        }
        const [overlaps] = await rows<{ n: number }>(
          db,
          sql`select count(*)::int as n from bookings a join bookings b
              on a.tenant_id = b.tenant_id and a.id < b.id and a.session_key <> b.session_key
             and tstzrange(a.busy_from, a.busy_until) && tstzrange(b.busy_from, b.busy_until)
            where a.status in ('held', 'requested', 'confirmed') and b.status in ('held', 'requested', 'confirmed')`,
        );
        expect(overlaps!.n, 'overlapping bookings').toBe(0);
        await expectLedgerConsistent(checkServer);
        console.log(
          `faults: ${kills} kills, ${keysOf('tip').length} tips, ${keysOf('request').length} paid requests, ${keysOf('booking').length} paid bookings, ${interrupted.size} cut off by a kill and retried; 0 lost, 0 duplicated, 0 overlapping`,
        );
      } finally {
        await db.close();
      }
    },
    Math.max(600_000, CYCLES * 40_000),
  );
});

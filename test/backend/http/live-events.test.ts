import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../backend/config.ts';
import { openDatabase } from '../../../backend/db/open-database.ts';
import { createLogger } from '../../../backend/logger.ts';
import { startServer, type RunningServer } from '../../../backend/server.ts';
import pg from 'pg';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { newKey, waitFor } from '../../helpers/payments.ts';
import { openSse } from '../../helpers/sse-client.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

describe('live events (Server-Sent Events)', () => {
  let server: TestServer;
  let tenant: TestTenant;
  let appId: string;
  let otherAppId: string;

  async function raise(app: string, payload: Record<string, unknown>, on: RunningServer = server) {
    await on.services.platform
      .forTenant(tenant.tenantId)
      .liveEvents.append({ appId: app, type: 'tip.received', source: randomUUID(), payload });
  }

  beforeAll(async () => {
    server = await startTestServer();
    tenant = await createTenant(server);
    appId = (await createApp(server, tenant)).id;
    otherAppId = (await createApp(server, tenant)).id;
  });
  afterAll(async () => {
    await server.close();
  });

  it('streams events as they happen to the creator, in full', async () => {
    const stream = await openSse(`${server.url}/api/apps/${appId}/events`, {
      authorization: `Bearer ${tenant.apiKey}`,
    });
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain('text/event-stream');
    await raise(appId, {
      amount: 500,
      currency: 'usd',
      name: 'Ada',
      email: 'ada@fans.example',
      message: 'hi',
    });
    const [event] = await stream.waitFor(1);
    stream.close();
    expect(event!.event).toBe('tip.received');
    expect(event!.data.payload).toMatchObject({ amount: 500, name: 'Ada', email: 'ada@fans.example' });
  });

  it('replays exactly the events missed while disconnected, in order, after Last-Event-ID', async () => {
    const first = await openSse(`${server.url}/api/apps/${appId}/events`, {
      authorization: `Bearer ${tenant.apiKey}`,
    });
    await raise(appId, { amount: 1 });
    const [seen] = await first.waitFor(1);
    first.close();
    for (const amount of [2, 3, 4]) await raise(appId, { amount });
    await raise(otherAppId, { amount: 99 }); // another app's event is not this stream's business
    const resumed = await openSse(`${server.url}/api/apps/${appId}/events`, {
      authorization: `Bearer ${tenant.apiKey}`,
      'last-event-id': seen!.id!,
    });
    const missed = await resumed.waitFor(3);
    await raise(appId, { amount: 5 });
    const all = await resumed.waitFor(4);
    resumed.close();
    expect(missed.map((e) => e.data.payload.amount)).toEqual([2, 3, 4]);
    expect(all.map((e) => e.data.payload.amount)).toEqual([2, 3, 4, 5]);
    expect(new Set(all.map((e) => e.id)).size).toBe(4);
  });

  it('gives an overlay key only the public view of its own app, and refuses it elsewhere', async () => {
    const call = apiClient(server, tenant.apiKey);
    const created = await call('POST', `/api/apps/${appId}/overlay-keys`, { name: 'OBS' });
    expect(created.status).toBe(201);
    expect(created.body.overlayUrl).toContain(`/overlay/${appId}#key=pbo_`);
    const overlay = await openSse(`${server.url}/api/apps/${appId}/events?key=${created.body.key}`);
    expect(overlay.status).toBe(200);
    await raise(appId, { amount: 700, currency: 'usd', name: 'Bo', email: 'bo@fans.example', message: 'gg' });
    const [event] = await overlay.waitFor(1);
    overlay.close();
    expect(event!.data.payload).toEqual({ amount: 700, currency: 'usd', name: 'Bo', message: 'gg' });

    const elsewhere = await fetch(`${server.url}/api/apps/${otherAppId}/events?key=${created.body.key}`);
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.headers.get('content-type')).toContain('application/problem+json');
    const anonymous = await fetch(`${server.url}/api/apps/${appId}/events`);
    expect(anonymous.status).toBe(401);
  });

  it("refuses another tenant's key", async () => {
    const stranger = await createTenant(server);
    const response = await fetch(`${server.url}/api/apps/${appId}/events`, {
      headers: { authorization: `Bearer ${stranger.apiKey}` },
    });
    expect(response.status).toBe(404);
  });

  it("shows a request on the overlay by the fan's name and its title, and takes a rejected one off", async () => {
    const call = apiClient(server, tenant.apiKey);
    const songs = await createApp(server, tenant, {
      type: 'request-form',
      name: 'Songs',
      config: { template: 'song', moderation: { duplicates: { windowMinutes: 0 } } },
    });
    const free = await createApp(server, tenant, {
      type: 'request-form',
      name: 'Shoutouts',
      config: { template: 'shoutout', pricing: { mode: 'free' } },
    });
    const keyFor = async (app: string) =>
      (await call('POST', `/api/apps/${app}/overlay-keys`, { name: 'OBS' })).body.key as string;
    const songOverlay = await openSse(
      `${server.url}/api/apps/${songs.id}/events?key=${await keyFor(songs.id)}`,
    );
    const freeOverlay = await openSse(
      `${server.url}/api/apps/${free.id}/events?key=${await keyFor(free.id)}`,
    );

    const created = await apiClient(server)('POST', '/api/requests', {
      appId: songs.id,
      idempotencyKey: newKey('request'),
      name: 'Ada',
      answers: {
        title: 'Clair de Lune',
        artist: 'Debussy',
        link: 'https://www.youtube.com/watch?v=CvFH_6DNRCY',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await apiClient(server)('POST', `/api/public/payments/${created.body.payment.id}/test-confirm`, {
      clientSecret: created.body.payment.clientSecret,
      cardNumber: '4242 4242 4242 4242',
    });
    const [paid, queued] = await songOverlay.waitFor(2);
    expect(paid!.event).toBe('request.paid');
    expect(paid!.data.payload).toEqual({
      requestId: created.body.id,
      amount: 300,
      currency: 'USD',
      name: 'Ada',
      title: 'Clair de Lune',
      summary: 'Debussy',
    });
    expect(queued!.event).toBe('request.queued');
    expect(queued!.data.payload).toMatchObject({ name: 'Ada', title: 'Clair de Lune' });

    const anonymous = await apiClient(server)('POST', '/api/requests', {
      appId: free.id,
      idempotencyKey: newKey('request'),
      answers: { recipient: 'Bo', occasion: 'birthday', message: 'Happy birthday, Bo!' },
    });
    expect(anonymous.status, JSON.stringify(anonymous.body)).toBe(201);
    const [shout] = await freeOverlay.waitFor(1);
    expect(shout!.data.payload).toMatchObject({
      name: 'Anonymous',
      title: 'Bo',
      summary: 'Happy birthday, Bo!',
    });
    const rejected = await call('POST', `/api/requests/${anonymous.body.id}/reject`, { reason: 'Not today' });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    const [, gone] = await freeOverlay.waitFor(2);
    songOverlay.close();
    freeOverlay.close();
    expect(gone!.event).toBe('request.rejected');
    // Only what the overlay needs to take it off: a rejected request's text may never have been cleared.
    expect(gone!.data.payload).toEqual({ requestId: anonymous.body.id });
  });

  it('lists and revokes overlay keys; revoking ends the streams of that key and refuses it after', async () => {
    const call = apiClient(server, tenant.apiKey);
    const first = await call('POST', `/api/apps/${appId}/overlay-keys`, { name: 'Main scene' });
    const second = await call('POST', `/api/apps/${appId}/overlay-keys`, { name: 'BRB scene' });
    const listed = await call('GET', `/api/apps/${appId}/overlay-keys`);
    expect(listed.status).toBe(200);
    expect(listed.body.keys.map((k: { name: string }) => k.name)).toEqual(
      expect.arrayContaining(['Main scene', 'BRB scene']),
    );
    expect(JSON.stringify(listed.body)).not.toContain(first.body.key);

    const doomed = await openSse(`${server.url}/api/apps/${appId}/events?key=${first.body.key}`);
    const kept = await openSse(`${server.url}/api/apps/${appId}/events?key=${second.body.key}`);
    const revoked = await call('DELETE', `/api/apps/${appId}/overlay-keys/${first.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    await waitFor(async () => doomed.ended(), 'the revoked key’s stream to end');
    await raise(appId, { amount: 42, currency: 'usd', name: 'Cy' });
    const [event] = await kept.waitFor(1);
    kept.close();
    expect(event!.data.payload.amount).toBe(42);
    expect(doomed.events).toEqual([]);
    const refused = await fetch(`${server.url}/api/apps/${appId}/events?key=${first.body.key}`);
    expect(refused.status).toBe(401);

    expect((await call('DELETE', `/api/apps/${appId}/overlay-keys/${randomUUID()}`)).status).toBe(404);
    expect((await apiClient(server)('GET', `/api/apps/${appId}/overlay-keys`)).status).toBe(401);
    const stranger = await createTenant(server);
    const foreign = apiClient(server, stranger.apiKey);
    expect((await foreign('GET', `/api/apps/${appId}/overlay-keys`)).status).toBe(404);
    expect((await foreign('DELETE', `/api/apps/${appId}/overlay-keys/${second.body.id}`)).status).toBe(404);
  });

  it('replays the last alert (with its public fields) and clears the overlay, on request of the creator', async () => {
    const call = apiClient(server, tenant.apiKey);
    const quiet = (await createApp(server, tenant)).id;
    const none = await call('POST', `/api/apps/${quiet}/overlay/replay`);
    expect(none.status).toBe(409);
    expect(none.headers.get('content-type')).toContain('application/problem+json');

    const key = (await call('POST', `/api/apps/${quiet}/overlay-keys`, {})).body.key;
    await raise(quiet, { amount: 900, currency: 'usd', name: 'Di', message: 'gg', email: 'di@fans.example' });
    const overlay = await openSse(`${server.url}/api/apps/${quiet}/events?key=${key}`, {});
    await raise(quiet, { amount: 100, currency: 'usd', name: 'Ed', message: null });
    const [tip] = await overlay.waitFor(1);
    const replayed = await call('POST', `/api/apps/${quiet}/overlay/replay`);
    expect(replayed.status).toBe(202);
    expect(replayed.body.of).toBe(Number(tip!.id));
    const cleared = await call('POST', `/api/apps/${quiet}/overlay/clear`);
    expect(cleared.status).toBe(202);
    const [, replay, clear] = await overlay.waitFor(3);
    overlay.close();
    expect(replay!.event).toBe('alert.replay');
    expect(replay!.data.payload).toEqual({
      of: Number(tip!.id),
      kind: 'tip',
      amount: 100,
      currency: 'usd',
      name: 'Ed',
      message: null,
    });
    expect(clear!.event).toBe('overlay.clear');

    const audit = await call('GET', '/api/audit-log?limit=10');
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['overlay.replay', 'overlay.clear']),
    );
    const stranger = await createTenant(server);
    expect(
      (await apiClient(server, stranger.apiKey)('POST', `/api/apps/${quiet}/overlay/clear`)).status,
    ).toBe(404);
    expect((await apiClient(server)('POST', `/api/apps/${quiet}/overlay/replay`)).status).toBe(401);
  });

  it.runIf(process.env.DATABASE_URL)(
    'never lets a stream skip an event whose transaction committed after a later-started one',
    async () => {
      const url = (server.services.database as { url?: string }).url!;
      const writer = () => new pg.Client({ connectionString: url });
      const [slow, fast] = [writer(), writer()];
      await slow.connect();
      await fast.connect();
      const insert = (client: pg.Client, amount: number) =>
        client.query(
          `insert into live_events (tenant_id, app_id, type, source, payload) values ($1, $2, 'tip.received', $3, $4) returning id`,
          [tenant.tenantId, appId, randomUUID(), { amount }],
        );
      const stream = await openSse(`${server.url}/api/apps/${appId}/events`, {
        authorization: `Bearer ${tenant.apiKey}`,
      });
      try {
        await slow.query('begin');
        await insert(slow, 1);
        // Without ordering this one would take a higher id and commit first; it must wait for `slow`.
        const second = fast.query('begin').then(async () => {
          const inserted = await insert(fast, 2);
          await fast.query('commit');
          return Number(inserted.rows[0].id);
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        await slow.query('commit');
        await second;
        const events = await stream.waitFor(2);
        expect(events.map((e) => e.data.payload.amount)).toEqual([1, 2]);
        expect(Number(events[0]!.id)).toBeLessThan(Number(events[1]!.id));
        const resumed = await openSse(`${server.url}/api/apps/${appId}/events`, {
          authorization: `Bearer ${tenant.apiKey}`,
          'last-event-id': String(Number(events[0]!.id) - 1),
        });
        const replayed = await resumed.waitFor(2);
        resumed.close();
        expect(replayed.map((e) => e.data.payload.amount)).toEqual([1, 2]);
      } finally {
        stream.close();
        await slow.end();
        await fast.end();
      }
    },
  );

  it.runIf(process.env.DATABASE_URL)(
    'catches up on events raised while the LISTEN connection was lost',
    async () => {
      const url = new URL((server.services.database as { url?: string }).url!);
      const stream = await openSse(`${server.url}/api/apps/${appId}/events`, {
        authorization: `Bearer ${tenant.apiKey}`,
      });
      const admin = new pg.Client({ connectionString: url.toString() });
      await admin.connect();
      try {
        const killed = await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and query ilike 'LISTEN%'`,
          [url.pathname.slice(1)],
        );
        expect(killed.rowCount).toBeGreaterThan(0);
        // Raised while nobody listens: no notice will ever say so.
        await raise(appId, { amount: 7777 });
        const [event] = await stream.waitFor(1, 15_000);
        expect(event!.data.payload.amount).toBe(7777);
      } finally {
        stream.close();
        await admin.end();
      }
    },
  );

  it.runIf(process.env.DATABASE_URL)(
    'delivers an event raised in one backend process to a stream held by another (LISTEN/NOTIFY)',
    async () => {
      const url = (server.services.database as { url?: string }).url!;
      const database = await openDatabase({ kind: 'postgres', url });
      const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), port: 0, widgetPort: 0 };
      const second = await startServer({ config, database, logger: createLogger('silent') });
      try {
        const stream = await openSse(`http://127.0.0.1:${second.apiPort}/api/apps/${appId}/events`, {
          authorization: `Bearer ${tenant.apiKey}`,
        });
        await raise(appId, { amount: 4242 }, server);
        const [event] = await stream.waitFor(1);
        stream.close();
        expect(event!.data.payload.amount).toBe(4242);
      } finally {
        await second.close();
      }
    },
  );
});

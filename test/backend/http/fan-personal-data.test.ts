import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, signInFan, type TestTenant } from '../../helpers/factories.ts';
import { newKey } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let creator: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  creator = await createTenant(server);
});
afterAll(() => server.close());

const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await server.services.database.db.execute(query)) as unknown as { rows: T[] }).rows;

type Source = { kind: string; items: Array<{ id: string; details: Record<string, unknown> }> };
async function myData(token: string, appId: string, kind: string) {
  const response = await apiClient(server, token)('GET', `/api/public/apps/${appId}/my-data`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body.sources as Source[]).find((source) => source.kind === kind)!.items;
}
async function eraseMyData(token: string, appId: string, kind: string) {
  const response = await apiClient(server, token)('DELETE', `/api/public/apps/${appId}/my-data`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body.erased as Array<{ kind: string; erased: number }>).find((e) => e.kind === kind)!
    .erased;
}

describe("a fan's requests, bookings and cohort profile in their data", () => {
  it('lists a request with its answers and erases the answers, keeping the amount', async () => {
    const form = await createApp(server, creator, {
      type: 'request-form',
      name: 'Shoutouts',
      allowedOrigins: ['https://creator.example'],
      config: { fields: [{ id: 'message', type: 'long-text', label: 'Message', required: true }] },
    });
    const { token } = await signInFan(server, form.id, { displayName: 'Robin' });
    const created = await apiClient(server, token)(
      'POST',
      '/api/requests',
      { appId: form.id, answers: { message: 'Say hi to my sister Alexandra' }, idempotencyKey: newKey() },
      { authorization: `Bearer ${token}` },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(await myData(token, form.id, 'requests')).toEqual([
      expect.objectContaining({
        id: created.body.id,
        details: { name: 'Robin', answers: { message: 'Say hi to my sister Alexandra' } },
      }),
    ]);
    const other = await signInFan(server, form.id);
    expect(await myData(other.token, form.id, 'requests')).toEqual([]);

    expect(await eraseMyData(token, form.id, 'requests')).toBe(1);
    expect(await myData(token, form.id, 'requests')).toEqual([
      expect.objectContaining({ details: { name: null, answers: {} } }),
    ]);
    const stored = await rows<Record<string, unknown>>(
      sql`select r.state, r.amount, (select json_agg(e.payload) from request_events e where e.request_id = r.id) as events,
                 (select json_agg(l.payload) from live_events l where l.source = r.id::text) as live
            from requests r where r.id = ${created.body.id}`,
    );
    expect(stored[0]).toMatchObject({ state: 'queued' });
    expect(Number(stored[0]!.amount)).toBe(0);
    expect(JSON.stringify(stored[0])).not.toMatch(/Alexandra|Robin/);
    // The events stay append-only for anything but that erasure.
    await expect(
      server.services.database.db.execute(
        sql`update request_events set payload = payload || '{"amount": 1}'::jsonb where request_id = ${created.body.id}`,
      ),
    ).rejects.toThrow();
  });

  it('lists a booking made with the fan’s email and erases name, email and notes, keeping the time', async () => {
    const calendar = await createApp(server, creator, {
      type: 'booking',
      name: 'Calls',
      allowedOrigins: ['https://creator.example'],
      config: {
        timeZone: 'UTC',
        availability: {
          weeklyHours: (
            ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const
          ).map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
          minimumNoticeMinutes: 0,
        },
        eventTypes: [{ id: 'call', name: 'Call', lengthMinutes: 30 }],
      },
    });
    const { token } = await signInFan(server, calendar.id, {
      displayName: 'Kim',
      email: 'kim@fans.example',
    });
    const date = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const slots = await apiClient(server)(
      'GET',
      `/api/public/apps/${calendar.id}/slots?eventTypeId=call&timeZone=UTC&startDate=${date}&endDate=${date}`,
    );
    const start = slots.body.slots[4].start as string;
    const booked = await apiClient(server)('POST', `/api/public/apps/${calendar.id}/bookings`, {
      eventTypeId: 'call',
      start,
      timeZone: 'UTC',
      name: 'Kim Lee',
      email: 'Kim@Fans.example',
      notes: 'My portfolio is at kim.example',
      idempotencyKey: newKey('booking'),
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(await myData(token, calendar.id, 'bookings')).toEqual([
      expect.objectContaining({
        details: { name: 'Kim Lee', email: 'Kim@Fans.example', notes: 'My portfolio is at kim.example' },
      }),
    ]);

    expect(await eraseMyData(token, calendar.id, 'bookings')).toBe(1);
    const stored = await rows<Record<string, unknown>>(
      sql`select name, email, notes, starts_at, status from bookings where app_id = ${calendar.id}`,
    );
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toMatch(/Kim|portfolio/i);
    expect(new Date(stored[0]!.starts_at as string).toISOString()).toBe(start);
    expect(stored[0]!.status).toBe('confirmed');
  });

  it('lists the cohort member profile and removes it', async () => {
    const cohort = await createApp(server, creator, {
      type: 'cohort-matcher',
      name: 'Study circles',
      allowedOrigins: ['https://creator.example'],
      config: { interests: ['writing', 'design'], groupSize: 2 },
    });
    const { token, identity } = await signInFan(server, cohort.id, { displayName: 'Jo' });
    const joined = await apiClient(server, token)('POST', `/api/public/apps/${cohort.id}/cohort/members`, {
      interests: ['writing'],
      goals: ['finish my novel'],
      experience: 'intermediate',
      timeZone: 'UTC',
      weeklyHours: [{ weekday: 'tuesday', start: '18:00', end: '21:00' }],
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect(await myData(token, cohort.id, 'cohort-profiles')).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ goals: ['finish my novel'] }) }),
    ]);

    expect(await eraseMyData(token, cohort.id, 'cohort-profiles')).toBe(1);
    expect(await myData(token, cohort.id, 'cohort-profiles')).toEqual([]);
    expect(await rows(sql`select id from cohort_members where user_id = ${identity.userId}`)).toHaveLength(0);
  });
});

describe("a fan's uploaded attachments", () => {
  it('lists the files the fan uploaded and deletes their rows and bytes, sent or not', async () => {
    const form = await createApp(server, creator, {
      type: 'request-form',
      name: 'Commissions',
      allowedOrigins: ['https://creator.example'],
      config: {
        fields: [
          { id: 'brief', type: 'long-text', label: 'Brief', required: true },
          { id: 'refs', type: 'file', label: 'References', accept: ['image/png'], maxFiles: 2 },
        ],
      },
    });
    const upload = async (token: string) => {
      const response = await fetch(
        `${server.url}/api/public/apps/${form.id}/attachments?field=refs&filename=my-face.png`,
        {
          method: 'POST',
          headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` },
          body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) as unknown as BodyInit,
        },
      );
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const { token } = await signInFan(server, form.id);
    const sent = await upload(token);
    const unsent = await upload(token);
    const created = await apiClient(server, token)('POST', '/api/requests', {
      appId: form.id,
      answers: { brief: 'Me as a fox', refs: [sent] },
      idempotencyKey: newKey(),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const someoneElse = await signInFan(server, form.id);
    const theirs = await upload(someoneElse.token);

    const listed = await myData(token, form.id, 'attachments');
    expect(listed.map((item) => item.id).sort()).toEqual([sent, unsent].sort());
    expect(listed[0]!.details).toMatchObject({ filename: 'my-face.png', contentType: 'image/png' });
    const files = await rows<{ id: string; storage_key: string }>(
      sql`select id, storage_key from request_attachments where app_id = ${form.id}`,
    );
    const fileOf = (id: string) =>
      join(server.services.config.dataDir, 'attachments', files.find((f) => f.id === id)!.storage_key);
    expect(existsSync(fileOf(sent))).toBe(true);

    expect(await eraseMyData(token, form.id, 'attachments')).toBe(2);
    expect(await myData(token, form.id, 'attachments')).toEqual([]);
    expect(existsSync(fileOf(sent))).toBe(false);
    expect(existsSync(fileOf(unsent))).toBe(false);
    const download = await fetch(`${server.url}/api/requests/${created.body.id}/attachments/${sent}`, {
      headers: { authorization: `Bearer ${creator.apiKey}` },
    });
    expect(download.status).toBe(404);
    // Another fan's upload is theirs to erase.
    expect(existsSync(fileOf(theirs))).toBe(true);
    expect((await myData(someoneElse.token, form.id, 'attachments')).map((item) => item.id)).toEqual([
      theirs,
    ]);
  });
});

describe('the my-data operations', () => {
  it('declare the fan token in the OpenAPI document and answer 401 without one', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as any;
    expect(document.components.securitySchemes.fanToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    const path = document.paths['/api/public/apps/{appId}/my-data'];
    for (const op of [path.get, path.delete]) {
      expect(op.security, op.operationId).toEqual([{ fanToken: [] }]);
      expect(op.responses['401'].content['application/problem+json'], op.operationId).toBeDefined();
      expect(op.responses['429'], op.operationId).toBeDefined();
    }
    // Operations that take a token when a fan has one, and serve anonymous fans as well.
    expect(document.paths['/api/requests'].post.security).toEqual([{}, { fanToken: [] }]);
    expect(document.paths['/api/requests/{id}'].get.security).toEqual([{}, { fanToken: [] }]);
    expect(document.paths['/api/public/apps/{appId}/tips'].post.security).toEqual([{}, { fanToken: [] }]);

    const app = await createApp(server, creator);
    const anonymous = await apiClient(server)('DELETE', `/api/public/apps/${app.id}/my-data`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
  });

  it('limits reads and erasures per fan token', async () => {
    const app = await createApp(server, creator);
    const { token } = await signInFan(server, app.id);
    const call = apiClient(server, token);
    for (let i = 0; i < 10; i++) {
      const response = await call(i % 2 ? 'DELETE' : 'GET', `/api/public/apps/${app.id}/my-data`);
      expect(response.status, `call ${i + 1}`).toBe(200);
    }
    const refused = await call('GET', `/api/public/apps/${app.id}/my-data`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(
      (
        await apiClient(server, (await signInFan(server, app.id)).token)(
          'GET',
          `/api/public/apps/${app.id}/my-data`,
        )
      ).status,
    ).toBe(200);
  });
});

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, signInFan, type TestTenant } from '../../helpers/factories.ts';
import { newKey } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let creator: TestTenant;
let form: { id: string };

beforeAll(async () => {
  server = await startTestServer();
  creator = await createTenant(server);
  form = await createApp(server, creator, {
    type: 'request-form',
    name: 'Commissions',
    allowedOrigins: ['https://creator.example'],
    config: {
      fields: [
        { id: 'brief', type: 'long-text', label: 'Brief', required: true },
        { id: 'refs', type: 'file', label: 'References', accept: ['image/png'], maxBytes: 1000, maxFiles: 2 },
      ],
    },
  });
});
afterAll(() => server.close());

async function upload(bytes: Uint8Array, contentType: string, token?: string) {
  const response = await fetch(
    `${server.url}/api/public/apps/${form.id}/attachments?field=refs&filename=ref.png`,
    {
      method: 'POST',
      headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: bytes as unknown as BodyInit,
    },
  );
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const stored = () => {
  try {
    return readdirSync(join(server.services.config.dataDir, 'attachments'), { recursive: true }).filter(
      (name) => /[0-9a-f-]{36}$/.test(String(name)),
    ).length;
  } catch {
    return 0;
  }
};

describe('request attachments', () => {
  it('stores an upload, links it to the request and serves it only to the creator and the uploader', async () => {
    const fan = await signInFan(server, form.id);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const uploaded = await upload(png, 'image/png', fan.token);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ contentType: 'image/png', size: 7, filename: 'ref.png' });
    const created = await apiClient(server)(
      'POST',
      '/api/requests',
      { appId: form.id, answers: { brief: 'A fox', refs: [uploaded.body.id] }, idempotencyKey: newKey() },
      { authorization: `Bearer ${fan.token}` },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const path = `/api/requests/${created.body.id}/attachments/${uploaded.body.id}`;

    const asCreator = await fetch(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${creator.apiKey}` },
    });
    expect(asCreator.status).toBe(200);
    expect(asCreator.headers.get('content-disposition')).toBe('attachment; filename="ref.png"');
    expect(asCreator.headers.get('x-content-type-options')).toBe('nosniff');
    expect(asCreator.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await asCreator.arrayBuffer())).toEqual(png);

    const asFan = await fetch(`${server.url}${path}?token=${created.body.statusToken}`);
    expect(asFan.status).toBe(200);
    const other = await signInFan(server, form.id);
    expect(
      (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${other.token}` } })).status,
    ).toBe(404);
    const stranger = await createTenant(server);
    expect(
      (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${stranger.apiKey}` } }))
        .status,
    ).toBe(404);
  });

  it("refuses another fan's upload in a submission", async () => {
    const owner = await signInFan(server, form.id);
    const thief = await signInFan(server, form.id);
    const uploaded = await upload(new Uint8Array([1, 2, 3]), 'image/png', owner.token);
    const created = await apiClient(server)(
      'POST',
      '/api/requests',
      { appId: form.id, answers: { brief: 'Mine now', refs: [uploaded.body.id] } },
      { authorization: `Bearer ${thief.token}` },
    );
    expect(created.status).toBe(400);
    expect(created.body.errors[0].field).toBe('answers.refs');
  });

  it('refuses a wrong type and an oversized file with problems, storing nothing', async () => {
    const before = stored();
    const html = await upload(new TextEncoder().encode('<script>alert(1)</script>'), 'text/html');
    expect(html.status).toBe(415);
    expect(html.body.detail).toContain('image/png');
    const big = await upload(new Uint8Array(5000), 'image/png');
    expect(big.status).toBe(413);
    expect(big.body.title).toBe('File too large');
    expect(stored()).toBe(before);
  });
});

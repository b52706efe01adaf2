import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newKey, waitFor } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let creator: TestTenant;
let shoutouts: { id: string };
let songs: { id: string };
const anyone = () => apiClient(server);
const asCreator = () => apiClient(server, creator.apiKey);

beforeAll(async () => {
  // Behind a proxy on loopback: each test's fan has an address of its own.
  server = await startTestServer({ TRUST_PROXY: 'loopback' });
  creator = await createTenant(server);
  shoutouts = await createApp(server, creator, {
    type: 'request-form',
    name: 'Shoutouts',
    allowedOrigins: ['https://creator.example'],
    config: { fields: [{ id: 'message', type: 'long-text', label: 'Message', required: true }] },
  });
  songs = await createApp(server, creator, {
    type: 'request-form',
    name: 'Song requests',
    allowedOrigins: ['https://creator.example'],
    config: { template: 'song' },
  });
});
afterEach(() => expectLedgerConsistent(server));
afterAll(() => server.close());

let fanNumber = 0;
const newFan = () => `198.51.100.${++fanNumber}`;

const submit = (address: string, body: Record<string, unknown>) =>
  anyone()(
    'POST',
    '/api/requests',
    { idempotencyKey: newKey('request'), ...body },
    { 'x-forwarded-for': address },
  );
const seen = async (created: { id: string; statusToken: string }) =>
  (await anyone()('GET', `/api/requests/${created.id}?token=${created.statusToken}`)).body;
const itemFor = async (requestId: string) =>
  (
    (await asCreator()('GET', '/api/moderation/review-items?status=pending')).body.items as Array<{
      id: string;
      subjectId: string;
      [key: string]: unknown;
    }>
  ).find((item) => item.subjectId === requestId);
const decide = (itemId: string, body: Record<string, unknown>) =>
  asCreator()('POST', `/api/moderation/review-items/${itemId}/decision`, body);

describe('requests through the moderation pipeline', () => {
  it('holds a request with a spaced-out slur for review, and approving it queues it', async () => {
    const created = await submit(newFan(), { appId: shoutouts.id, answers: { message: 'n i g g e r' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.state).toBe('held');
    const item = await itemFor(created.body.id);
    expect(item).toMatchObject({
      subjectType: 'request',
      status: 'pending',
      excerpt: 'n i g g e r',
      reasons: [{ code: 'profanity' }],
    });
    const listed = await asCreator()('GET', `/api/requests?state=queued`);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.id);

    const approved = await decide(item!.id, { decision: 'approve' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(await seen(created.body)).toMatchObject({ state: 'queued' });
    const history = await asCreator()('GET', `/api/requests/${created.body.id}/history`);
    expect(history.body.events.map((e: { state: string }) => e.state)).toEqual([
      'created',
      'validated',
      'held',
      'queued',
    ]);
  });

  it('lets a clean request straight through, without a review item', async () => {
    const created = await submit(newFan(), { appId: shoutouts.id, answers: { message: 'Happy birthday!' } });
    expect(created.body.state).toBe('queued');
    expect(await itemFor(created.body.id)).toBeUndefined();
  });

  it('rejecting a held request whose card was authorized releases the card and tells the fan why', async () => {
    const created = await submit(newFan(), {
      appId: songs.id,
      answers: {
        title: 'f u c k this song',
        artist: 'Anyone',
        link: 'https://www.youtube.com/watch?v=CvFH_6DNRCY',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.state).toBe('held');
    const paid = await anyone()('POST', `/api/public/payments/${created.body.payment.id}/test-confirm`, {
      clientSecret: created.body.payment.clientSecret,
      cardNumber: '4242 4242 4242 4242',
    });
    expect(paid.body.status).toBe('requires_capture');
    // Paid while held, it stays held: only the review decides.
    await waitFor(
      async () =>
        (await asCreator()('GET', `/api/payments/${created.body.payment.id}`)).body.status ===
        'requires_capture',
      'the authorization',
    );
    expect((await seen(created.body)).state).toBe('held');

    const item = (await itemFor(created.body.id))!;
    const rejected = await decide(item.id, { decision: 'reject', reason: 'Keep it friendly, please.' });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(await seen(created.body)).toMatchObject({
      state: 'rejected',
      reason: 'Keep it friendly, please.',
    });
    await waitFor(
      async () =>
        (await asCreator()('GET', `/api/payments/${created.body.payment.id}`)).body.status === 'canceled',
      'the card hold to be released',
    );
  });

  it('refuses a submission the policy blocks before anything is stored or charged', async () => {
    const strict = await createApp(server, creator, {
      type: 'request-form',
      name: 'Strict',
      allowedOrigins: ['https://creator.example'],
      config: {
        fields: [{ id: 'message', type: 'long-text', label: 'Message', required: true }],
        moderation: { blockedWords: ['spoiler'], blockedAction: 'block' },
      },
    });
    const count = async () =>
      (
        (await server.services.database.db.execute(
          sql`select (select count(*) from requests)::int as requests, (select count(*) from payments)::int as payments`,
        )) as unknown as { rows: unknown[] }
      ).rows[0];
    const before = await count();
    const refused = await submit(newFan(), { appId: strict.id, answers: { message: 'big SP0ILER inside' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ title: 'Submission refused', reasons: ['blocked_word'] });
    expect(await count()).toEqual(before);
  });

  it('counts request submissions and uploads against the public submission limit per address', async () => {
    const address = '203.0.113.50';
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const response = await submit(address, { appId: shoutouts.id, answers: { message: `hello ${i}` } });
      statuses.push(response.status);
    }
    const limited = statuses.findIndex((status) => status === 429);
    expect(limited).toBeGreaterThan(0);
    const refusal = await submit(address, { appId: shoutouts.id, answers: { message: 'one more' } });
    expect(refusal.status).toBe(429);
    expect(Number(refusal.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const upload = await fetch(`${server.url}/api/public/apps/${shoutouts.id}/attachments?field=message`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-forwarded-for': address },
      body: 'x',
    });
    expect(upload.status).toBe(429);
    expect((await submit('203.0.113.51', { appId: shoutouts.id, answers: { message: 'hi' } })).status).toBe(
      201,
    );
  });
});

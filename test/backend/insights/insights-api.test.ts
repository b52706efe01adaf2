import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { newKey, waitFor } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let creator: TestTenant;
let tipJar: { id: string };
let shoutouts: { id: string };
const anyone = () => apiClient(server);
const asCreator = () => apiClient(server, creator.apiKey);

interface Entry {
  kind: string;
  amount: number;
  paymentId: string | null;
}

async function tip(amount: number) {
  const started = await anyone()('POST', `/api/public/apps/${tipJar.id}/tips`, {
    idempotencyKey: newKey(),
    amount,
  });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  await anyone()('POST', `/api/public/payments/${started.body.id}/test-confirm`, {
    clientSecret: started.body.clientSecret,
    cardNumber: '4242 4242 4242 4242',
  });
  await waitFor(async () => {
    const ledger = await asCreator()('GET', `/api/payments/ledger?paymentId=${started.body.id}`);
    return ledger.body.entries.some((e: Entry) => e.kind === 'gross');
  }, 'the tip in the ledger');
  return started.body.id as string;
}

beforeAll(async () => {
  server = await startTestServer();
  creator = await createTenant(server);
  tipJar = await createApp(server, creator, {
    type: 'tip-jar',
    name: 'Stream tips',
    allowedOrigins: ['https://creator.example'],
    config: { currency: 'USD', presets: [500, 1000] },
  });
  shoutouts = await createApp(server, creator, {
    type: 'request-form',
    name: 'Shoutouts',
    allowedOrigins: ['https://creator.example'],
    config: { template: 'shoutout', pricing: { mode: 'free' } },
  });
});
afterAll(() => server?.close());

describe('insights (getInsights, recordWidgetOpen)', () => {
  it('counts widget opens without authentication, and refuses unknown apps and floods', async () => {
    for (let i = 0; i < 4; i += 1) {
      const opened = await anyone()('POST', `/api/public/apps/${tipJar.id}/opens`);
      expect(opened.status).toBe(204);
      // A beacon from the creator's site is a no-cors request: its answer must be readable cross-site.
      expect(opened.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    }
    const unknown = await anyone()('POST', '/api/public/apps/00000000-0000-4000-8000-000000000000/opens');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const other = await createTenant(server);
    const flooded = (await createApp(server, other)).id;
    const limit = Math.ceil(60 * server.services.config.rateLimitScale);
    const statuses: number[] = [];
    // Four opens and the unknown app above count too: the limit is per address, whichever app.
    for (let i = 0; i < limit - 5; i += 1) {
      statuses.push((await anyone()('POST', `/api/public/apps/${flooded}/opens`)).status);
    }
    const refused = await anyone()('POST', `/api/public/apps/${flooded}/opens`);
    expect(new Set(statuses)).toEqual(new Set([204]));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('reports this week per app: conversion, refund rate, fulfilment time and money net of fees', async () => {
    const kept = await tip(1000);
    const refunded = await tip(500);
    const refund = await asCreator()('POST', `/api/payments/${refunded}/refunds`, {
      reason: 'requested_by_customer',
    });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    const request = await anyone()('POST', '/api/requests', {
      appId: shoutouts.id,
      idempotencyKey: newKey('request'),
      answers: { recipient: 'Ada', occasion: 'birthday', message: 'Happy birthday!' },
    });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    expect((await asCreator()('POST', `/api/requests/${request.body.id}/accept`)).status).toBe(200);
    const done = await asCreator()('POST', `/api/requests/${request.body.id}/complete`, { note: 'Sent!' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    const insights = await asCreator()('GET', '/api/insights?weeks=4');
    expect(insights.status, JSON.stringify(insights.body)).toBe(200);
    expect(insights.body.weeks).toHaveLength(4);
    const jar = insights.body.apps.find((a: { appId: string }) => a.appId === tipJar.id);
    const thisWeek = jar.weeks.at(-1);
    expect(thisWeek).toMatchObject({
      opens: 4,
      paid: 2,
      conversion: 0.5,
      refunded: 1,
      refundRate: 0.5,
      disputed: 0,
      disputeRate: 0,
    });
    expect(
      jar.weeks.slice(0, 3).every((w: { opens: number; paid: number }) => w.opens === 0 && w.paid === 0),
    ).toBe(true);
    // Net of fees is exactly what the ledger says these payments left the creator, payouts aside.
    const entries: Entry[] = (await asCreator()('GET', '/api/payments/ledger?limit=500')).body.entries;
    const ours = entries.filter((e) => e.paymentId === kept || e.paymentId === refunded);
    const sum = (kinds: string[]) =>
      ours.filter((e) => kinds.includes(e.kind)).reduce((total, e) => total + e.amount, 0);
    expect(thisWeek.money).toEqual([
      {
        currency: 'USD',
        gross: 1500,
        fees: sum(['platform_fee', 'processor_fee', 'platform_fee_refund']),
        refunds: -500,
        disputes: 0,
        net: sum(['gross', 'platform_fee', 'processor_fee', 'platform_fee_refund', 'refund']),
      },
    ]);
    expect(thisWeek.money[0].net).toBeLessThan(1000);

    const forms = insights.body.apps.find((a: { appId: string }) => a.appId === shoutouts.id);
    expect(forms.total).toMatchObject({ requests: 1, fulfilled: 1, paid: 0, conversion: null });
    expect(forms.total.medianFulfilmentHours).toBeGreaterThanOrEqual(0);
    expect(insights.body.all.total).toMatchObject({ opens: 4, paid: 2, requests: 1 });

    const one = await asCreator()('GET', `/api/insights?appId=${shoutouts.id}&weeks=1`);
    expect(one.body.apps.map((a: { appId: string }) => a.appId)).toEqual([shoutouts.id]);
    expect(one.body.all.total.opens).toBe(0);
  });

  it('exports CSV, and answers bad input, strangers and other tenants as problems', async () => {
    const csv = await asCreator()('GET', '/api/insights?weeks=2&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const lines = (csv.body as string).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^app_id,app_name,app_type,week_start,opens,/);
    expect(
      lines.some(
        (line) => line.startsWith(`${tipJar.id},Stream tips,tip-jar,`) && line.includes(',USD,1500,'),
      ),
    ).toBe(true);

    for (const query of ['weeks=0', 'weeks=53', 'weeks=two', 'format=xml', 'appId=nope', 'surprise=1']) {
      const bad = await asCreator()('GET', `/api/insights?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await anyone()('GET', '/api/insights')).status).toBe(401);
    const stranger = await createTenant(server);
    const theirs = apiClient(server, stranger.apiKey);
    expect((await theirs('GET', `/api/insights?appId=${tipJar.id}`)).status).toBe(404);
    const own = await theirs('GET', '/api/insights');
    expect(own.body.apps).toEqual([]);
    expect(own.body.all.total).toMatchObject({ opens: 0, paid: 0, requests: 0, money: [] });
  });
});

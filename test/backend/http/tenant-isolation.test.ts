import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, signInFan, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, waitFor } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

interface OperationObject {
  operationId: string;
  security: Array<Record<string, string[]>>;
  parameters: Array<{ name: string; in: string }>;
  requestBody?: { content: { 'application/json': { example?: unknown } } };
  responses: Record<string, unknown>;
}

let server: TestServer;
let a: TestTenant;
let b: TestTenant;
let resourcesOfA: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  a = await createTenant(server, 'Tenant A');
  b = await createTenant(server, 'Tenant B');
  const app = await createApp(server, a);
  const key = await apiClient(server, a.apiKey)('POST', '/api/keys', {
    name: 'second',
    scopes: ['apps:read'],
  });
  const payment = await apiClient(server)('POST', `/api/public/apps/${app.id}/tips`, {
    amount: 500,
    idempotencyKey: 'isolation-payment-of-a',
  });
  const cohort = await createApp(server, a, { type: 'cohort-matcher', name: 'Circles' });
  for (const name of ['One', 'Two']) {
    const { token } = await signInFan(server, cohort.id, { displayName: name });
    await apiClient(server, token)('POST', `/api/public/apps/${cohort.id}/cohort/members`, {
      timeZone: 'UTC',
    });
  }
  const round = await apiClient(server, a.apiKey)('POST', `/api/apps/${cohort.id}/cohort/rounds`, {
    publish: false,
  });
  const form = await createApp(server, a, {
    type: 'request-form',
    name: 'Requests',
    allowedOrigins: ['https://creator.example'],
  });
  const request = await apiClient(server)('POST', '/api/requests', {
    appId: form.id,
    answers: { request: 'isolation request of a' },
  });
  const heldTip = await apiClient(server)('POST', `/api/public/apps/${app.id}/tips`, {
    amount: 500,
    idempotencyKey: 'isolation-held-tip-of-a',
    message: 'f u c k you',
  });
  await apiClient(server)('POST', `/api/public/payments/${heldTip.body.id}/test-confirm`, {
    clientSecret: heldTip.body.clientSecret,
    cardNumber: '4242 4242 4242 4242',
  });
  const asA = apiClient(server, a.apiKey);
  const item = await waitFor(
    async () =>
      (await asA('GET', '/api/moderation/review-items')).body.items[0] as { id: string } | undefined,
    'the held tip in the review queue',
  );
  const block = await asA('POST', '/api/moderation/blocks', { email: 'troll@example.com' });
  const route = await apiClient(server, a.apiKey)('POST', `/api/apps/${app.id}/routes`, {
    name: 'Inbox',
    eventTypes: ['tip.received'],
    destination: { type: 'email', to: 'creator-a@example.com' },
  });
  const delivery = await apiClient(server, a.apiKey)('POST', `/api/routes/${route.body.id}/test`);
  resourcesOfA = {
    appId: app.id,
    keyId: key.body.id,
    paymentId: payment.body.id,
    itemId: item.id,
    blockId: block.body.id,
    routeId: route.body.id,
    deliveryId: delivery.body.id,
    id: request.body.id,
    roundId: round.body.id,
  };
});
afterEach(() => expectLedgerConsistent(server));
afterAll(() => server.close());

describe('tenant isolation', () => {
  it("walks every tenant-scoped operation with tenant B's key against tenant A's resources", async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, OperationObject>>;
    };
    const asB = apiClient(server, b.apiKey);
    const walked: string[] = [];
    for (const [template, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (!operation.security.some((requirement) => 'apiKey' in requirement)) continue;
        if ('501' in operation.responses) continue;
        const pathParams = operation.parameters.filter((parameter) => parameter.in === 'path');
        const path = pathParams.reduce((url, parameter) => {
          const id = resourcesOfA[parameter.name];
          if (!id)
            throw new Error(
              `No resource of tenant A to use for {${parameter.name}} in ${operation.operationId}`,
            );
          return url.replace(`{${parameter.name}}`, id);
        }, template);
        const body = operation.requestBody?.content['application/json'].example;
        const response = await asB(method.toUpperCase(), path, body);
        walked.push(operation.operationId);
        if (pathParams.length > 0) {
          expect(response.status, `${operation.operationId} ${path}`).toBe(404);
          expect(JSON.stringify(response.body)).not.toContain(a.tenantId);
        } else {
          expect(response.status, operation.operationId).toBeLessThan(300);
          for (const id of [a.tenantId, ...Object.values(resourcesOfA)]) {
            expect(JSON.stringify(response.body), operation.operationId).not.toContain(id);
          }
        }
      }
    }
    expect(walked).toEqual(
      expect.arrayContaining([
        'listApps',
        'getApp',
        'updateApp',
        'revokeApiKey',
        'listAuditLog',
        'exportTenant',
        'getBalance',
        'listLedgerEntries',
        'exportLedgerCsv',
        'refundPayment',
        'createConnectOnboardingLink',
        'getPayment',
        'capturePayment',
        'cancelPayment',
        'listReviewItems',
        'decideReviewItem',
        'listFanBlocks',
        'blockFan',
        'unblockFan',
        'setAppStatus',
        'createRoute',
        'listRoutes',
        'updateRoute',
        'deleteRoute',
        'sendTestEvent',
        'listDeliveries',
        'replayDelivery',
        'listRequests',
        'getRequestHistory',
        'acceptRequest',
        'rejectRequest',
        'completeRequest',
        'runCohortRound',
        'getCohortRound',
        'publishCohortRound',
      ]),
    );

    const asA = apiClient(server, a.apiKey);
    const appOfA = await asA('GET', `/api/apps/${resourcesOfA.appId}`);
    expect(appOfA.body.name).toBe('Tips');
    const keysOfA = await asA('GET', '/api/keys');
    expect(keysOfA.body.keys.every((key: { revokedAt: string | null }) => key.revokedAt === null)).toBe(true);
  });
});

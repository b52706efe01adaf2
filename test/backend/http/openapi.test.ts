import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let document: any;

beforeAll(async () => {
  server = await startTestServer();
  document = await (await fetch(`${server.url}/api/openapi.json`)).json();
});
afterAll(() => server.close());

/** Every operation id an issue names: pages, scripts and integrators depend on them. */
const STABLE_OPERATION_IDS = [
  // foundation
  'listApps',
  'createApp',
  'getApp',
  'updateApp',
  'createApiKey',
  'listApiKeys',
  'revokeApiKey',
  'listAuditLog',
  'exportTenant',
  // embedding
  'getEmbedSnippet',
  // payments
  'getBalance',
  'listLedgerEntries',
  'exportLedgerCsv',
  'refundPayment',
  'createConnectOnboardingLink',
  'buyCredits',
  'getCreditBalance',
  // tip jar
  'getTipJar',
  'createTip',
  // sign-in
  'listSessions',
  'revokeSession',
  'requestMagicLink',
  'listMyData',
  'deleteMyData',
  // requests
  'createRequest',
  'getRequest',
  'completeRequest',
  'acceptRequest',
  'rejectRequest',
  'listRequests',
  'getRequestHistory',
  // moderation
  'listReviewItems',
  'decideReviewItem',
  'blockFan',
  'unblockFan',
  'setAppStatus',
  // routing
  'createRoute',
  'listRoutes',
  'updateRoute',
  'deleteRoute',
  'sendTestEvent',
  'listDeliveries',
  'replayDelivery',
  // booking
  'listSlots',
  'createBooking',
  'getBooking',
  'cancelBooking',
  'rescheduleBooking',
  'listBookings',
  // cohorts
  'joinCohort',
  'updateCohortMember',
  'leaveCohort',
  'runCohortRound',
  'getCohortRound',
  'getMyCohortGroup',
  // live
  'streamAppEvents',
  'createOverlayKey',
  // insights
  'getInsights',
];

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has every stable operation id exactly once', () => {
    const ids = Object.values(document.paths).flatMap((methods: any) =>
      Object.values(methods).map((op: any) => op.operationId),
    );
    expect(ids).toEqual(expect.arrayContaining(STABLE_OPERATION_IDS));
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.paths['/api/requests'].post.operationId).toBe('createRequest');
    expect(document.paths['/api/requests/{id}/complete'].post.operationId).toBe('completeRequest');
  });

  it('names the scope every authenticated operation needs', () => {
    for (const methods of Object.values(document.paths) as any[]) {
      for (const op of Object.values(methods) as any[]) {
        if (op.security.some((requirement: object) => 'apiKey' in requirement))
          expect(op['x-required-scope'], op.operationId).toMatch(/^[a-z]+:[a-z]+$/);
      }
    }
  });

  it('serves a docs page from the package, under a strict CSP', async () => {
    const page = await fetch(`${server.url}/api/docs/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui-bundle.js');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const bundle = await fetch(`${server.url}/api/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let tenant: TestTenant;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  server = await startTestServer({ BODY_LIMIT_KB: '8' });
  tenant = await createTenant(server);
  api = apiClient(server, tenant.apiKey);
});
afterAll(() => server.close());

async function appCount() {
  return (await api('GET', '/api/apps')).body.apps.length as number;
}

function expectProblem(response: { status: number; headers: Headers; body: any }, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    status,
    type: expect.stringMatching(/^urn:patchbay:problem:/),
    title: expect.any(String),
  });
  expect(response.body.requestId).toBe(response.headers.get('x-request-id'));
}

describe('bad input', () => {
  it('answers malformed JSON with 400 and stores nothing', async () => {
    const before = await appCount();
    const response = await api('POST', '/api/apps', '{"type": "tip-jar", "name": ');
    expectProblem(response, 400);
    expect(response.body.detail).toMatch(/not valid JSON/);
    expect(await appCount()).toBe(before);
  });

  it('names a field of the wrong type', async () => {
    const response = await api('POST', '/api/apps', { type: 'tip-jar', name: 42 });
    expectProblem(response, 400);
    expect(response.body.errors).toEqual([expect.objectContaining({ location: 'body', field: 'name' })]);
    expect(response.body.detail).toContain('"name"');
  });

  it('names an unknown field, also inside the per-type config', async () => {
    const top = await api('POST', '/api/apps', { type: 'tip-jar', name: 'x', colour: 'red' });
    expectProblem(top, 400);
    expect(top.body.errors[0]).toMatchObject({
      field: 'colour',
      message: expect.stringContaining('unknown field'),
    });
    const nested = await api('POST', '/api/apps', { type: 'tip-jar', name: 'x', config: { presetz: [1] } });
    expectProblem(nested, 400);
    expect(nested.body.errors[0]).toMatchObject({ field: 'config.presetz' });
  });

  it('refuses prototype-pollution keys as unknown fields', async () => {
    const response = await api(
      'POST',
      '/api/apps',
      '{"type":"tip-jar","name":"x","__proto__":{"admin":true}}',
    );
    expectProblem(response, 400);
    expect(response.body.errors[0].field).toBe('__proto__');
  });

  it('answers an oversized body with 413', async () => {
    const before = await appCount();
    const response = await api('POST', '/api/apps', {
      type: 'tip-jar',
      name: 'x',
      config: { label: 'x'.repeat(20_000) },
    });
    expectProblem(response, 413);
    expect(response.body.detail).toMatch(/at most 8 KB/);
    expect(await appCount()).toBe(before);
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await api('POST', '/api/apps', 'type=tip-jar', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expectProblem(response, 415);
    expect(response.body.detail).toContain('application/json');
  });

  it('names a bad path parameter and a bad query parameter', async () => {
    const path = await api('GET', '/api/apps/not-a-uuid');
    expectProblem(path, 400);
    expect(path.body.errors[0]).toMatchObject({ location: 'path', field: 'appId' });
    const query = await api('GET', '/api/audit-log?limit=5000');
    expectProblem(query, 400);
    expect(query.body.errors[0]).toMatchObject({ location: 'query', field: 'limit' });
  });

  it('answers unknown endpoints and an empty request submission with problems', async () => {
    expectProblem(await api('GET', '/api/nothing-here'), 404);
    const intake = await api('POST', '/api/requests', {});
    expectProblem(intake, 400);
    expect(intake.body.errors[0]).toMatchObject({ location: 'body', field: 'appId' });
  });
});

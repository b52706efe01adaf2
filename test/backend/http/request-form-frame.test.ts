import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createTenant } from '../../helpers/factories.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the request form frame page', () => {
  it("loads the request form bundle with the app's form inlined, text escaped, moderation left out", async () => {
    const creator = await createTenant(server);
    const app = await createApp(server, creator, {
      type: 'request-form',
      name: 'Commissions </script><b>',
      allowedOrigins: ['https://creator.example'],
      config: { template: 'commission' },
    });
    const response = await fetch(
      `${server.widgetUrl}/frame/${app.id}?host=${encodeURIComponent('https://creator.example')}`,
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toMatch(/<script type="module" src="[^"]*frame-request-form[^"]*\.js">/);
    const inlined = /<script type="application\/json" id="pb-app">(.*?)<\/script>/s.exec(page)![1]!;
    expect(inlined).not.toContain('</script><b>');
    const publicApp = JSON.parse(inlined) as {
      type: string;
      name: string;
      config: {
        fields: Array<{ id: string; type: string }>;
        pricing: { mode: string };
        moderation?: unknown;
      };
    };
    expect(publicApp.type).toBe('request-form');
    expect(publicApp.name).toBe('Commissions </script><b>');
    expect(publicApp.config.fields.map((f) => f.type)).toEqual([
      'radio-cards',
      'long-text',
      'file',
      'date',
      'consent',
    ]);
    expect(publicApp.config.pricing.mode).toBe('per-option');
    expect(publicApp.config.moderation).toBeUndefined();
  });
});

import { createHmac } from 'node:crypto';
import { SYSTEM_ACTOR } from '../actor.ts';
import { tokenFromParts } from '../api-keys/api-key-token.ts';
import { createApp, ZCreateAppBody } from '../apps/create-app.ts';
import type { AppType } from '../apps/app-types.ts';
import type { PlatformStore } from '../ports.ts';
import { createTenant } from './create-tenant.ts';

/** Fixed ids, so the example pages can name the demo apps in plain HTML. */
export const DEMO_TENANT_ID = 'de000000-0000-4000-8000-000000000000';
export const DEMO_APPS = {
  tipJar: { id: 'de000000-0000-4000-8000-000000000001', type: 'tip-jar', name: 'Demo tip jar' },
  requestForm: {
    id: 'de000000-0000-4000-8000-000000000002',
    type: 'request-form',
    name: 'Demo song requests',
    config: { creditPacks: [{ credits: 5, amount: 2000, scope: 'app' }] },
  },
  booking: { id: 'de000000-0000-4000-8000-000000000003', type: 'booking', name: 'Demo coaching call' },
  cohortMatcher: {
    id: 'de000000-0000-4000-8000-000000000004',
    type: 'cohort-matcher',
    name: 'Demo study circles',
  },
} as const satisfies Record<string, { id: string; type: AppType; name: string; config?: object }>;
export const DEMO_ALLOWED_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];
/** Allowed only on example.com: the example page that shows what a site that is not allowed sees. */
export const DEMO_RESTRICTED_APP = {
  id: 'de000000-0000-4000-8000-000000000005',
  type: 'tip-jar',
  name: 'Demo tip jar (example.com only)',
  allowedOrigins: ['https://example.com'],
} as const;

export interface DemoSummary {
  tenantId: string;
  apiKey: string;
  apps: Record<keyof typeof DEMO_APPS, string>;
}

/**
 * The demo key is derived from the server secret, so running `demo` again prints the same working key
 * without the database ever holding it in the clear.
 */
function demoToken(secret: string) {
  const derive = (label: string) => createHmac('sha256', secret).update(label).digest();
  const prefix = `demo${derive('demo-key-prefix').toString('hex').slice(0, 8)}`;
  return tokenFromParts(prefix, derive('demo-key-secret').toString('base64url'));
}

/** Creates the demo creator and its four apps if they are missing; safe to run any number of times. */
export async function ensureDemo({
  platform,
  secret,
}: {
  platform: PlatformStore;
  secret: string;
}): Promise<DemoSummary> {
  const token = demoToken(secret);
  return platform.transaction(async (tx) => {
    if (!(await tx.findTenantBySlug('demo'))) {
      await createTenant({
        platform: tx,
        input: { id: DEMO_TENANT_ID, name: 'Demo Creator', slug: 'demo' },
        token,
      });
    }
    const store = tx.forTenant(DEMO_TENANT_ID);
    const wanted = [
      ...Object.values(DEMO_APPS).map((app) => ({ ...app, allowedOrigins: DEMO_ALLOWED_ORIGINS })),
      DEMO_RESTRICTED_APP,
    ];
    for (const app of wanted) {
      if (await store.apps.get(app.id)) continue;
      await createApp({
        store,
        actor: SYSTEM_ACTOR,
        id: app.id,
        input: ZCreateAppBody.parse({
          type: app.type,
          name: app.name,
          allowedOrigins: [...app.allowedOrigins],
          ...('config' in app ? { config: app.config } : {}),
        }),
      });
    }
    return {
      tenantId: DEMO_TENANT_ID,
      apiKey: token.token,
      apps: Object.fromEntries(
        Object.entries(DEMO_APPS).map(([key, app]) => [key, app.id]),
      ) as DemoSummary['apps'],
    };
  });
}

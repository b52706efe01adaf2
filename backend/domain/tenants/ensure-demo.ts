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
    // The song-request template: title, artist, a YouTube/SoundCloud/Spotify link; 3.00 USD, a capped priority add-on.
    config: { template: 'song', creditPacks: [{ credits: 5, amount: 2000, scope: 'app' }] },
  },
  booking: {
    id: 'de000000-0000-4000-8000-000000000003',
    type: 'booking',
    name: 'Demo coaching call',
    config: {
      title: 'Book a session with the demo creator',
      timeZone: 'Europe/London',
      availability: {
        weeklyHours: (['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const).flatMap(
          (weekday) => [
            { weekday, start: '09:00', end: '12:30' },
            { weekday, start: '13:30', end: '18:00' },
          ],
        ),
        bufferAfterMinutes: 10,
        minimumNoticeMinutes: 120,
        maxDaysAhead: 60,
        slotIntervalMinutes: 30,
        dailyCap: 8,
      },
      eventTypes: [
        { id: 'intro', name: 'Free 15-minute intro', lengthMinutes: 15 },
        {
          id: 'coaching',
          name: '45-minute coaching call',
          lengthMinutes: 45,
          price: { amount: 4500, currency: 'USD' },
        },
      ],
      refundPolicy: { fullRefundBeforeHours: 24 },
    },
  },
  cohortMatcher: {
    id: 'de000000-0000-4000-8000-000000000004',
    type: 'cohort-matcher',
    name: 'Demo study circles',
    config: {
      title: 'Join a study circle',
      interests: ['TypeScript', 'Design', 'Writing', 'Music production', 'Data science', 'Marketing'],
      groupSize: 4,
      cadence: 'weekly',
      minOverlapHours: 1,
      questions: [
        { id: 'pace', prompt: 'How fast do you like to go?', options: ['Steady', 'Intense'] },
        {
          id: 'format',
          prompt: 'How do you like to meet?',
          options: ['Video call', 'Voice only', 'Chat'],
          multiple: true,
        },
      ],
    },
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

/** The other request-form templates, for the example pages (kept out of `DEMO_APPS`, which `demo --json` prints). */
export const DEMO_REQUEST_TEMPLATE_APPS = [
  {
    id: 'de000000-0000-4000-8000-000000000006',
    type: 'request-form',
    name: 'Demo shoutouts',
    config: { template: 'shoutout' },
  },
  {
    id: 'de000000-0000-4000-8000-000000000007',
    type: 'request-form',
    name: 'Demo commissions',
    config: { template: 'commission' },
  },
  {
    id: 'de000000-0000-4000-8000-000000000008',
    type: 'request-form',
    name: 'Demo questions',
    // The blank template is free; a free form may offer an optional tip.
    config: { template: 'blank', pricing: { mode: 'free', allowTip: true } },
  },
] as const;

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
      ...[...Object.values(DEMO_APPS), ...DEMO_REQUEST_TEMPLATE_APPS].map((app) => ({
        ...app,
        allowedOrigins: DEMO_ALLOWED_ORIGINS,
      })),
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

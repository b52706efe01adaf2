import { z } from 'zod';
import type { Actor } from '../actor.ts';
import type { AppRecord, TenantStore } from '../ports.ts';
import { parseOrThrow } from '../validation.ts';
import { APP_CONFIG_SCHEMAS, APP_TYPES, ZAllowedOrigin, ZThemeOverrides } from './app-types.ts';
import { checkThemeOverrides } from './check-theme-overrides.ts';

export const ZCreateAppBody = z.strictObject({
  type: z.enum(APP_TYPES),
  name: z.string().trim().min(1).max(80),
  config: z.record(z.string(), z.unknown()).default({}),
  theme: ZThemeOverrides.default({}),
  allowedOrigins: z.array(ZAllowedOrigin).max(50).default([]),
});
export type TCreateAppBody = z.input<typeof ZCreateAppBody>;

export async function createApp({
  store,
  actor,
  input,
  id,
}: {
  store: TenantStore;
  actor: Actor;
  input: z.output<typeof ZCreateAppBody>;
  /** Fixed ids are only for the demo apps, whose ids the example pages know. */
  id?: string;
}): Promise<AppRecord> {
  const config = parseOrThrow(APP_CONFIG_SCHEMAS[input.type], input.config, 'body', ['config']);
  checkThemeOverrides(input.theme);
  return store.transaction(async (tx) => {
    const app = await tx.apps.insert({
      ...(id ? { id } : {}),
      type: input.type,
      name: input.name,
      config,
      theme: input.theme,
      allowedOrigins: input.allowedOrigins,
    });
    await tx.audit.append(actor, {
      action: 'app.create',
      targetType: 'app',
      targetId: app.id,
      before: null,
      after: app,
    });
    return app;
  });
}

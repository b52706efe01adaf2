import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import type { AppRecord, TenantStore } from '../ports.ts';
import { parseOrThrow } from '../validation.ts';
import { APP_CONFIG_SCHEMAS, ZAllowedOrigin, ZThemeOverrides } from './app-types.ts';
import { checkThemeOverrides } from './check-theme-overrides.ts';

export const ZUpdateAppBody = z
  .strictObject({
    name: z.string().trim().min(1).max(80).optional(),
    /** Merged key by key into the current config, then checked whole against the app type. */
    config: z.record(z.string(), z.unknown()).optional(),
    /** Replaces the overrides; send {} to go back to the theme's defaults. */
    theme: ZThemeOverrides.optional(),
    allowedOrigins: z.array(ZAllowedOrigin).max(50).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'send at least one of name, config, theme, allowedOrigins');

export async function updateApp({
  store,
  actor,
  appId,
  input,
}: {
  store: TenantStore;
  actor: Actor;
  appId: string;
  input: z.output<typeof ZUpdateAppBody>;
}): Promise<AppRecord> {
  return store.transaction(async (tx) => {
    const before = await tx.apps.get(appId);
    if (!before) throw notFound('App', appId);
    const config = input.config
      ? (parseOrThrow(APP_CONFIG_SCHEMAS[before.type], { ...before.config, ...input.config }, 'body', [
          'config',
        ]) as Record<string, unknown>)
      : undefined;
    if (input.theme) checkThemeOverrides(input.theme);
    const after = await tx.apps.update(appId, {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(config === undefined ? {} : { config }),
      ...(input.theme === undefined ? {} : { theme: input.theme }),
      ...(input.allowedOrigins === undefined ? {} : { allowedOrigins: input.allowedOrigins }),
    });
    if (!after) throw notFound('App', appId);
    await tx.audit.append(actor, { action: 'app.update', targetType: 'app', targetId: appId, before, after });
    return after;
  });
}

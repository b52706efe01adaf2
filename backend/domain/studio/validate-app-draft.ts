import { z } from 'zod';
import { APP_CONFIG_SCHEMAS, APP_TYPES, ZAllowedOrigin, ZThemeOverrides } from '../apps/app-types.ts';
import { checkThemeOverrides } from '../apps/check-theme-overrides.ts';
import { notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { parseOrThrow } from '../validation.ts';

export const ZAppDraft = z.strictObject({
  type: z.enum(APP_TYPES),
  appId: z
    .uuid('appId must be the id of one of your apps')
    .optional()
    .describe('The saved app this draft changes: its config is merged under the draft, as updateApp does.'),
  name: z.string().trim().min(1).max(80).optional(),
  config: z.record(z.string(), z.unknown()).default({}),
  theme: ZThemeOverrides.default({}),
  allowedOrigins: z.array(ZAllowedOrigin).max(50).default([]),
});
export type TAppDraft = z.output<typeof ZAppDraft>;

/**
 * Checks an app the creator is still editing exactly as saving it would (the type's config rules, the
 * contrast of colour overrides), without saving anything, and returns the config with every default
 * filled in — what the widget would show, so an editor can preview it as the creator types.
 */
export async function validateAppDraft({
  store,
  draft,
}: {
  store: TenantStore;
  draft: TAppDraft;
}): Promise<{ type: TAppDraft['type']; config: Record<string, unknown>; theme: TAppDraft['theme'] }> {
  let base: Record<string, unknown> = {};
  if (draft.appId) {
    const app = await store.apps.get(draft.appId);
    if (!app || app.type !== draft.type) throw notFound('App', draft.appId);
    base = app.config;
  }
  const config = parseOrThrow(APP_CONFIG_SCHEMAS[draft.type], { ...base, ...draft.config }, 'body', [
    'config',
  ]) as Record<string, unknown>;
  checkThemeOverrides(draft.theme);
  return { type: draft.type, config, theme: draft.theme };
}

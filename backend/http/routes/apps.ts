import { z } from 'zod';
import { buildEmbedSnippet, ZEmbedSnippetQuery } from '../../domain/apps/build-embed-snippet.ts';
import { createApp, ZCreateAppBody } from '../../domain/apps/create-app.ts';
import { getApp } from '../../domain/apps/get-app.ts';
import { updateApp, ZUpdateAppBody } from '../../domain/apps/update-app.ts';
import { notFound } from '../../domain/errors.ts';
import { defineOperation } from '../operation.ts';
import { presentApp, presentPublicApp, ZApp, ZPublicApp } from '../presenters.ts';

const ZAppParams = z.strictObject({ appId: z.uuid('appId must be a UUID') });

export const appOperations = [
  defineOperation({
    operationId: 'listApps',
    method: 'get',
    path: '/api/apps',
    summary: 'List your apps',
    tags: ['Apps'],
    auth: 'apiKey',
    scope: 'apps:read',
    responses: {
      200: { description: 'Your apps, oldest first.', schema: z.object({ apps: z.array(ZApp) }) },
    },
    async handler({ tenant }) {
      return { body: { apps: (await tenant.store.apps.list()).map(presentApp) } };
    },
  }),
  defineOperation({
    operationId: 'createApp',
    method: 'post',
    path: '/api/apps',
    summary: 'Create an app (a widget instance)',
    description:
      'The per-type `config` is checked against the app type; fields you leave out get their defaults. `allowedOrigins` lists the sites that may embed the widget.',
    tags: ['Apps'],
    auth: 'apiKey',
    scope: 'apps:write',
    body: ZCreateAppBody,
    bodyExample: {
      type: 'tip-jar',
      name: 'Stream tips',
      config: { currency: 'EUR', presets: [300, 500, 1000] },
      allowedOrigins: ['https://example.com'],
    },
    responses: { 201: { description: 'The app as created.', schema: ZApp } },
    async handler({ tenant, body }) {
      const app = await createApp({ store: tenant.store, actor: tenant.actor, input: body });
      return { status: 201, body: presentApp(app), headers: { Location: `/api/apps/${app.id}` } };
    },
  }),
  defineOperation({
    operationId: 'getApp',
    method: 'get',
    path: '/api/apps/{appId}',
    summary: 'Read one app',
    tags: ['Apps'],
    auth: 'apiKey',
    scope: 'apps:read',
    params: ZAppParams,
    responses: { 200: { description: 'The app.', schema: ZApp } },
    async handler({ tenant, params }) {
      return { body: presentApp(await getApp({ store: tenant.store, appId: params.appId })) };
    },
  }),
  defineOperation({
    operationId: 'updateApp',
    method: 'patch',
    path: '/api/apps/{appId}',
    summary: 'Change an app',
    description:
      '`config` is merged key by key into the current config; `theme` and `allowedOrigins` replace the current values.',
    tags: ['Apps'],
    auth: 'apiKey',
    scope: 'apps:write',
    params: ZAppParams,
    body: ZUpdateAppBody,
    bodyExample: { name: 'Tips for the Friday stream' },
    responses: { 200: { description: 'The app after the change.', schema: ZApp } },
    async handler({ tenant, params, body }) {
      return {
        body: presentApp(
          await updateApp({ store: tenant.store, actor: tenant.actor, appId: params.appId, input: body }),
        ),
      };
    },
  }),
  defineOperation({
    operationId: 'getEmbedSnippet',
    method: 'get',
    path: '/api/apps/{appId}/embed-snippet',
    summary: 'Get the HTML a creator pastes to embed an app',
    description:
      "The loader script and a placeholder that already reserves the widget's first height, so the host page does not move when the widget loads. `strictCsp` is the variant for pages that forbid style attributes.",
    tags: ['Apps'],
    auth: 'apiKey',
    scope: 'apps:read',
    params: ZAppParams,
    query: ZEmbedSnippetQuery,
    responses: {
      200: {
        description: 'The snippet.',
        schema: z.object({
          mode: z.enum(['iframe', 'inline', 'button']),
          html: z.string(),
          strictCsp: z.object({ html: z.string(), css: z.string() }),
          reservedHeight: z.number().int(),
        }),
      },
    },
    async handler({ tenant, params, query, services }) {
      const app = await getApp({ store: tenant.store, appId: params.appId });
      return { body: buildEmbedSnippet({ app, mode: query.mode, publicUrl: services.config.publicUrl }) };
    },
  }),
  defineOperation({
    operationId: 'getPublicApp',
    method: 'get',
    path: '/api/public/apps/{appId}',
    summary: "Read an app's public configuration (what a widget shows)",
    description:
      'No authentication. Browsers may call it from the sites the app allows and from the widget origin.',
    tags: ['Widgets'],
    auth: 'public',
    appParam: 'appId',
    params: ZAppParams,
    responses: { 200: { description: 'The public part of the app.', schema: ZPublicApp } },
    async handler({ services, params }) {
      const app = await services.platform.findPublicApp(params.appId);
      if (!app || app.status === 'killed') throw notFound('App', params.appId);
      return { body: presentPublicApp(app), headers: { 'Cache-Control': 'public, max-age=30' } };
    },
  }),
];

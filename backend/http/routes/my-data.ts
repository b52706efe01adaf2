import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { deleteMyData } from '../../domain/personal-data/delete-my-data.ts';
import { listMyData } from '../../domain/personal-data/list-my-data.ts';
import { defineOperation } from '../operation.ts';
import { MY_DATA_LIMITS } from '../rate-limits.ts';
import type { Services } from '../services.ts';

const ZAppParams = z.strictObject({ appId: z.uuid('appId must be a UUID') });

async function fanStore(services: Services, appId: string) {
  const app = await services.platform.findPublicApp(appId);
  if (!app) throw notFound('App', appId);
  return services.platform.forTenant(app.tenantId);
}

export const myDataOperations = [
  defineOperation({
    operationId: 'listMyData',
    method: 'get',
    path: '/api/public/apps/{appId}/my-data',
    summary: 'What this app holds about me (signed-in fan)',
    description:
      'Everything the app stores about the fan whose token is sent, grouped by kind: payments (tips), requests, attachments (uploaded files), bookings and cohort profiles.',
    tags: ['Fans'],
    auth: 'public',
    appParam: 'appId',
    fanToken: 'required',
    rateLimit: MY_DATA_LIMITS,
    params: ZAppParams,
    responses: {
      200: {
        description: 'The fan’s data in this app.',
        schema: z.object({
          sources: z.array(
            z.object({
              kind: z.string(),
              items: z.array(
                z.object({
                  id: z.string(),
                  createdAt: z.iso.datetime(),
                  summary: z.string(),
                  details: z.record(z.string(), z.unknown()),
                }),
              ),
            }),
          ),
        }),
      },
    },
    async handler({ services, params, fan }) {
      const store = await fanStore(services, params.appId);
      const sources = await listMyData({ store, fan: fan! });
      return {
        headers: { 'Cache-Control': 'no-store' },
        body: {
          sources: sources.map((source) => ({
            kind: source.kind,
            items: source.items.map((item) => ({ ...item, createdAt: item.createdAt.toISOString() })),
          })),
        },
      };
    },
  }),
  defineOperation({
    operationId: 'deleteMyData',
    method: 'delete',
    path: '/api/public/apps/{appId}/my-data',
    summary: 'Delete what this app holds about me (signed-in fan)',
    description:
      'Removes the personal parts (names, messages, emails) of everything the app holds about the fan, and deletes the files they uploaded to its request form. Payments and ledger lines keep only what accounting law needs: amount, currency, status and dates.',
    tags: ['Fans'],
    auth: 'public',
    appParam: 'appId',
    fanToken: 'required',
    rateLimit: MY_DATA_LIMITS,
    params: ZAppParams,
    responses: {
      200: {
        description: 'How many records of each kind were erased.',
        schema: z.object({ erased: z.array(z.object({ kind: z.string(), erased: z.number().int() })) }),
      },
    },
    async handler({ services, params, fan, requestId }) {
      const store = await fanStore(services, params.appId);
      return {
        body: { erased: await deleteMyData({ store, fan: fan!, files: services.attachments, requestId }) },
      };
    },
  }),
];

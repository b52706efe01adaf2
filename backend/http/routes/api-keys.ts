import { z } from 'zod';
import { createApiKey, ZCreateApiKeyBody } from '../../domain/api-keys/create-api-key.ts';
import { revokeApiKey } from '../../domain/api-keys/revoke-api-key.ts';
import { defineOperation } from '../operation.ts';
import { presentApiKey, ZApiKey } from '../presenters.ts';

export const apiKeyOperations = [
  defineOperation({
    operationId: 'createApiKey',
    method: 'post',
    path: '/api/keys',
    summary: 'Create an API key',
    description:
      'The full key is in the response once and never again: only a hash is stored. A key can grant only scopes it holds itself.',
    tags: ['API keys'],
    auth: 'apiKey',
    scope: 'keys:write',
    body: ZCreateApiKeyBody,
    bodyExample: { name: 'Zapier (read only)', scopes: ['apps:read', 'requests:read'] },
    responses: {
      201: {
        description: 'The key, with its secret shown this once.',
        schema: ZApiKey.extend({
          key: z.string().describe('The full key. Store it now: it cannot be shown again.'),
        }),
      },
    },
    async handler({ tenant, body }) {
      const { key, token } = await createApiKey({
        store: tenant.store,
        actor: tenant.actor,
        input: body,
        grantableScopes: tenant.scopes,
      });
      return { status: 201, body: { ...presentApiKey(key), key: token } };
    },
  }),
  defineOperation({
    operationId: 'listApiKeys',
    method: 'get',
    path: '/api/keys',
    summary: 'List API keys',
    tags: ['API keys'],
    auth: 'apiKey',
    scope: 'keys:read',
    responses: {
      200: { description: 'Every key, revoked ones included.', schema: z.object({ keys: z.array(ZApiKey) }) },
    },
    async handler({ tenant }) {
      return { body: { keys: (await tenant.store.apiKeys.list()).map(presentApiKey) } };
    },
  }),
  defineOperation({
    operationId: 'revokeApiKey',
    method: 'delete',
    path: '/api/keys/{keyId}',
    summary: 'Revoke an API key',
    description: 'Takes effect immediately. Revoking an already revoked key changes nothing.',
    tags: ['API keys'],
    auth: 'apiKey',
    scope: 'keys:write',
    params: z.strictObject({ keyId: z.uuid('keyId must be a UUID') }),
    responses: { 200: { description: 'The key, now revoked.', schema: ZApiKey } },
    async handler({ tenant, params }) {
      return {
        body: presentApiKey(
          await revokeApiKey({ store: tenant.store, actor: tenant.actor, keyId: params.keyId }),
        ),
      };
    },
  }),
];

import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import type { ApiKeyRecord, TenantStore } from '../ports.ts';
import { newApiKeyToken } from './api-key-token.ts';
import { API_SCOPES, type ApiScope } from './scopes.ts';

export const ZCreateApiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(80),
  scopes: z
    .array(z.enum(API_SCOPES))
    .min(1, 'grant at least one scope')
    .transform((scopes) => [...new Set(scopes)]),
});

export async function createApiKey({
  store,
  actor,
  input,
  grantableScopes = API_SCOPES,
  token = newApiKeyToken(),
}: {
  store: TenantStore;
  actor: Actor;
  input: z.output<typeof ZCreateApiKeyBody>;
  /** A key can only hand out scopes it holds itself, so a leaked narrow key cannot mint a wide one. */
  grantableScopes?: readonly ApiScope[];
  token?: { token: string; prefix: string; secretHash: string };
}): Promise<{ key: ApiKeyRecord; token: string }> {
  const beyond = input.scopes.filter((scope) => !grantableScopes.includes(scope));
  if (beyond.length > 0) {
    throw new AppError(
      'forbidden',
      'Scope not grantable',
      `This key cannot grant ${beyond.map((s) => `"${s}"`).join(', ')}: a key can only create keys with scopes it holds itself.`,
      { extra: { missingScopes: beyond } },
    );
  }
  return store.transaction(async (tx) => {
    const key = await tx.apiKeys.insert({
      name: input.name,
      prefix: token.prefix,
      secretHash: token.secretHash,
      scopes: input.scopes,
      createdBy: `${actor.type}:${actor.id}`,
    });
    const { secretHash: _omit, ...shown } = key;
    await tx.audit.append(actor, {
      action: 'api_key.create',
      targetType: 'api_key',
      targetId: key.id,
      before: null,
      after: shown,
    });
    return { key, token: token.token };
  });
}

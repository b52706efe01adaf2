import { randomUUID } from 'node:crypto';
import { createTenant as createTenantInDomain } from '../../backend/domain/tenants/create-tenant.ts';
import { users } from '../../backend/db/schema.ts';
import type { FanIdentity } from '../../backend/domain/identity/fan-identity.ts';
import type { TestServer } from './test-server.ts';

export interface TestTenant {
  tenantId: string;
  apiKey: string;
}

export async function createTenant(
  server: TestServer,
  name = `Creator ${randomUUID().slice(0, 8)}`,
): Promise<TestTenant> {
  const { tenant, apiKey } = await createTenantInDomain({
    platform: server.services.platform,
    input: { name },
  });
  return { tenantId: tenant.id, apiKey };
}

/** A small fetch wrapper that sends JSON with a tenant's key and parses whatever comes back. */
export function apiClient(server: TestServer, apiKey?: string) {
  return async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: Headers; body: any }> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: tests look at the text.
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
}

export async function createApp(
  server: TestServer,
  tenant: TestTenant,
  body: Record<string, unknown> = {
    type: 'tip-jar',
    name: 'Tips',
    allowedOrigins: ['https://creator.example'],
  },
) {
  const response = await apiClient(server, tenant.apiKey)('POST', '/api/apps', body);
  if (response.status !== 201) throw new Error(`createApp failed: ${JSON.stringify(response.body)}`);
  return response.body as { id: string; [key: string]: unknown };
}

/**
 * A fan token for `appId`, as the sign-in step hands a widget after the fan proved who they are. The
 * user row is created so data keyed by the fan's user id has somewhere to point.
 */
export async function signInFan(
  server: TestServer,
  appId: string,
  fan: Partial<Omit<FanIdentity, 'appId'>> = {},
): Promise<{ token: string; identity: FanIdentity }> {
  const userId = fan.userId ?? randomUUID();
  const displayName = fan.displayName ?? `fan-${userId.slice(0, 6)}`;
  const email = fan.email === undefined ? `${displayName}@fans.example` : fan.email;
  await server.services.database.db
    .insert(users)
    .values({ id: userId, displayName, email })
    .onConflictDoNothing();
  const identity: FanIdentity = { userId, appId, provider: fan.provider ?? 'email', displayName, email };
  return { token: await server.services.fanTokens.sign(identity), identity };
}

import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface ProviderUser {
  id: string;
  name: string;
  email: string;
}

type Provider = 'twitch' | 'discord' | 'google';

/**
 * A small OAuth 2.0 authorization server on loopback that speaks the authorization-code flow (with
 * PKCE when the client sends a challenge) under the paths Twitch, Discord and Google use, plus each
 * one's profile endpoint in its own shape. It approves at once, as `users[provider]`. Codes are single
 * use, bound to the client, redirect URI and challenge, like the real ones; a `code_verifier` sent for
 * a code that had no challenge is refused.
 */
export async function startOAuthProvider(): Promise<{
  url: string;
  users: Record<Provider, ProviderUser>;
  /** The environment that points the server at this provider for all three. */
  env: Record<string, string>;
  /** Every authorize request's query, newest last. */
  authorizeRequests: Record<string, string>[];
  close(): Promise<void>;
}> {
  const users: Record<Provider, ProviderUser> = {
    twitch: { id: '1001', name: 'StreamerSam', email: 'sam@twitch.example' },
    discord: { id: '2002', name: 'Sam on Discord', email: 'sam@discord.example' },
    google: { id: '3003', name: 'Sam G', email: 'sam@google.example' },
  };
  const codes = new Map<
    string,
    { provider: Provider; clientId: string; redirectUri: string; challenge?: string; used: boolean }
  >();
  const tokens = new Map<string, Provider>();
  const authorizeRequests: Record<string, string>[] = [];
  const app = express();
  app.use(express.urlencoded({ extended: false }));

  const authorize = (provider: Provider) => (req: express.Request, res: express.Response) => {
    const query = req.query as Record<string, string>;
    authorizeRequests.push(query);
    if (query.response_type !== 'code' || !query.client_id || !query.redirect_uri) {
      res.status(400).send('bad authorize request');
      return;
    }
    const code = randomBytes(16).toString('hex');
    codes.set(code, {
      provider,
      clientId: query.client_id,
      redirectUri: query.redirect_uri,
      ...(query.code_challenge ? { challenge: query.code_challenge } : {}),
      used: false,
    });
    const target = new URL(query.redirect_uri);
    target.searchParams.set('code', code);
    if (query.state) target.searchParams.set('state', query.state);
    res.redirect(302, target.toString());
  };
  const token = (provider: Provider) => (req: express.Request, res: express.Response) => {
    const body = req.body as Record<string, string>;
    const entry = codes.get(body.code ?? '');
    const refuse = (error: string) => res.status(400).json({ error });
    if (body.grant_type !== 'authorization_code' || !entry || entry.provider !== provider)
      return refuse('invalid_grant');
    if (entry.used) return refuse('invalid_grant');
    entry.used = true;
    if (entry.clientId !== body.client_id || entry.redirectUri !== body.redirect_uri)
      return refuse('invalid_grant');
    if (entry.challenge) {
      const verifier = body.code_verifier ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== entry.challenge)
        return refuse('invalid_grant');
    } else if (body.code_verifier !== undefined) {
      // Stricter than some providers, so a client that invents a verifier is caught here.
      return refuse('invalid_request');
    }
    const accessToken = randomBytes(16).toString('hex');
    tokens.set(accessToken, provider);
    res.json({ access_token: accessToken, token_type: 'bearer', expires_in: 3600 });
  };
  const profile =
    (provider: Provider, shape: (user: ProviderUser) => unknown) =>
    (req: express.Request, res: express.Response) => {
      const bearer = /^Bearer (\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
      if (!bearer || tokens.get(bearer) !== provider) {
        res.status(401).json({ error: 'invalid_token' });
        return;
      }
      res.json(shape(users[provider]));
    };

  app.get('/twitch/oauth2/authorize', authorize('twitch'));
  app.post('/twitch/oauth2/token', token('twitch'));
  app.get(
    '/twitch/helix/users',
    profile('twitch', (u) => ({
      data: [{ id: u.id, login: u.name.toLowerCase(), display_name: u.name, email: u.email }],
    })),
  );
  app.get('/discord/oauth2/authorize', authorize('discord'));
  app.post('/discord/oauth2/token', token('discord'));
  app.get(
    '/discord/users/@me',
    profile('discord', (u) => ({
      id: u.id,
      username: u.name.toLowerCase(),
      global_name: u.name,
      email: u.email,
      verified: true,
    })),
  );
  app.get('/google/o/oauth2/v2/auth', authorize('google'));
  app.post('/google/oauth2/v4/token', token('google'));
  app.get(
    '/google/oauth2/v3/userinfo',
    profile('google', (u) => ({ sub: u.id, name: u.name, email: u.email, email_verified: true })),
  );

  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env: Record<string, string> = {};
  for (const provider of ['twitch', 'discord', 'google'] as const) {
    const upper = provider.toUpperCase();
    env[`${upper}_CLIENT_ID`] = `${provider}-client`;
    env[`${upper}_CLIENT_SECRET`] = `${provider}-secret`;
    env[`${upper}_AUTH_URL`] = `${url}/${provider}`;
    env[`${upper}_API_URL`] = `${url}/${provider}`;
  }
  return {
    url,
    users,
    env,
    authorizeRequests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A cookie jar for fetch: keeps what servers set, sends it back to the same host. */
export function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    cookies,
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    take(response: Response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair, ...attributes] = line.split(';');
        const [name, ...rest] = pair!.split('=');
        const value = rest.join('=');
        const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
        if (expired) cookies.delete(name!.trim());
        else cookies.set(name!.trim(), value);
      }
    },
    async fetch(url: string, init: RequestInit = {}): Promise<Response> {
      const response = await fetch(url, {
        redirect: 'manual',
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          ...(cookies.size ? { cookie: this.header() } : {}),
        },
      });
      this.take(response);
      return response;
    },
  };
}

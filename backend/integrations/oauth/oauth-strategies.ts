import type { Strategy as PassportStrategy } from 'passport';
import { Strategy as DiscordStrategy } from 'passport-discord';
import { Strategy as GoogleStrategy } from 'passport-google-oauth20';
import { InternalOAuthError, type StateStore, type VerifyCallback } from 'passport-oauth2';
import { Strategy as TwitchStrategy } from 'passport-twitch-new';
import type { Config } from '../../config.ts';
import type { OAuthProvider, ProviderProfile } from '../../domain/auth/auth-types.ts';

/** The public hosts each provider uses; `*_AUTH_URL` / `*_API_URL` replace them (tests, proxies). */
export const PROVIDER_DEFAULTS: Record<OAuthProvider, { authUrl: string; apiUrl: string }> = {
  twitch: { authUrl: 'https://id.twitch.tv', apiUrl: 'https://api.twitch.tv' },
  discord: { authUrl: 'https://discord.com/api', apiUrl: 'https://discord.com/api' },
  google: { authUrl: 'https://accounts.google.com', apiUrl: 'https://www.googleapis.com' },
};

function join(base: string, path: string): string {
  return `${base.replace(/\/$/, '')}${path}`;
}

type ProfileDone = (error: unknown, profile?: ProviderProfile) => void;

function fetchJson(
  strategy: { _oauth2: { get(url: string, token: string, cb: (e: unknown, body?: unknown) => void): void } },
  url: string,
  accessToken: string,
  done: (error: unknown, json?: Record<string, unknown>) => void,
): void {
  strategy._oauth2.get(url, accessToken, (error, body) => {
    if (error) return done(new InternalOAuthError('Failed to fetch the user profile', error));
    try {
      done(null, JSON.parse(String(body)) as Record<string, unknown>);
    } catch (cause) {
      done(cause);
    }
  });
}

/** passport-twitch-new with its profile URL (hard-coded upstream) taken from configuration. */
class ConfigurableTwitchStrategy extends TwitchStrategy {
  constructor(
    options: ConstructorParameters<typeof TwitchStrategy>[0],
    verify: ConstructorParameters<typeof TwitchStrategy>[1],
    private readonly profileUrl: string,
  ) {
    super(options, verify);
  }

  override userProfile(accessToken: string, done: ProfileDone): void {
    fetchJson(this as never, this.profileUrl, accessToken, (error, json) => {
      const user = (json?.data as Record<string, unknown>[] | undefined)?.[0];
      if (error || !user) return done(error ?? new Error('Twitch returned no user'));
      done(null, {
        provider: 'twitch',
        providerUserId: String(user.id),
        displayName: String(user.display_name ?? user.login ?? ''),
        email: typeof user.email === 'string' ? user.email.toLowerCase() : null,
      });
    });
  }
}

/** passport-discord with a configurable profile URL; guilds and connections are never fetched. */
class ConfigurableDiscordStrategy extends DiscordStrategy {
  constructor(
    options: ConstructorParameters<typeof DiscordStrategy>[0],
    verify: ConstructorParameters<typeof DiscordStrategy>[1],
    private readonly profileUrl: string,
  ) {
    super(options, verify);
  }

  override userProfile(accessToken: string, done: ProfileDone): void {
    fetchJson(this as never, this.profileUrl, accessToken, (error, user) => {
      if (error || !user?.id) return done(error ?? new Error('Discord returned no user'));
      done(null, {
        provider: 'discord',
        providerUserId: String(user.id),
        displayName: String(user.global_name ?? user.username ?? ''),
        email: typeof user.email === 'string' && user.verified !== false ? user.email.toLowerCase() : null,
      });
    });
  }
}

/** Google's profile as our ProviderProfile; only a verified email counts. */
class ConfigurableGoogleStrategy extends GoogleStrategy {
  constructor(
    options: ConstructorParameters<typeof GoogleStrategy>[0],
    verify: ConstructorParameters<typeof GoogleStrategy>[1],
    private readonly profileUrl: string,
  ) {
    super(options, verify);
    // The token goes in a header, never in the URL where proxies and logs would keep it.
    (
      this as unknown as { _oauth2: { useAuthorizationHeaderforGET(on: boolean): void } }
    )._oauth2.useAuthorizationHeaderforGET(true);
  }

  override userProfile(accessToken: string, done: ProfileDone): void {
    fetchJson(this as never, this.profileUrl, accessToken, (error, user) => {
      if (error || !user?.sub) return done(error ?? new Error('Google returned no user'));
      done(null, {
        provider: 'google',
        providerUserId: String(user.sub),
        displayName: String(user.name ?? user.email ?? ''),
        email:
          typeof user.email === 'string' && user.email_verified === true ? user.email.toLowerCase() : null,
      });
    });
  }
}

/** The configured OAuth providers (those with a client id and secret), each as a passport strategy. */
export function createOAuthStrategies(
  config: Config,
  stateStore: (provider: OAuthProvider) => StateStore,
): Map<OAuthProvider, PassportStrategy> {
  const env = config.raw;
  // The profile a strategy loaded is all we need: no tokens are kept.
  const verify = (_access: string, _refresh: string, profile: ProviderProfile, done: VerifyCallback) =>
    done(null, profile as never);
  const strategies = new Map<OAuthProvider, PassportStrategy>();
  // The callback URL is set per request (creators on PUBLIC_URL, fans on WIDGET_ORIGIN).
  const callbackURL = '/auth/callback-set-per-request';
  if (env.TWITCH_CLIENT_ID && env.TWITCH_CLIENT_SECRET) {
    const authUrl = env.TWITCH_AUTH_URL ?? PROVIDER_DEFAULTS.twitch.authUrl;
    const apiUrl = env.TWITCH_API_URL ?? PROVIDER_DEFAULTS.twitch.apiUrl;
    strategies.set(
      'twitch',
      new ConfigurableTwitchStrategy(
        {
          clientID: env.TWITCH_CLIENT_ID,
          clientSecret: env.TWITCH_CLIENT_SECRET,
          callbackURL,
          authorizationURL: join(authUrl, '/oauth2/authorize'),
          tokenURL: join(authUrl, '/oauth2/token'),
          scope: 'user:read:email',
          state: true,
          store: stateStore('twitch'),
        } as never,
        verify as never,
        join(apiUrl, '/helix/users'),
      ),
    );
  }
  if (env.DISCORD_CLIENT_ID && env.DISCORD_CLIENT_SECRET) {
    const authUrl = env.DISCORD_AUTH_URL ?? PROVIDER_DEFAULTS.discord.authUrl;
    const apiUrl = env.DISCORD_API_URL ?? PROVIDER_DEFAULTS.discord.apiUrl;
    strategies.set(
      'discord',
      new ConfigurableDiscordStrategy(
        {
          clientID: env.DISCORD_CLIENT_ID,
          clientSecret: env.DISCORD_CLIENT_SECRET,
          callbackURL,
          authorizationURL: join(authUrl, '/oauth2/authorize'),
          tokenURL: join(authUrl, '/oauth2/token'),
          scope: ['identify', 'email'],
          state: true,
          pkce: true,
          store: stateStore('discord'),
        } as never,
        verify as never,
        join(apiUrl, '/users/@me'),
      ),
    );
  }
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    const authUrl = env.GOOGLE_AUTH_URL ?? PROVIDER_DEFAULTS.google.authUrl;
    const apiUrl = env.GOOGLE_API_URL ?? PROVIDER_DEFAULTS.google.apiUrl;
    strategies.set(
      'google',
      new ConfigurableGoogleStrategy(
        {
          clientID: env.GOOGLE_CLIENT_ID,
          clientSecret: env.GOOGLE_CLIENT_SECRET,
          callbackURL,
          authorizationURL: join(authUrl, '/o/oauth2/v2/auth'),
          tokenURL: join(apiUrl, '/oauth2/v4/token'),
          userProfileURL: join(apiUrl, '/oauth2/v3/userinfo'),
          scope: ['openid', 'email', 'profile'],
          state: true,
          pkce: true,
          store: stateStore('google'),
        } as never,
        verify as never,
        join(apiUrl, '/oauth2/v3/userinfo'),
      ),
    );
  }
  return strategies;
}

import { createHmac, randomBytes } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { Authenticator, type Strategy } from 'passport';
import type { StateStore } from 'passport-oauth2';
import type { Config } from '../config.ts';
import type { OAuthProvider } from '../domain/auth/auth-types.ts';
import { createOAuthStrategies } from '../integrations/oauth/oauth-strategies.ts';

const STATE_TTL_MS = 10 * 60 * 1000;

/** Where a sign-in started and where it goes back to; carried through the provider in a signed cookie. */
export interface SignInState {
  /** `creator`: a console session on PUBLIC_URL; `fan`: a fan token for one app, in a popup on WIDGET_ORIGIN. */
  kind: 'creator' | 'fan';
  appId?: string | undefined;
  /** The exact origin the fan popup posts its result to. */
  opener?: string | undefined;
  /** Add the provider to the signed-in creator instead of signing in. */
  link?: boolean | undefined;
}

export interface SignInKit {
  passport: InstanceType<typeof Authenticator>;
  providers: readonly OAuthProvider[];
  /** The secret cookie-parser signs cookies with. */
  cookieSecret: string;
  cookieNames: {
    session: string;
    oauthState: string;
    fanOAuthState: string;
    /** The email link's browser binding on PUBLIC_URL (creators) and on WIDGET_ORIGIN (fans). */
    magicNonce: string;
    fanMagicNonce: string;
  };
  cookieOptions(origin: string, maxAgeMs?: number): CookieOptions;
  csrfToken(req: Request, res: Response): string;
  csrfValid(req: Request): boolean;
}

function secureOrigin(origin: string): boolean {
  return origin.startsWith('https://');
}

/**
 * passport-oauth2 keeps `state` (and the PKCE verifier) in a server session by default; we have none
 * on these flows, so both travel in a short-lived signed, httpOnly cookie of the browser that started
 * the sign-in. The state in the URL must match the cookie, and the cookie is cleared on first use.
 */
function cookieStateStore(kit: Pick<SignInKit, 'cookieNames' | 'cookieOptions'>, config: Config) {
  return (provider: OAuthProvider): StateStore => {
    const cookieName = (req: Request) =>
      req.res?.locals.signInState?.kind === 'fan' || req.path.startsWith('/auth/fan/')
        ? kit.cookieNames.fanOAuthState
        : kit.cookieNames.oauthState;
    const originOf = (req: Request) =>
      cookieName(req) === kit.cookieNames.fanOAuthState ? config.widgetOrigin : config.publicUrl;
    return {
      store(
        req: Request,
        verifier: string,
        _state: unknown,
        _meta: unknown,
        callback: (error: Error | null, handle?: string) => void,
      ) {
        const handle = randomBytes(24).toString('base64url');
        const value = JSON.stringify({
          h: handle,
          v: verifier,
          p: provider,
          s: req.res?.locals.signInState as SignInState,
        });
        req.res!.cookie(cookieName(req), value, {
          ...kit.cookieOptions(originOf(req), STATE_TTL_MS),
          signed: true,
        });
        callback(null, handle);
      },
      verify(
        req: Request,
        providedState: string,
        _meta: unknown,
        callback: (error: Error | null, ok?: string | boolean, state?: unknown) => void,
      ) {
        const raw = (req.signedCookies as Record<string, unknown> | undefined)?.[cookieName(req)];
        req.res!.clearCookie(cookieName(req), kit.cookieOptions(originOf(req)));
        let saved: { h?: string; v?: string; p?: string; s?: SignInState } | undefined;
        try {
          saved = typeof raw === 'string' ? JSON.parse(raw) : undefined;
        } catch {
          saved = undefined;
        }
        if (!saved || !providedState || saved.h !== providedState || saved.p !== provider || !saved.s) {
          callback(null, false, {
            message:
              'This sign-in was not started in this browser, was already finished, or took longer than 10 minutes.',
          });
          return;
        }
        req.res!.locals.signInState = saved.s;
        // passport-oauth2 sends any string it gets back here as `code_verifier`, so a provider
        // without PKCE must get `true`, never a placeholder string.
        callback(null, typeof saved.v === 'string' && saved.v ? saved.v : true, saved.s);
      },
    } as unknown as StateStore;
  };
}

/** The sign-in machinery for one process: passport strategies, cookie names and options, CSRF. */
export function createSignInKit(config: Config, serverSecret: string): SignInKit {
  const derive = (purpose: string) =>
    createHmac('sha256', serverSecret).update(`patchbay:${purpose}`).digest('base64url');
  const secure = secureOrigin(config.publicUrl);
  const prefix = secure ? '__Host-' : '';
  const widgetPrefix = secureOrigin(config.widgetOrigin) ? '__Host-' : '';
  const cookieNames = {
    session: `${prefix}pb_session`,
    oauthState: `${prefix}pb_oauth`,
    fanOAuthState: `${widgetPrefix}pb_fan_oauth`,
    magicNonce: `${prefix}pb_email_nonce`,
    fanMagicNonce: `${widgetPrefix}pb_fan_email_nonce`,
  };
  const cookieOptions = (origin: string, maxAgeMs?: number): CookieOptions => ({
    httpOnly: true,
    sameSite: 'lax',
    secure: secureOrigin(origin),
    path: '/',
    ...(maxAgeMs ? { maxAge: maxAgeMs } : {}),
  });
  const csrf = doubleCsrf({
    getSecret: () => derive('csrf'),
    getSessionIdentifier: (req) =>
      String((req.cookies as Record<string, string> | undefined)?.[cookieNames.session] ?? ''),
    cookieName: `${prefix}pb_csrf`,
    cookieOptions: { sameSite: 'lax', secure, path: '/', httpOnly: true },
    getCsrfTokenFromRequest: (req) => req.get('x-csrf-token'),
  });
  const kit: SignInKit = {
    passport: new Authenticator(),
    providers: [],
    cookieSecret: derive('cookies'),
    cookieNames,
    cookieOptions,
    // Reused while it matches the session, so a second tab asking for it leaves the first tab's token valid.
    csrfToken: (req, res) => csrf.generateCsrfToken(req, res),
    csrfValid: (req) => csrf.validateRequest(req),
  };
  const strategies = createOAuthStrategies(config, cookieStateStore(kit, config));
  for (const [name, strategy] of strategies) kit.passport.use(name, strategy as Strategy);
  return { ...kit, providers: [...strategies.keys()] };
}

import { randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { originAllowed } from '../../domain/apps/app-types.ts';
import { OAUTH_PROVIDERS, type OAuthProvider, type ProviderProfile } from '../../domain/auth/auth-types.ts';
import { consumeMagicLink } from '../../domain/auth/consume-magic-link.ts';
import { listSessions } from '../../domain/auth/list-sessions.ts';
import {
  requestMagicLink,
  ZRequestMagicLinkBody,
  MAGIC_LINK_TTL_MS,
} from '../../domain/auth/request-magic-link.ts';
import { resolveSession } from '../../domain/auth/resolve-session.ts';
import { revokeSession } from '../../domain/auth/revoke-session.ts';
import { newSecretToken } from '../../domain/auth/session-token.ts';
import { signInWithProfile } from '../../domain/auth/sign-in-with-profile.ts';
import { signOutEverywhere } from '../../domain/auth/sign-out-everywhere.ts';
import { SESSION_TTL_MS, startSession } from '../../domain/auth/start-session.ts';
import { unlinkIdentity } from '../../domain/auth/unlink-identity.ts';
import { AppError } from '../../domain/errors.ts';
import { escapeHtml } from '../../domain/escape-html.ts';
import {
  signInMethodsFor,
  ZIdentityRequirement,
  type FanProvider,
} from '../../domain/identity/fan-identity.ts';
import type { Config } from '../../config.ts';
import { defineOperation } from '../operation.ts';
import { ZProblem } from '../problem.ts';
import { pageSecurityHeaders, payWindowSecurityHeaders } from '../security-headers.ts';
import type { Services } from '../services.ts';
import { rateLimited } from '../rate-limit-middleware.ts';
import {
  FAN_SIGN_IN_LIMITS,
  FAN_TOKEN_ACCOUNT_LIMIT,
  MAGIC_LINK_EMAIL_LIMITS,
  SIGN_IN_ACCOUNT_LIMIT,
  SIGN_IN_IP_LIMITS,
} from '../rate-limits.ts';
import type { SignInState } from '../sign-in-kit.ts';
import { PROTOCOL_VERSION, type SignInToWidget } from '../../../embed-loader/protocol.ts';

const FAN_TOKEN_TTL_SECONDS = 60 * 60;
const ZOrigin = z.url({ protocol: /^https?$/ }).refine((value) => new URL(value).origin === value);

const ZSession = z.object({
  id: z.uuid(),
  provider: z.string().describe('How this session signed in: email, twitch, discord or google.'),
  userAgent: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  current: z.boolean().describe('This is the session making the call.'),
});

function page(res: Response, status: number, title: string, body: string, script?: string): void {
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><link rel="icon" href="data:,">${script ? `<script type="module" src="${escapeHtml(script)}"></script>` : ''}</head>
<body><main>${body}</main></body>
</html>`,
    );
}

function isProvider(value: string | undefined): value is OAuthProvider {
  return (OAUTH_PROVIDERS as readonly string[]).includes(value ?? '');
}

/** Runs a passport strategy with our callback: the profile it loaded, or why it failed. */
function runStrategy(
  services: Services,
  provider: OAuthProvider,
  callbackURL: string,
  req: Request,
  res: Response,
  next: NextFunction,
  done: (profile: ProviderProfile | undefined, reason: string) => void,
): void {
  // passport-oauth2 reads `callbackURL` from the options, though passport's types do not list it.
  services.signIn.passport.authenticate(
    provider as string,
    { session: false, callbackURL } as never,
    (error: unknown, profile: ProviderProfile | false, info: { message?: string } | undefined) => {
      if (error) {
        req.log.warn({ err: error, provider }, 'sign-in refused by the provider');
        done(
          undefined,
          'The provider did not confirm this sign-in (the code may have been used already). Try again.',
        );
        return;
      }
      done(
        profile || undefined,
        info?.message ?? 'The sign-in was cancelled or could not be checked. Try again.',
      );
    },
  )(req, res, next);
}

async function beginCreatorSession(
  services: Services,
  req: Request,
  res: Response,
  profile: ProviderProfile,
) {
  const current = await resolveSession({
    sessions: services.platform.sessions,
    token: (req.cookies as Record<string, string>)[services.signIn.cookieNames.session],
  });
  const state = res.locals.signInState as SignInState | undefined;
  const { user } = await signInWithProfile({
    platform: services.platform,
    profile,
    linkToUserId: state?.link ? current?.userId : undefined,
    asCreator: true,
  });
  if (state?.link && current) return;
  const { token } = await startSession({
    sessions: services.platform.sessions,
    userId: user.id,
    provider: profile.provider,
    userAgent: req.get('user-agent'),
  });
  res.cookie(
    services.signIn.cookieNames.session,
    token,
    services.signIn.cookieOptions(services.config.publicUrl, SESSION_TTL_MS),
  );
}

/** Counts one sign-in of the account the provider vouched for; throws the limiter's 429 past its limit. */
async function countAccountSignIn(services: Services, profile: ProviderProfile): Promise<void> {
  await services.rateLimits
    .limiter(SIGN_IN_ACCOUNT_LIMIT)
    .consume(`account:${profile.provider}:${profile.providerUserId}`);
}

/** The wait a rate limit asks for, if `error` is its refusal (the caller then answers 429 itself). */
function retryAfterOf(error: unknown): number | undefined {
  const seconds =
    error instanceof AppError && error.code === 'rate_limited' && error.extra?.retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : undefined;
}

function tooManyText(retryAfterSeconds: number): string {
  return `Too many sign-ins in a short time. Try again in ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} minute(s).`;
}

/** How sign-in links go out: by SMTP; without it only a development server writes them to its log. */
function emailDelivery(config: Config): 'email' | 'server-log' | 'off' {
  if (config.raw.SMTP_URL) return 'email';
  return config.env === 'development' ? 'server-log' : 'off';
}

const EMAIL_OFF_DETAIL =
  'This server sends no email, so it cannot send sign-in links: its operator sets SMTP_URL (smtp://user:pass@host:587) to turn them on. Only a development server (NODE_ENV=development) writes the links to its log instead.';

/** What the email link's cookie carries: the nonce binding the link to this browser, and where it leads. */
interface EmailLinkState {
  nonce: string;
  /** Creators: add the email to the signed-in user instead of signing in. */
  link?: boolean | undefined;
  /** Fans: the app the token is for, and the popup (by its channel) waiting for it. */
  appId?: string | undefined;
  channel?: string | undefined;
}

/**
 * Emails a sign-in link for `email` that opens `callbackUrl`, and gives this browser the signed cookie
 * it must hold when the link is opened. Refused (503) where no email can go out; the answer is the
 * same whether or not the address has an account.
 */
async function sendEmailLink(
  services: Services,
  res: Response,
  email: unknown,
  target: { callbackUrl: string; cookieName: string; origin: string; state: Omit<EmailLinkState, 'nonce'> },
): Promise<'email' | 'server-log'> {
  if (emailDelivery(services.config) === 'off') {
    throw new AppError('unavailable', 'Email sign-in is off', EMAIL_OFF_DETAIL);
  }
  const nonce = newSecretToken();
  const { delivered } = await requestMagicLink({
    magicLinks: services.platform.magicLinks,
    mailer: services.mailer,
    input: { email: email as string },
    nonce,
    linkFor: (token) => `${target.callbackUrl}?token=${encodeURIComponent(token)}`,
  });
  res.cookie(target.cookieName, JSON.stringify({ ...target.state, nonce } satisfies EmailLinkState), {
    ...services.signIn.cookieOptions(target.origin, MAGIC_LINK_TTL_MS),
    signed: true,
  });
  return delivered ? 'email' : 'server-log';
}

function readEmailLinkState(req: Request, cookieName: string): EmailLinkState | undefined {
  const raw = (req.signedCookies as Record<string, unknown> | undefined)?.[cookieName];
  try {
    const state = typeof raw === 'string' ? (JSON.parse(raw) as EmailLinkState) : undefined;
    return typeof state?.nonce === 'string' ? state : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A form post from a page of `origin`, not from another site. Browsers say where a request comes from
 * in `Sec-Fetch-Site`; older ones only in `Origin` (which our pages' `no-referrer` policy turns into
 * `null` for their own forms, so that alone cannot accept them). A client that is no browser sends
 * neither, and has no cookies to abuse.
 */
function postedFrom(req: Request, origin: string): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const sent = req.get('origin');
  return sent === undefined || sent === origin;
}

/** HTML forms post `application/x-www-form-urlencoded`; a sign-in form is a few hundred bytes. */
const formBody = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 });

function emailForm(action: string, hidden: Record<string, string>, email = '', error?: string): string {
  return `<form method="post" action="${escapeHtml(action)}">${Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join(
      '',
    )}<p><label for="pb-email">Email address</label> <input id="pb-email" type="email" name="email" required autocomplete="email" maxlength="254" value="${escapeHtml(email)}"${error ? ' aria-invalid="true" aria-describedby="pb-email-error"' : ''}></p>${error ? `<p id="pb-email-error" role="alert">${escapeHtml(error)}</p>` : ''}<p><button type="submit">Email me a sign-in link</button></p></form>`;
}

function deliveryNote(delivery: 'email' | 'server-log' | 'off'): string {
  if (delivery === 'off')
    return '<p>Email links are off: this server has no mail server. Its operator can set <code>SMTP_URL</code> to turn them on.</p>';
  if (delivery === 'server-log')
    return '<p>No mail server is configured (<code>SMTP_URL</code>), so this development server writes the link to its log instead of sending it.</p>';
  return '<p>The link works once, for 15 minutes, in this browser.</p>';
}

const BAD_EMAIL = 'Enter an email address such as you@example.com.';

function refusedPage(res: Response, reason: string, status = 401): void {
  page(
    res,
    status,
    'Sign-in failed',
    `<h1>Sign-in failed</h1><p role="alert">${escapeHtml(reason)}</p><p><a href="/auth/sign-in">Start again</a></p>`,
  );
}

/** Creator sign-in on PUBLIC_URL: OAuth redirects and callbacks, email links, the signed-in page, sign-out. */
export function creatorSignInRoutes(services: Services): Router {
  const router = express.Router();
  const { signIn, config } = services;
  router.use('/auth', pageSecurityHeaders);
  /** The sign-in page: the providers, and the email form; `link` adds a method to the signed-in user. */
  const signInPage = (res: Response, link: boolean, status = 200, email = '', error?: string) => {
    const delivery = emailDelivery(config);
    const links = signIn.providers
      .map((provider) => {
        const name = `${provider[0]!.toUpperCase()}${provider.slice(1)}`;
        return `<li><a href="/auth/${provider}${link ? '?link=1' : ''}">${link ? `Add ${name}` : `Sign in with ${name}`}</a></li>`;
      })
      .join('');
    const title = link ? 'Add a sign-in method' : 'Sign in to Patchbay';
    page(
      res,
      status,
      title,
      `<h1>${title}</h1>${links ? `<ul>${links}</ul>` : '<p>No sign-in provider is configured on this server.</p>'}<h2>${link ? 'Add an email address' : 'Sign in with an email link'}</h2>${
        delivery === 'off' ? '' : emailForm('/auth/email', link ? { link: '1' } : {}, email, error)
      }${deliveryNote(delivery)}`,
    );
  };
  router.get('/auth/sign-in', (req, res) => {
    res.locals.route = '/auth/sign-in';
    signInPage(res, req.query.link === '1');
  });
  router.post(
    '/auth/email',
    formBody,
    rateLimited(services, [...SIGN_IN_IP_LIMITS, ...MAGIC_LINK_EMAIL_LIMITS]),
  );
  router.post('/auth/email', async (req, res, next) => {
    res.locals.route = '/auth/email';
    const form = (req.body ?? {}) as Record<string, unknown>;
    const link = form.link === '1';
    try {
      if (!postedFrom(req, config.publicUrl)) {
        refusedPage(res, 'This form can only be sent from this site’s own sign-in page.', 403);
        return;
      }
      if (!ZRequestMagicLinkBody.safeParse({ email: form.email }).success) {
        signInPage(res, link, 400, typeof form.email === 'string' ? form.email : '', BAD_EMAIL);
        return;
      }
      const delivery = await sendEmailLink(services, res, form.email, {
        callbackUrl: `${config.publicUrl}/auth/email/callback`,
        cookieName: signIn.cookieNames.magicNonce,
        origin: config.publicUrl,
        state: { link },
      });
      page(
        res,
        202,
        'Check your email',
        `<h1>Check your email</h1><p role="status">${
          delivery === 'email'
            ? 'If the address can receive mail, a sign-in link is on its way. Open it in this browser.'
            : 'No mail server is configured (SMTP_URL), so this development server wrote the sign-in link to its log. Open it in this browser.'
        }</p>`,
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'unavailable') {
        page(
          res,
          503,
          'Email sign-in is off',
          `<h1>Email sign-in is off</h1><p role="alert">${escapeHtml(error.detail)}</p>`,
        );
        return;
      }
      next(error);
    }
  });
  router.get('/auth/signed-in', async (req, res, next) => {
    res.locals.route = '/auth/signed-in';
    try {
      const session = await resolveSession({
        sessions: services.platform.sessions,
        token: (req.cookies as Record<string, string>)[signIn.cookieNames.session],
      });
      if (!session) {
        refusedPage(res, 'You are not signed in.');
        return;
      }
      const user = await services.platform.accounts.getUser(session.userId);
      const memberships = await services.platform.accounts.listMemberships(session.userId);
      page(
        res,
        200,
        'Signed in',
        `<h1>Signed in as <span id="pb-user">${escapeHtml(user?.displayName ?? user?.email ?? 'you')}</span></h1><ul>${memberships
          .map((m) => `<li>${escapeHtml(m.tenantName)} (${escapeHtml(m.role)})</li>`)
          .join('')}</ul>`,
      );
    } catch (error) {
      next(error);
    }
  });
  const limited = rateLimited(services, SIGN_IN_IP_LIMITS);
  router.get('/auth/email/callback', limited);
  router.get('/auth/email/callback', async (req, res, next) => {
    res.locals.route = '/auth/email/callback';
    try {
      const state = readEmailLinkState(req, signIn.cookieNames.magicNonce);
      const profile = await consumeMagicLink({
        magicLinks: services.platform.magicLinks,
        token: String(req.query.token ?? ''),
        nonce: state?.nonce,
      }).catch((error: unknown) => {
        if (error instanceof AppError) return error;
        throw error;
      });
      if (profile instanceof AppError) {
        refusedPage(res, profile.detail);
        return;
      }
      res.clearCookie(signIn.cookieNames.magicNonce, signIn.cookieOptions(config.publicUrl));
      res.locals.signInState = { kind: 'creator', link: state?.link === true } satisfies SignInState;
      await beginCreatorSession(services, req, res, profile);
      res.redirect(303, '/auth/signed-in');
    } catch (error) {
      next(error);
    }
  });
  router.get('/auth/:provider', limited);
  router.get('/auth/:provider', (req, res, next) => {
    const provider = req.params.provider;
    if (!isProvider(provider) || !signIn.providers.includes(provider)) {
      next();
      return;
    }
    res.locals.route = '/auth/{provider}';
    res.locals.signInState = { kind: 'creator', link: req.query.link === '1' } satisfies SignInState;
    runStrategy(services, provider, `${config.publicUrl}/auth/${provider}/callback`, req, res, next, () =>
      refusedPage(res, 'Could not start the sign-in.'),
    );
  });
  router.get('/auth/:provider/callback', limited);
  router.get('/auth/:provider/callback', (req, res, next) => {
    const provider = req.params.provider;
    if (!isProvider(provider) || !signIn.providers.includes(provider)) {
      next();
      return;
    }
    res.locals.route = '/auth/{provider}/callback';
    runStrategy(
      services,
      provider,
      `${config.publicUrl}/auth/${provider}/callback`,
      req,
      res,
      next,
      (profile, reason) => {
        const state = res.locals.signInState as SignInState | undefined;
        if (!profile || state?.kind !== 'creator') {
          refusedPage(res, reason);
          return;
        }
        countAccountSignIn(services, profile)
          .then(() => beginCreatorSession(services, req, res, profile))
          .then(() => res.redirect(303, '/auth/signed-in'))
          .catch((error: unknown) => {
            const retryAfter = retryAfterOf(error);
            if (retryAfter === undefined) return next(error);
            res.set('Retry-After', String(retryAfter));
            refusedPage(res, tooManyText(retryAfter), 429);
          });
      },
    );
  });
  return router;
}

/**
 * The fan behind a profile the provider (or an email link) vouched for, and a token for one app, as the
 * popup hands it to the widget; tokens per person are limited, whatever app or method asks.
 */
async function mintFanToken(
  services: Services,
  profile: ProviderProfile,
  appId: string,
): Promise<SignInToWidget['fan-signed-in']> {
  const { user } = await signInWithProfile({ platform: services.platform, profile });
  await services.rateLimits.limiter(FAN_TOKEN_ACCOUNT_LIMIT).consume(`user:${user.id}`);
  const token = await services.fanTokens.sign(
    {
      userId: user.id,
      appId,
      provider: profile.provider,
      displayName: profile.displayName,
      email: profile.email,
    },
    { ttlSeconds: FAN_TOKEN_TTL_SECONDS },
  );
  return {
    token,
    provider: profile.provider,
    displayName: profile.displayName,
    expiresAt: new Date(Date.now() + FAN_TOKEN_TTL_SECONDS * 1000).toISOString(),
  };
}

/**
 * The script of the fan popup's pages. The last page hands the result to the widget that opened the
 * popup, then closes it. An email link opens in a tab of its own, with no opener: its page passes the
 * result over a BroadcastChannel (same origin only) to the popup waiting on that channel, which hands
 * it on. Both are top-level pages of the widget origin, so they share storage even where the frames
 * are partitioned.
 */
const FAN_DONE_SCRIPT = `const main = document.querySelector('[data-pb-result], [data-pb-wait]');
const target = main.dataset.pbOpener;
const channelName = (id) => 'pb-fan-email:' + id;
function deliver(result) {
  if (!window.opener || !target) return;
  window.opener.postMessage({ pb: ${PROTOCOL_VERSION}, type: result.type, id: crypto.randomUUID(), payload: result.payload }, target);
  if (result.type === 'fan-signed-in') setTimeout(() => window.close(), 300);
}
if (main.dataset.pbWait) {
  const channel = new BroadcastChannel(channelName(main.dataset.pbWait));
  channel.addEventListener('message', (event) => {
    const result = event.data;
    if (event.origin !== location.origin || !result || !['fan-signed-in', 'fan-sign-in-failed'].includes(result.type)) return;
    channel.close();
    main.querySelector('[role=status]').textContent = result.type === 'fan-signed-in' ? 'Signed in. This window closes now.' : 'Sign-in failed.';
    deliver(result);
  });
} else {
  const result = JSON.parse(main.dataset.pbResult);
  if (main.dataset.pbChannel) {
    const channel = new BroadcastChannel(channelName(main.dataset.pbChannel));
    channel.postMessage(result);
    channel.close();
  } else {
    deliver(result);
  }
}
`;

/** The sign-in methods an app accepts: those meeting every identity rule it sets (none: all of them). */
function acceptedSignIns(config: unknown): FanProvider[] {
  const settings = (config ?? {}) as { identity?: unknown; moderation?: { identity?: unknown } };
  let accepted = signInMethodsFor(undefined);
  for (const rule of [settings.identity, settings.moderation?.identity]) {
    const parsed = ZIdentityRequirement.safeParse(rule);
    if (rule !== undefined && parsed.success) {
      const methods = signInMethodsFor(parsed.data);
      accepted = accepted.filter((method) => methods.includes(method));
    }
  }
  return accepted;
}

/**
 * Fan sign-in on WIDGET_ORIGIN, in a top-level popup the widget opens: `/auth/fan/<provider>?app=<id>&opener=<origin>`.
 * The last page posts the app-bound fan token to the opener at exactly `opener` (the widget frame's
 * origin, or an allowed site for an inline widget). No cookie of the host page is involved.
 */
export function fanSignInRoutes(services: Services): Router {
  const router = express.Router();
  const { signIn, config } = services;
  router.use('/auth/fan', payWindowSecurityHeaders(config.publicUrl, { forms: true }));
  router.get('/auth/fan/done.js', (_req, res) => {
    res.locals.route = '/auth/fan/done.js';
    res.type('text/javascript').set('Cache-Control', 'public, max-age=300').send(FAN_DONE_SCRIPT);
  });
  const finish = (
    res: Response,
    status: number,
    opener: string | undefined,
    type: string,
    payload: unknown,
    text: string,
  ) =>
    page(
      res,
      status,
      status === 200 ? 'Signed in' : 'Sign-in failed',
      `<div data-pb-result="${escapeHtml(JSON.stringify({ type, payload }))}" data-pb-opener="${escapeHtml(opener ?? '')}"><p role="status">${escapeHtml(text)}</p></div>`,
      '/auth/fan/done.js',
    );
  // Per app: the popup names its app in `app`; the callback's app is in the signed state, so the
  // callback counts per address only.
  const fanAppOf = (req: Request) => {
    const appId = z.uuid().safeParse(req.query.app);
    return appId.success ? appId.data : undefined;
  };
  /**
   * The app a popup signs in for and the origin it reports to, checked: the app exists and `opener`
   * is the widget origin (iframe mode) or one of the app's sites (inline mode). Otherwise the refusal
   * page is sent and nothing is returned.
   */
  const popupTarget = async (res: Response, appParam: unknown, openerParam: unknown, valid = true) => {
    const appId = z.uuid().safeParse(appParam);
    const opener = ZOrigin.safeParse(openerParam);
    const app = appId.success ? await services.platform.findPublicApp(appId.data) : undefined;
    if (!valid || !app || !opener.success) {
      page(
        res,
        404,
        'Sign-in unavailable',
        '<p role="alert">This sign-in link is not valid for this widget.</p>',
      );
      return undefined;
    }
    if (opener.data !== config.widgetOrigin && !originAllowed(app.allowedOrigins, opener.data)) {
      page(
        res,
        403,
        'Sign-in unavailable',
        '<p role="alert">This site may not ask fans of this widget to sign in.</p>',
      );
      return undefined;
    }
    return { app, opener: opener.data };
  };
  const providerName = (method: FanProvider) => `${method[0]!.toUpperCase()}${method.slice(1)}`;
  /** The popup's first page: the sign-ins the app accepts, the email form among them where it may. */
  const choosePage = (
    res: Response,
    target: NonNullable<Awaited<ReturnType<typeof popupTarget>>>,
    status = 200,
    email = '',
    error?: string,
  ) => {
    const accepted = acceptedSignIns(target.app.config);
    const query = `app=${encodeURIComponent(target.app.id)}&opener=${encodeURIComponent(target.opener)}`;
    const links = signIn.providers
      .filter((provider) => accepted.includes(provider))
      .map(
        (provider) =>
          `<li><a href="/auth/fan/${provider}?${query}">Sign in with ${providerName(provider)}</a></li>`,
      )
      .join('');
    const delivery = emailDelivery(config);
    const emailPart = accepted.includes('email')
      ? `<h2>Sign in with an email link</h2>${
          delivery === 'off'
            ? ''
            : emailForm('/auth/fan/email', { app: target.app.id, opener: target.opener }, email, error)
        }${deliveryNote(delivery)}`
      : '';
    page(
      res,
      status,
      `Sign in to ${target.app.name}`,
      `<h1>Sign in to ${escapeHtml(target.app.name)}</h1>${links ? `<ul>${links}</ul>` : ''}${emailPart}${
        links || emailPart
          ? ''
          : '<p role="alert">None of the sign-ins this widget asks for is available on this server.</p>'
      }`,
    );
  };
  router.get('/auth/fan', rateLimited(services, FAN_SIGN_IN_LIMITS, fanAppOf));
  router.get('/auth/fan', async (req, res, next) => {
    res.locals.route = '/auth/fan';
    try {
      const target = await popupTarget(res, req.query.app, req.query.opener);
      if (target) choosePage(res, target);
    } catch (error) {
      next(error);
    }
  });
  const formAppOf = (req: Request) => {
    const appId = z.uuid().safeParse((req.body as Record<string, unknown> | undefined)?.app);
    return appId.success ? appId.data : undefined;
  };
  router.post(
    '/auth/fan/email',
    formBody,
    rateLimited(services, [...FAN_SIGN_IN_LIMITS, ...MAGIC_LINK_EMAIL_LIMITS], formAppOf),
  );
  router.post('/auth/fan/email', async (req, res, next) => {
    res.locals.route = '/auth/fan/email';
    const form = (req.body ?? {}) as Record<string, unknown>;
    try {
      if (!postedFrom(req, config.widgetOrigin)) {
        page(
          res,
          403,
          'Sign-in unavailable',
          '<p role="alert">This form can only be sent from the sign-in window.</p>',
        );
        return;
      }
      const target = await popupTarget(res, form.app, form.opener);
      if (!target) return;
      if (!acceptedSignIns(target.app.config).includes('email')) {
        page(
          res,
          403,
          'Sign-in unavailable',
          '<p role="alert">This widget asks for another kind of sign-in than an email link.</p>',
        );
        return;
      }
      if (!ZRequestMagicLinkBody.safeParse({ email: form.email }).success) {
        choosePage(res, target, 400, typeof form.email === 'string' ? form.email : '', BAD_EMAIL);
        return;
      }
      const channel = randomBytes(16).toString('base64url');
      const delivery = await sendEmailLink(services, res, form.email, {
        callbackUrl: `${config.widgetOrigin}/auth/fan/email/callback`,
        cookieName: signIn.cookieNames.fanMagicNonce,
        origin: config.widgetOrigin,
        state: { appId: target.app.id, channel },
      });
      page(
        res,
        202,
        'Check your email',
        `<div data-pb-wait="${escapeHtml(channel)}" data-pb-opener="${escapeHtml(target.opener)}"><h1>Check your email</h1><p role="status">${
          delivery === 'email'
            ? 'If the address can receive mail, a sign-in link is on its way. Open it in this browser and keep this window open: it finishes the sign-in.'
            : 'No mail server is configured (SMTP_URL), so this development server wrote the sign-in link to its log. Open it in this browser and keep this window open: it finishes the sign-in.'
        }</p></div>`,
        '/auth/fan/done.js',
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'unavailable') {
        page(res, 503, 'Email sign-in is off', `<p role="alert">${escapeHtml(error.detail)}</p>`);
        return;
      }
      next(error);
    }
  });
  router.get('/auth/fan/email/callback', rateLimited(services, SIGN_IN_IP_LIMITS));
  router.get('/auth/fan/email/callback', async (req, res, next) => {
    res.locals.route = '/auth/fan/email/callback';
    try {
      const state = readEmailLinkState(req, signIn.cookieNames.fanMagicNonce);
      const profile = await consumeMagicLink({
        magicLinks: services.platform.magicLinks,
        token: String(req.query.token ?? ''),
        nonce: state?.nonce,
      }).catch((error: unknown) => {
        if (error instanceof AppError) return error;
        throw error;
      });
      if (profile instanceof AppError || !state?.appId || !state.channel) {
        const reason =
          profile instanceof AppError
            ? profile.detail
            : 'This sign-in link was not asked for from a widget in this browser.';
        page(
          res,
          401,
          'Sign-in failed',
          `<h1>Sign-in failed</h1><p role="alert">${escapeHtml(reason)} Ask for a new link from the widget.</p>`,
        );
        return;
      }
      res.clearCookie(signIn.cookieNames.fanMagicNonce, signIn.cookieOptions(config.widgetOrigin));
      const minted = await mintFanToken(services, profile, state.appId);
      page(
        res,
        200,
        'Signed in',
        `<div data-pb-result="${escapeHtml(JSON.stringify({ type: 'fan-signed-in', payload: minted }))}" data-pb-channel="${escapeHtml(state.channel)}"><h1>Signed in</h1><p role="status">${escapeHtml(
          `Signed in as ${profile.displayName}. The sign-in window finishes in the widget; you can close this tab.`,
        )}</p></div>`,
        '/auth/fan/done.js',
      );
    } catch (error) {
      const retryAfter = retryAfterOf(error);
      if (retryAfter === undefined) return next(error);
      res.set('Retry-After', String(retryAfter));
      page(res, 429, 'Sign-in failed', `<p role="alert">${escapeHtml(tooManyText(retryAfter))}</p>`);
    }
  });
  router.get('/auth/fan/:provider', rateLimited(services, FAN_SIGN_IN_LIMITS, fanAppOf));
  router.get('/auth/fan/:provider', async (req, res, next) => {
    res.locals.route = '/auth/fan/{provider}';
    try {
      const provider = req.params.provider;
      const target = await popupTarget(
        res,
        req.query.app,
        req.query.opener,
        isProvider(provider) && signIn.providers.includes(provider),
      );
      if (!target || !isProvider(provider)) return;
      const { app, opener } = target;
      res.locals.signInState = { kind: 'fan', appId: app.id, opener } satisfies SignInState;
      runStrategy(
        services,
        provider,
        `${config.widgetOrigin}/auth/fan/${provider}/callback`,
        req,
        res,
        next,
        () => page(res, 500, 'Sign-in failed', '<p role="alert">Could not start the sign-in.</p>'),
      );
    } catch (error) {
      next(error);
    }
  });
  router.get('/auth/fan/:provider/callback', rateLimited(services, SIGN_IN_IP_LIMITS));
  router.get('/auth/fan/:provider/callback', (req, res, next) => {
    res.locals.route = '/auth/fan/{provider}/callback';
    const provider = req.params.provider;
    if (!isProvider(provider) || !signIn.providers.includes(provider)) {
      next();
      return;
    }
    runStrategy(
      services,
      provider,
      `${config.widgetOrigin}/auth/fan/${provider}/callback`,
      req,
      res,
      next,
      (profile, reason) => {
        const state = res.locals.signInState as SignInState | undefined;
        if (!profile || state?.kind !== 'fan' || !state.appId) {
          finish(res, 401, state?.opener, 'fan-sign-in-failed', { reason }, `Sign-in failed: ${reason}`);
          return;
        }
        countAccountSignIn(services, profile)
          .then(() => mintFanToken(services, profile, state.appId!))
          .then((minted) =>
            finish(
              res,
              200,
              state.opener,
              'fan-signed-in',
              minted,
              `Signed in as ${profile.displayName}. You can close this window.`,
            ),
          )
          .catch((error: unknown) => {
            const retryAfter = retryAfterOf(error);
            if (retryAfter === undefined) return next(error);
            res.set('Retry-After', String(retryAfter));
            const reason = tooManyText(retryAfter);
            finish(res, 429, state.opener, 'fan-sign-in-failed', { reason }, reason);
          });
      },
    );
  });
  return router;
}

export const signInOperations = [
  defineOperation({
    operationId: 'getSession',
    method: 'get',
    path: '/api/session',
    summary: 'Who is signed in',
    description:
      'The signed-in creator, their sign-in methods and creator accounts, and the CSRF token to send as `X-CSRF-Token` on every call that changes something.',
    tags: ['Sign-in'],
    auth: 'session',
    responses: {
      200: {
        description: 'The session.',
        schema: z.object({
          user: z.object({ id: z.uuid(), displayName: z.string().nullable(), email: z.string().nullable() }),
          identities: z.array(z.object({ id: z.uuid(), provider: z.string(), email: z.string().nullable() })),
          memberships: z.array(z.object({ tenantId: z.uuid(), tenantName: z.string(), role: z.string() })),
          csrfToken: z.string(),
        }),
      },
    },
    async handler({ services, user, req, res }) {
      const { accounts } = services.platform;
      const record = await accounts.getUser(user.userId);
      return {
        headers: { 'Cache-Control': 'no-store' },
        body: {
          user: { id: user.userId, displayName: record?.displayName ?? null, email: record?.email ?? null },
          identities: (await accounts.listIdentities(user.userId)).map(({ id, provider, email }) => ({
            id,
            provider,
            email,
          })),
          memberships: await accounts.listMemberships(user.userId),
          csrfToken: services.signIn.csrfToken(req, res),
        },
      };
    },
  }),
  defineOperation({
    operationId: 'listSessions',
    method: 'get',
    path: '/api/sessions',
    summary: 'List your signed-in browsers',
    tags: ['Sign-in'],
    auth: 'session',
    responses: {
      200: { description: 'Live sessions, newest first.', schema: z.object({ sessions: z.array(ZSession) }) },
    },
    async handler({ services, user }) {
      const sessions = await listSessions({
        sessions: services.platform.sessions,
        userId: user.userId,
        currentSessionId: user.session.id,
      });
      return {
        body: {
          sessions: sessions.map((s) => ({
            id: s.id,
            provider: s.provider,
            userAgent: s.userAgent,
            createdAt: s.createdAt.toISOString(),
            lastSeenAt: s.lastSeenAt.toISOString(),
            expiresAt: s.expiresAt.toISOString(),
            current: s.current,
          })),
        },
      };
    },
  }),
  defineOperation({
    operationId: 'revokeSession',
    method: 'delete',
    path: '/api/sessions/{sessionId}',
    summary: 'Sign one browser out',
    description: 'Takes effect at once. Revoke your current session to sign out.',
    tags: ['Sign-in'],
    auth: 'session',
    params: z.strictObject({ sessionId: z.uuid('sessionId must be a UUID') }),
    responses: { 204: { description: 'Signed out.' } },
    async handler({ services, user, params, res }) {
      await revokeSession({
        sessions: services.platform.sessions,
        userId: user.userId,
        sessionId: params.sessionId,
      });
      if (params.sessionId === user.session.id) {
        res.clearCookie(
          services.signIn.cookieNames.session,
          services.signIn.cookieOptions(services.config.publicUrl),
        );
      }
      return { status: 204 };
    },
  }),
  defineOperation({
    operationId: 'signOutEverywhere',
    method: 'post',
    path: '/api/sessions/revoke-all',
    summary: 'Sign out everywhere',
    description: 'Ends every session of the signed-in creator, this one included.',
    tags: ['Sign-in'],
    auth: 'session',
    responses: {
      200: { description: 'How many sessions ended.', schema: z.object({ revoked: z.number().int() }) },
    },
    async handler({ services, user, res }) {
      const revoked = await signOutEverywhere({ sessions: services.platform.sessions, userId: user.userId });
      res.clearCookie(
        services.signIn.cookieNames.session,
        services.signIn.cookieOptions(services.config.publicUrl),
      );
      return { body: { revoked } };
    },
  }),
  defineOperation({
    operationId: 'unlinkIdentity',
    method: 'delete',
    path: '/api/session/identities/{identityId}',
    summary: 'Remove a sign-in method',
    description:
      'Refused (409) for your last sign-in method. Link another one first (`/auth/<provider>?link=1`). Every session that signed in with this provider ends with it; if that includes this one, the session cookie is cleared.',
    tags: ['Sign-in'],
    auth: 'session',
    params: z.strictObject({ identityId: z.uuid('identityId must be a UUID') }),
    responses: { 204: { description: 'Removed.' } },
    async handler({ services, user, params, res }) {
      const { endedSessionIds } = await unlinkIdentity({
        platform: services.platform,
        userId: user.userId,
        identityId: params.identityId,
      });
      if (endedSessionIds.includes(user.session.id)) {
        res.clearCookie(
          services.signIn.cookieNames.session,
          services.signIn.cookieOptions(services.config.publicUrl),
        );
      }
      return { status: 204 };
    },
  }),
  defineOperation({
    operationId: 'requestMagicLink',
    method: 'post',
    path: '/api/auth/magic-link',
    summary: 'Email a sign-in link',
    description:
      'Sends a single-use link, good for 15 minutes, that works only in the browser that asked (it gets a cookie). The answer is the same whether or not the address has an account. With `link: true` the link adds the address as a sign-in method of the creator signed in when it is opened. Without `SMTP_URL` a development server (`NODE_ENV=development`) writes the link to its log, and `delivery` says so; any other server answers 503. The page `/auth/sign-in` has the same as a form.',
    tags: ['Sign-in'],
    auth: 'public',
    rateLimit: [...SIGN_IN_IP_LIMITS, ...MAGIC_LINK_EMAIL_LIMITS],
    body: ZRequestMagicLinkBody.extend({
      link: z
        .boolean()
        .optional()
        .describe('Add the address to the signed-in creator instead of signing in (needs the session then).'),
    }),
    bodyExample: { email: 'you@example.com' },
    responses: {
      202: {
        description: 'Accepted.',
        schema: z.object({
          delivery: z.enum(['email', 'server-log']),
          message: z.string(),
        }),
      },
      503: {
        description: 'This server sends no email (no `SMTP_URL`, and it is not a development server).',
        contentType: 'application/problem+json',
        schema: ZProblem,
      },
    },
    async handler({ services, body, res }) {
      const delivery = await sendEmailLink(services, res, body.email, {
        callbackUrl: `${services.config.publicUrl}/auth/email/callback`,
        cookieName: services.signIn.cookieNames.magicNonce,
        origin: services.config.publicUrl,
        state: { link: body.link === true },
      });
      return {
        status: 202,
        body:
          delivery === 'email'
            ? {
                delivery,
                message:
                  'If the address can receive mail, a sign-in link is on its way. Open it in this browser.',
              }
            : {
                delivery,
                message:
                  'No mail server is configured (SMTP_URL), so this development server wrote the sign-in link to its log. Open it in this browser.',
              },
      };
    },
  }),
];

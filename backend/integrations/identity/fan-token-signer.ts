import { createHmac } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../../domain/errors.ts';
import {
  FAN_PROVIDERS,
  type FanIdentity,
  type FanProvider,
  type FanTokenSigner,
} from '../../domain/identity/fan-identity.ts';

const ISSUER = 'patchbay';
const DEFAULT_TTL_SECONDS = 60 * 60;

function refuse(detail: string): AppError {
  return new AppError('unauthorized', 'Fan token refused', detail);
}

/** One fan-token key: its id (`kid`), and its secret, or none to derive it from the server secret. */
export interface FanTokenKey {
  id: string;
  secret?: string | undefined;
}

/**
 * Fan tokens as HS256 JWTs. Each key has an id (`kid`); `keys` lists the ones accepted, newest first,
 * and only the first signs — so a key is rotated by adding a new one in front and dropping the old one
 * once the longest token lifetime has passed. A key without its own secret is derived from the server
 * secret under its id.
 */
export function createFanTokenSigner({
  secret,
  keys: keyList = [{ id: 'fan-1' }],
  now = () => Date.now(),
}: {
  secret: string;
  keys?: readonly FanTokenKey[];
  now?: () => number;
}): FanTokenSigner {
  if (keyList.length === 0) throw new Error('createFanTokenSigner needs at least one key');
  const keys = new Map(
    keyList.map(({ id, secret: own }) => [
      id,
      own ? Buffer.from(own) : createHmac('sha256', secret).update(`patchbay:fan-token:${id}`).digest(),
    ]),
  );
  const signingKid = keyList[0]!.id;
  return {
    async sign(identity, { ttlSeconds = DEFAULT_TTL_SECONDS } = {}) {
      const issuedAt = Math.floor(now() / 1000);
      return new SignJWT({
        provider: identity.provider,
        name: identity.displayName,
        ...(identity.email ? { email: identity.email } : {}),
      })
        .setProtectedHeader({ alg: 'HS256', kid: signingKid, typ: 'pb-fan+jwt' })
        .setIssuer(ISSUER)
        .setSubject(identity.userId)
        .setAudience(`app:${identity.appId}`)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(keys.get(signingKid)!);
    },
    async verify(token, appId) {
      try {
        const { payload } = await jwtVerify(
          token,
          (header) => {
            const key = header.kid ? keys.get(header.kid) : undefined;
            if (!key)
              throw refuse('This fan token was signed with a key that is no longer accepted. Sign in again.');
            return key;
          },
          {
            issuer: ISSUER,
            audience: `app:${appId}`,
            algorithms: ['HS256'],
            typ: 'pb-fan+jwt',
            currentDate: new Date(now()),
          },
        );
        const provider = payload.provider as FanProvider;
        if (!payload.sub || !FAN_PROVIDERS.includes(provider))
          throw refuse('This fan token is malformed. Sign in again.');
        return {
          userId: payload.sub,
          appId,
          provider,
          displayName: typeof payload.name === 'string' ? payload.name : '',
          email: typeof payload.email === 'string' ? payload.email : null,
        } satisfies FanIdentity;
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (error instanceof errors.JWTExpired)
          throw refuse('This fan token has expired. Sign in again from the widget.');
        if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
          throw refuse('This fan token was issued for another app. Sign in again from this widget.');
        }
        throw refuse('This fan token is not valid. Sign in again from the widget.');
      }
    },
  };
}

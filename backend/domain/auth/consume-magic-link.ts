import { AppError } from '../errors.ts';
import type { MagicLinkStore, ProviderProfile } from './auth-types.ts';
import { hashSecretToken } from './session-token.ts';

/** Turns an opened sign-in link into the email identity it proves; used, expired or foreign links are refused. */
export async function consumeMagicLink({
  magicLinks,
  token,
  nonce,
  now = new Date(),
}: {
  magicLinks: MagicLinkStore;
  token: string;
  nonce: string | undefined;
  now?: Date;
}): Promise<ProviderProfile> {
  const found =
    nonce && token.length <= 100
      ? await magicLinks.consume(hashSecretToken(token), hashSecretToken(nonce), now)
      : undefined;
  if (!found) {
    throw new AppError(
      'unauthorized',
      'Sign-in link not accepted',
      'This sign-in link was already used, has expired, or was opened in a different browser from the one that asked for it. Ask for a new link in this browser.',
    );
  }
  return {
    provider: 'email',
    providerUserId: found.email,
    displayName: found.email.split('@')[0] ?? found.email,
    email: found.email,
  };
}

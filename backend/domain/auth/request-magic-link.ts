import { z } from 'zod';
import type { Mailer } from '../mail.ts';
import { parseOrThrow } from '../validation.ts';
import type { MagicLinkStore } from './auth-types.ts';
import { hashSecretToken, newSecretToken } from './session-token.ts';

export const MAGIC_LINK_TTL_MS = 15 * 60 * 1000;

export const ZRequestMagicLinkBody = z.strictObject({
  email: z
    .email('must be an email address such as you@example.com')
    .max(254)
    .transform((email) => email.trim().toLowerCase()),
});
export type TRequestMagicLinkBody = z.input<typeof ZRequestMagicLinkBody>;

/**
 * Emails a single-use sign-in link, good for 15 minutes and only in the browser holding `nonce` (the
 * caller sets it as a cookie). The same happens whether or not the address has an account, so the
 * answer reveals nothing; a first link for a new address creates the account when it is opened.
 */
export async function requestMagicLink({
  magicLinks,
  mailer,
  input,
  nonce,
  linkFor,
  now = new Date(),
}: {
  magicLinks: MagicLinkStore;
  mailer: Mailer;
  input: TRequestMagicLinkBody;
  nonce: string;
  /** The URL that opens the link, for its token. */
  linkFor: (token: string) => string;
  now?: Date;
}): Promise<{ delivered: boolean }> {
  const { email } = parseOrThrow(ZRequestMagicLinkBody, input, 'body');
  const token = newSecretToken();
  await magicLinks.insert({
    tokenHash: hashSecretToken(token),
    nonceHash: hashSecretToken(nonce),
    email,
    expiresAt: new Date(now.getTime() + MAGIC_LINK_TTL_MS),
  });
  const link = linkFor(token);
  const { delivered } = await mailer.send({
    to: email,
    subject: 'Your Patchbay sign-in link',
    text: `Open this link to sign in to Patchbay:\n\n${link}\n\nIt works once, for 15 minutes, in the browser where you asked for it. If you did not ask for it, ignore this email.`,
  });
  return { delivered };
}

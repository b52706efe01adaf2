import { z } from 'zod';

/**
 * Until fans sign in, a wallet is named by an opaque random token the widget keeps for the fan; it is
 * as secret as a password, so it is long and never listed anywhere.
 */
export const ZCreditHolder = z
  .string()
  .regex(
    /^[\w-]{16,100}$/,
    'must be 16-100 letters, digits, dashes or underscores (a random token the widget keeps)',
  );

/** The wallet scope for one app, and the one for all of a creator's apps. */
export const appScope = (appId: string) => appId;
export const CREATOR_SCOPE = '*';

import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';
import { signManageToken } from './sign-manage-token.ts';

/** The booking id a manage token names, if the token is genuine; refuses anything else the same way. */
export function verifyManageToken({ token, secret }: { token: string; secret: string }): string {
  const bookingId = token.split('.')[0] ?? '';
  const expected = /^[0-9a-f-]{36}$/.test(bookingId) ? signManageToken({ bookingId, secret }) : '';
  const given = Buffer.from(token);
  const wanted = Buffer.from(expected);
  if (!expected || given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    throw new AppError(
      'not_found',
      'Booking not found',
      'This manage link is not valid. Use the link from your confirmation email exactly as it was sent.',
    );
  }
  return bookingId;
}

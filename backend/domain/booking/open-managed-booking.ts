import { AppError } from '../errors.ts';
import type { PlatformStore, TenantStore } from '../ports.ts';
import type { BookingRecord } from './booking.types.ts';
import { verifyManageToken } from './verify-manage-token.ts';

/** The booking a manage link names and the store of the creator who owns it. */
export async function openManagedBooking({
  platform,
  token,
  secret,
}: {
  platform: PlatformStore;
  token: string;
  secret: string;
}): Promise<{ store: TenantStore; booking: BookingRecord }> {
  const bookingId = verifyManageToken({ token, secret });
  const tenantId = await platform.bookings.tenantOf(bookingId);
  const store = tenantId ? platform.forTenant(tenantId) : undefined;
  const booking = await store?.bookings.get(bookingId);
  if (!store || !booking) {
    throw new AppError('not_found', 'Booking not found', 'This booking no longer exists.');
  }
  return { store, booking };
}

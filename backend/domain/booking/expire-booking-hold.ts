import type { TenantStore } from '../ports.ts';
import { offerFreedSlot } from './offer-freed-slot.ts';

/**
 * The hold-expiry job: a hold still waiting for its payment when its time is up stops blocking the
 * slot, and the first fan waiting for that slot is offered it. Every lapsed hold of the creator is
 * expired at once (the booking transaction does the same), and whoever expires a hold makes the offer,
 * so a run that finds its hold already expired offers nothing twice. A payment that succeeds later may
 * still take the slot back while it is free (see confirmBookingPayment).
 */
export async function expireBookingHold({
  store,
  bookingId,
  now = new Date(),
}: {
  store: TenantStore;
  bookingId: string;
  now?: Date;
}): Promise<void> {
  const booking = await store.bookings.get(bookingId);
  if (!booking || booking.status !== 'held') return;
  await store.transaction(async (tx) => {
    for (const lapsed of await tx.bookings.expireStaleHolds(now)) {
      await offerFreedSlot({ store: tx, booking: lapsed, now });
    }
  });
}

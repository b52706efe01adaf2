import type { PersonalDataSource } from './personal-data-types.ts';

/**
 * Bookings made with the fan's email address: erasing removes the name, email and notes and keeps the
 * times and money (a seat was taken, a payment made).
 */
export const bookingPersonalData: PersonalDataSource = {
  kind: 'bookings',
  async list({ store, appId, userId }) {
    const rows = await store.fanRecords.listBookings(appId, userId);
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      summary: `Booking, ${row.status}, ${row.startsAt.toISOString()} to ${row.endsAt.toISOString()}`,
      details: { name: row.name, email: row.email, notes: row.notes },
    }));
  },
  erase: ({ store, appId, userId }) => store.fanRecords.eraseBookings(appId, userId),
};

import { ZBookingConfig, type TBookingConfig } from '../apps/app-types.ts';
import { AppError, notFound } from '../errors.ts';
import type { AppRecord, TenantStore } from '../ports.ts';
import type { TBookingAvailability, TEventType } from './booking.types.ts';

export interface BookingApp {
  app: AppRecord;
  config: TBookingConfig;
  /** The config's hours in the creator's zone, as slot computation takes them. */
  availability: TBookingAvailability;
  eventType(id: string): TEventType;
}

/** A booking app that takes bookings, with its config parsed; one place that refuses any other app. */
export async function readBookingApp({
  store,
  appId,
}: {
  store: TenantStore;
  appId: string;
}): Promise<BookingApp> {
  const app = await store.apps.get(appId);
  if (!app || app.type !== 'booking' || app.status === 'killed') throw notFound('Booking app', appId);
  const config = ZBookingConfig.parse(app.config);
  return {
    app,
    config,
    availability: { ...config.availability, timeZone: config.timeZone },
    eventType(id) {
      const found = config.eventTypes.find((type) => type.id === id);
      if (!found) {
        throw new AppError(
          'validation',
          'No such event type',
          `This calendar offers the event types ${config.eventTypes.map((type) => `"${type.id}"`).join(', ')}; pick one of them.`,
          { errors: [{ location: 'body', field: 'eventTypeId', message: 'not an event type of this app' }] },
        );
      }
      return found;
    },
  };
}

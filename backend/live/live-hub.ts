import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { PlatformStore } from '../domain/ports.ts';
import type { LiveEvent } from '../domain/tips/tip-types.ts';
import type { Logger } from '../logger.ts';

export const LIVE_EVENTS_CHANNEL = 'patchbay_live_events';
const ZNotice = z.object({ appId: z.uuid(), tenantId: z.uuid(), id: z.number().int() });
const PAGE = 500;

export type LiveListener = (events: LiveEvent[]) => void;

export interface LiveHub {
  /**
   * Calls `listener` with every live event of the app committed after the call resolves, in id order,
   * each once. Resolves once the hub knows where the app's log stands, so that a caller replaying
   * history up to now and then relying on the hub misses nothing.
   */
  subscribe(tenantId: string, appId: string, listener: LiveListener, end?: () => void): Promise<() => void>;
  /** Ends every open stream (at shutdown): clients reconnect, with Last-Event-ID, to another process. */
  endStreams(): void;
  subscriberCount(): number;
  stop(): Promise<void>;
}

interface Watched {
  tenantId: string;
  listeners: Set<LiveListener>;
  /** The last event id handed to the listeners; undefined until the app's log position is known. */
  last: number | undefined;
  ready: Promise<void>;
}

/**
 * One LISTEN per process for new live events (a trigger NOTIFYs on commit, from whichever process wrote
 * them), fanned out to this process's stream connections. Notices arriving together are coalesced and
 * each app's new events read once, however many clients watch it — so 2,000 overlays cost one query.
 *
 * A notice only says "this app has something new": the hub reads every event after the last one it
 * delivered. That is gap-free because ids are assigned in commit order per app (migration 0020), and
 * it also covers notices that never arrived — after the LISTEN connection was lost and reconnected,
 * every watched app is read again from where it stood.
 */
export async function startLiveHub({
  database,
  platform,
  logger,
}: {
  database: Database;
  platform: PlatformStore;
  logger: Logger;
}): Promise<LiveHub> {
  const apps = new Map<string, Watched>();
  const enders = new Set<() => void>();
  const dirty = new Set<string>();
  let flushing: Promise<void> | undefined;

  async function readNew(appId: string, watched: Watched): Promise<void> {
    const store = platform.forTenant(watched.tenantId);
    for (;;) {
      if (watched.last === undefined || apps.get(appId) !== watched) return;
      const events = await store.liveEvents.list(appId, { after: watched.last, limit: PAGE });
      if (events.length === 0) return;
      watched.last = events.at(-1)!.id;
      for (const listener of watched.listeners) listener(events);
      if (events.length < PAGE) return;
    }
  }

  async function flush(): Promise<void> {
    while (dirty.size > 0) {
      const batch = [...dirty];
      dirty.clear();
      for (const appId of batch) {
        const watched = apps.get(appId);
        if (watched) await readNew(appId, watched);
      }
    }
  }

  function schedule(appIds: Iterable<string>): void {
    for (const appId of appIds) dirty.add(appId);
    flushing ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(flush)
      .catch((error: unknown) => logger.error({ err: error }, 'live events could not be read'))
      .finally(() => {
        flushing = undefined;
        // Marked while the last read ran: read again rather than wait for the next notice.
        if (dirty.size > 0) schedule([]);
      });
  }

  const unlisten = await database.listen(
    LIVE_EVENTS_CHANNEL,
    (payload) => {
      let notice;
      try {
        notice = ZNotice.parse(JSON.parse(payload));
      } catch {
        return;
      }
      if (apps.has(notice.appId)) schedule([notice.appId]);
    },
    () => {
      logger.info({ apps: apps.size }, 'live events: listening again, catching up');
      schedule(apps.keys());
    },
  );

  function watch(tenantId: string, appId: string): Watched {
    const known = apps.get(appId);
    if (known) return known;
    const watched: Watched = { tenantId, listeners: new Set(), last: undefined, ready: Promise.resolve() };
    watched.ready = platform
      .forTenant(tenantId)
      .liveLog.lastId(appId)
      .then((last) => {
        watched.last = last;
        // Notices that came while the position was read wait no longer.
        schedule([appId]);
      });
    apps.set(appId, watched);
    return watched;
  }

  return {
    async subscribe(tenantId, appId, listener, end) {
      const watched = watch(tenantId, appId);
      watched.listeners.add(listener);
      if (end) enders.add(end);
      const unsubscribe = () => {
        if (end) enders.delete(end);
        watched.listeners.delete(listener);
        if (watched.listeners.size === 0 && apps.get(appId) === watched) apps.delete(appId);
      };
      try {
        await watched.ready;
      } catch (error) {
        unsubscribe();
        if (apps.get(appId) === watched) apps.delete(appId);
        throw error;
      }
      return unsubscribe;
    },
    endStreams() {
      for (const end of [...enders]) end();
    },
    subscriberCount: () => [...apps.values()].reduce((sum, entry) => sum + entry.listeners.size, 0),
    async stop() {
      await unlisten();
      await flushing;
    },
  };
}

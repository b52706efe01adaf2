import type { Request, Response } from 'express';
import { z } from 'zod';
import { AppError, notFound } from '../../domain/errors.ts';
import { authenticateOverlayKey } from '../../domain/live/authenticate-overlay-key.ts';
import { clearOverlay } from '../../domain/live/clear-overlay.ts';
import { createOverlayKey } from '../../domain/live/create-overlay-key.ts';
import { listOverlayKeys } from '../../domain/live/list-overlay-keys.ts';
import { replayLastAlert } from '../../domain/live/replay-last-alert.ts';
import { revokeOverlayKey } from '../../domain/live/revoke-overlay-key.ts';
import type { LiveReader, OverlayKeyRecord } from '../../domain/live/live-types.ts';
import { viewLiveEvent } from '../../domain/live/public-live-event.ts';
import type { TenantStore } from '../../domain/ports.ts';
import type { LiveEvent } from '../../domain/tips/tip-types.ts';
import { authenticate, defineOperation } from '../operation.ts';
import type { Services } from '../services.ts';

const ZAppParams = z.strictObject({ appId: z.uuid('appId must be a UUID') });
const ZKeyParams = z.strictObject({
  appId: z.uuid('appId must be a UUID'),
  keyId: z.uuid('keyId must be a UUID'),
});

const ZOverlayKey = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z
    .string()
    .describe('The public start of the key, to tell keys apart; the key itself is shown once.'),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

function presentOverlayKey(key: OverlayKeyRecord): z.infer<typeof ZOverlayKey> {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
const HEARTBEAT_MS = 15_000;
const REPLAY_PAGE = 500;

const ZStreamQuery = z.strictObject({
  key: z
    .string()
    .max(200)
    .optional()
    .describe('An overlay key (`pbo_…`), for clients that cannot send headers (EventSource, OBS).'),
  lastEventId: z
    .string()
    .regex(/^\d{1,18}$/, 'lastEventId must be the id of an event this stream sent')
    .optional()
    .describe('Resume after this event; the `Last-Event-ID` header does the same and wins.'),
});

/** Who is reading: the creator (API key or session, any event in full) or an overlay key (public view). */
async function streamReader(
  services: Services,
  req: Request,
  appId: string,
  overlayKey: string | undefined,
): Promise<{ store: TenantStore; reader: LiveReader }> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
  const token = overlayKey ?? (bearer?.startsWith('pbo_') ? bearer : undefined);
  if (token) {
    const key = await authenticateOverlayKey({
      findByPrefix: (prefix) => services.platform.findOverlayKeyByPrefix(prefix),
      token,
      appId,
    });
    return { store: services.platform.forTenant(key.tenantId), reader: { kind: 'overlay', keyId: key.id } };
  }
  const { tenant } = await authenticate(
    services,
    { scope: 'apps:read', operationId: 'streamAppEvents' },
    req,
  );
  if (!(await tenant.store.apps.get(appId))) throw notFound('App', appId);
  return { store: tenant.store, reader: { kind: 'creator' } };
}

function openStream(
  res: Response,
  reader: LiveReader,
): { send(events: LiveEvent[]): void; closed: () => boolean } {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 3000\n\n');
  // Ids grow in commit order per app, so each event is sent once and in order by never going back.
  let lastSent = 0;
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  return {
    closed: () => closed,
    send(events) {
      for (const event of [...events].sort((a, b) => a.id - b.id)) {
        if (closed || event.id <= lastSent) continue;
        lastSent = event.id;
        if (
          reader.kind === 'overlay' &&
          event.type === 'overlay.key_revoked' &&
          event.payload.keyId === reader.keyId
        ) {
          // The key stopped working: end the stream; the client's reconnect is refused.
          closed = true;
          res.end();
          return;
        }
        const view = viewLiveEvent(event, reader);
        if (view) res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(view)}\n\n`);
      }
    },
  };
}

export const liveOperations = [
  defineOperation({
    operationId: 'streamAppEvents',
    method: 'get',
    path: '/api/apps/{appId}/events',
    summary: "An app's live events as Server-Sent Events (overlay, console, automations)",
    description:
      'Authorise with an API key (`apps:read`) or a creator session to receive every event in full, or with an overlay key (`?key=pbo_…` or `Authorization: Bearer pbo_…`) to receive only what an overlay may show: tips and requests, moderated text, no contact details. Each event carries its id; reconnect with `Last-Event-ID` (browsers do it for you) to receive everything missed, in order. A comment line is sent every 15 s so proxies keep the connection open. Events raised in any backend process reach every stream (PostgreSQL LISTEN/NOTIFY).',
    tags: ['Live'],
    auth: 'public',
    appParam: 'appId',
    params: ZAppParams,
    query: ZStreamQuery,
    responses: {
      200: {
        description:
          'A `text/event-stream`: `id`, `event` (the type) and `data` (JSON: id, type, payload, createdAt).',
        contentType: 'text/event-stream',
      },
    },
    async handler({ services, params, query, req, res }) {
      const { store, reader } = await streamReader(services, req, params.appId, query.key);
      const header = req.get('last-event-id');
      if (header !== undefined && !/^\d{1,18}$/.test(header)) {
        throw new AppError(
          'validation',
          'Invalid Last-Event-ID',
          'Last-Event-ID must be the id of an event this stream sent.',
        );
      }
      const resumeAfter = header ?? query.lastEventId;
      // Listen first, replay second: events committed meanwhile wait in `early`, and none is sent twice.
      let early: LiveEvent[] | undefined = [];
      const unsubscribe = await services.liveHub.subscribe(
        store.tenantId,
        params.appId,
        (events) => {
          if (early) early.push(...events);
          // Only once the replay is done, so after `stream` exists.
          else stream.send(events);
        },
        () => res.end(),
      );
      if (req.destroyed) {
        unsubscribe();
        return { streamed: true };
      }
      const stream = openStream(res, reader);
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      res.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
      try {
        if (resumeAfter !== undefined) {
          let after = Number(resumeAfter);
          while (!stream.closed()) {
            const page = await store.liveEvents.list(params.appId, { after, limit: REPLAY_PAGE });
            stream.send(page);
            if (page.length < REPLAY_PAGE) break;
            after = page.at(-1)!.id;
          }
        }
      } finally {
        const waiting = early;
        early = undefined;
        stream.send(waiting);
      }
      return { streamed: true };
    },
  }),
  defineOperation({
    operationId: 'createOverlayKey',
    method: 'post',
    path: '/api/apps/{appId}/overlay-keys',
    summary: 'Create a key for the stream overlay of one app',
    description:
      'The key reads only that app’s public live events (it cannot change anything), so it can sit in an OBS browser-source URL. It is shown once; `overlayUrl` is ready to paste into OBS.',
    tags: ['Live'],
    auth: 'apiKey',
    scope: 'apps:write',
    params: ZAppParams,
    body: z.strictObject({ name: z.string().trim().min(1).max(80).default('Stream overlay') }),
    bodyExample: { name: 'OBS main scene' },
    responses: {
      201: {
        description: 'The key (shown once) and the overlay URL.',
        schema: z.object({
          id: z.uuid(),
          name: z.string(),
          prefix: z.string(),
          key: z.string(),
          overlayUrl: z.string(),
          createdAt: z.string(),
        }),
      },
    },
    async handler({ tenant, services, params, body }) {
      const { key, record } = await createOverlayKey({
        store: tenant.store,
        actor: tenant.actor,
        appId: params.appId,
        name: body.name,
      });
      return {
        status: 201,
        body: {
          id: record.id,
          name: record.name,
          prefix: record.prefix,
          key,
          overlayUrl: `${services.config.widgetOrigin}/overlay/${params.appId}#key=${key}`,
          createdAt: record.createdAt.toISOString(),
        },
      };
    },
  }),
  defineOperation({
    operationId: 'listOverlayKeys',
    method: 'get',
    path: '/api/apps/{appId}/overlay-keys',
    summary: "List an app's overlay keys",
    description:
      'Revoked keys are listed too, with when they stopped working. The keys themselves are never shown again.',
    tags: ['Live'],
    auth: 'apiKey',
    scope: 'apps:read',
    params: ZAppParams,
    responses: {
      200: { description: 'Oldest first.', schema: z.object({ keys: z.array(ZOverlayKey) }) },
    },
    async handler({ tenant, params }) {
      const keys = await listOverlayKeys({ store: tenant.store, appId: params.appId });
      return { body: { keys: keys.map(presentOverlayKey) } };
    },
  }),
  defineOperation({
    operationId: 'revokeOverlayKey',
    method: 'delete',
    path: '/api/apps/{appId}/overlay-keys/{keyId}',
    summary: 'Revoke an overlay key',
    description:
      'Takes effect at once: overlays using it stop receiving events (open streams end, new ones are refused). Create a new key for the OBS source that should keep working.',
    tags: ['Live'],
    auth: 'apiKey',
    scope: 'apps:write',
    params: ZKeyParams,
    responses: { 200: { description: 'The key, revoked.', schema: ZOverlayKey } },
    async handler({ tenant, params }) {
      const key = await revokeOverlayKey({
        store: tenant.store,
        actor: tenant.actor,
        appId: params.appId,
        keyId: params.keyId,
      });
      return { body: presentOverlayKey(key) };
    },
  }),
  defineOperation({
    operationId: 'replayOverlayAlert',
    method: 'post',
    path: '/api/apps/{appId}/overlay/replay',
    summary: 'Show the last alert on the overlay again',
    description:
      "Appends an `alert.replay` live event carrying the app's last tip or paid-request alert; every overlay of the app shows it again (next in its queue). 409 when there has been no alert yet.",
    tags: ['Live'],
    auth: 'apiKey',
    scope: 'apps:write',
    params: ZAppParams,
    responses: {
      202: {
        description: 'The replay is on its way to the overlays.',
        schema: z.object({ of: z.number().int().describe('The id of the event replayed.') }),
      },
    },
    async handler({ tenant, params }) {
      const replayed = await replayLastAlert({
        store: tenant.store,
        actor: tenant.actor,
        appId: params.appId,
      });
      return { status: 202, body: replayed };
    },
  }),
  defineOperation({
    operationId: 'clearOverlay',
    method: 'post',
    path: '/api/apps/{appId}/overlay/clear',
    summary: 'Clear the overlay',
    description:
      'Appends an `overlay.clear` live event: every overlay of the app drops the alerts still waiting and empties its "now playing / up next" panel.',
    tags: ['Live'],
    auth: 'apiKey',
    scope: 'apps:write',
    params: ZAppParams,
    responses: { 202: { description: 'The overlays are being cleared.' } },
    async handler({ tenant, params }) {
      await clearOverlay({ store: tenant.store, actor: tenant.actor, appId: params.appId });
      return { status: 202 };
    },
  }),
];

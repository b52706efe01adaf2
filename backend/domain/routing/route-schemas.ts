import { z } from 'zod';
import { ROUTE_EVENT_TYPES } from './routing-types.ts';

const ZHttpUrl = z
  .url({
    protocol: /^https?$/,
    error: 'url must be an http(s) URL such as https://example.com/hooks/patchbay',
  })
  .max(2000);

/** Where a route sends; each kind carries what it needs. */
export const ZRouteDestinationInput = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('webhook'), url: ZHttpUrl }),
  z.strictObject({
    type: z.literal('discord'),
    url: ZHttpUrl.describe('The channel webhook URL Discord shows under Integrations → Webhooks.'),
  }),
  z.strictObject({ type: z.literal('email'), to: z.email('to must be an email address') }),
  z.strictObject({
    type: z.literal('trello'),
    listId: z.string().min(1).max(64).describe('The Trello list new cards go to.'),
    apiKey: z.string().min(1).max(200),
    token: z.string().min(1).max(500),
  }),
]);
export type TRouteDestinationInput = z.infer<typeof ZRouteDestinationInput>;

const ZEventTypes = z
  .array(
    z.enum(ROUTE_EVENT_TYPES, { error: `each event type must be one of ${ROUTE_EVENT_TYPES.join(', ')}` }),
  )
  .min(1, 'name at least one event type')
  .max(ROUTE_EVENT_TYPES.length);

export const ZCreateRouteBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  eventTypes: ZEventTypes,
  destination: ZRouteDestinationInput,
});
export type TCreateRouteBody = z.infer<typeof ZCreateRouteBody>;

export const ZUpdateRouteBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  eventTypes: ZEventTypes.optional(),
  destination: ZRouteDestinationInput.optional(),
  status: z.enum(['enabled', 'disabled']).optional(),
  rotateSecret: z
    .boolean()
    .optional()
    .describe('A webhook route gets a new secret; the old one keeps signing for 24 hours as well.'),
});
export type TUpdateRouteBody = z.infer<typeof ZUpdateRouteBody>;

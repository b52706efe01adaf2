import { AppError } from '../errors.ts';
import type { TRouteDestinationInput } from './route-schemas.ts';
import type { RouteConfig, RoutingContext } from './routing-types.ts';

/**
 * Checks a destination before it is saved (the address is checked again on every send) and returns
 * the config to store.
 */
export async function checkRouteDestination({
  destination,
  context,
}: {
  destination: TRouteDestinationInput;
  context: RoutingContext;
}): Promise<RouteConfig> {
  const { type, ...config } = destination;
  if (type === 'discord' && !destination.url.startsWith(context.discordWebhookPrefix)) {
    throw new AppError(
      'validation',
      'Not a Discord webhook URL',
      `A Discord destination takes a channel webhook URL starting with ${context.discordWebhookPrefix}; copy it from the channel's Integrations → Webhooks.`,
      { errors: [{ location: 'body', field: 'destination.url', message: 'not a Discord webhook URL' }] },
    );
  }
  if (type === 'webhook' || type === 'discord') await context.http.check(destination.url);
  return config;
}

import type { PlatformStore } from '../ports.ts';
import { originAllowed } from './app-types.ts';

/**
 * The page a pay window opened in the fan's own tab sends them back to: only an http(s) page on a site
 * the payment's app allows, so the pay page can never be used to redirect anyone elsewhere. Anything
 * else (no such payment, a malformed address, a site the app does not list) gives no way back.
 */
export async function resolvePayReturn({
  platform,
  paymentId,
  returnUrl,
}: {
  platform: PlatformStore;
  paymentId: string;
  returnUrl: string;
}): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(returnUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const tenantId = await platform.payments.findPaymentTenant(paymentId);
  const payment = tenantId ? await platform.forTenant(tenantId).payments.get(paymentId) : undefined;
  const app = payment ? await platform.findPublicApp(payment.appId) : undefined;
  return app && originAllowed(app.allowedOrigins, url.origin) ? url.href : undefined;
}

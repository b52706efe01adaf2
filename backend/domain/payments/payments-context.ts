import type { FeeTier } from './compute-application-fee.ts';
import type { PaymentProvider } from './payment-provider.ts';
import type { PaymentsMode } from './payment-types.ts';

/** The processor and the platform's payment terms, built once from configuration. */
export interface PaymentsContext {
  provider: PaymentProvider;
  mode: PaymentsMode;
  feeTiers: readonly FeeTier[];
  authorizationHours: number;
}

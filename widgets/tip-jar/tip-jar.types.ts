/** The public part of a tip-jar app, as `GET /api/public/apps/{appId}/tip-jar` (`getTipJar`) returns it. */
export interface TipJarConfig {
  currency: string;
  label: string;
  presets: number[];
  minAmount: number;
  maxAmount: number;
  thankYouMessage: string;
  offerFeeCover?: boolean;
  /** Offer "send monthly" besides a one-time tip (a subscription the fan can stop). */
  offerMonthly?: boolean;
}

export interface TipJarGoal {
  title: string;
  target: number;
  current: number;
  endsAt: string | null;
  ended: boolean;
}

export interface TipJarSupporter {
  name: string;
  amount: number;
  message: string | null;
  at: string;
}

export interface PublicTipJarApp {
  id: string;
  type: 'tip-jar';
  name: string;
  status: 'active' | 'paused' | 'killed';
  config: TipJarConfig;
  /** The processor's usual rate, for the "cover the fee" estimate; null when not offered. */
  feeRate?: { bps: number; fixed: number } | null;
  goal?: TipJarGoal | null;
  /** Null unless the creator opted in to showing recent supporters. */
  supporters?: TipJarSupporter[] | null;
}

/** What `createTip` returns: the payment to confirm and the pay window that confirms it. */
export interface StartedTip {
  id: string;
  status: string;
  amount: number;
  currency: string;
  clientSecret: string;
  payUrl: string;
  lastError: string | null;
  /** A monthly tip's subscription and what stops it (`cancelSecret` posted to `cancelUrl`); null for a one-time tip. */
  subscription?: { id: string; cancelSecret: string; cancelUrl: string } | null;
}

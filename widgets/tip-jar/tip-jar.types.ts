/** The public part of a tip-jar app, as `GET /api/public/apps/{appId}` returns it. */
export interface TipJarConfig {
  currency: string;
  label: string;
  presets: number[];
  minAmount: number;
  maxAmount: number;
  thankYouMessage: string;
}

export interface PublicTipJarApp {
  id: string;
  type: 'tip-jar';
  name: string;
  status: 'active' | 'paused' | 'killed';
  config: TipJarConfig;
}

/** The field types a creator's form may use, as the API spells them. */
export const REQUEST_FIELD_TYPES = [
  'short-text',
  'long-text',
  'select',
  'radio-cards',
  'number',
  'date',
  'url',
  'file',
  'checkbox',
  'consent',
] as const;
export type RequestFieldType = (typeof REQUEST_FIELD_TYPES)[number];

/** Link sources a URL field may be limited to, with the hosts each stands for (as the API checks). */
export const REQUEST_LINK_SOURCES = {
  youtube: ['youtube.com', 'www.youtube.com', 'm.youtube.com', 'music.youtube.com', 'youtu.be'],
  soundcloud: ['soundcloud.com', 'www.soundcloud.com', 'on.soundcloud.com'],
  spotify: ['open.spotify.com', 'spotify.link'],
} as const;
export type RequestLinkSource = keyof typeof REQUEST_LINK_SOURCES;

export interface RequestFieldOption {
  value: string;
  label: string;
  description?: string;
  /** With per-option pricing: this option's price in minor units. */
  amount?: number;
}

export interface RequestField {
  id: string;
  type: RequestFieldType;
  label: string;
  help?: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  patternMessage?: string;
  options?: RequestFieldOption[];
  min?: number;
  max?: number;
  allowedSources?: RequestLinkSource[];
  accept?: string[];
  maxBytes?: number;
  maxFiles?: number;
}

export interface RequestAddOn {
  id: string;
  label: string;
  amount: number;
  priority?: boolean;
  cap?: number;
}

export interface RequestPricing {
  mode: 'free' | 'fixed' | 'per-option';
  amount?: number;
  optionField?: string;
  addOns?: RequestAddOn[];
  allowTip?: boolean;
  acceptCredits?: boolean;
}

/** The public part of a request-form app, as `GET /api/public/apps/{appId}` (`getPublicApp`) returns it. */
export interface PublicRequestFormApp {
  id: string;
  type: 'request-form';
  name: string;
  status: 'active' | 'paused' | 'killed';
  config: {
    title?: string;
    fields: RequestField[];
    pricing?: RequestPricing;
    currency?: string;
    open?: boolean;
    closedMessage?: string;
    confirmationMessage?: string;
  };
}

export const REQUEST_VIEW_STATES = [
  'created',
  'validated',
  'held',
  'paid',
  'queued',
  'accepted',
  'fulfilled',
  'closed',
  'rejected',
  'refunded',
  'expired',
] as const;
export type RequestViewState = (typeof REQUEST_VIEW_STATES)[number];

/** The payment of a card request, to confirm in the pay window. */
export interface RequestPayment {
  id: string;
  status: string;
  amount: number;
  currency: string;
  clientSecret: string;
  payUrl: string;
  lastError: string | null;
}

/** What `getRequest` answers to the fan (status token) and `createRequest` answers on submit. */
export interface RequestStatus {
  id: string;
  appId: string;
  state: RequestViewState;
  amount: number;
  tip: number;
  currency: string;
  paymentMethod: 'none' | 'card' | 'credits';
  note: string | null;
  reason: string | null;
  position: number | null;
  payment: RequestPayment | null;
  statusToken?: string;
  statusUrl?: string;
}

/** What `uploadRequestAttachment` answers. */
export interface UploadedAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

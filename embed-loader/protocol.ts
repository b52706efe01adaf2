/*
 * The host⇄frame message protocol. Both sides import this module, so the shapes cannot drift.
 * Every message is `{ pb: 1, type, id, payload }`; a receiver checks the exact `origin` and the exact
 * `source` window before it reads anything, and a sender always names the exact target origin.
 * To change a payload, add a new message type; never change an old one.
 */

export const PROTOCOL_VERSION = 1;

export const WIDGET_TYPES = ['tip-jar', 'request-form', 'booking', 'cohort-matcher'] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];

export const EMBED_MODES = ['iframe', 'inline', 'button'] as const;
export type EmbedMode = (typeof EMBED_MODES)[number];

/** The `pb-*` events a widget raises; the loader re-dispatches them on the placeholder. */
export const WIDGET_EVENTS = [
  'pb-ready',
  'pb-resize',
  'pb-submit',
  'pb-paid',
  'pb-error',
  'pb-close',
] as const;
export type WidgetEventName = (typeof WIDGET_EVENTS)[number];

export interface FrameToHost {
  /** The widget rendered; `height` is its size in CSS pixels. */
  ready: { widget: WidgetType; height: number };
  /** The widget's size changed; `byUser` says whether a fan's action caused it. */
  resize: { height: number; byUser: boolean };
  /** A `pb-*` event the widget raised, passed on to the host page. */
  event: { name: WidgetEventName; detail: unknown };
  /** The app cannot be shown on this site; `message` is for the page's visitors. */
  refused: { message: string };
  /**
   * The browser blocked the pay window: the host page should go to `url` (the pay page on the widget
   * origin) in this tab, and the loader adds the page's own address for the way back.
   */
  'pay-redirect': { url: string };
}

/** What the frame dispatches on its widget (not bubbling) when the host closes the dialog around it. */
export const HOST_CLOSE_EVENT = 'pb-host-close';

/** What a widget inside a frame dispatches (bubbling, composed) to have the frame send `pay-redirect`. */
export const PAY_REDIRECT_EVENT = 'pb-pay-redirect';

export interface HostToFrame {
  /** Theme and prefill values from the placeholder's `data-pb-*` attributes. */
  init: { theme?: string; prefill?: Record<string, string> };
  /** The host page closed the dialog around the widget (button mode). */
  close: Record<string, never>;
}

export interface Message<Map, Type extends keyof Map = keyof Map> {
  pb: typeof PROTOCOL_VERSION;
  type: Type;
  id: string;
  payload: Map[Type];
}

export function isMessage<Map>(data: unknown, types: readonly (keyof Map)[]): data is Message<Map> {
  if (typeof data !== 'object' || data === null) return false;
  const candidate = data as Partial<Message<Map>>;
  return (
    candidate.pb === PROTOCOL_VERSION &&
    typeof candidate.id === 'string' &&
    types.includes(candidate.type as keyof Map) &&
    typeof candidate.payload === 'object' &&
    candidate.payload !== null
  );
}

export const FRAME_TO_HOST_TYPES: readonly (keyof FrameToHost)[] = [
  'ready',
  'resize',
  'event',
  'refused',
  'pay-redirect',
];
export const HOST_TO_FRAME_TYPES: readonly (keyof HostToFrame)[] = ['init', 'close'];

/**
 * The pay window (top-level, on the widget origin) to the widget that opened it. It is a hint to
 * re-read the payment from the API, never the truth: the widget trusts only what the API says.
 */
export interface PayToWidget {
  'pay-result': { paymentId: string; status: string; message: string | null };
}
export const PAY_TO_WIDGET_TYPES: readonly (keyof PayToWidget)[] = ['pay-result'];

/** What the fan sign-in popup (on the widget origin) tells the widget that opened it. */
export interface SignInToWidget {
  'fan-signed-in': { token: string; provider: string; displayName: string; expiresAt: string };
  'fan-sign-in-failed': { reason: string };
}

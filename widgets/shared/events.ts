/**
 * Typed `pb-*` events. Every one bubbles and is composed, so the page hosting a widget (or the embed
 * loader's placeholder) hears it through any number of shadow roots. Add a new event name rather than
 * change the detail of an existing one: pages depend on these shapes.
 */
export abstract class PatchbayEvent<Detail> extends Event {
  readonly detail: Detail;

  constructor(type: `pb-${string}`, detail: Detail, init: { cancelable?: boolean } = {}) {
    super(type, { bubbles: true, composed: true, cancelable: init.cancelable ?? false });
    this.detail = detail;
  }
}

/** The widget has loaded what it needs and can be used. */
export class PbReadyEvent extends PatchbayEvent<{ widget: string }> {
  constructor(detail: { widget: string }) {
    super('pb-ready', detail);
  }
}

/** The widget's rendered size changed; the loader resizes its frame. */
export class PbResizeEvent extends PatchbayEvent<{ width: number; height: number }> {
  constructor(detail: { width: number; height: number }) {
    super('pb-resize', detail);
  }
}

/** A fan submitted the widget's form. */
export class PbSubmitEvent extends PatchbayEvent<{ widget: string; requestId: string | null }> {
  constructor(detail: { widget: string; requestId: string | null }) {
    super('pb-submit', detail);
  }
}

/** A payment succeeded. `amount` is in minor units of `currency`. */
export class PbPaidEvent extends PatchbayEvent<{
  widget: string;
  requestId: string;
  amount: number;
  currency: string;
}> {
  constructor(detail: { widget: string; requestId: string; amount: number; currency: string }) {
    super('pb-paid', detail);
  }
}

/** Something failed. `message` is what the fan was shown; `reference` is the id in the server log, if any. */
export class PbErrorEvent extends PatchbayEvent<{
  widget: string;
  message: string;
  reference: string | null;
}> {
  constructor(detail: { widget: string; message: string; reference: string | null }) {
    super('pb-error', detail);
  }
}

/** The fan dismissed the widget (button and overlay modes). */
export class PbCloseEvent extends PatchbayEvent<{ widget: string }> {
  constructor(detail: { widget: string }) {
    super('pb-close', detail);
  }
}

export interface PatchbayEventMap {
  'pb-ready': PbReadyEvent;
  'pb-resize': PbResizeEvent;
  'pb-submit': PbSubmitEvent;
  'pb-paid': PbPaidEvent;
  'pb-error': PbErrorEvent;
  'pb-close': PbCloseEvent;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the map into the DOM's
  interface GlobalEventHandlersEventMap extends PatchbayEventMap {}
}

import {
  FRAME_TO_HOST_TYPES,
  PROTOCOL_VERSION,
  WIDGET_TYPES,
  isMessage,
  type EmbedMode,
  type FrameToHost,
  type HostToFrame,
  type Message,
  type WidgetEventName,
  type WidgetType,
} from './protocol.ts';
import type { attachLauncher } from './launcher.ts';
import { INITIAL_HEIGHTS } from './sizes.ts';

/*
 * embed.js: the one file a creator's page loads. It stays tiny (a size budget guards it) because it runs
 * on someone else's page: it finds placeholders, mounts each widget lazily in a frame on the widget
 * origin (or inline, or behind a launcher button), passes messages after checking who sent them, and
 * re-raises the widget's `pb-*` events on the placeholder. The server fills in the two origins below.
 */

const PUBLIC_URL = '%%PB_PUBLIC_URL%%';
const WIDGET_ORIGIN = '%%PB_WIDGET_ORIGIN%%';

export interface MountOptions {
  widget?: WidgetType;
  app?: string;
  mode?: EmbedMode;
  theme?: string;
  prefill?: Record<string, string>;
  label?: string;
}

export interface PatchbayApi {
  v: number;
  /** Calls pushed here run at once: the queue pattern keeps working after the loader has arrived. */
  q: { push(call: Queued): void };
  mount(element: HTMLElement, options?: MountOptions): void;
  unmount(element: HTMLElement): void;
  on(name: WidgetEventName, handler: (event: CustomEvent) => void): () => void;
  /** Messages that claimed to be ours but came from the wrong window or origin, and were dropped. */
  ignored: number;
}

interface Mounted {
  frame?: HTMLIFrameElement;
  dispose(): void;
}

type Queued = [keyof PatchbayApi, ...unknown[]];
type PatchbayGlobal = Partial<Omit<PatchbayApi, 'q'>> & { q?: Queued[] | PatchbayApi['q'] };

/** "tip-jar" → "Tip jar": the frame's accessible name and the launcher's label. */
const titleOf = (widget: WidgetType) => widget[0]!.toUpperCase() + widget.slice(1).replace('-', ' ');

const win = window as unknown as Window & { Patchbay?: PatchbayGlobal };
const doc = document;
const earlier = win.Patchbay;

// Included twice (a theme and a plugin both add the tag): the first copy keeps working, the second leaves.
if (!earlier?.v) {
  const mounted = new Map<HTMLElement, Mounted>();
  const pending = new Set<HTMLElement>();
  let lastInput = 0;

  const emit = (element: HTMLElement, name: string, detail: unknown) =>
    element.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
  const failed = (element: HTMLElement, message: string, widget?: string) =>
    emit(element, 'pb-error', { widget, message, reference: null });

  const prefillOf = (element: HTMLElement) => {
    const prefill: Record<string, string> = {};
    for (const [key, value] of Object.entries(element.dataset)) {
      if (key.startsWith('pbPrefill') && key.length > 9 && value)
        prefill[key[9]!.toLowerCase() + key.slice(10)] = value;
    }
    return prefill;
  };

  const frameFor = (widget: WidgetType, app: string, theme: string | undefined) => {
    const frame = doc.createElement('iframe');
    const query = new URLSearchParams({ host: location.origin });
    if (theme) query.set('theme', theme);
    frame.src = `${WIDGET_ORIGIN}/frame/${encodeURIComponent(app)}?${query}`;
    frame.title = titleOf(widget);
    // The frame is on its own origin, so allow-same-origin gives it that origin (its storage and API
    // calls), never the host page's. allow-popups(-to-escape-sandbox) lets sign-in and the pay window
    // open as normal top-level pages; allow-forms lets the widget's forms submit.
    frame.setAttribute(
      'sandbox',
      'allow-scripts allow-forms allow-same-origin allow-popups allow-popups-to-escape-sandbox',
    );
    frame.allow = 'payment';
    Object.assign(frame.style, {
      border: '0',
      width: '100%',
      height: `${INITIAL_HEIGHTS[widget]}px`,
      display: 'block',
    });
    return frame;
  };

  const post = (
    frame: HTMLIFrameElement,
    type: keyof HostToFrame,
    payload: HostToFrame[keyof HostToFrame],
  ) => {
    const message: Message<HostToFrame> = {
      pb: PROTOCOL_VERSION,
      type,
      id: String(Math.random()),
      payload,
    };
    frame.contentWindow?.postMessage(message, WIDGET_ORIGIN);
  };

  const mount = (element: HTMLElement, options: MountOptions = {}) => {
    if (mounted.has(element)) return;
    pending.delete(element);
    const data = element.dataset;
    const widget = (options.widget ?? data.pbWidget) as WidgetType;
    const app = options.app ?? data.pbApp ?? '';
    const mode = options.mode ?? (data.pbMode as EmbedMode | undefined) ?? 'iframe';
    const theme = options.theme ?? data.pbTheme;
    const prefill = options.prefill ?? prefillOf(element);
    if (!WIDGET_TYPES.includes(widget) || !app) {
      failed(element, 'Missing data-pb-widget or data-pb-app.', widget);
      return;
    }
    const record: Mounted = { dispose: () => {} };
    mounted.set(element, record);
    // A module that cannot load (offline, blocked by the page's CSP) still tells the page why.
    const fail = () => failed(element, 'Could not load the widget.', widget);

    if (mode === 'inline') {
      import(/* @vite-ignore */ `${PUBLIC_URL}/widgets/${widget}.js`).then(() => {
        if (mounted.get(element) !== record) return;
        const widgetElement = doc.createElement(`pb-${widget}`);
        widgetElement.setAttribute('app', app);
        widgetElement.setAttribute('api-base', PUBLIC_URL);
        if (theme) widgetElement.setAttribute('theme', theme);
        for (const [key, value] of Object.entries(prefill))
          widgetElement.setAttribute(`prefill-${key}`, value);
        element.append(widgetElement);
        record.dispose = () => widgetElement.remove();
      }, fail);
      return;
    }

    const frame = frameFor(widget, app, theme);
    record.frame = frame;
    if (mode === 'button') {
      // The launcher is only downloaded by pages that use it, so embed.js stays within its budget.
      import(/* @vite-ignore */ `${PUBLIC_URL}/embed-launcher.js`).then(
        (launcher: { attachLauncher: typeof attachLauncher }) => {
          if (mounted.get(element) !== record) return;
          record.dispose = launcher.attachLauncher({
            element,
            frame,
            label: options.label ?? data.pbLabel ?? titleOf(widget),
            onClose: () => emit(element, 'pb-close', { widget }),
          });
        },
        fail,
      );
    } else {
      element.append(frame);
      record.dispose = () => frame.remove();
    }
    frame.addEventListener('load', () => post(frame, 'init', { ...(theme ? { theme } : {}), prefill }));
  };

  const unmount = (element: HTMLElement) => {
    pending.delete(element);
    observer.unobserve(element);
    mounted.get(element)?.dispose();
    mounted.delete(element);
  };

  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          mount(entry.target as HTMLElement);
        }
      }
    },
    { rootMargin: '300px' },
  );

  const scan = (root: ParentNode) => {
    const found = [...root.querySelectorAll<HTMLElement>('[data-pb-widget]')];
    if (root instanceof HTMLElement && root.matches('[data-pb-widget]')) found.push(root);
    for (const element of found) {
      if (mounted.has(element) || pending.has(element)) continue;
      // Near the viewport already: mount now rather than a frame later, when the observer first reports.
      if (element.getBoundingClientRect().top < innerHeight + 300) mount(element);
      else {
        pending.add(element);
        observer.observe(element);
      }
    }
  };

  win.addEventListener('message', (event: MessageEvent) => {
    if (!isMessage<FrameToHost>(event.data, FRAME_TO_HOST_TYPES)) return;
    let owner: HTMLElement | undefined;
    for (const [element, record] of mounted)
      if (record.frame?.contentWindow === event.source) owner = element;
    if (!owner || event.origin !== WIDGET_ORIGIN) {
      api.ignored += 1;
      return;
    }
    const frame = mounted.get(owner)!.frame!;
    const { type, payload } = event.data;
    if (type === 'ready') {
      emit(owner, 'pb-ready', payload);
    } else if (type === 'resize') {
      const { height, byUser } = payload as FrameToHost['resize'];
      // A size change nobody asked for would move the host page under the reader: the widget scrolls
      // inside its reserved box instead. One that follows the fan's own click or key press is expected.
      if ((byUser || Date.now() - lastInput < 1000) && height > 0) {
        frame.style.height = `${Math.ceil(height)}px`;
        emit(owner, 'pb-resize', payload);
      }
    } else if (type === 'event') {
      const { name, detail } = payload as FrameToHost['event'];
      if (name.startsWith('pb-')) emit(owner, name, detail);
    } else if (type === 'pay-redirect') {
      // Only to a pay page on the widget origin; the page's own address is the way back.
      const url = new URL((payload as FrameToHost['pay-redirect']).url);
      if (url.origin === WIDGET_ORIGIN && url.pathname.startsWith('/pay/')) {
        url.searchParams.set('return', location.href);
        location.assign(url.href);
      }
    } else if (type === 'refused') {
      failed(owner, (payload as FrameToHost['refused']).message);
    }
  });
  win.addEventListener('pointerdown', () => (lastInput = Date.now()), true);
  win.addEventListener('keydown', () => (lastInput = Date.now()), true);

  const run = ([method, ...args]: Queued) => (api[method] as (...a: unknown[]) => void)(...args);
  const api: PatchbayApi = {
    v: PROTOCOL_VERSION,
    q: { push: run },
    mount,
    unmount,
    on(name, handler) {
      const listener = handler as EventListener;
      doc.addEventListener(name, listener);
      return () => doc.removeEventListener(name, listener);
    },
    ignored: 0,
  };
  win.Patchbay = api;

  new MutationObserver((records) => {
    for (const record of records) {
      record.addedNodes.forEach((node) => node instanceof HTMLElement && scan(node));
      record.removedNodes.forEach((node) => {
        if (!(node instanceof HTMLElement)) return;
        for (const element of [...mounted.keys(), ...pending])
          if (!element.isConnected && node.contains(element)) unmount(element);
      });
    }
  }).observe(doc.documentElement, { childList: true, subtree: true });

  if (Array.isArray(earlier?.q)) earlier.q.forEach(run);
  scan(doc);
}

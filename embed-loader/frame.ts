import {
  HOST_TO_FRAME_TYPES,
  HOST_CLOSE_EVENT,
  PAY_REDIRECT_EVENT,
  PROTOCOL_VERSION,
  WIDGET_EVENTS,
  isMessage,
  type FrameToHost,
  type HostToFrame,
} from './protocol.ts';

/*
 * Runs inside the widget frame, on the widget origin, bundled after the widget module it mounts
 * (`frame-<widget>` in the build), so the element is defined by the time this runs. The server only
 * renders this page for a `host` the app allows, and the browser only lets the page be framed by the
 * app's allowed sites (frame-ancestors), so `host` is the one origin this frame talks to: every message
 * it sends names it, and every message it accepts must come from it and from the parent window.
 */

const body = document.body;
const pageStyles = new CSSStyleSheet();
pageStyles.replaceSync('html,body{margin:0;padding:0;background:transparent}');
document.adoptedStyleSheets = [pageStyles];
const { pbWidget: widget = '', pbApp: app = '', pbHost: host = '', pbApiBase: apiBase = '' } = body.dataset;
let lastInput = 0;

function post<Type extends keyof FrameToHost>(type: Type, payload: FrameToHost[Type]): void {
  window.parent.postMessage({ pb: PROTOCOL_VERSION, type, id: crypto.randomUUID(), payload }, host);
}

for (const type of ['pointerdown', 'keydown'] as const) {
  window.addEventListener(type, () => (lastInput = Date.now()), true);
}

const element = document.createElement(`pb-${widget}`);
element.setAttribute('app', app);
element.setAttribute('api-base', apiBase);
const inlined = document.getElementById('pb-app')?.textContent;
if (inlined) Object.assign(element, { publicApp: JSON.parse(inlined) as unknown });
const theme = new URLSearchParams(location.search).get('theme');
if (theme) element.setAttribute('theme', theme);

// pb-ready and pb-resize have their own messages; the rest pass through as they are.
for (const name of WIDGET_EVENTS) {
  if (name === 'pb-ready' || name === 'pb-resize') continue;
  element.addEventListener(name, (event) =>
    post('event', { name, detail: JSON.parse(JSON.stringify((event as CustomEvent).detail ?? null)) }),
  );
}
element.addEventListener('pb-ready', () =>
  post('ready', {
    widget: widget as FrameToHost['ready']['widget'],
    height: element.getBoundingClientRect().height,
  }),
);
element.addEventListener(PAY_REDIRECT_EVENT, (event) =>
  post('pay-redirect', { url: String((event as CustomEvent<{ url: string }>).detail.url) }),
);
new ResizeObserver(([entry]) => {
  if (entry)
    post('resize', { height: entry.borderBoxSize[0]?.blockSize ?? 0, byUser: Date.now() - lastInput < 1000 });
}).observe(element);

let ignored = 0;
window.addEventListener('message', (event: MessageEvent) => {
  const fromHost = event.source === window.parent && event.origin === host;
  if (!fromHost || !isMessage<HostToFrame>(event.data, HOST_TO_FRAME_TYPES)) {
    // Counted where a test (or a curious integrator) can read it: forged messages are dropped, not acted on.
    if (isMessage<HostToFrame>(event.data, HOST_TO_FRAME_TYPES))
      body.dataset.pbIgnored = String((ignored += 1));
    return;
  }
  if (event.data.type === 'init') {
    const { prefill, theme: initTheme } = event.data.payload as HostToFrame['init'];
    if (initTheme) element.setAttribute('theme', initTheme);
    for (const [key, value] of Object.entries(prefill ?? {}))
      element.setAttribute(`prefill-${key}`, String(value));
  } else if (event.data.type === 'close') {
    // The dialog around the frame closed (button mode): the widget may reset or stop what it was doing.
    element.dispatchEvent(new Event(HOST_CLOSE_EVENT));
  }
});

body.append(element);

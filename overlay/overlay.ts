/*
 * The stream overlay: an OBS browser source at `{WIDGET_ORIGIN}/overlay/{appId}#key=pbo_…`. It reads
 * the app's public live events (Server-Sent Events), shows tip and paid-request alerts one at a time,
 * and a "now playing / up next" panel. Everything it shows is set with textContent (fan text is never
 * markup), and its state lives in localStorage so that OBS hiding, reloading or reconnecting the source
 * neither loses nor repeats an alert: while the source is hidden the queue waits, and an alert cut
 * short by hiding or reloading plays again, whole.
 */

interface Streamed {
  id: number;
  type: string;
  payload: Record<string, unknown>;
}
interface Alert {
  id: number;
  kind: 'tip' | 'request';
  amount: number | null;
  currency: string | null;
  name: string;
  message: string | null;
}
interface PanelItem {
  requestId: string;
  title: string;
  name: string;
}
interface State {
  lastEventId: number | null;
  queue: Alert[];
  /** The alert on screen; put back in front of the queue if the source is hidden or reloaded meanwhile. */
  current: Alert | null;
  last: Alert | null;
  nowPlaying: PanelItem | null;
  upNext: PanelItem[];
}

const root = document.documentElement;
const appId = root.dataset.appId ?? '';
const apiOrigin = root.dataset.api ?? '';
const params = new URLSearchParams(location.search);
const key = new URLSearchParams(location.hash.slice(1)).get('key') ?? params.get('key') ?? '';
const durationMs = Math.min(60, Math.max(2, Number(params.get('duration') ?? 6))) * 1000;
const minAlertAmount = Number(params.get('minAlert') ?? 0);
const minNameAmount = Number(params.get('minName') ?? 0);
const sound = params.get('sound') === '1';
root.dataset.preset = ['bold', 'minimal'].includes(params.get('preset') ?? '')
  ? params.get('preset')!
  : 'classic';
const MAX_QUEUE = 100;
const storageKey = `pb-overlay:${appId}`;

function load(): State {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as State | null;
    if (saved && Array.isArray(saved.queue)) {
      // Reloaded while an alert was showing: it was not seen to the end, so it shows again first.
      if (saved.current) saved.queue.unshift(saved.current);
      return { ...saved, current: null };
    }
  } catch {
    // A broken entry starts afresh.
  }
  return { lastEventId: null, queue: [], current: null, last: null, nowPlaying: null, upNext: [] };
}
const state = load();
const save = () => localStorage.setItem(storageKey, JSON.stringify(state));

const alertBox = document.getElementById('alert')!;
const panel = document.getElementById('panel')!;

function text(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 500) : '';
}

function formatAmount(amount: number | null, currency: string | null): string {
  if (amount === null || !currency) return '';
  try {
    const digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount / 10 ** digits);
  } catch {
    return `${amount} ${currency}`;
  }
}

function beep(): void {
  try {
    const context = new AudioContext();
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.4);
    tone.connect(gain).connect(context.destination);
    tone.start();
    tone.stop(context.currentTime + 0.4);
  } catch {
    // No audio (a source without sound): the alert still shows.
  }
}

/** OBS hides a source by hiding its page: alerts wait meanwhile, so none plays to nobody. */
const hidden = () => document.visibilityState === 'hidden';
let timer: ReturnType<typeof setTimeout> | undefined;

function showNext(): void {
  if (state.current || hidden()) return;
  const alert = state.queue.shift();
  if (!alert) {
    alertBox.hidden = true;
    save();
    return;
  }
  state.current = alert;
  state.last = alert;
  save();
  const amount = formatAmount(alert.amount, alert.currency);
  const named = alert.amount === null || alert.amount >= minNameAmount;
  alertBox.replaceChildren();
  const title = document.createElement('p');
  title.className = 'title';
  title.textContent = `${named ? alert.name : 'Someone'} ${alert.kind === 'tip' ? 'tipped' : 'requested'}${amount ? ` ${amount}` : ''}`;
  alertBox.append(title);
  if (alert.message) {
    const message = document.createElement('p');
    message.className = 'message';
    message.textContent = alert.message;
    alertBox.append(message);
  }
  alertBox.dataset.kind = alert.kind;
  alertBox.dataset.eventId = String(alert.id);
  alertBox.hidden = false;
  if (sound) beep();
  timer = setTimeout(() => {
    timer = undefined;
    state.current = null;
    save();
    showNext();
  }, durationMs);
}

/** Hidden mid-alert: that alert goes back to the front of the queue and plays whole once visible. */
function pause(): void {
  clearTimeout(timer);
  timer = undefined;
  if (state.current) state.queue.unshift(state.current);
  state.current = null;
  alertBox.hidden = true;
  save();
}

function renderPanel(): void {
  if (!state.nowPlaying && state.upNext.length === 0) {
    panel.hidden = true;
    return;
  }
  panel.replaceChildren();
  const line = (label: string, item: PanelItem) => {
    const p = document.createElement('p');
    const strong = document.createElement('strong');
    strong.textContent = `${label} `;
    p.append(strong, `${item.title}${item.name ? ` — ${item.name}` : ''}`);
    return p;
  };
  if (state.nowPlaying) panel.append(line('Now:', state.nowPlaying));
  for (const item of state.upNext.slice(0, 3)) panel.append(line('Next:', item));
  panel.hidden = false;
}

function enqueue(alert: Alert): void {
  if (alert.amount !== null && alert.amount < minAlertAmount) return;
  state.queue.push(alert);
  if (state.queue.length > MAX_QUEUE) state.queue.splice(0, state.queue.length - MAX_QUEUE);
}

function handle(event: Streamed): void {
  if (state.lastEventId !== null && event.id <= state.lastEventId) return;
  state.lastEventId = event.id;
  const p = event.payload;
  const item = (): PanelItem => ({
    requestId: text(p.requestId),
    title: text(p.title) || 'Request',
    name: text(p.name),
  });
  switch (event.type) {
    case 'tip.received':
      enqueue({
        id: event.id,
        kind: 'tip',
        amount: Number(p.amount),
        currency: text(p.currency),
        name: text(p.name) || 'Anonymous',
        message: text(p.message) || null,
      });
      break;
    case 'request.paid':
      enqueue({
        id: event.id,
        kind: 'request',
        amount: Number(p.amount),
        currency: text(p.currency),
        name: text(p.name) || 'Anonymous',
        message: [text(p.title), text(p.summary)].filter(Boolean).join(' — ') || null,
      });
      break;
    case 'request.queued':
      state.upNext = [...state.upNext.filter((i) => i.requestId !== p.requestId), item()].slice(-20);
      break;
    case 'request.accepted':
      state.nowPlaying = item();
      state.upNext = state.upNext.filter((i) => i.requestId !== p.requestId);
      break;
    case 'request.fulfilled':
    case 'request.rejected':
      if (state.nowPlaying?.requestId === p.requestId) state.nowPlaying = null;
      state.upNext = state.upNext.filter((i) => i.requestId !== p.requestId);
      break;
    case 'alert.replay': {
      // The event carries the alert, so a source reloaded since (which forgot it) replays it too.
      const replay: Alert | null =
        p.kind === 'tip' || p.kind === 'request'
          ? {
              id: event.id,
              kind: p.kind,
              amount: p.amount === null || p.amount === undefined ? null : Number(p.amount),
              currency: text(p.currency) || null,
              name: text(p.name) || 'Anonymous',
              message: text(p.message) || null,
            }
          : state.last && { ...state.last, id: event.id };
      if (replay) state.queue.unshift(replay);
      break;
    }
    case 'overlay.clear':
      state.queue = [];
      state.nowPlaying = null;
      state.upNext = [];
      if (state.current) {
        clearTimeout(timer);
        timer = undefined;
        state.current = null;
        alertBox.hidden = true;
      }
      break;
  }
  save();
  renderPanel();
  showNext();
}

function connect(): void {
  const url = new URL(`/api/apps/${encodeURIComponent(appId)}/events`, apiOrigin);
  url.searchParams.set('key', key);
  if (state.lastEventId !== null) url.searchParams.set('lastEventId', String(state.lastEventId));
  const source = new EventSource(url);
  const types = [
    'tip.received',
    'request.paid',
    'request.queued',
    'request.accepted',
    'request.fulfilled',
    'request.rejected',
    'alert.replay',
    'overlay.clear',
  ];
  for (const type of types) {
    source.addEventListener(type, (message) =>
      handle(JSON.parse((message as MessageEvent<string>).data) as Streamed),
    );
  }
  source.addEventListener('open', () => root.removeAttribute('data-offline'));
  source.addEventListener('error', () => {
    root.dataset.offline = '';
    // A refused key closes the stream for good (EventSource gives up on a non-200): retry slowly, from
    // the last event seen, so a source left running recovers once the key works again.
    if (source.readyState === EventSource.CLOSED) setTimeout(connect, 10_000);
  });
}

document.addEventListener('visibilitychange', () => {
  if (hidden()) pause();
  else showNext();
});

renderPanel();
showNext();
connect();

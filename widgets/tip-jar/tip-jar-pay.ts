import { PAY_REDIRECT_EVENT, type PayToWidget } from '../../embed-loader/protocol.ts';
// The thank-you state's monthly support control: needed only once a tip is paid, so it comes with this step.
import './tip-jar-monthly.ts';
import type { StartedTip } from './tip-jar.types.ts';

/*
 * The tip jar's pay step, loaded only once a fan sends the form (or comes back from paying), so the
 * module a page loads to show the form stays small. The pay window is a top-level page on the widget
 * origin; when the browser blocks it, the whole tab goes there instead and comes back afterwards.
 */

/** Where a tip paid in this tab waits while the fan is away on the pay page (this origin, this tab). */
export const pendingTipKey = (app: string) => `pb-tip-jar:${app}`;

let listening: AbortController | undefined;

/**
 * Opens the pay window for `tip`. Only that window, from the pay page's origin, is heard; what it says
 * is a cue (`onResult`) to ask the API, never the outcome itself. If the browser blocks the window,
 * the tip is kept in session storage and the tab itself goes to the pay page: inline, the widget
 * navigates its page; in a frame (which may not navigate the host page), it asks the loader to.
 */
export function payTip(
  element: HTMLElement,
  { app, tip, signal, onResult }: { app: string; tip: StartedTip; signal: AbortSignal; onResult(): void },
): void {
  const fragment = new URLSearchParams({ secret: tip.clientSecret, origin: location.origin });
  const url = `${tip.payUrl}#${fragment}`;
  const payWindow = window.open(url, `pb-pay-${tip.id}`, 'popup,width=480,height=640');
  if (!payWindow) {
    try {
      sessionStorage.setItem(pendingTipKey(app), JSON.stringify(tip));
    } catch {
      // Storage refused (a strict privacy setting): the fan still pays; the host page thanks them.
    }
    if (window === window.top) {
      const sameTab = new URL(url);
      sameTab.searchParams.set('return', location.href);
      location.assign(sameTab.href);
    } else {
      element.dispatchEvent(
        new CustomEvent(PAY_REDIRECT_EVENT, { bubbles: true, composed: true, detail: { url } }),
      );
    }
    return;
  }
  listening?.abort();
  listening = new AbortController();
  const payOrigin = new URL(tip.payUrl).origin;
  window.addEventListener(
    'message',
    (event) => {
      if (
        event.source === payWindow &&
        event.origin === payOrigin &&
        (event.data as { type?: keyof PayToWidget } | null)?.type === 'pay-result'
      )
        onResult();
    },
    { signal: AbortSignal.any([signal, listening.signal]) },
  );
}

/** Polls until the goal or the supporters change (the server records a tip a moment after payment). */
export async function waitForRecordedTip<T>(
  fetchLatest: () => Promise<T>,
  changed: (latest: T) => boolean,
): Promise<T | undefined> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const latest = await fetchLatest().catch(() => undefined);
    if (latest !== undefined && changed(latest)) return latest;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return undefined;
}

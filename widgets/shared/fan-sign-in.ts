import { PROTOCOL_VERSION, type SignInToWidget } from '../../embed-loader/protocol.ts';
import { rememberFanSession, type FanSession, type FanSignInChoice } from './fan-session.ts';

export { FAN_SIGN_IN_PROVIDERS, fanSession, signInChoices, signOutFan } from './fan-session.ts';
export type { FanSession, FanSignInChoice, FanSignInProvider } from './fan-session.ts';

/**
 * Signs a fan in for one app: opens the sign-in in a top-level popup on the widget origin (a frame
 * cannot rely on cookies; a popup is first-party), and waits for that popup, and only it, to post the
 * result from the widget origin. A provider goes straight to it; `email` opens the popup's first page,
 * which asks for the address (and lists the other sign-ins the app accepts). Call it from a click, or
 * the browser blocks the popup.
 */
export function signIn(
  choice: FanSignInChoice,
  { appId, widgetOrigin = location.origin }: { appId: string; widgetOrigin?: string },
): Promise<FanSession> {
  const url = new URL(choice === 'email' ? '/auth/fan' : `/auth/fan/${choice}`, widgetOrigin);
  url.searchParams.set('app', appId);
  url.searchParams.set('opener', location.origin);
  const popup = window.open(url.toString(), `pb-sign-in-${appId}`, 'popup,width=500,height=700');
  if (!popup) return Promise.reject(new Error('popup-blocked'));
  return new Promise((resolve, reject) => {
    const stop = new AbortController();
    const closed = setInterval(() => {
      if (popup.closed) {
        stop.abort();
        reject(new Error('popup-closed'));
      }
    }, 500);
    stop.signal.addEventListener('abort', () => clearInterval(closed));
    window.addEventListener(
      'message',
      (event: MessageEvent) => {
        if (event.origin !== new URL(widgetOrigin).origin || event.source !== popup) return;
        const data = event.data as { pb?: number; type?: keyof SignInToWidget; payload?: unknown } | null;
        if (data?.pb !== PROTOCOL_VERSION) return;
        if (data.type === 'fan-signed-in') {
          const session = data.payload as FanSession;
          rememberFanSession(appId, session);
          stop.abort();
          resolve(session);
        } else if (data.type === 'fan-sign-in-failed') {
          stop.abort();
          reject(new Error((data.payload as SignInToWidget['fan-sign-in-failed']).reason));
        }
      },
      { signal: stop.signal },
    );
  });
}

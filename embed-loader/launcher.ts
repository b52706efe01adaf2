import { PROTOCOL_VERSION, type HostToFrame, type Message } from './protocol.ts';

/**
 * Button mode: a floating launcher that opens the widget's frame in a modal dialog. The native
 * `<dialog>` moves focus in, keeps it there and closes on Escape; we return focus to the launcher and
 * stop the page behind from scrolling. Loaded on demand by embed.js. Styles are set through the CSSOM,
 * which a strict `style-src` allows (unlike style attributes in markup).
 */
export function attachLauncher({
  element,
  frame,
  label,
  onClose,
}: {
  element: HTMLElement;
  frame: HTMLIFrameElement;
  label: string;
  onClose: () => void;
}): () => void {
  const button = document.createElement('button');
  const dialog = document.createElement('dialog');
  const close = document.createElement('button');
  const root = document.documentElement;
  button.type = close.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-haspopup', 'dialog');
  close.textContent = 'Close';
  dialog.setAttribute('aria-label', label);
  // Several launchers on one page stack upwards from the corner instead of covering each other.
  const below = document.querySelectorAll('[data-pb-launcher]').length;
  button.dataset.pbLauncher = '';
  Object.assign(button.style, {
    position: 'fixed',
    insetBlockEnd: `${16 + below * 56}px`,
    insetInlineEnd: '16px',
    // The one stacking level Patchbay claims on a host page; a page can lower it with the token.
    zIndex: 'var(--pb-z-launcher, 2147483000)',
  });
  Object.assign(dialog.style, { width: 'min(480px, 100vw - 32px)', padding: '0', border: '0' });
  button.onclick = () => {
    if (!dialog.contains(frame)) dialog.append(close, frame);
    dialog.showModal();
    root.style.overflow = 'hidden';
  };
  close.onclick = () => dialog.close();
  let closedByWidget = false;
  dialog.onclose = () => {
    root.style.overflow = '';
    button.focus();
    // The frame's own origin, exactly: its src is on the widget origin.
    frame.contentWindow?.postMessage(
      {
        pb: PROTOCOL_VERSION,
        type: 'close',
        id: Math.random().toString(36).slice(2),
        payload: {},
      } satisfies Message<HostToFrame>,
      new URL(frame.src).origin,
    );
    // The widget's own pb-close already reached the page; only a close by the fan is announced here.
    if (!closedByWidget) onClose();
    closedByWidget = false;
  };
  // A widget that is done (its own "Close" or "Done") raises pb-close: the dialog closes with it.
  const closeFromWidget = () => {
    if (!dialog.open) return;
    closedByWidget = true;
    dialog.close();
  };
  element.addEventListener('pb-close', closeFromWidget);
  element.append(button, dialog);
  return () => {
    element.removeEventListener('pb-close', closeFromWidget);
    if (dialog.open) dialog.close();
    button.remove();
    dialog.remove();
  };
}
